"""The event store port: the envelope of ARCHITECTURE.md §3, append results and errors.

The SQLite store in `fluxion_desktop.adapters` implements `EventStore`; the HQ's PostgreSQL store
will implement it too, and `tests/contracts` runs one suite against every implementation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol
from uuid import UUID

from fluxion_desktop.domain.events import DomainEvent

JsonObject = Mapping[str, Any]


class EventStoreError(Exception):
    """Base of every error the event store raises; `field` names the offending envelope field."""

    def __init__(self, message: str, field: str | None = None) -> None:
        named = field is None or message.startswith(field)
        super().__init__(message if named else f"{field}: {message}")
        self.field = field


class ConcurrencyError(EventStoreError):
    """The stream is not at the expected version; nothing was written."""

    def __init__(self, stream_id: str, expected: int, actual: int) -> None:
        super().__init__(
            f"stream {stream_id!r} is at version {actual}, expected {expected}", "expected_version"
        )
        self.stream_id = stream_id
        self.expected = expected
        self.actual = actual


class EventIdConflict(EventStoreError):
    """An event id already stored with different content (or in a different place)."""

    def __init__(self, event_id: UUID, why: str) -> None:
        super().__init__(f"event {event_id} already stored {why}", "event_id")
        self.event_id = event_id


class InvalidEvent(EventStoreError):
    """An envelope that must not be written: unknown type, no tenant, naive time, float money."""


@dataclass(frozen=True, slots=True)
class NewEvent:
    """An event ready to append; the store assigns `stream_id`, `version`, position and hashes."""

    event_id: UUID
    event_type: str
    schema_version: int
    tenant_id: str
    store_id: str
    device_id: str
    user_id: str | None
    occurred_at: datetime
    payload: JsonObject
    metadata: JsonObject = field(default_factory=dict)
    # The domain event the payload was made from, when there is one: projections fed by this
    # append then need not decode the payload again. Never stored; not part of equality.
    domain_event: DomainEvent | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """An event as stored: the wire format of sync and the feed of projections."""

    position: int
    event_id: UUID
    event_type: str
    schema_version: int
    stream_id: str
    version: int
    tenant_id: str
    store_id: str
    device_id: str
    user_id: str | None
    occurred_at: datetime
    payload: JsonObject
    metadata: JsonObject
    prev_hash: str
    hash: str
    origin: str = "local"
    domain_event: DomainEvent | None = field(default=None, compare=False, repr=False)


class AppendStatus(StrEnum):
    APPENDED = "appended"
    DUPLICATE = "duplicate"


@dataclass(frozen=True, slots=True)
class AppendResult:
    """What an append did: `status` is "duplicate" when every event was already stored as is."""

    status: AppendStatus
    stream_id: str
    version: int
    positions: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class StreamAppend:
    """One stream's part of an atomic multi-stream append."""

    stream_id: str
    events: Sequence[NewEvent]
    expected_version: int


@dataclass(frozen=True, slots=True)
class Snapshot:
    stream_id: str
    version: int
    snapshot_type: str
    schema_version: int
    state: JsonObject


@dataclass(frozen=True, slots=True)
class VerificationProblem:
    position: int
    event_id: UUID | None
    what: str


@dataclass(frozen=True, slots=True)
class VerificationReport:
    events_checked: int
    problems: tuple[VerificationProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def first_bad_position(self) -> int | None:
        return self.problems[0].position if self.problems else None


class EventStore(Protocol):
    """The local event log. Every write is atomic; reads never block a writer (WAL)."""

    def append(
        self, stream_id: str, events: Sequence[NewEvent], expected_version: int
    ) -> AppendResult: ...

    def append_many(
        self, appends: Sequence[StreamAppend], *, wait_for_disk: bool = True
    ) -> list[AppendResult]:
        """Several streams in one transaction: all appended, all duplicates, or an error.

        The commit is on disk when this returns. `wait_for_disk=False` returns once it is in the
        log, not yet forced to disk: an app crash keeps it, a power cut may take it (and later
        such commits, never earlier ones) until the next append that waits makes it durable with
        everything before it. Only an open cart's edits append so: nothing is acknowledged until
        the sale completes, and the completion waits.
        """
        ...

    def read_stream(self, stream_id: str, from_version: int = 1) -> list[StoredEvent]: ...

    def read_all(self, after_position: int = 0, limit: int = 1000) -> list[StoredEvent]: ...

    def stream_version(self, stream_id: str) -> int: ...

    def stream_versions(self, stream_ids: Sequence[str]) -> list[int]:
        """The version of each stream (0 for one not written yet), in one read."""
        ...

    def last_position(self) -> int: ...

    def save_snapshot(self, snapshot: Snapshot) -> None: ...

    def load_snapshot(self, stream_id: str) -> Snapshot | None: ...

    def verify(self) -> VerificationReport: ...
