"""One sync cycle: compare marks with HQ, push own events after the acknowledged position, pull.

Pure logic over ports (`sync.client.ports`): no threads, no sleeping, no clock of its own. The
cadence (`sync.client.cadence`) decides when cycles run; the till's adapters provide the ports.

Safety rules kept here:
- resume from what HQ says it holds (status), never from a local guess, after any failure;
- a device whose log disagrees with HQ (HQ ahead of it, or a different hash at HQ's mark: a
  restored backup, a forked chain) raises an alarm and stops pushing; it never merges silently;
- a refused batch (413/422) is halved until one event is refused, which is then reported.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from sync.client.errors import ChainFork, ProtocolRefused, RequestRejected, SyncError
from sync.client.outgoing import OwnEvent, PushBatch
from sync.client.ports import Clock, HqApi, Inbox, Outbox, StateStore
from sync.protocol import (
    DEFAULT_PULL_LIMIT,
    GENESIS_HASH,
    MAX_PUSH_EVENTS,
    EventIssue,
    StatusResponse,
)

log = logging.getLogger(__name__)

# Batches between writes of the local mark during a long push (HQ's status is the truth; the
# local mark only feeds the pending count, and each write is an fsync).
_RECORD_EVERY = 8


@dataclass(frozen=True, slots=True)
class CycleReport:
    """What one cycle did. `current`: nothing left to push and the pull reached HQ's head."""

    pushed: int = 0
    duplicates: int = 0
    pulled: int = 0
    pending: int = 0
    pull_current: bool = False
    alarm: str | None = None
    conflicts: tuple[EventIssue, ...] = field(default_factory=tuple)
    rejected: tuple[EventIssue, ...] = field(default_factory=tuple)

    @property
    def current(self) -> bool:
        return self.alarm is None and self.pending == 0 and self.pull_current


class SyncLoop:
    def __init__(
        self,
        device_id: str,
        api: HqApi,
        outbox: Outbox,
        inbox: Inbox,
        state: StateStore,
        clock: Clock,
        *,
        batch_size: int = MAX_PUSH_EVENTS,
        pull_limit: int = DEFAULT_PULL_LIMIT,
    ) -> None:
        self._device_id = device_id
        self._api = api
        self._outbox = outbox
        self._inbox = inbox
        self._state = state
        self._clock = clock
        self._batch_size = max(1, min(batch_size, MAX_PUSH_EVENTS))
        self._pull_limit = pull_limit

    def run_once(self) -> CycleReport:
        """Run a whole cycle; a failure is recorded (and an alarm raised for a fork) and raised."""
        try:
            report = self._cycle()
        except ChainFork as fork:
            self._alarm(f"HQ refused this till's history ({fork}): it forked from what HQ holds")
            raise
        except SyncError as error:
            self._state.record_error(self._clock.now(), str(error))
            raise
        except Exception as error:  # a bug: recorded so the till shows it, then raised
            self._record_unexpected(error)
            raise
        self._state.record_success(self._clock.now())
        return report

    def _record_unexpected(self, error: Exception) -> None:
        try:
            self._state.record_error(self._clock.now(), f"sync failed: {error}")
        except Exception:  # the state store itself may be what failed
            log.exception("cannot record the sync error")

    # -- the cycle -------------------------------------------------------------------------------

    def _cycle(self) -> CycleReport:
        status = self._api.status()
        if status.device_id != self._device_id:
            raise ProtocolRefused(
                f"HQ answered for device {status.device_id}, this till is {self._device_id}"
            )
        alarm = self._state.marks().alarm or self._reconcile(status)
        if alarm is not None:
            pulled, current = self._pull()
            pending = self._outbox.pending_after(self._state.marks().acked_position)
            return CycleReport(pulled=pulled, pending=pending, pull_current=current, alarm=alarm)
        pushed = self._push(status.acked_position)
        pulled, current = self._pull()
        return CycleReport(pushed.accepted, pushed.duplicates, pulled,
                           self._outbox.pending_after(pushed.acked), current, None,
                           tuple(pushed.conflicts), tuple(pushed.rejected))  # fmt: skip

    def _reconcile(self, status: StatusResponse) -> str | None:
        """Check HQ's mark against the local log; an alarm text when they disagree."""
        last = self._outbox.last_own_position()
        if status.acked_position > last:
            return self._alarm(
                f"HQ holds this till's events up to position {status.acked_position}, but its "
                f"log ends at {last}: the database looks restored from an older backup"
            )
        local_hash = self._outbox.own_hash_at(status.acked_position)
        if local_hash != status.last_hash:
            return self._alarm(
                f"this till's event at position {status.acked_position} differs from the one "
                "HQ holds: the log forked from HQ's copy (restored from a backup?)"
            )
        marks = self._state.marks()
        if (marks.acked_position, marks.acked_hash) != (status.acked_position, status.last_hash):
            self._state.record_acked(status.acked_position, status.last_hash)
        return None

    def _alarm(self, message: str) -> str:
        text = f"{message}. Pushing has stopped until support resolves it."
        log.error("sync alarm: %s", text)
        self._state.raise_alarm(self._clock.now(), text)
        return text

    def _push(self, acked: int) -> _Pushed:
        pushed = _Pushed(acked)
        size = self._batch_size
        unrecorded = 0
        with ThreadPoolExecutor(1, thread_name_prefix="sync-prepare") as prepare:
            upcoming = prepare.submit(self._prepare, acked, size, None)
            try:
                while (batch := upcoming.result()) is not None:
                    # The next batch is read and compressed while HQ stores this one, on the bet
                    # that HQ takes all of it (it does unless something is wrong).
                    last = batch.events[-1].position
                    upcoming = prepare.submit(self._prepare, last, size, batch.pending)
                    try:
                        answer = self._api.push(batch)
                    except RequestRejected as refused:
                        size = self._smaller(batch, size, refused)
                        upcoming = prepare.submit(self._prepare, pushed.acked, size, None)
                        continue
                    self._check_answer(batch.events, answer.acked_position, answer.last_hash,
                                       pushed.acked)  # fmt: skip
                    pushed.add(answer.acked_position, answer.last_hash, answer.accepted,
                               answer.duplicates, answer.conflicts, answer.rejected)  # fmt: skip
                    unrecorded += 1
                    if answer.acked_position != last:  # the bet lost: read on from HQ's mark
                        upcoming = prepare.submit(self._prepare, pushed.acked, size, None)
                    if unrecorded >= _RECORD_EVERY:
                        self._state.record_acked(pushed.acked, pushed.acked_hash)
                        unrecorded = 0
            finally:
                if unrecorded:
                    self._state.record_acked(pushed.acked, pushed.acked_hash)
        return pushed

    def _prepare(self, after: int, size: int, pending_before: int | None) -> PushBatch | None:
        """The batch of own events after `after`, compressed; None when there is none."""
        events = self._outbox.own_events_after(after, size)
        if not events:
            return None
        if pending_before is None:
            pending_before = self._outbox.pending_after(after)
        batch = PushBatch(self._device_id, events, max(0, pending_before - len(events)))
        batch.gzipped  # noqa: B018 - made here, on the preparing thread
        return batch

    @staticmethod
    def _smaller(batch: PushBatch, size: int, refused: RequestRejected) -> int:
        """Halve the batch HQ refused as too big or malformed; one event refused is a bug."""
        if len(batch.events) == 1:
            event = batch.events[0]
            raise RequestRejected(
                f"HQ refuses event {event.event_id} at position {event.position} even alone "
                f"({refused}); this is a bug to report",
                refused.status,
                refused.code,
            ) from refused
        log.warning("HQ refused a batch of %d events (%s); halving", len(batch.events), refused)
        return max(1, min(size, len(batch.events)) // 2)

    def _check_answer(
        self, batch: Sequence[OwnEvent], acked: int, last_hash: str, before: int
    ) -> None:
        if acked <= before:
            raise ProtocolRefused(
                f"HQ acknowledged position {acked} after a push that started past {before}"
            )
        ours = next((e.hash for e in batch if e.position == acked), None)
        if ours is None:
            ours = self._outbox.own_hash_at(acked)
        if ours != last_hash:
            raise ChainFork(f"HQ's hash at position {acked} is not this till's", 409, "chain_fork")

    def _pull(self) -> tuple[int, bool]:
        cursor = self._state.marks().pull_cursor
        pulled = 0
        while True:
            page = self._api.pull(cursor, self._pull_limit)
            if page.next_cursor < cursor or (page.has_more and page.next_cursor == cursor):
                raise ProtocolRefused(f"HQ's pull cursor went from {cursor} to {page.next_cursor}")
            pulled += self._inbox.apply(page.events, page.next_cursor)
            cursor = page.next_cursor
            if not page.has_more:
                return pulled, True


@dataclass
class _Pushed:
    acked: int
    acked_hash: str = ""
    accepted: int = 0
    duplicates: int = 0
    conflicts: list[EventIssue] = field(default_factory=list)
    rejected: list[EventIssue] = field(default_factory=list)

    def add(
        self,
        acked: int,
        acked_hash: str,
        accepted: int,
        duplicates: int,
        conflicts: Sequence[EventIssue],
        rejected: Sequence[EventIssue],
    ) -> None:
        self.acked, self.acked_hash = acked, acked_hash
        self.accepted += accepted
        self.duplicates += duplicates
        self.conflicts += conflicts
        self.rejected += rejected
        for issue in (*conflicts, *rejected):
            log.warning("HQ set aside event %s: %s", issue.event_id, issue.reason)


__all__ = ["GENESIS_HASH", "CycleReport", "SyncLoop"]
