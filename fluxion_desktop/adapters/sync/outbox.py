"""The till's own events as the push sees them: after a position, converted to the wire envelope."""

from __future__ import annotations

from fluxion_desktop.adapters.event_codec import utc_text
from fluxion_desktop.adapters.sqlite_engine import raw_read_transaction
from fluxion_desktop.adapters.sqlite_event_store import SqliteEventStore
from fluxion_desktop.application.event_store import StoredEvent
from sync.protocol import GENESIS_HASH, WireEvent

# Past pulled events, the log is read on in pages at least this long.
_READ_PAGE = 200


class SqliteOutbox:
    """`Outbox` of the sync loop: events this device wrote (origin local), in position order."""

    def __init__(self, store: SqliteEventStore) -> None:
        self._store = store
        self._device_id = store.device_id

    def own_events_after(self, position: int, limit: int) -> list[WireEvent]:
        found: list[WireEvent] = []
        page = limit
        while len(found) < limit:
            events = self._store.read_all(position, page)
            own = [e for e in events if self._is_own(e)][: limit - len(found)]
            found += [to_wire(e) for e in own]
            if len(events) < page:
                break
            position = events[-1].position
            page = max(limit - len(found), _READ_PAGE)  # read on past pulled events
        return found

    def own_hash_at(self, position: int) -> str | None:
        if position == 0:
            return GENESIS_HASH
        found = self._store.read_all(position - 1, 1)
        if not found or found[0].position != position or not self._is_own(found[0]):
            return None
        return found[0].hash

    def last_own_position(self) -> int:
        with raw_read_transaction(self._store.engine) as db:
            row = db.execute(
                "SELECT last_position FROM chain_heads WHERE device_id = ?", (self._device_id,)
            ).fetchone()
        return 0 if row is None else int(row[0])

    def pending_after(self, position: int) -> int:
        with raw_read_transaction(self._store.engine) as db:
            row = db.execute(
                "SELECT COUNT(*) FROM events WHERE device_id = ? AND position > ?",
                (self._device_id, position),
            ).fetchone()
        return int(row[0])

    def _is_own(self, event: StoredEvent) -> bool:
        return event.origin == "local" and event.device_id == self._device_id


def to_wire(event: StoredEvent) -> WireEvent:
    """The wire envelope of a stored event, with its hashes.

    Built without re-validation: the store validated every field when it was appended, and a push
    of 100,000 events must not pay for checking them twice. `occurred_at` is the stored text.
    """
    return WireEvent.model_construct(
        event_id=str(event.event_id),
        event_type=event.event_type,
        schema_version=event.schema_version,
        stream_id=event.stream_id,
        version=event.version,
        tenant_id=event.tenant_id,
        store_id=event.store_id,
        device_id=event.device_id,
        user_id=event.user_id,
        occurred_at=utc_text(event.occurred_at),
        position=event.position,
        payload=dict(event.payload),
        metadata=dict(event.metadata),
        prev_hash=event.prev_hash,
        hash=event.hash,
    )
