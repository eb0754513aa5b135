"""Anomaly detectors on worked series: spikes, runs of zero sales, level shifts, quiet weeks."""

from __future__ import annotations

import random

import pytest

from benchmarks.intelligence_alerts import make_benchmark, score
from fluxion_desktop.intelligence.alerting.anomalies import (
    AnomalyKind,
    default_detectors,
    designed_detectors,
    designed_zscore,
    detect_anomalies,
    level_shift,
    rolling_zscore,
    second_difference,
)
from fluxion_desktop.intelligence.alerting.count_tail import (
    count_tail,
    nb_lower_tail,
    nb_pmf,
    nb_quantile,
    nb_upper_tail,
)
from fluxion_desktop.intelligence.alerting.seasonality import weekly_factors

WEEK = [8.0, 7.0, 8.0, 9.0, 11.0, 16.0, 5.0]  # a busy Saturday, a quiet Sunday


def _poisson(rng: random.Random, mean: float) -> float:
    count, p, limit = 0, 1.0, pow(2.718281828459045, -mean)
    while True:
        p *= rng.random()
        if p <= limit:
            return float(count)
        count += 1


def _weeks(n: int, seed: int = 7, scale: float = 1.0) -> list[float]:
    rng = random.Random(seed)
    return [_poisson(rng, WEEK[d % 7] * scale) for d in range(7 * n)]


@pytest.mark.parametrize("detector", [*default_detectors().values(), *designed_detectors().values(),
                                      detect_anomalies])  # fmt: skip
def test_fewer_than_seven_days_say_nothing(detector):
    assert detector([0.0, 50.0, 0.0, 0.0, 90.0, 0.0]) == []


def test_weekly_factors_recover_the_weekday_shape():
    factors = weekly_factors(_weeks(12))
    expected = [w / (sum(WEEK) / 7) for w in WEEK]
    assert factors == pytest.approx(expected, abs=0.15)


def test_a_spike_is_found_by_the_defaults_on_its_day():
    series = _weeks(8)
    series[45] = 60.0

    assert (45, AnomalyKind.SPIKE) in [(a.day, a.kind) for a in rolling_zscore(series)]
    assert (45, AnomalyKind.SPIKE) in [(a.day, a.kind) for a in count_tail(series)]
    assert level_shift(series) == []  # one day cannot make a level shift
    assert 45 in {a.day for a in designed_zscore(series)}


def test_busy_saturdays_and_noise_rarely_raise_anything():
    alarmed = [bool(detect_anomalies(_weeks(10, seed=seed))) for seed in range(40)]
    designed = [bool(designed_zscore(_weeks(10, seed=seed))) for seed in range(40)]

    assert sum(alarmed) <= 4  # false alarms on at most one clean series in ten (70 days each)
    assert sum(designed) >= sum(alarmed)


def test_a_run_of_zero_sales_is_flagged_once_when_it_becomes_improbable():
    series = _weeks(8)
    for day in range(40, 48):
        series[day] = 0.0

    runs = [a for a in count_tail(series) if a.kind is AnomalyKind.ZERO_RUN]

    assert len(runs) == 1 and 40 <= runs[0].day <= 42
    assert runs[0].score >= 4  # P < 1e-4


def test_a_slow_seller_with_days_of_nothing_is_left_alone():
    rng = random.Random(11)
    series = [_poisson(rng, 0.4) for _ in range(84)]
    assert detect_anomalies(series) == []


def test_a_level_shift_is_found_within_a_week_and_dated_to_its_start():
    before = _weeks(7, seed=5)
    after = _weeks(5, seed=6, scale=2.2)
    shifts = level_shift(before + after)

    assert [a.kind for a in shifts] == [AnomalyKind.LEVEL_SHIFT_UP]
    assert 49 <= shifts[0].day <= 56
    assert shifts[0].since is not None and 46 <= shifts[0].since <= 52


def test_a_level_shift_down_is_not_reported_as_weeks_of_drops():
    series = _weeks(7, seed=5) + _weeks(5, seed=6, scale=0.3)
    found = detect_anomalies(series)

    assert AnomalyKind.LEVEL_SHIFT_DOWN in {a.kind for a in found}
    assert all(a.day < 60 for a in found)  # once the new level is the reference, quiet again


def test_the_designed_second_difference_flags_the_spike_and_its_neighbours():
    series = _weeks(6)
    series[30] = 70.0
    assert {29, 30, 31} & {a.day for a in second_difference(series)}


def test_negative_binomial_tails_are_consistent():
    assert sum(nb_pmf(k, 4.0, 3.0) for k in range(200)) == pytest.approx(1.0)
    assert nb_pmf(0, 2.0, float("inf")) == pytest.approx(2.718281828459045**-2)
    assert nb_lower_tail(3, 4.0, 3.0) + nb_upper_tail(4, 4.0, 3.0) == pytest.approx(1.0)
    assert nb_upper_tail(400, 4.0, 3.0) < 1e-30
    q = nb_quantile(0.95, 4.0, 3.0)
    assert nb_lower_tail(q, 4.0, 3.0) >= 0.95 > nb_lower_tail(q - 1, 4.0, 3.0)


def test_on_a_labelled_sample_the_defaults_beat_the_designed_zscore():
    data = make_benchmark(50, seed=99)  # not the benchmark's own seed

    defaults = score(detect_anomalies, data)
    designed = score(designed_zscore, data)

    assert defaults.f1 >= 0.6 > designed.f1
