"""Ten-line fakes of the sync loop's ports: an HQ that keeps one device's chain, an outbox, an
inbox, saved marks. The real ones run in tests/sync/e2e against a real server and a real till."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from sync.client.errors import ChainFork, RequestRejected, Retryable, SyncError
from sync.client.outgoing import OwnEvent, PushBatch, own_event
from sync.client.ports import SyncMarks
from sync.protocol import (
    GENESIS_HASH,
    PullResponse,
    PushResponse,
    StatusResponse,
    WireEvent,
    canonical_json,
    chain_hash,
    chain_hashes,
)

DEVICE = "device-a"


def own_events(count: int, start: int = 1, prev_hash: str = GENESIS_HASH) -> list[WireEvent]:
    """`count` events of DEVICE at positions start, start+1, ..., chained after `prev_hash`."""
    events = []
    for position in range(start, start + count):
        event = wire_event(DEVICE, position, f"sale-{position % 7}", position)
        event = event.model_copy(update={"prev_hash": prev_hash})
        prev_hash = chain_hash(event, prev_hash)
        events.append(event.model_copy(update={"hash": prev_hash}))
    return events


def wire_event(device: str, position: int, stream: str, version: int) -> WireEvent:
    moment = datetime(2026, 11, 25, 12, tzinfo=UTC) + timedelta(seconds=position)
    return WireEvent(
        event_id=f"00000000-0000-4000-8000-{abs(hash((device, position))) % 10**12:012d}",
        event_type="SaleCompleted", schema_version=1, stream_id=f"{stream}@{device}",
        version=version, tenant_id="tenant-a", store_id="store-1", device_id=device,
        user_id="u1", occurred_at=moment.isoformat(timespec="microseconds"), position=position,
        payload={"total": f"{position}.00"}, metadata={},
    )  # fmt: skip


class FakeHq:
    """HQ's side for one device: its chain, plus a feed of other devices' events to pull."""

    def __init__(self, max_batch: int = 500) -> None:
        self.held: list[WireEvent] = []
        self.feed: list[WireEvent] = []
        self.failures: list[SyncError] = []  # raised, one per call, before the call does anything
        self.drop_answers = 0  # pushes that commit, then "lose" their answer
        self.max_batch = max_batch
        self.pushes = 0

    def _fail(self) -> None:
        if self.failures:
            raise self.failures.pop(0)

    def _head(self) -> tuple[int, str]:
        return (
            (self.held[-1].position, self.held[-1].hash or "") if self.held else (0, GENESIS_HASH)
        )

    def status(self) -> StatusResponse:
        self._fail()
        position, last = self._head()
        return StatusResponse(device_id=DEVICE, tenant_id="tenant-a", store_id="store-1",
                              acked_position=position, last_hash=last,
                              pull_high_water=len(self.feed))  # fmt: skip

    def push(self, batch: PushBatch) -> PushResponse:
        self._fail()
        request = batch.to_request()
        self.pushes += 1
        if len(request.events) > self.max_batch:
            raise RequestRejected("too large", 413, "payload_too_large")
        hashes = chain_hashes(request.events, request.prev_hash)
        assert hashes[-1] == request.last_hash, "the client sent a batch that does not chain"
        held = {e.event_id: e.hash for e in self.held}
        head = self._head()[1]
        accepted = 0
        for index, (event, computed) in enumerate(zip(request.events, hashes, strict=True)):
            if event.event_id in held:
                if held[event.event_id] != computed:
                    raise ChainFork("chain_fork", 409, "chain_fork")
                continue
            prev = hashes[index - 1] if index else request.prev_hash
            if prev != head:
                raise ChainFork("chain_fork", 409, "chain_fork")
            self.held.append(event.model_copy(update={"hash": computed}))
            head, accepted = computed, accepted + 1
        if self.drop_answers:
            self.drop_answers -= 1
            raise Retryable("the answer was lost after HQ committed")
        position, last = self._head()
        return PushResponse(acked_position=position, last_hash=last, accepted=accepted,
                            duplicates=len(request.events) - accepted)  # fmt: skip

    def pull(self, cursor: int, limit: int) -> PullResponse:
        self._fail()
        page = self.feed[cursor : cursor + limit]
        next_cursor = cursor + len(page)
        return PullResponse(events=page, next_cursor=next_cursor,
                            has_more=next_cursor < len(self.feed))  # fmt: skip


class FakeOutbox:
    def __init__(self, events: Sequence[WireEvent] = ()) -> None:
        self.events = list(events)

    def own_events_after(self, position: int, limit: int) -> list[OwnEvent]:
        return [outgoing(e) for e in self.events if e.position > position][:limit]

    def own_hash_at(self, position: int) -> str | None:
        if position == 0:
            return GENESIS_HASH
        return next((e.hash for e in self.events if e.position == position), None)

    def last_own_position(self) -> int:
        return self.events[-1].position if self.events else 0

    def pending_after(self, position: int) -> int:
        return sum(1 for e in self.events if e.position > position)


def outgoing(event: WireEvent) -> OwnEvent:
    """An own event with hashes as the outbox hands it out."""
    assert event.prev_hash is not None and event.hash is not None
    return own_event(event.event_id, event.event_type, event.schema_version, event.stream_id,
                     event.version, event.tenant_id, event.store_id, event.user_id,
                     event.occurred_at, event.position, canonical_json(event.payload),
                     canonical_json(event.metadata), event.prev_hash, event.hash)  # fmt: skip


class FakeState:
    def __init__(self) -> None:
        self.saved = SyncMarks(0, GENESIS_HASH, 0)
        self.successes: list[datetime] = []
        self.errors: list[str] = []

    def marks(self) -> SyncMarks:
        return self.saved

    def record_acked(self, position: int, last_hash: str) -> None:
        self.saved = replace(self.saved, acked_position=position, acked_hash=last_hash)

    def record_success(self, at: datetime) -> None:
        self.successes.append(at)

    def record_error(self, at: datetime, message: str) -> None:
        self.errors.append(message)

    def raise_alarm(self, at: datetime, message: str) -> None:
        self.saved = replace(self.saved, alarm=message)


class FakeInbox:
    def __init__(self, state: FakeState) -> None:
        self.state = state
        self.stored: dict[str, WireEvent] = {}

    def apply(self, events: Sequence[WireEvent], next_cursor: int) -> int:
        fresh = [e for e in events if e.event_id not in self.stored]
        self.stored.update((e.event_id, e) for e in fresh)
        self.state.saved = replace(self.state.saved, pull_cursor=next_cursor)
        return len(fresh)


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now
