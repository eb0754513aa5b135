"""Backoff with full jitter and a cap; debounce with a quiet time and a bound."""

from __future__ import annotations

import random

import pytest

from sync.client.backoff import Backoff
from sync.client.debounce import Debouncer


def test_the_ceiling_doubles_per_failure_up_to_the_cap():
    backoff = Backoff(base=1.0, cap=30.0)

    assert [backoff.ceiling(n) for n in range(1, 8)] == [1, 2, 4, 8, 16, 30, 30]
    assert backoff.ceiling(10_000) == 30  # a week offline does not overflow


def test_delays_are_jittered_across_the_whole_range_and_never_beyond_the_cap():
    backoff = Backoff(base=1.0, cap=8.0, minimum=0.0, draw=random.Random(7).uniform)

    delays = [backoff.failed() for _ in range(200)]

    assert all(0.0 <= d <= 8.0 for d in delays)
    late = delays[10:]
    assert min(late) < 2.0 and max(late) > 6.0  # full jitter: spread over [0, cap]
    assert len(set(late)) > 150


def test_the_draw_is_bounded_by_the_ceiling_of_each_failure():
    asked: list[tuple[float, float]] = []

    def highest(low: float, high: float) -> float:
        asked.append((low, high))
        return high

    backoff = Backoff(base=0.5, cap=4.0, draw=highest)
    delays = [backoff.failed() for _ in range(5)]

    assert delays == [0.5, 1.0, 2.0, 4.0, 4.0]
    assert asked == [(0.0, 0.5), (0.0, 1.0), (0.0, 2.0), (0.0, 4.0), (0.0, 4.0)]


def test_success_starts_the_backoff_over():
    backoff = Backoff(base=1.0, cap=60.0, draw=lambda _low, high: high)
    for _ in range(5):
        backoff.failed()

    backoff.succeeded()

    assert backoff.failures == 0
    assert backoff.failed() == 1.0


def test_a_draw_of_zero_still_waits_the_minimum():
    backoff = Backoff(base=1.0, cap=10.0, minimum=0.05, draw=lambda _low, _high: 0.0)

    assert backoff.failed() == 0.05


@pytest.mark.parametrize("kwargs", [{"base": 0}, {"base": 5, "cap": 1}, {"factor": 0.5}])
def test_nonsense_settings_are_refused(kwargs):
    with pytest.raises(ValueError, match="backoff needs"):
        Backoff(**kwargs)


def test_debounce_acts_after_a_quiet_moment():
    debouncer = Debouncer(quiet=0.5, max_wait=5.0)
    assert debouncer.due_at() is None

    debouncer.poke(100.0)
    debouncer.poke(100.3)

    assert debouncer.due_at() == pytest.approx(100.8)
    assert not debouncer.due(100.7)
    assert debouncer.due(100.8)


def test_debounce_never_waits_longer_than_the_bound_under_constant_pokes():
    debouncer = Debouncer(quiet=0.5, max_wait=2.0)
    now = 100.0
    while not debouncer.due(now):
        debouncer.poke(now)
        now += 0.25

    assert now == pytest.approx(102.0)


def test_clearing_forgets_the_pokes():
    debouncer = Debouncer()
    debouncer.poke(1.0)

    debouncer.clear()

    assert not debouncer.pending and debouncer.due_at() is None
