"""The device's sync marks in its own database (table `sync_state`, revision 0008)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine

from fluxion_desktop.adapters.event_codec import utc_text
from fluxion_desktop.adapters.sqlite_engine import raw_read_transaction, raw_write_transaction
from sync.client.ports import SyncMarks
from sync.protocol import GENESIS_HASH

_COLUMNS = (
    "hq_url, acked_position, acked_hash, pull_cursor, last_success, last_error, last_error_at, "
    "alarm"
)


@dataclass(frozen=True, slots=True)
class SavedSyncState:
    """Everything the table holds, for status and the CLI."""

    hq_url: str | None
    marks: SyncMarks
    last_success: datetime | None
    last_error: str | None
    last_error_at: datetime | None


class SqliteSyncState:
    """`StateStore` of the sync loop over the till's SQLite file (one row, made on first write)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def load(self) -> SavedSyncState:
        with raw_read_transaction(self._engine) as db:
            row = db.execute(f"SELECT {_COLUMNS} FROM sync_state WHERE slot = 1").fetchone()
        if row is None:
            return SavedSyncState(None, SyncMarks(0, GENESIS_HASH, 0), None, None, None)
        url, acked, acked_hash, cursor, success, error, error_at, alarm = row
        return SavedSyncState(
            url, SyncMarks(acked, acked_hash, cursor, alarm), _time(success), error, _time(error_at)
        )

    def marks(self) -> SyncMarks:
        return self.load().marks

    def hq_url(self) -> str | None:
        return self.load().hq_url

    def set_hq_url(self, url: str) -> None:
        self._update("hq_url = ?", url)

    def record_acked(self, position: int, last_hash: str) -> None:
        with raw_write_transaction(self._engine) as db:
            _ensure_row(db)
            db.execute(
                "UPDATE sync_state SET acked_position = ?, acked_hash = ? WHERE slot = 1",
                (position, last_hash),
            )

    def record_success(self, at: datetime) -> None:
        """A whole cycle succeeded: the error before it is history (the log keeps it)."""
        self._update("last_success = ?, last_error = NULL", utc_text(at, "at"))

    def record_error(self, at: datetime, message: str) -> None:
        self._update("last_error = ?, last_error_at = ?", message, utc_text(at, "at"))

    def raise_alarm(self, at: datetime, message: str) -> None:
        self._update("alarm = ?, last_error = ?, last_error_at = ?",
                     message, message, utc_text(at, "at"))  # fmt: skip

    def clear_alarm(self) -> None:
        """A person resolved the disagreement with HQ (after restoring or re-enrolling)."""
        self._update("alarm = NULL")

    def _update(self, assignments: str, *values: object) -> None:
        with raw_write_transaction(self._engine) as db:
            _ensure_row(db)
            db.execute(f"UPDATE sync_state SET {assignments} WHERE slot = 1", values)


def move_pull_cursor(db: sqlite3.Connection, cursor: int) -> None:
    """Inside the transaction that stores a pulled page: the cursor moves with the page."""
    _ensure_row(db)
    db.execute("UPDATE sync_state SET pull_cursor = ? WHERE slot = 1", (cursor,))


def _ensure_row(db: sqlite3.Connection) -> None:
    db.execute(
        "INSERT OR IGNORE INTO sync_state (slot, acked_position, acked_hash, pull_cursor) "
        "VALUES (1, 0, ?, 0)",
        (GENESIS_HASH,),
    )


def _time(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)
