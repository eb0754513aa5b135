"""When cycles run, under a fake monotonic clock: debounce, period, backoff with a cap, refusals."""

from __future__ import annotations

import pytest

from sync.client.backoff import Backoff
from sync.client.cadence import SyncCadence
from sync.client.debounce import Debouncer
from sync.client.errors import AuthRefused, Retryable, SyncError
from sync.client.loop import CycleReport
from tests.sync.client.sync_fakes import FakeMonotonic


class Cycles:
    """Counts cycles; raises the queued errors first."""

    def __init__(self) -> None:
        self.at: list[float] = []
        self.errors: list[Exception] = []
        self.clock = FakeMonotonic()

    def __call__(self) -> CycleReport:
        self.at.append(self.clock.now)
        if self.errors:
            raise self.errors.pop(0)
        return CycleReport(pull_current=True)


def cadence_for(cycles: Cycles, **kwargs: object) -> SyncCadence:
    defaults: dict[str, object] = {
        "interval": 30.0,
        "backoff": Backoff(base=1.0, cap=8.0, minimum=0.0, draw=lambda _low, high: high),
        "debouncer": Debouncer(quiet=0.5, max_wait=5.0),
        "fatal_delay": 600.0,
    }
    defaults.update(kwargs)
    return SyncCadence(cycles, cycles.clock, **defaults)  # type: ignore[arg-type]


def run_for(cadence: SyncCadence, cycles: Cycles, seconds: float) -> None:
    """Advance the fake clock step by step as the runner thread would."""
    end = cycles.clock.now + seconds
    while cycles.clock.now < end:
        wait = cadence.step()
        cycles.clock.now = min(end, cycles.clock.now + max(wait, 0.01))


def test_the_first_step_syncs_then_every_interval():
    cycles = Cycles()
    cadence = cadence_for(cycles)

    run_for(cadence, cycles, 95)

    assert [t - 1000 for t in cycles.at] == [0, 30, 60, 90]
    assert cadence.online is True


def test_commits_push_soon_after_the_burst_not_at_each_commit():
    cycles = Cycles()
    cadence = cadence_for(cycles)
    cadence.step()
    for _ in range(4):  # a burst of sales 0.1 s apart
        cycles.clock.now += 0.1
        cadence.poke()

    wait = cadence.step()
    assert len(cycles.at) == 1
    assert wait == pytest.approx(0.5)
    cycles.clock.now += wait
    cadence.step()

    assert len(cycles.at) == 2
    assert cycles.at[1] - 1000 == pytest.approx(0.9)


def test_while_hq_is_unreachable_the_waits_grow_to_the_cap():
    cycles = Cycles()
    cycles.errors = [Retryable("HQ unreachable")] * 7
    cadence = cadence_for(cycles)

    run_for(cadence, cycles, 75)

    gaps = [b - a for a, b in zip(cycles.at, cycles.at[1:], strict=False)]
    assert gaps[:7] == pytest.approx([1, 2, 4, 8, 8, 8, 8])
    assert cadence.online is True  # the eighth try succeeded
    assert gaps[7] == pytest.approx(30)  # then back to the period


def test_pokes_do_not_cut_a_backoff_short():
    cycles = Cycles()
    cycles.errors = [Retryable("HQ unreachable")] * 4
    cadence = cadence_for(cycles)
    run_for(cadence, cycles, 3.5)  # failures at 0, 1 and 3: the next try waits 4 s
    tries = len(cycles.at)

    cadence.poke()
    run_for(cadence, cycles, 2.0)

    assert len(cycles.at) == tries
    assert cadence.online is False


def test_a_person_asking_syncs_at_once_even_in_backoff():
    cycles = Cycles()
    cycles.errors = [Retryable("HQ unreachable")] * 3
    cadence = cadence_for(cycles)
    run_for(cadence, cycles, 3.5)
    tries = len(cycles.at)

    cadence.request_now()
    cadence.step()

    assert len(cycles.at) == tries + 1


def test_retry_after_is_honoured_when_longer_than_the_backoff():
    cycles = Cycles()
    cycles.errors = [Retryable("HQ answered 429", 429, retry_after=20.0)]
    cadence = cadence_for(cycles)

    cadence.step()

    assert cadence.due_at() - cycles.clock.now == pytest.approx(20.0)
    assert cadence.online is True  # HQ answered: the line works


def test_a_refusal_retrying_cannot_fix_waits_the_long_delay():
    cycles = Cycles()
    cycles.errors = [AuthRefused("HQ answered 401 unauthorized", 401)]
    cadence = cadence_for(cycles)

    run_for(cadence, cycles, 599)

    assert len(cycles.at) == 1
    assert isinstance(cadence.last_error, SyncError) and "401" in str(cadence.last_error)


def test_an_unexpected_error_backs_off_instead_of_killing_the_runner():
    cycles = Cycles()
    cycles.errors = [RuntimeError("database is locked")]
    cadence = cadence_for(cycles)

    cadence.step()

    assert cadence.online is False and "locked" in str(cadence.last_error)
    assert cadence.due_at() - cycles.clock.now == pytest.approx(1.0)


def test_the_first_step_syncs_even_on_a_clock_that_moves_between_reads():
    cycles = Cycles()
    ticking = iter(range(10_000))

    def moving() -> float:
        return 1000.0 + next(ticking) * 0.001

    cadence = SyncCadence(cycles, moving, interval=30.0)

    wait = cadence.step()

    assert len(cycles.at) == 1
    assert 29.0 < wait <= 30.0


def test_a_long_cycle_that_fails_still_backs_off_from_its_end():
    cycles = Cycles()

    def long_failure() -> CycleReport:
        cycles.clock.now += 20.0  # a drain that ran twenty seconds, then the line dropped
        raise Retryable("HQ unreachable")

    backoff = Backoff(base=4.0, cap=8.0, draw=lambda _low, high: high)
    cadence = SyncCadence(long_failure, cycles.clock, backoff=backoff)

    wait = cadence.step()

    assert wait == pytest.approx(4.0)
