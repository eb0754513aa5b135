"""What the sync loop needs from the device: its outbox, inbox, saved marks, a clock and HQ.

The till implements these over its SQLite log (fluxion_desktop/adapters/sync); the loop's tests
use small in-memory fakes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sync.client.outgoing import OwnEvent, PushBatch
from sync.protocol import PullResponse, PushResponse, StatusResponse, WireEvent


@dataclass(frozen=True, slots=True)
class SyncMarks:
    """How far sync has come, as saved on the device."""

    acked_position: int
    acked_hash: str
    pull_cursor: int
    alarm: str | None = None


class Outbox(Protocol):
    """The device's own events, in position order."""

    def own_events_after(self, position: int, limit: int) -> list[OwnEvent]:
        """Up to `limit` own events after `position`, in position order, encoded for the wire."""
        ...

    def own_hash_at(self, position: int) -> str | None:
        """The hash of the own event at `position` (GENESIS_HASH for 0); None if there is none."""
        ...

    def last_own_position(self) -> int: ...

    def pending_after(self, position: int) -> int:
        """How many own events lie after `position`."""
        ...


class Inbox(Protocol):
    def apply(self, events: Sequence[WireEvent], next_cursor: int) -> int:
        """Store a pulled page and move the pull cursor to `next_cursor` in one local
        transaction; return how many events were new."""
        ...


class StateStore(Protocol):
    def marks(self) -> SyncMarks: ...

    def record_acked(self, position: int, last_hash: str) -> None: ...

    def record_success(self, at: datetime) -> None: ...

    def record_error(self, at: datetime, message: str) -> None: ...

    def raise_alarm(self, at: datetime, message: str) -> None: ...


class Clock(Protocol):
    def now(self) -> datetime: ...


class HqApi(Protocol):
    """HQ as the device sees it (`sync.client.http.HqClient`)."""

    def status(self) -> StatusResponse: ...

    def push(self, batch: PushBatch) -> PushResponse: ...

    def pull(self, cursor: int, limit: int) -> PullResponse: ...
