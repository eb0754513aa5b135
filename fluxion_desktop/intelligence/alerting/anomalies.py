"""Anomaly detectors over daily sales of one product (oldest day first).

Two are the original design's, kept for comparison: a z-score of each day against the whole series
(|z| > 3) and a z-score of second differences. They are weak on sales: one spike inflates the
standard deviation it is judged by, and weekends look like spikes. The defaults judge each day only
by the weeks before it, after removing weekly seasonality: a robust rolling z-score, a count-data
tail test (`count_tail`) and a CUSUM level-shift detector. Every detector needs 7 days of data
and returns nothing for fewer.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from fluxion_desktop.intelligence.alerting.seasonality import (
    MIN_DAYS,
    deseasonalised,
    robust_scale,
    weekly_factors,
)

WINDOW = 28
# Counts stop at zero and the Anscombe scale stretches its low end: a 0 or 1 on a day that
# usually sells 8 is rarer than it looks there, so drops need a larger z than spikes.
_DROP_MARGIN = 1.5


class AnomalyKind(StrEnum):
    SPIKE = "spike"
    DROP = "drop"
    ZERO_RUN = "zero_run"
    LEVEL_SHIFT_UP = "level_shift_up"
    LEVEL_SHIFT_DOWN = "level_shift_down"


@dataclass(frozen=True, slots=True)
class Anomaly:
    """Day `day` (index into the series) looks wrong; `score` is the detector's statistic (a z, a
    CUSUM sum, or -log10 of a tail probability), `expected` what the weeks before suggested."""

    day: int
    kind: AnomalyKind
    score: float
    expected: float
    detector: str
    since: int | None = None  # a level shift: the first day of the new level


Detector = Callable[[Sequence[float]], list[Anomaly]]


def designed_zscore(series: Sequence[float], threshold: float = 3.0) -> list[Anomaly]:
    """The design's detector: |x - mean| / std > 3 over the whole series, seasonality ignored."""
    if len(series) < MIN_DAYS:
        return []
    mean = statistics.fmean(series)
    std = statistics.pstdev(series)
    if std == 0:
        return []
    found = []
    for day, x in enumerate(series):
        z = (x - mean) / std
        if abs(z) > threshold:
            kind = AnomalyKind.SPIKE if z > 0 else AnomalyKind.DROP
            found.append(Anomaly(day, kind, z, mean, "designed_zscore"))
    return found


def second_difference(series: Sequence[float], threshold: float = 3.0) -> list[Anomaly]:
    """The design's other detector: z-score of x[t] - 2 x[t-1] + x[t-2] over the series."""
    if len(series) < MIN_DAYS:
        return []
    d2 = [series[t] - 2 * series[t - 1] + series[t - 2] for t in range(2, len(series))]
    mean = statistics.fmean(d2)
    std = statistics.pstdev(d2)
    if std == 0:
        return []
    found = []
    for offset, value in enumerate(d2):
        z = (value - mean) / std
        if abs(z) > threshold:
            kind = AnomalyKind.SPIKE if z > 0 else AnomalyKind.DROP
            found.append(Anomaly(offset + 2, kind, z, series[offset + 1], "second_difference"))
    return found


def rolling_zscore(
    series: Sequence[float],
    threshold: float = 4.0,
    window: int = WINDOW,
    restarts: Sequence[Restart] = (),
    min_window: int = 14,
) -> list[Anomaly]:
    """Each day against the median and MAD of the (up to) 28 days before it, deseasonalised and
    on the Anscombe scale (2 sqrt(x + 3/8)), where counts have a spread of about 1 whatever their
    level: a raw z-score flags every busy day of a slow seller.

    Days already flagged stay out of later windows, so a spike does not hide the next one; the
    spread is at least the Poisson's (1 on this scale). `restarts` are days where the level
    changed (from `level_shift`): windows never reach back past the latest one, so the new level
    is not a string of spikes.
    """
    if len(series) < MIN_DAYS:
        return []
    factors = weekly_factors(series)
    y = [anscombe(v) for v in deseasonalised(series, factors)]
    flagged: set[int] = set()
    found = []
    for t in range(MIN_DAYS, len(y)):
        past = [y[s] for s in window_days(t, window, restarts) if s not in flagged]
        if len(past) < min_window:
            continue
        median = statistics.median(past)
        z = (y[t] - median) / max(robust_scale(past), 1.0)
        if -threshold - _DROP_MARGIN <= z <= threshold:
            continue
        flagged.add(t)
        expected = inverse_anscombe(median) * factors[t % 7]
        kind = AnomalyKind.SPIKE if z > 0 else AnomalyKind.DROP
        found.append(Anomaly(t, kind, z, expected, "rolling_zscore"))
    return found


def anscombe(count: float) -> float:
    return 2.0 * math.sqrt(max(count, 0.0) + 0.375)


def inverse_anscombe(value: float) -> float:
    return max((value / 2.0) ** 2 - 0.375, 0.0)


@dataclass(frozen=True, slots=True)
class Restart:
    """A level shift: from day `since` on is the new level, known from day `known_from` on (the
    alarm), so only days after the alarm are judged by the new level alone."""

    since: int
    known_from: int


def window_days(t: int, window: int, restarts: Sequence[Restart]) -> range:
    """The days before `t` a detector may judge it by: the last `window`, and none before the
    start of a level that was known by then."""
    start = max([0, t - window, *(r.since for r in restarts if r.known_from < t)])
    return range(start, t)


def level_shift(
    series: Sequence[float], k: float = 0.75, h: float = 5.0, window: int = WINDOW
) -> list[Anomaly]:
    """Two-sided CUSUM of deseasonalised days (Anscombe scale) standardised by the (up to) 28 days
    before each.

    Each day adds at most 3 - k, so one spike cannot raise an alarm alone (it takes a run of high
    or low days). After an alarm the reference restarts where the shift began (`Anomaly.since`).
    """
    if len(series) < MIN_DAYS:
        return []
    factors = weekly_factors(series)
    y = [anscombe(v) for v in deseasonalised(series, factors)]
    found = []
    ref_start, up, down, up_from, down_from = 0, 0.0, 0.0, 0, 0
    for t in range(len(y)):
        past = y[max(ref_start, t - window) : t]
        if len(past) < MIN_DAYS:
            continue
        mean = statistics.fmean(past)
        scale = max(statistics.pstdev(past), 1.0)
        r = max(-3.0, min(3.0, (y[t] - mean) / scale))
        if up == 0:
            up_from = t
        if down == 0:
            down_from = t
        up, down = max(0.0, up + r - k), max(0.0, down - r - k)
        if up > h or down > h:
            kind = AnomalyKind.LEVEL_SHIFT_UP if up > h else AnomalyKind.LEVEL_SHIFT_DOWN
            ref_start = up_from if up > h else down_from
            expected = inverse_anscombe(mean) * factors[t % 7]
            found.append(Anomaly(t, kind, max(up, down), expected, "level_shift", ref_start))
            up = down = 0.0
    return found


def default_detectors() -> dict[str, Detector]:
    """The better detectors, by name, each on its own."""
    from fluxion_desktop.intelligence.alerting.count_tail import count_tail

    return {"rolling_zscore": rolling_zscore, "count_tail": count_tail, "level_shift": level_shift}


def detect_anomalies(series: Sequence[float]) -> list[Anomaly]:
    """The alert agent's defaults together: level shifts first, then the rolling z-score and the
    count tail test judging each day only by days of its own level."""
    from fluxion_desktop.intelligence.alerting.count_tail import count_tail

    shifts = level_shift(series)
    restarts = [Restart(a.since, a.day) for a in shifts if a.since is not None]
    found = [*shifts, *rolling_zscore(series, restarts=restarts),
             *count_tail(series, restarts=restarts)]  # fmt: skip
    return sorted(found, key=lambda a: (a.day, a.detector))


def designed_detectors() -> dict[str, Detector]:
    return {"designed_zscore": designed_zscore, "second_difference": second_difference}
