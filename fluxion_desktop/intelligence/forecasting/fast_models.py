"""The fast models, from statsforecast (imported lazily): each takes the training series and a
horizon and returns the point forecast, never below zero.

ETS and Theta fit on the last `FIT_WINDOW` days (26 weeks): weekly seasonality needs no more, and
it keeps them fast (AutoETS searches only error types: model "ZNA"; on the demo catalog a year
was 0.4 % more accurate and 2.3 times slower). The intermittent models see the last `SLOW_WINDOW`
days. MSTL (weekly + yearly) needs two full years.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from fluxion_desktop.intelligence.forecasting.series import SEASON, DailySeries, Floats

FIT_WINDOW = 182
SLOW_WINDOW = 365
YEAR = 365
WINDOW = 28
Model = Callable[[DailySeries, int], Floats]


def _sf(name: str, **kwargs: Any) -> Any:
    import statsforecast.models as models  # heavy: numba-compiled models

    return getattr(models, name)(**kwargs)


def _run(model: Any, y: Floats, h: int) -> Floats:
    mean = np.asarray(model.forecast(y=np.ascontiguousarray(y), h=h)["mean"], dtype=np.float64)
    return np.clip(np.nan_to_num(mean, nan=0.0), 0.0, None)


def seasonal_naive(train: DailySeries, h: int) -> Floats:
    last = train.y[-SEASON:]
    return (
        np.clip(np.resize(last, h), 0.0, None) if last.size == SEASON else window_average(train, h)
    )


def window_average(train: DailySeries, h: int) -> Floats:
    recent = train.y[-WINDOW:]
    return np.full(h, max(float(recent.mean()), 0.0) if recent.size else 0.0)


def ets(train: DailySeries, h: int) -> Floats:
    return _run(_sf("AutoETS", season_length=SEASON, model="ZNA"), train.y[-FIT_WINDOW:], h)


def theta(train: DailySeries, h: int) -> Floats:
    return _run(_sf("Theta", season_length=SEASON), train.y[-FIT_WINDOW:], h)


def mstl(train: DailySeries, h: int) -> Floats:
    trend = _sf("AutoETS", model="ZZN")
    return _run(_sf("MSTL", season_length=[SEASON, YEAR], trend_forecaster=trend), train.y, h)


def croston_sba(train: DailySeries, h: int) -> Floats:
    return _run(_sf("CrostonSBA"), train.y[-SLOW_WINDOW:], h)


def adida(train: DailySeries, h: int) -> Floats:
    return _run(_sf("ADIDA"), train.y[-SLOW_WINDOW:], h)


def imapa(train: DailySeries, h: int) -> Floats:
    return _run(_sf("IMAPA"), train.y[-SLOW_WINDOW:], h)


def tsb(train: DailySeries, h: int) -> Floats:
    return _run(_sf("TSB", alpha_d=0.1, alpha_p=0.1), train.y[-SLOW_WINDOW:], h)


FAST_MODELS: dict[str, Model] = {
    "seasonal_naive": seasonal_naive,
    "window_average": window_average,
    "ets": ets,
    "theta": theta,
    "mstl": mstl,
    "croston_sba": croston_sba,
    "adida": adida,
    "imapa": imapa,
    "tsb": tsb,
}

# Small ensembles: the mean of their members' forecasts (no fit of their own).
ENSEMBLES: dict[str, tuple[str, ...]] = {
    "ets+theta": ("ets", "theta"),
    "croston_family": ("croston_sba", "adida", "imapa", "tsb"),
}
CROSTON_FAMILY = ("croston_sba", "adida", "imapa", "tsb", "croston_family")
