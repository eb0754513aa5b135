"""A tail test for count data: how improbable is today's count, or a run of days without a sale,
under a negative binomial fitted to the weeks before (with weekly seasonality)?

Sales of one product are counts, often small and overdispersed: a normal z-score calls a 4 after
a week of 1s a spike and cannot say how odd ten days of nothing are. Here the mean comes from a
trimmed window of earlier days times the weekday factor, the dispersion from the window's variance
(method of moments; a Poisson when the window is not overdispersed).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence

from fluxion_desktop.intelligence.alerting.anomalies import (
    WINDOW,
    Anomaly,
    AnomalyKind,
    Restart,
    window_days,
)
from fluxion_desktop.intelligence.alerting.seasonality import (
    MIN_DAYS,
    deseasonalised,
    weekly_factors,
)

ALPHA = 1e-4
# Dispersion from four weeks is too noisy to judge a tail by: eight (never past a level shift).


def count_tail(
    series: Sequence[float],
    alpha: float = ALPHA,
    window: int = 2 * WINDOW,
    restarts: Sequence[Restart] = (),
) -> list[Anomaly]:
    """Spikes (P(X >= x) < alpha), drops (P(X <= x) < alpha) and improbable runs of zero sales
    (the product of each day's P(0) < alpha), each judged by the days before it (never before the
    latest of `restarts`, days where the level changed)."""
    if len(series) < MIN_DAYS:
        return []
    factors = weekly_factors(series)
    y = deseasonalised(series, factors)
    flagged: set[int] = set()
    found: list[Anomaly] = []
    run_probability, run_reported, run = 1.0, False, list[int]()
    for t in range(MIN_DAYS, len(series)):
        fit = _fit([y[s] for s in window_days(t, window, restarts) if s not in flagged])
        if fit is None:
            continue
        level, size = fit
        mean = level * factors[t % 7]
        count = max(0, round(series[t]))
        if count == 0:
            run.append(t)
            run_probability *= nb_pmf(0, mean, size)
            if run_probability < alpha and not run_reported:
                run_reported = True
                score = -math.log10(max(run_probability, 1e-300))
                found.append(Anomaly(t, AnomalyKind.ZERO_RUN, score, mean, "count_tail"))
            if run_reported:  # an odd run of nothing must not teach the window that it is normal
                flagged.update(run)
            continue
        run_probability, run_reported, run = 1.0, False, []
        upper = nb_upper_tail(count, mean, size)
        lower = nb_lower_tail(count, mean, size)
        if upper < alpha or lower < alpha:
            flagged.add(t)
            kind = AnomalyKind.SPIKE if upper < alpha else AnomalyKind.DROP
            score = -math.log10(max(min(upper, lower), 1e-300))
            found.append(Anomaly(t, kind, score, mean, "count_tail"))
    return found


def _fit(window: Sequence[float]) -> tuple[float, float] | None:
    """(mean, size) of a negative binomial by moments; size = inf for a Poisson; None if too few."""
    if len(window) < MIN_DAYS:
        return None
    mean = statistics.fmean(window)
    if mean <= 0:
        return None  # never sold in the window: nothing to compare with
    variance = statistics.pvariance(window)
    size = mean * mean / (variance - mean) if variance > mean else math.inf
    return mean, max(size, 0.5)  # a tiny size makes every count plausible: cap the overdispersion


def nb_pmf(count: int, mean: float, size: float) -> float:
    """P(X = count) for a negative binomial with this mean and size (Poisson when size is inf)."""
    if math.isinf(size):
        return math.exp(count * math.log(mean) - mean - math.lgamma(count + 1))
    log_p = (
        math.lgamma(count + size) - math.lgamma(size) - math.lgamma(count + 1)
        + size * math.log(size / (size + mean)) + count * math.log(mean / (size + mean))
    )  # fmt: skip
    return math.exp(log_p)


def nb_lower_tail(count: int, mean: float, size: float) -> float:
    """P(X <= count)."""
    return min(1.0, sum(nb_pmf(j, mean, size) for j in range(count + 1)))


def nb_upper_tail(count: int, mean: float, size: float) -> float:
    """P(X >= count); summed from below where that is accurate, from above in the far tail."""
    if count <= 0:
        return 1.0
    if count <= mean * 4 + 50:
        return max(0.0, 1.0 - nb_lower_tail(count - 1, mean, size))
    total, j, term = 0.0, count, nb_pmf(count, mean, size)
    while term > total * 1e-12 and j < count + 10_000:
        total += term
        j += 1
        term = nb_pmf(j, mean, size)
    return total


def nb_quantile(probability: float, mean: float, size: float) -> int:
    """The least count c with P(X <= c) >= probability."""
    if mean <= 0:
        return 0
    cumulative, count = 0.0, 0
    while True:
        cumulative += nb_pmf(count, mean, size)
        if cumulative >= probability or count > mean * 50 + 1000:
            return count
        count += 1
