"""Fakes of our ports: a clock that moves when told, ids in order, an in-memory event store.

The in-memory store runs the same contract suite as the SQLite store (tests/contracts).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from uuid import UUID

from fluxion_desktop.adapters.event_codec import canonical_json, validate
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
    VerificationReport,
)


class FakeClock:
    def __init__(self, start: datetime | None = None) -> None:
        self.current = start or datetime(2026, 11, 25, 12, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.current

    def advance(self, **kwargs: float) -> None:
        self.current += timedelta(**kwargs)


class SequentialIds:
    def __init__(self) -> None:
        self._next = 0

    def new_id(self) -> UUID:
        self._next += 1
        return UUID(int=self._next)


class InMemoryEventStore:
    def __init__(self, device_id: str, is_known_type: Callable[[str], bool]) -> None:
        self._device_id = device_id
        self._is_known_type = is_known_type
        self._log: list[StoredEvent] = []
        self._by_id: dict[UUID, StoredEvent] = {}
        self._snapshots: dict[str, Snapshot] = {}

    def append(
        self, stream_id: str, events: Sequence[NewEvent], expected_version: int
    ) -> AppendResult:
        return self.append_many([StreamAppend(stream_id, events, expected_version)])[0]

    def append_many(
        self, appends: Sequence[StreamAppend], *, wait_for_disk: bool = True
    ) -> list[AppendResult]:
        if not appends:
            raise InvalidEvent("nothing to append", "events")
        everything = [e for part in appends for e in part.events]
        for part in appends:
            self._check(part.stream_id, part.events)
        if len({e.event_id for e in everything}) != len(everything):
            raise InvalidEvent("the same event_id appears twice in one append", "event_id")
        if any(e.event_id in self._by_id for e in everything):
            return [
                self._duplicate(
                    p.stream_id,
                    p.events,
                    p.expected_version,
                    [self._by_id.get(e.event_id) for e in p.events],
                )
                for p in appends
            ]
        for part in appends:
            actual = self.stream_version(part.stream_id)
            if actual != part.expected_version:
                raise ConcurrencyError(part.stream_id, part.expected_version, actual)
        return [self._write(p.stream_id, p.events, p.expected_version) for p in appends]

    def _check(self, stream_id: str, events: Sequence[NewEvent]) -> None:
        if not stream_id:
            raise InvalidEvent("stream_id is missing", "stream_id")
        if not events:
            raise InvalidEvent("nothing to append", "events")
        for event in events:
            validate(event, self._is_known_type)
            if event.device_id != self._device_id:
                raise InvalidEvent("device_id is not this device", "device_id")

    def _write(
        self, stream_id: str, events: Sequence[NewEvent], expected_version: int
    ) -> AppendResult:
        positions = []
        for offset, event in enumerate(events):
            stored = self._stored(stream_id, expected_version + offset + 1, event)
            self._log.append(stored)
            self._by_id[event.event_id] = stored
            positions.append(stored.position)
        return AppendResult(
            AppendStatus.APPENDED, stream_id, expected_version + len(events), tuple(positions)
        )

    def _stored(self, stream_id: str, version: int, event: NewEvent) -> StoredEvent:
        prev = self._log[-1].hash if self._log else "0" * 64
        body = canonical_json({"e": str(event.event_id), "p": dict(event.payload), "prev": prev})
        return StoredEvent(
            position=len(self._log) + 1,
            event_id=event.event_id,
            event_type=event.event_type,
            schema_version=event.schema_version,
            stream_id=stream_id,
            version=version,
            tenant_id=event.tenant_id,
            store_id=event.store_id,
            device_id=event.device_id,
            user_id=event.user_id,
            occurred_at=event.occurred_at.astimezone(UTC),
            payload=dict(event.payload),
            metadata=dict(event.metadata),
            prev_hash=prev,
            hash=hashlib.sha256(body.encode()).hexdigest(),
        )

    def _duplicate(
        self,
        stream_id: str,
        events: Sequence[NewEvent],
        expected_version: int,
        known: list[StoredEvent | None],
    ) -> AppendResult:
        for offset, (event, stored) in enumerate(zip(events, known, strict=True)):
            if stored is None:
                raise EventIdConflict(event.event_id, "while other events are new")
            candidate = self._stored(stream_id, expected_version + offset + 1, event)
            same = replace(candidate, position=stored.position, prev_hash="", hash="") == replace(
                stored, prev_hash="", hash=""
            )
            if not same:
                raise EventIdConflict(event.event_id, "with different content")
        return AppendResult(
            AppendStatus.DUPLICATE,
            stream_id,
            expected_version + len(events),
            tuple(s.position for s in known if s is not None),
        )

    def read_stream(self, stream_id: str, from_version: int = 1) -> list[StoredEvent]:
        return [e for e in self._log if e.stream_id == stream_id and e.version >= from_version]

    def read_all(self, after_position: int = 0, limit: int = 1000) -> list[StoredEvent]:
        return self._log[after_position : after_position + limit]

    def stream_version(self, stream_id: str) -> int:
        versions = [e.version for e in self._log if e.stream_id == stream_id]
        return max(versions, default=0)

    def stream_versions(self, stream_ids: Sequence[str]) -> list[int]:
        return [self.stream_version(stream_id) for stream_id in stream_ids]

    def last_position(self) -> int:
        return len(self._log)

    def save_snapshot(self, snapshot: Snapshot) -> None:
        current = self._snapshots.get(snapshot.stream_id)
        if current is None or snapshot.version > current.version:
            self._snapshots[snapshot.stream_id] = snapshot

    def load_snapshot(self, stream_id: str) -> Snapshot | None:
        return self._snapshots.get(stream_id)

    def verify(self) -> VerificationReport:
        return VerificationReport(len(self._log), ())
