"""The sync cycle over fakes of its ports: resume from HQ's marks, alarms, batch halving, pull."""

from __future__ import annotations

import pytest

from sync.client.errors import AuthRefused, ChainFork, RequestRejected, Retryable
from sync.client.loop import SyncLoop
from tests.support.fakes import FakeClock
from tests.sync.client.sync_fakes import (
    DEVICE,
    FakeHq,
    FakeInbox,
    FakeOutbox,
    FakeState,
    own_events,
    wire_event,
)


class Rig:
    def __init__(self, events: int = 0, batch_size: int = 500, max_batch: int = 500) -> None:
        self.hq = FakeHq(max_batch)
        self.outbox = FakeOutbox(own_events(events))
        self.state = FakeState()
        self.inbox = FakeInbox(self.state)
        self.clock = FakeClock()
        self.loop = SyncLoop(DEVICE, self.hq, self.outbox, self.inbox, self.state, self.clock,
                             batch_size=batch_size, pull_limit=3)  # fmt: skip

    def held_ids(self) -> list[str]:
        return [e.event_id for e in self.hq.held]

    def own_ids(self) -> list[str]:
        return [e.event_id for e in self.outbox.events]


def test_a_cycle_pushes_everything_pending_in_batches_and_records_the_mark():
    rig = Rig(events=23, batch_size=10)

    report = rig.loop.run_once()

    assert rig.held_ids() == rig.own_ids()
    assert rig.hq.pushes == 3
    assert (report.pushed, report.pending, report.current) == (23, 0, True)
    assert rig.state.saved.acked_position == 23
    assert rig.state.saved.acked_hash == rig.outbox.events[-1].hash
    assert rig.state.successes == [rig.clock.now()]


def test_an_answer_lost_after_hq_committed_is_resumed_without_duplicates():
    rig = Rig(events=12, batch_size=5)
    rig.hq.drop_answers = 1

    with pytest.raises(Retryable):
        rig.loop.run_once()
    assert rig.state.errors and "lost" in rig.state.errors[-1]
    assert len(rig.hq.held) == 5  # the first batch did commit
    rig.outbox.events += own_events(3, start=13, prev_hash=rig.outbox.events[-1].hash or "")

    report = rig.loop.run_once()

    assert rig.held_ids() == rig.own_ids()  # every event once, in order
    assert report.pushed == 10 and report.current


def test_a_failure_mid_queue_resumes_from_what_hq_acknowledged():
    rig = Rig(events=9, batch_size=3)
    rig.loop.run_once()
    rig.outbox.events += own_events(6, start=10, prev_hash=rig.outbox.events[-1].hash or "")
    rig.hq.failures = [Retryable("network down")]

    with pytest.raises(Retryable):
        rig.loop.run_once()
    report = rig.loop.run_once()

    assert rig.held_ids() == rig.own_ids()
    assert report.pushed == 6


def test_a_device_behind_hq_is_a_restored_backup_and_never_pushes():
    rig = Rig(events=10)
    rig.loop.run_once()
    rig.outbox.events = rig.outbox.events[:6]  # the log as an older backup had it
    pushes = rig.hq.pushes

    report = rig.loop.run_once()
    again = rig.loop.run_once()

    assert report.alarm is not None and "restored from an older backup" in report.alarm
    assert again.alarm == report.alarm and not again.current
    assert rig.hq.pushes == pushes
    assert rig.state.saved.alarm == report.alarm


def test_a_device_whose_history_differs_from_hqs_alarms_and_never_pushes():
    rig = Rig(events=5)
    rig.loop.run_once()
    # A backup of 3 events, then 4 new ones written after the restore: position 5 now differs.
    rig.outbox.events = rig.outbox.events[:3]
    rig.outbox.events += [
        e.model_copy(update={"event_id": e.event_id[:-3] + "999"}) for e in own_events(4, 4)
    ]
    rig.outbox.events[3:] = _rechained(rig.outbox.events[3:], rig.outbox.events[2].hash or "")
    pushes = rig.hq.pushes

    report = rig.loop.run_once()

    assert report.alarm is not None and "forked" in report.alarm
    assert rig.hq.pushes == pushes
    assert [e.event_id for e in rig.hq.held][:3] == rig.own_ids()[:3]


def test_a_chain_fork_answer_raises_the_alarm():
    rig = Rig(events=4)
    rig.hq.failures = [ChainFork("HQ answered 409 chain_fork", 409, "chain_fork")]

    with pytest.raises(ChainFork):
        rig.loop.run_once()

    assert rig.state.saved.alarm is not None and "forked" in rig.state.saved.alarm
    report = rig.loop.run_once()
    assert report.alarm is not None and rig.hq.held == []


def test_a_refused_batch_is_halved_until_it_passes():
    rig = Rig(events=40, batch_size=40, max_batch=12)

    report = rig.loop.run_once()

    assert rig.held_ids() == rig.own_ids()
    assert report.current


def test_an_event_refused_even_alone_is_reported_as_a_bug():
    rig = Rig(events=3, batch_size=3, max_batch=0)

    with pytest.raises(RequestRejected, match=r"even alone.*bug"):
        rig.loop.run_once()

    assert rig.hq.held == [] and "bug" in rig.state.errors[-1]


def test_auth_refusal_is_recorded_and_raised():
    rig = Rig(events=3)
    rig.hq.failures = [AuthRefused("HQ answered 401 unauthorized: revoked", 401)]

    with pytest.raises(AuthRefused):
        rig.loop.run_once()

    assert "revoked" in rig.state.errors[-1] and rig.hq.held == []


def test_pull_applies_every_page_with_its_cursor():
    rig = Rig()
    rig.hq.feed = [wire_event("device-b", p, "sale-b", p) for p in range(1, 9)]

    report = rig.loop.run_once()

    assert report.pulled == 8 and report.pull_current
    assert rig.state.saved.pull_cursor == 8
    assert set(rig.inbox.stored) == {e.event_id for e in rig.hq.feed}


def test_a_pull_interrupted_resumes_from_the_saved_cursor():
    rig = Rig()
    rig.hq.feed = [wire_event("device-b", p, "sale-b", p) for p in range(1, 8)]
    rig.hq.pull = _failing_after(rig.hq.pull, calls=2)  # type: ignore[method-assign]

    with pytest.raises(Retryable):
        rig.loop.run_once()
    assert rig.state.saved.pull_cursor == 6  # two pages of three applied, each with its cursor
    rig.hq.pull = FakeHq.pull.__get__(rig.hq)  # type: ignore[method-assign]

    report = rig.loop.run_once()

    assert report.pulled == 1 and rig.state.saved.pull_cursor == 7


def _failing_after(pull, calls: int):
    count = 0

    def wrapped(cursor: int, limit: int):
        nonlocal count
        count += 1
        if count > calls:
            raise Retryable("network down")
        return pull(cursor, limit)

    return wrapped


def _rechained(events, prev_hash: str):
    from sync.protocol import chain_hash

    out = []
    for event in events:
        linked = event.model_copy(update={"prev_hash": prev_hash})
        prev_hash = chain_hash(linked, prev_hash)
        out.append(linked.model_copy(update={"hash": prev_hash}))
    return out
