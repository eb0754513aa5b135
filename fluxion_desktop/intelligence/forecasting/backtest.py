"""Rolling-origin backtests: each candidate is fitted at `ORIGINS` cut-off days, `HORIZON` days
apart, and scored on the days after each cut that were in stock.

The signed errors it keeps are what a regular seller's intervals are made of (conformal, from
the backtest), and each origin's coverage is measured with intervals built from the other origins'
errors only; a counted slow mover's whole-unit intervals are measured with the dispersion of the
days before the first origin. Either way the coverage reported is an honest out-of-sample figure.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from fluxion_desktop.intelligence.forecasting import metrics
from fluxion_desktop.intelligence.forecasting.intervals import (
    LEVELS,
    Bands,
    conformal_bands,
    count_bands,
)
from fluxion_desktop.intelligence.forecasting.series import DailySeries, Floats

HORIZON = 28
ORIGINS = 2
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

    def metrics(self, counted: bool, phi: float | None = None) -> dict[str, float]:
        """The backtest figures; the coverage is of the intervals the forecast gets: whole-unit
        ones of dispersion `phi` when given, conformal otherwise (`counted`: whole pieces)."""
        actual = np.concatenate([a for a, _ in self.folds])
        forecast = np.concatenate([f for _, f in self.folds])
        found = {"mase": self.mase, "rmsse": self.rmsse, "mae": metrics.mae(actual, forecast),
                 "rmse": metrics.rmse(actual, forecast),
                 "smape": metrics.smape(actual, forecast)}  # fmt: skip
        mape = metrics.mape(actual, forecast)
        if mape is not None:
            found["mape"] = mape
        for level, share in self.coverage(counted, phi).items():
            found[f"coverage{level}"] = share
        return found

    def coverage(self, counted: bool, phi: float | None = None) -> dict[int, float]:
        """Share of each level's intervals holding the actual, over the origins: conformal ones
        made from the other origins' errors, or whole-unit ones of dispersion `phi`."""
        hits, total = dict.fromkeys(LEVELS, 0), 0
        for index, (actual, forecast) in enumerate(self.folds):
            others = [a - f for i, (a, f) in enumerate(self.folds) if i != index]
            bands: Bands
            if phi is not None:
                bands = count_bands(forecast, phi)
            elif others and actual.size:
                bands = conformal_bands(forecast, np.concatenate(others), counted, actual.size)
            else:
                continue
            lo95, lo80, hi80, hi95 = bands
            for level, (lo, hi) in ((80, (lo80, hi80)), (95, (lo95, hi95))):
                hits[level] += int(np.sum((actual >= lo) & (actual <= hi)))
            total += actual.size
        return {level: hits[level] / total if total else float("nan") for level in LEVELS}


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
