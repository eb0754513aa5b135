"""Held-out coverage of the forecast's intervals on synthetic series whose demand law is known:
the 80 % intervals must not cover grossly more (or less) than 80 % of the days they were not
fitted on, for a regular seller and for an intermittent one (where bands that hold every zero
day used to cover about nine days in ten)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

import numpy as np
import pytest

from fluxion_desktop.application.demand_history import DemandDay, DemandHistory
from fluxion_desktop.application.forecasting import ForecastOutcome
from fluxion_desktop.intelligence.forecasting.agent import ForecastAgent
from fluxion_desktop.intelligence.forecasting.intervals import count_bounds

START = date(2024, 1, 1)  # a Monday
WEEKLY = np.array([0.8, 0.9, 0.9, 1.0, 1.2, 1.4, 0.8])
TRAIN, HELD_OUT, SERIES = 300, 28, 24


def _history(values: np.ndarray) -> DemandHistory:
    days = tuple(
        DemandDay(START + timedelta(days=i), Decimal(int(v)), Decimal(int(v)) * 2, False, False)
        for i, v in enumerate(values)
    )
    return DemandHistory("p-1", "SKU-1", "store-1", days)


def _regular(rng: np.random.Generator) -> np.ndarray:
    weekdays = np.arange(TRAIN + HELD_OUT) % 7
    return rng.poisson(12 * WEEKLY[weekdays]).astype(float)


def _intermittent(rng: np.random.Generator) -> np.ndarray:
    # Sells on 40 % of days, 1 + Poisson(1.5) units: the whole-unit interval nearest 80 %,
    # [0, 2], holds 82.3 % of days; [0, 3], the next one up, 92.4 %.
    n = TRAIN + HELD_OUT
    return (rng.binomial(1, 0.4, n) * (1 + rng.poisson(1.5, n))).astype(float)


def _held_out_coverage(
    draw: Callable[[np.random.Generator], np.ndarray], seed: int
) -> tuple[float, float, set[str]]:
    """80 % and 95 % coverage over SERIES series' held-out days, and their demand classes."""
    agent = ForecastAgent(prophet="never")
    hits: dict[int, list[np.ndarray]] = {80: [], 95: []}
    classes = set()
    for index in range(SERIES):
        y = draw(np.random.default_rng([seed, index]))
        outcome = agent.forecast(_history(y[:TRAIN]), HELD_OUT)
        assert isinstance(outcome, ForecastOutcome)
        classes.add(outcome.demand_class)
        actual = y[TRAIN:]
        for level in (80, 95):
            lo = np.array([float(getattr(p, f"lo{level}")) for p in outcome.points])
            hi = np.array([float(getattr(p, f"hi{level}")) for p in outcome.points])
            hits[level].append((actual >= lo) & (actual <= hi))
    return float(np.mean(hits[80])), float(np.mean(hits[95])), classes


@pytest.mark.parametrize(("draw", "wanted"), [(_regular, {"smooth"}),
                                               (_intermittent, {"intermittent"})])  # fmt: skip
def test_80_and_95_percent_intervals_cover_near_their_level_on_held_out_days(draw, wanted):
    cover80, cover95, classes = _held_out_coverage(draw, seed=2026)

    assert classes == wanted
    assert 0.72 <= cover80 <= 0.87, cover80
    assert 0.90 <= cover95 <= 0.99, cover95


def test_whole_unit_bounds_take_the_interval_whose_probability_is_nearest_the_level():
    # Poisson(0.34): P(0) = 0.712, P(<= 1) = 0.954, P(<= 2) = 0.995.
    low, high = count_bounds(np.array([0.34, 0.34]), 0.0, 80)
    assert (low.tolist(), high.tolist()) == ([0, 0], [0, 0])  # 71 % is nearer 80 % than 95 %
    low, high = count_bounds(np.array([0.34]), 0.0, 95)
    assert (low.tolist(), high.tolist()) == ([0], [1])
    # Overdispersion widens: a negative binomial of the same mean reaches further up.
    assert (
        count_bounds(np.array([3.0]), 1.0, 95)[1][0] > count_bounds(np.array([3.0]), 0.0, 95)[1][0]
    )
