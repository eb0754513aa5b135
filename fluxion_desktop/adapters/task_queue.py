"""The orchestrator's queue in the till's SQLite file: queued tasks survive a restart."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection
from datetime import UTC, datetime

from sqlalchemy import Engine

from fluxion_desktop.adapters.sqlite_engine import raw_read_transaction, raw_write_transaction
from fluxion_desktop.application.orchestrator.tasks import QueuedTask
from fluxion_desktop.domain.agent_tasks import TaskPriority

_COLUMNS = (
    "task_id, kind, subject, priority, deadline, max_attempts, attempts, not_before, created_at, "
    "specialisation, payload, last_error"
)
# Claim order (QueuedTask.order_key): priority, then the earlier deadline (none last), the oldest.
_ORDER = "ORDER BY priority DESC, deadline IS NULL, deadline, created_at, task_id"


class SqliteTaskQueue:
    """`TaskQueue` on the `agent_tasks` table; each call is one transaction."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def enqueue(self, task: QueuedTask) -> str:
        with raw_write_transaction(self._engine) as db:
            row = db.execute(
                f"SELECT {_COLUMNS} FROM agent_tasks WHERE dedup_key = ? AND running = 0 LIMIT 1",
                (task.dedup_key,),
            ).fetchone()
            if row is not None:
                return _merge_into(db, _from_row(row), task)
            db.execute(
                f"INSERT INTO agent_tasks ({_COLUMNS}, dedup_key, running) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                (*_to_row(task), task.dedup_key),
            )
            return task.task_id

    def claim(self, now: datetime, kinds: Collection[str]) -> QueuedTask | None:
        if not kinds:
            return None
        marks = ", ".join("?" for _ in kinds)
        select = (f"SELECT {_COLUMNS} FROM agent_tasks WHERE running = 0 AND not_before <= ? "
                  f"AND kind IN ({marks}) {_ORDER} LIMIT 1")  # fmt: skip
        params = (_text(now), *sorted(kinds))
        # An idle worker looks often: look without the write lock, so it never makes a sale's
        # commit wait; take the lock (and look again) only when there is something to claim.
        with raw_read_transaction(self._engine) as db:
            if db.execute(select, params).fetchone() is None:
                return None
        with raw_write_transaction(self._engine) as db:
            row = db.execute(select, params).fetchone()
            if row is None:
                return None
            db.execute("UPDATE agent_tasks SET running = 1 WHERE task_id = ?", (row[0],))
        return _from_row(row)

    def release(self, task_id: str, not_before: datetime, attempts: int, last_error: str) -> None:
        with raw_write_transaction(self._engine) as db:
            db.execute(
                "UPDATE agent_tasks SET running = 0, not_before = ?, attempts = ?, last_error = ? "
                "WHERE task_id = ?",
                (_text(not_before), attempts, last_error, task_id),
            )

    def finish(self, task_id: str) -> None:
        with raw_write_transaction(self._engine) as db:
            db.execute("DELETE FROM agent_tasks WHERE task_id = ?", (task_id,))

    def recover(self) -> int:
        with raw_write_transaction(self._engine) as db:
            return db.execute("UPDATE agent_tasks SET running = 0 WHERE running = 1").rowcount

    def pending(self) -> list[QueuedTask]:
        with raw_read_transaction(self._engine) as db:
            rows = db.execute(f"SELECT {_COLUMNS} FROM agent_tasks {_ORDER}").fetchall()
        return [_from_row(r) for r in rows]

    def next_due(self) -> datetime | None:
        with raw_read_transaction(self._engine) as db:
            row = db.execute("SELECT MIN(not_before) FROM agent_tasks WHERE running = 0").fetchone()
        return None if row[0] is None else datetime.fromisoformat(row[0])


def _merge_into(db: sqlite3.Connection, queued: QueuedTask, new: QueuedTask) -> str:
    merged = queued.absorb(new)
    db.execute(
        "UPDATE agent_tasks SET priority = ?, deadline = ?, max_attempts = ?, not_before = ? "
        "WHERE task_id = ?",
        (int(merged.priority), _text_or_none(merged.deadline), merged.max_attempts,
         _text(merged.not_before), merged.task_id),
    )  # fmt: skip
    return merged.task_id


def _text(moment: datetime) -> str:
    # One fixed-width UTC form, so text order is time order in SQL.
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _text_or_none(moment: datetime | None) -> str | None:
    return None if moment is None else _text(moment)


def _to_row(task: QueuedTask) -> tuple[object, ...]:
    return (task.task_id, task.kind, task.subject, int(task.priority),
            _text_or_none(task.deadline), task.max_attempts, task.attempts,
            _text(task.not_before), _text(task.created_at), task.specialisation,
            json.dumps(dict(task.payload), sort_keys=True), task.last_error)  # fmt: skip


def _from_row(row: tuple[object, ...]) -> QueuedTask:
    (task_id, kind, subject, priority, deadline, max_attempts, attempts, not_before, created_at,
     specialisation, payload, last_error) = row  # fmt: skip
    return QueuedTask(
        task_id=str(task_id),
        kind=str(kind),
        subject=str(subject),
        priority=TaskPriority(int(str(priority))),
        deadline=None if deadline is None else datetime.fromisoformat(str(deadline)),
        max_attempts=int(str(max_attempts)),
        attempts=int(str(attempts)),
        not_before=datetime.fromisoformat(str(not_before)),
        created_at=datetime.fromisoformat(str(created_at)),
        specialisation=None if specialisation is None else str(specialisation),
        payload={str(k): str(v) for k, v in json.loads(str(payload)).items()},
        last_error=str(last_error),
    )
