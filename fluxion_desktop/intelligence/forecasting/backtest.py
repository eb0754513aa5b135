"""Rolling-origin backtests: each candidate is fitted at `ORIGINS` cut-off days, `HORIZON` days
apart, and scored on the days after each cut that were in stock.

The signed errors it keeps are what the chosen model's intervals are made of (conformal, from
the backtest), and each origin's coverage is measured with intervals built from the other origins'
errors only, so the coverage reported is an honest out-of-sample figure.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from fluxion_desktop.intelligence.forecasting import metrics
from fluxion_desktop.intelligence.forecasting.series import DailySeries, Floats

HORIZON = 28
ORIGINS = 2
LEVELS = (80, 95)
Forecast = Callable[[DailySeries, int], Floats]


@dataclass
class Fold:
    """One origin: the in-stock actuals after it, and the training part's scales."""

    actual: Floats
    observed: np.ndarray
    mase_scale: float
    rmsse_scale: float
    forecasts: dict[str, Floats] = field(default_factory=dict)


@dataclass(frozen=True)
class Score:
    model: str
    mase: float
    rmsse: float
    errors: Floats  # actual - forecast on every in-stock day of every origin
    folds: tuple[tuple[Floats, Floats], ...]  # (actual, forecast) per origin, in-stock days

    def metrics(self) -> dict[str, float]:
        actual = np.concatenate([a for a, _ in self.folds])
        forecast = np.concatenate([f for _, f in self.folds])
        found = {"mase": self.mase, "rmsse": self.rmsse, "mae": metrics.mae(actual, forecast),
                 "rmse": metrics.rmse(actual, forecast),
                 "smape": metrics.smape(actual, forecast)}  # fmt: skip
        mape = metrics.mape(actual, forecast)
        if mape is not None:
            found["mape"] = mape
        for level in LEVELS:
            found[f"coverage{level}"] = self.coverage(level)
        return found

    def coverage(self, level: int) -> float:
        """Coverage of conformal intervals on each origin, made from the other origins."""
        hits, total = 0, 0
        for index, (actual, forecast) in enumerate(self.folds):
            others = [a - f for i, (a, f) in enumerate(self.folds) if i != index]
            if not others or not actual.size:
                continue
            low, high = band(np.concatenate(others), level)
            lo = np.clip(forecast + low, 0.0, None)
            lo = np.where((lo < 0.5) & (actual == np.round(actual)).all(), 0.0, lo)
            hits += int(np.sum((actual >= lo) & (actual <= forecast + high)))
            total += actual.size
        return hits / total if total else float("nan")


def band(errors: Floats, level: int) -> tuple[float, float]:
    """The quantiles of the errors that bound `level` % of new errors: split-conformal levels
    with the finite-sample correction ((n + 1) in place of n), so a few dozen errors do not make
    the band too narrow."""
    n = errors.size
    if n == 0:
        return 0.0, 0.0
    tail = (1 - level / 100) / 2
    low_rank = max(np.floor((n + 1) * tail) / n, 0.0)
    high_rank = min(np.ceil((n + 1) * (1 - tail)) / n, 1.0)
    low, high = np.quantile(errors, (low_rank, high_rank))
    return float(low), float(high)


def folds(
    series: DailySeries, horizon: int = HORIZON, origins: int = ORIGINS
) -> list[tuple[int, Fold]]:
    """The cut-offs (training lengths) with what each is scored against."""
    found = []
    for k in range(origins, 0, -1):
        cut = series.n - k * horizon
        train = series.y[:cut]
        actual = series.raw[cut : cut + horizon]
        observed = series.observed[cut : cut + horizon]
        found.append((cut, Fold(actual, observed, metrics.mase_scale(train),
                                metrics.rmsse_scale(train))))  # fmt: skip
    return found


def run_backtest(
    series: DailySeries,
    models: Mapping[str, Forecast],
    ensembles: Mapping[str, Sequence[str]],
    horizon: int = HORIZON,
    origins: int = ORIGINS,
) -> dict[str, Score]:
    """Score each model (and each ensemble of them) over the rolling origins."""
    cuts = folds(series, horizon, origins)
    for cut, fold in cuts:
        train = series.head(cut)
        for name, model in models.items():
            fold.forecasts[name] = _safe(model, train, horizon)
        for name, members in ensembles.items():
            if all(m in fold.forecasts for m in members):
                fold.forecasts[name] = np.mean([fold.forecasts[m] for m in members], axis=0)
    names = [n for n in cuts[0][1].forecasts]
    return {name: _score(name, [f for _, f in cuts]) for name in names}


def _safe(model: Forecast, train: DailySeries, horizon: int) -> Floats:
    try:
        forecast = model(train, horizon)
    except Exception:  # a model that cannot fit this series loses the backtest, nothing more
        return np.full(horizon, np.nan)
    return np.clip(forecast, 0.0, None)


def _score(name: str, all_folds: list[Fold]) -> Score:
    mases, rmsses, pairs = [], [], []
    for fold in all_folds:
        forecast = fold.forecasts[name]
        keep = fold.observed
        actual, predicted = fold.actual[keep], forecast[keep]
        if not actual.size:
            continue
        if np.isnan(predicted).any():
            return Score(name, float("inf"), float("inf"), np.array([]), ())
        mases.append(metrics.mae(actual, predicted) / fold.mase_scale)
        rmsses.append(float(np.sqrt(np.mean((actual - predicted) ** 2) / fold.rmsse_scale)))
        pairs.append((actual, predicted))
    if not pairs:
        return Score(name, float("inf"), float("inf"), np.array([]), ())
    errors = np.concatenate([a - f for a, f in pairs])
    return Score(name, float(np.mean(mases)), float(np.mean(rmsses)), errors, tuple(pairs))
