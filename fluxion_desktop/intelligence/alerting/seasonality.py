"""Weekly seasonality of daily sales, removed before looking for anomalies: a busy Saturday is not
a spike. Plain Python over short series (weeks to months), so nothing heavy is imported."""

from __future__ import annotations

import statistics
from collections.abc import Sequence

WEEK = 7
MIN_DAYS = 7
# A weekday's factor is believed in proportion to the units it rests on: with this many units it
# counts half, so a slow seller's weekdays (a few units each) stay close to 1.
_SHRINK_UNITS = 30.0


def weekly_factors(series: Sequence[float]) -> list[float]:
    """Seven multiplicative factors (mean 1), factor[i % 7] for day i; all 1 when the series is
    shorter than two weeks or sells nothing. Each weekday's level leaves out its largest day, so
    one spike does not make its weekday look busy."""
    if len(series) < 2 * WEEK:
        return [1.0] * WEEK
    levels = [_without_largest(series[day::WEEK]) for day in range(WEEK)]
    overall = sum(levels) / WEEK
    if overall <= 0:
        return [1.0] * WEEK
    raw = []
    for day in range(WEEK):
        units = sum(series[day::WEEK])
        weight = units / (units + _SHRINK_UNITS)
        raw.append(weight * levels[day] / overall + (1 - weight))
    mean = sum(raw) / WEEK
    return [max(f / mean, 0.05) for f in raw]


def deseasonalised(series: Sequence[float], factors: Sequence[float]) -> list[float]:
    return [x / factors[i % WEEK] for i, x in enumerate(series)]


def _without_largest(values: Sequence[float]) -> float:
    if len(values) < 3:
        return statistics.fmean(values)
    return (sum(values) - max(values)) / (len(values) - 1)


def robust_scale(values: Sequence[float]) -> float:
    """1.4826 x the median absolute deviation: the standard deviation when nothing is odd."""
    median = statistics.median(values)
    return 1.4826 * statistics.median(abs(v - median) for v in values)
