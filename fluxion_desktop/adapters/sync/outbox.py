"""The till's own events as the push sees them: after a position, encoded for the wire once.

Read straight from the log's rows (the index on device and position), with the stored payload and
metadata texts spliced into the wire JSON as they are: they are the canonical texts the hash chain
covers, so HQ recomputes the very hashes this till stored.
"""

from __future__ import annotations

from sqlalchemy import Engine

from fluxion_desktop.adapters.sqlite_engine import make_log_durable, raw_read_transaction
from fluxion_desktop.adapters.sqlite_event_store import SqliteEventStore
from sync.client.outgoing import OwnEvent, own_event
from sync.protocol import GENESIS_HASH

# The columns in the order `own_event` takes them.
_SELECT_OWN = (
    "SELECT event_id, event_type, schema_version, stream_id, version, tenant_id, store_id, "
    "user_id, occurred_at, position, payload, metadata, prev_hash, hash FROM events "
    "WHERE device_id = ? AND origin = 'local' AND position > ? ORDER BY position LIMIT ?"
)


class SqliteOutbox:
    """`Outbox` of the sync loop: the events this device wrote (origin local), in position order."""

    def __init__(self, store: SqliteEventStore) -> None:
        self._engine: Engine = store.engine
        self._device_id = store.device_id

    def own_events_after(self, position: int, limit: int) -> list[OwnEvent]:
        """The events to push, each on disk: some commits do not wait for the disk (an open
        cart's edits, written when the till pauses)."""
        with raw_read_transaction(self._engine) as db:
            rows = db.execute(_SELECT_OWN, (self._device_id, position, limit)).fetchall()
        if rows:
            make_log_durable(self._engine)
        return [own_event(*row) for row in rows]

    def own_hash_at(self, position: int) -> str | None:
        if position == 0:
            return GENESIS_HASH
        with raw_read_transaction(self._engine) as db:
            row = db.execute(
                "SELECT hash FROM events WHERE position = ? AND device_id = ? AND origin = 'local'",
                (position, self._device_id),
            ).fetchone()
        return None if row is None else str(row[0])

    def last_own_position(self) -> int:
        with raw_read_transaction(self._engine) as db:
            row = db.execute(
                "SELECT last_position FROM chain_heads WHERE device_id = ?", (self._device_id,)
            ).fetchone()
        return 0 if row is None else int(row[0])

    def pending_after(self, position: int) -> int:
        with raw_read_transaction(self._engine) as db:
            row = db.execute(
                "SELECT COUNT(*) FROM events WHERE device_id = ? AND position > ?",
                (self._device_id, position),
            ).fetchone()
        return int(row[0])
