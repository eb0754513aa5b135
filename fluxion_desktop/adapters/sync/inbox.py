"""Pulled pages into the till's log: the events and the pull cursor in one local transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

from fluxion_desktop.adapters.database_errors import DatabaseLocked
from fluxion_desktop.adapters.event_codec import utc_text
from fluxion_desktop.adapters.sqlite_event_store import SqliteEventStore
from fluxion_desktop.adapters.sync.state_store import move_pull_cursor
from fluxion_desktop.application.event_store import EventStoreError, StoredEvent
from sync.client.errors import PullRefused, Retryable
from sync.protocol import WireEvent


class SqliteInbox:
    """`Inbox` of the sync loop over `SqliteEventStore.import_remote`."""

    def __init__(self, store: SqliteEventStore) -> None:
        self._store = store

    def apply(self, events: Sequence[WireEvent], next_cursor: int) -> int:
        stored = [from_wire(e) for e in events]

        def move_cursor(db: sqlite3.Connection) -> None:
            move_pull_cursor(db, next_cursor)

        try:
            return len(self._store.import_remote(stored, also=move_cursor))
        except DatabaseLocked as error:
            raise Retryable(f"the till's database is busy: {error}") from error
        except EventStoreError as error:
            raise PullRefused(f"a pulled event cannot be stored: {error}") from error
        except Exception as error:  # a read model cannot take the page: the same page would
            # fail again, so this is reported (and retried rarely), never retried in a loop
            raise PullRefused(
                f"a pulled page cannot be applied to this till's read models "
                f"({type(error).__name__}: {error}); nothing of it was kept"
            ) from error


def from_wire(event: WireEvent) -> StoredEvent:
    """A pulled envelope as the store keeps it; PullRefused when it lacks what the log needs."""
    if event.prev_hash is None or event.hash is None:
        raise PullRefused(f"pulled event {event.event_id} arrived without its hashes")
    moment = datetime.fromisoformat(event.occurred_at)
    if moment.utcoffset() is None or utc_text(moment) != event.occurred_at:
        # The hash covers the exact text; the log stores one canonical form of it.
        raise PullRefused(
            f"pulled event {event.event_id} has occurred_at {event.occurred_at!r}, not in the "
            "form this till stores (UTC, microseconds, +00:00)"
        )
    return StoredEvent(
        event.position,
        UUID(event.event_id),
        event.event_type,
        event.schema_version,
        event.stream_id,
        event.version,
        event.tenant_id,
        event.store_id,
        event.device_id,
        event.user_id,
        moment,
        event.payload,
        event.metadata,
        event.prev_hash,
        event.hash,
        "remote",
    )
