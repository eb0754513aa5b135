"""The local event log on SQLite: atomic, idempotent appends, a per-device hash chain, snapshots."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import IntegrityError

from fluxion_desktop.adapters import event_codec
from fluxion_desktop.adapters.projections import Projection, save_checkpoint
from fluxion_desktop.adapters.sqlite_engine import read_transaction, write_transaction
from fluxion_desktop.application.event_store import (
    AppendResult,
    AppendStatus,
    ConcurrencyError,
    EventIdConflict,
    InvalidEvent,
    NewEvent,
    Snapshot,
    StoredEvent,
    StreamAppend,
    VerificationProblem,
    VerificationReport,
)

_INSERT = (
    f"INSERT INTO events ({event_codec.COLUMNS}) "
    "VALUES (:position, :event_id, :event_type, :schema_version, :stream_id, :version, "
    ":tenant_id, :store_id, :device_id, :user_id, :occurred_at, :payload, :metadata, "
    ":prev_hash, :hash, :origin)"
)
_COLUMN_NAMES = tuple(c.strip() for c in event_codec.COLUMNS.split(","))
_COMPARED = (
    "event_type", "schema_version", "stream_id", "version", "tenant_id", "store_id", "device_id",
    "user_id", "occurred_at", "payload", "metadata",
)  # fmt: skip


class SqliteEventStore:
    """The device's event log. `device_id` is this device: only its events may be appended here.

    `projections` are synchronous: they are updated in the same transaction as every append.
    `on_commit` receives the stored events after each commit (the message bus publishes them).
    """

    def __init__(
        self,
        engine: Engine,
        device_id: str,
        is_known_type: Callable[[str], bool],
        projections: Sequence[Projection] = (),
        on_commit: Callable[[list[StoredEvent]], None] | None = None,
    ) -> None:
        self._on_commit = on_commit
        self._engine = engine
        self._device_id = device_id
        self._is_known_type = is_known_type
        self._projections = tuple(projections)

    @property
    def engine(self) -> Engine:
        return self._engine

    @property
    def device_id(self) -> str:
        return self._device_id

    # -- writing -------------------------------------------------------------------------------

    def append(
        self, stream_id: str, events: Sequence[NewEvent], expected_version: int
    ) -> AppendResult:
        """Append `events` to `stream_id` if it is at `expected_version`, all or nothing.

        Re-appending events that are already stored identically is a no-op whose result says
        "duplicate"; an id stored with other content raises `EventIdConflict`.
        """
        return self.append_many([StreamAppend(stream_id, events, expected_version)])[0]

    def append_many(self, appends: Sequence[StreamAppend]) -> list[AppendResult]:
        """Append to several streams in one transaction (a sale and its stock movements)."""
        if not appends:
            raise InvalidEvent("nothing to append", "events")
        for part in appends:
            self._validate(part.stream_id, part.events, part.expected_version)
        events = [e for part in appends for e in part.events]
        if len({e.event_id for e in events}) != len(events):
            raise InvalidEvent("the same event_id appears twice in one append", "event_id")
        with write_transaction(self._engine) as connection:
            rows_by_part = _rows(appends, _last_position(connection))
            rows = [row for part_rows in rows_by_part for row in part_rows]
            known = _stored_rows(connection, [row["event_id"] for row in rows])
            if known:
                return [
                    _duplicate_result(part.stream_id, part_rows, known)
                    for part, part_rows in zip(appends, rows_by_part, strict=True)
                ]
            for part in appends:
                actual = _stream_version(connection, part.stream_id)
                if actual != part.expected_version:
                    raise ConcurrencyError(part.stream_id, part.expected_version, actual)
            self._chain(connection, rows)
            connection.exec_driver_sql(_INSERT, rows if len(rows) > 1 else rows[0])
            stored = [_stored_from_new(e, r) for e, r in zip(events, rows, strict=True)]
            self._project(connection, stored)
        if self._on_commit is not None:
            self._on_commit(stored)
        return [
            AppendResult(
                AppendStatus.APPENDED,
                part.stream_id,
                part.expected_version + len(part.events),
                tuple(r["position"] for r in part_rows),
            )
            for part, part_rows in zip(appends, rows_by_part, strict=True)
        ]

    def import_remote(self, events: Sequence[StoredEvent]) -> list[StoredEvent]:
        """Store events other devices or HQ wrote (pulled by sync), idempotently, in one txn.

        Each keeps its own stream version and hashes (checked here) and gets a local position;
        already-known identical events are skipped. Returns the events newly stored.
        """
        rows = [self._remote_row(e) for e in events]
        if not rows:
            return []
        with write_transaction(self._engine) as connection:
            known = _stored_rows(connection, [r["event_id"] for r in rows])
            fresh = [r for r in rows if r["event_id"] not in known]
            for row in rows:
                if row["event_id"] in known:
                    _duplicate_result(row["stream_id"], [row], known)  # raises if it differs
            position = _last_position(connection)
            for row in fresh:
                position += 1
                row["position"] = position
            if fresh:
                try:
                    connection.exec_driver_sql(_INSERT, fresh)
                except IntegrityError:
                    raise InvalidEvent(
                        "a pulled event takes a stream version another event holds", "version"
                    ) from None
                stored = [event_codec.from_row(tuple(r[c] for c in _COLUMN_NAMES)) for r in fresh]
                self._project(connection, stored)
        if fresh and self._on_commit is not None:
            self._on_commit(stored)
        return stored if fresh else []

    def _remote_row(self, event: StoredEvent) -> dict[str, Any]:
        if event.device_id == self._device_id:
            raise InvalidEvent("this device's own events never arrive by sync", "device_id")
        row = event_codec.row_of(event)
        if event_codec.chain_hash(row, event.prev_hash) != event.hash:
            raise InvalidEvent(f"event {event.event_id} does not match its hash", "hash")
        row.update(prev_hash=event.prev_hash, hash=event.hash, origin="remote")
        return row

    def _validate(self, stream_id: str, events: Sequence[NewEvent], expected: int) -> None:
        if not isinstance(stream_id, str) or not stream_id.strip():
            raise InvalidEvent("stream_id is missing", "stream_id")
        if not isinstance(expected, int) or expected < 0:
            raise InvalidEvent("expected_version must be an integer >= 0", "expected_version")
        if not events:
            raise InvalidEvent("nothing to append", "events")
        for event in events:
            event_codec.validate(event, self._is_known_type)
            if event.device_id != self._device_id:
                raise InvalidEvent(
                    f"device_id {event.device_id!r} is not this device; "
                    "other devices' events arrive through sync",
                    "device_id",
                )

    def _chain(self, connection: Connection, rows: list[dict[str, Any]]) -> None:
        prev = connection.exec_driver_sql(
            "SELECT last_hash FROM chain_heads WHERE device_id = ?", (self._device_id,)
        ).scalar()
        prev_hash = prev or event_codec.GENESIS_HASH
        for row in rows:
            row["prev_hash"] = prev_hash
            row["hash"] = prev_hash = event_codec.chain_hash(row, prev_hash)
        connection.exec_driver_sql(
            "INSERT INTO chain_heads (device_id, last_position, last_hash) VALUES (?, ?, ?) "
            "ON CONFLICT(device_id) DO UPDATE SET last_position = excluded.last_position, "
            "last_hash = excluded.last_hash",
            (self._device_id, rows[-1]["position"], prev_hash),
        )

    def _project(self, connection: Connection, stored: list[StoredEvent]) -> None:
        for projection in self._projections:
            projection.handle(connection, stored)
            save_checkpoint(connection, projection.name, stored[-1].position)

    # -- snapshots -----------------------------------------------------------------------------

    def save_snapshot(self, snapshot: Snapshot) -> None:
        """Keep the latest snapshot of a stream (older ones are replaced)."""
        with write_transaction(self._engine) as connection:
            connection.exec_driver_sql(
                "INSERT INTO snapshots (stream_id, version, snapshot_type, schema_version, state) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(stream_id) DO UPDATE SET "
                "version = excluded.version, snapshot_type = excluded.snapshot_type, "
                "schema_version = excluded.schema_version, state = excluded.state "
                "WHERE excluded.version > snapshots.version",
                (
                    snapshot.stream_id,
                    snapshot.version,
                    snapshot.snapshot_type,
                    snapshot.schema_version,
                    event_codec.canonical_json(dict(snapshot.state)),
                ),
            )

    def load_snapshot(self, stream_id: str) -> Snapshot | None:
        with read_transaction(self._engine) as connection:
            row = connection.exec_driver_sql(
                "SELECT stream_id, version, snapshot_type, schema_version, state "
                "FROM snapshots WHERE stream_id = ?",
                (stream_id,),
            ).first()
        if row is None:
            return None
        return Snapshot(row[0], row[1], row[2], row[3], json.loads(row[4]))

    # -- reading -------------------------------------------------------------------------------

    def read_stream(self, stream_id: str, from_version: int = 1) -> list[StoredEvent]:
        with read_transaction(self._engine) as connection:
            rows = connection.exec_driver_sql(
                f"SELECT {event_codec.COLUMNS} FROM events "
                "WHERE stream_id = ? AND version >= ? ORDER BY version",
                (stream_id, from_version),
            ).fetchall()
        return [event_codec.from_row(tuple(r)) for r in rows]

    def read_all(self, after_position: int = 0, limit: int = 1000) -> list[StoredEvent]:
        with read_transaction(self._engine) as connection:
            rows = connection.exec_driver_sql(
                f"SELECT {event_codec.COLUMNS} FROM events WHERE position > ? "
                "ORDER BY position LIMIT ?",
                (after_position, limit),
            ).fetchall()
        return [event_codec.from_row(tuple(r)) for r in rows]

    def stream_version(self, stream_id: str) -> int:
        with read_transaction(self._engine) as connection:
            return _stream_version(connection, stream_id)

    def last_position(self) -> int:
        with read_transaction(self._engine) as connection:
            return _last_position(connection)

    def count(self, own_only: bool = False) -> int:
        """Events in the log; with `own_only`, those this device wrote."""
        with read_transaction(self._engine) as connection:
            if own_only:
                found = connection.exec_driver_sql(
                    "SELECT COUNT(*) FROM events WHERE device_id = ?", (self._device_id,)
                ).scalar()
            else:
                found = connection.exec_driver_sql("SELECT COUNT(*) FROM events").scalar()
        return int(found or 0)

    # -- integrity -----------------------------------------------------------------------------

    def verify(self) -> VerificationReport:
        """Walk the whole log: every hash, each device's chain links, contiguous stream versions."""
        problems: list[VerificationProblem] = []
        heads: dict[str, str] = {}
        versions: dict[str, int] = {}
        checked = 0
        with read_transaction(self._engine) as connection:
            cursor = connection.exec_driver_sql(
                f"SELECT {event_codec.COLUMNS} FROM events ORDER BY position"
            )
            for raw in cursor:
                checked += 1
                row = dict(zip(_COLUMN_NAMES, raw, strict=True))
                problem = _check_row(row, heads, versions)
                if problem:
                    problems.append(problem)
                heads[row["device_id"]] = row["hash"]
                versions[row["stream_id"]] = row["version"]
            stored_head = connection.exec_driver_sql(
                "SELECT last_position, last_hash FROM chain_heads WHERE device_id = ?",
                (self._device_id,),
            ).first()
        own_head = heads.get(self._device_id)
        if own_head is not None and (stored_head is None or stored_head[1] != own_head):
            problems.append(
                VerificationProblem(
                    0,
                    None,
                    "the chain head does not match the last own event "
                    "(events were removed from the end of the log)",
                )
            )
        return VerificationReport(checked, tuple(problems))


def _check_row(
    row: dict[str, Any], heads: dict[str, str], versions: dict[str, int]
) -> VerificationProblem | None:
    position, event_id = row["position"], UUID(row["event_id"])
    if event_codec.chain_hash(row, row["prev_hash"]) != row["hash"]:
        return VerificationProblem(position, event_id, "stored content does not match its hash")
    expected_prev = heads.get(row["device_id"], event_codec.GENESIS_HASH)
    if row["origin"] == "local" and row["prev_hash"] != expected_prev:
        return VerificationProblem(
            position, event_id, f"hash chain of device {row['device_id']} is broken here"
        )
    expected_version = versions.get(row["stream_id"], 0) + 1
    if row["version"] != expected_version:
        return VerificationProblem(
            position,
            event_id,
            f"stream {row['stream_id']} jumps to version {row['version']}, "
            f"expected {expected_version}",
        )
    return None


def _rows(appends: Sequence[StreamAppend], last_position: int) -> list[list[dict[str, Any]]]:
    position = last_position
    parts = []
    for part in appends:
        part_rows = []
        for offset, event in enumerate(part.events):
            position += 1
            version = part.expected_version + offset + 1
            part_rows.append(event_codec.to_row(event, part.stream_id, version, position))
        parts.append(part_rows)
    return parts


def _last_position(connection: Connection) -> int:
    return int(connection.exec_driver_sql("SELECT MAX(position) FROM events").scalar() or 0)


def _stream_version(connection: Connection, stream_id: str) -> int:
    found = connection.exec_driver_sql(
        "SELECT MAX(version) FROM events WHERE stream_id = ?", (stream_id,)
    ).scalar()
    return int(found or 0)


def _stored_rows(connection: Connection, ids: list[str]) -> dict[str, dict[str, Any]]:
    marks = ",".join("?" * len(ids))
    result = connection.exec_driver_sql(
        f"SELECT position, event_id, {', '.join(_COMPARED)} FROM events "
        f"WHERE event_id IN ({marks})",
        tuple(ids),
    )
    return {row.event_id: dict(row._mapping) for row in result}


def _duplicate_result(
    stream_id: str, rows: list[dict[str, Any]], known: dict[str, dict[str, Any]]
) -> AppendResult:
    for row in rows:
        stored = known.get(row["event_id"])
        if stored is None:
            raise EventIdConflict(
                UUID(next(iter(known))), "while other events of the same append are new"
            )
        differs = [name for name in _COMPARED if stored[name] != row[name]]
        if differs:
            raise EventIdConflict(
                UUID(row["event_id"]), f"with different content ({', '.join(differs)})"
            )
    return AppendResult(
        AppendStatus.DUPLICATE,
        stream_id,
        rows[-1]["version"],
        tuple(known[r["event_id"]]["position"] for r in rows),
    )


def _stored_from_new(event: NewEvent, row: dict[str, Any]) -> StoredEvent:
    return StoredEvent(
        position=row["position"],
        event_id=event.event_id,
        event_type=event.event_type,
        schema_version=event.schema_version,
        stream_id=row["stream_id"],
        version=row["version"],
        tenant_id=event.tenant_id,
        store_id=event.store_id,
        device_id=event.device_id,
        user_id=event.user_id,
        occurred_at=event.occurred_at,
        payload=event.payload,
        metadata=event.metadata,
        prev_hash=row["prev_hash"],
        hash=row["hash"],
        origin="local",
    )
