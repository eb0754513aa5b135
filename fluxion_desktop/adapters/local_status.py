"""What `fluxion-pos status` reports about the local database."""

from __future__ import annotations

from sqlalchemy import Engine

from fluxion_desktop.adapters.database import current_revision
from fluxion_desktop.adapters.sqlite_engine import raw_read_transaction
from fluxion_desktop.application.status import LocalStatus


def read_local_status(engine: Engine, device_id: str) -> LocalStatus:
    revision = current_revision(engine)
    with raw_read_transaction(engine) as db:
        # Positions run 1..N with no gap (never deleted), so the count is the last position: a
        # COUNT(*) would read a million rows each time the status bar refreshes.
        last = db.execute("SELECT COALESCE(MAX(position), 0) FROM events").fetchone()[0]
        total = last
        own = db.execute("SELECT COUNT(*) FROM events WHERE device_id = ?", (device_id,))
        own_count = own.fetchone()[0]
        # HQ's acknowledged mark lives in the sync client's state (no row: never synced).
        row = db.execute("SELECT acked_position FROM sync_state WHERE slot = 1").fetchone()
        acked = int(row[0]) if row else 0
        pending = db.execute(
            "SELECT COUNT(*) FROM events WHERE device_id = ? AND position > ?", (device_id, acked)
        ).fetchone()[0]
    return LocalStatus(revision, int(total), int(own_count), int(last), int(pending))
