"""Choosing and running a model per series.

`auto` (the default) classifies the series (smooth, erratic, intermittent, lumpy; `classify`),
backtests the candidates of its class over rolling origins and scores them by MASE (regular
sellers) or RMSSE (slow movers, where MASE would favour forecasting zero). Each class has a
champion, AutoETS for regular sellers and CrostonSBA for slow movers (the most accurate single
models on the demo catalog's held-out days); a challenger replaces it only when its backtest score
is at least `CHALLENGER_MARGIN` lower. Two origins are a noisy judge: picking the plain best
measured worse out of sample than the champion alone (0.760 vs 0.757 mean MASE on regular sellers,
0.810 vs 0.799 on slow movers, 600 demo series), and the margin keeps the gains without the noise.
Candidates:

- regular: seasonal naive, window average, AutoETS, Theta, the ETS + Theta ensemble; MSTL when
  every backtest origin still has two full years; Prophet (with its regressors) when the series
  has promotions in the last year (the discount is what the fast models cannot use) or
  `prophet="always"`; Prophet costs about a hundred times a fast model, so it is not tried blindly;
- slow: seasonal naive (the baseline), CrostonSBA, ADIDA, IMAPA, TSB and their ensemble.

A product with fewer than `NEW_PRODUCT_DAYS` days (too short to backtest) gets the window
average. Intervals (`intervals`) are conformal from the chosen model's backtest errors, except for
slow movers counted in whole pieces: whole-unit bounds from a negative binomial around the
forecast, whose coverage comes nearer the level than conformal bands can on mostly-zero days.
An explicit
model skips the choice but is backtested the same way for its metrics and intervals; Prophet
chosen explicitly keeps its own intervals (from its predictive samples).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from fluxion_desktop.intelligence.forecasting import fast_models as fm
from fluxion_desktop.intelligence.forecasting.analysis import seasonality
from fluxion_desktop.intelligence.forecasting.backtest import (
    HORIZON,
    ORIGINS,
    Forecast,
    Score,
    run_backtest,
)
from fluxion_desktop.intelligence.forecasting.classify import REGULAR, SLOW, demand_class
from fluxion_desktop.intelligence.forecasting.intervals import (
    LEVELS,
    Bands,
    band,
    conformal_bands,
    count_bands,
    dispersion,
    nested,
)
from fluxion_desktop.intelligence.forecasting.series import DailySeries, Floats

NEW_PRODUCT_DAYS = HORIZON * ORIGINS + 28
CHALLENGER_MARGIN = 0.10
CHAMPIONS = {
    "smooth": "ets",
    "erratic": "ets",
    "intermittent": "croston_sba",
    "lumpy": "croston_sba",
}
PROPHET_SAMPLES = 300
EXPLICIT = {"ets": "ets", "theta": "theta", "croston": "croston_sba", "naive": "seasonal_naive"}
REGULAR_MODELS = ("seasonal_naive", "window_average", "ets", "theta")
SLOW_MODELS = ("seasonal_naive", "croston_sba", "adida", "imapa", "tsb")


@dataclass(frozen=True)
class EngineForecast:
    model: str
    demand_class: str
    score: float | None
    runner_up: str | None
    runner_up_score: float | None
    mean: Floats
    lo95: Floats
    lo80: Floats
    hi80: Floats
    hi95: Floats
    metrics: dict[str, float]
    factors: tuple[str, ...]


def forecast_series(
    series: DailySeries, horizon: int, model: str = "auto", prophet: str = "auto"
) -> EngineForecast:
    """Forecast `horizon` days after the series; `prophet` is "auto", "always" or "never"."""
    cls = demand_class(series.y[-365:])
    factors = seasonality(series).factors
    if series.n < NEW_PRODUCT_DAYS:
        chosen = "window_average" if model == "auto" else _explicit_name(model)
        return _short(series, horizon, chosen, factors)
    if model == "prophet":
        return _prophet_only(series, horizon, cls, factors)
    candidates, ensembles = _candidates(series, cls, model, prophet)
    scores = run_backtest(series, candidates, ensembles)
    key = "mase" if cls in REGULAR else "rmsse"
    ranked = _ranked(scores, key, CHAMPIONS[cls] if model == "auto" else None)
    best = ranked[0]
    runner = ranked[1] if len(ranked) > 1 else None
    mean = _final(series, horizon, best.model, candidates, ensembles)
    bands, phi = _bands(series, cls, mean, best)
    return EngineForecast(
        best.model, cls, getattr(best, key), runner.model if runner else None,
        getattr(runner, key) if runner else None, mean, *bands,
        best.metrics(_counted(series), phi),
        _with(factors, best.model),
    )  # fmt: skip


def _ranked(scores: Mapping[str, Score], key: str, champion: str | None) -> list[Score]:
    """Best first; the champion stays first unless a challenger beats it by the margin."""
    ranked = sorted(scores.values(), key=lambda s: (getattr(s, key), s.model))
    held = scores.get(champion or "")
    if held is None or ranked[0] is held:
        return ranked
    if getattr(ranked[0], key) > getattr(held, key) * (1 - CHALLENGER_MARGIN):
        return [held, *(s for s in ranked if s is not held)]
    return ranked


def _counted(series: DailySeries) -> bool:
    return bool(np.all(series.raw == np.round(series.raw)))


def _explicit_name(model: str) -> str:
    return EXPLICIT.get(model, model)


def _candidates(
    series: DailySeries, cls: str, model: str, prophet: str
) -> tuple[dict[str, Forecast], dict[str, tuple[str, ...]]]:
    if model != "auto":
        name = _explicit_name(model)
        return {name: fm.FAST_MODELS[name]}, {}
    names: tuple[str, ...]
    if cls not in REGULAR:
        names = SLOW_MODELS
        ensembles = {"croston_family": fm.ENSEMBLES["croston_family"]}
    else:
        names = REGULAR_MODELS
        if series.n - ORIGINS * HORIZON >= 2 * fm.YEAR:
            names = (*names, "mstl")
        ensembles = {"ets+theta": fm.ENSEMBLES["ets+theta"]}
    chosen: dict[str, Forecast] = {n: fm.FAST_MODELS[n] for n in names}
    if _wants_prophet(series, cls, prophet):
        chosen["prophet"] = _prophet_mean
    return chosen, ensembles


def _wants_prophet(series: DailySeries, cls: str, policy: str) -> bool:
    if policy == "never" or series.n < 2 * NEW_PRODUCT_DAYS:
        return False
    if policy == "always":
        return True
    return cls in REGULAR and series.n >= 365 and bool(series.promo[-365:].any())


def _prophet_mean(train: DailySeries, horizon: int) -> Floats:
    from fluxion_desktop.intelligence.forecasting.prophet_model import prophet_forecast

    return prophet_forecast(train, horizon).mean


def _final(
    series: DailySeries,
    horizon: int,
    name: str,
    candidates: Mapping[str, Forecast],
    ensembles: Mapping[str, tuple[str, ...]],
) -> Floats:
    members = ensembles.get(name, (name,))
    try:
        forecasts = [candidates[m](series, horizon) for m in members]
    except Exception:  # it fitted at every origin but not on the whole series: be plain
        forecasts = [fm.window_average(series, horizon)]
    mean: Floats = np.clip(np.nan_to_num(np.mean(forecasts, axis=0)), 0.0, None)
    return mean


def _bands(series: DailySeries, cls: str, mean: Floats, best: Score) -> tuple[Bands, float | None]:
    """Whole-unit bounds from the predictive law for a counted slow mover, conformal otherwise;
    with the dispersion the backtest's coverage is measured at (None: conformal)."""
    counted = _counted(series)
    if cls in SLOW and counted:
        first_origin = series.n - ORIGINS * HORIZON
        return count_bands(mean, dispersion(series.y)), dispersion(series.y[:first_origin])
    return conformal_bands(mean, best.errors, counted, HORIZON), None


def _short(
    series: DailySeries, horizon: int, name: str, factors: tuple[str, ...]
) -> EngineForecast:
    """Too short to backtest: the model's forecast, intervals from the spread of recent days."""
    if name == "prophet":
        from fluxion_desktop.intelligence.forecasting.prophet_model import prophet_forecast

        mean = prophet_forecast(series, horizon).mean
    else:
        mean = np.clip(fm.FAST_MODELS[name](series, horizon), 0.0, None)
    recent = series.y[-28:][series.observed[-28:]]
    spread = recent - recent.mean() if recent.size else np.zeros(1)
    bounds = {}
    for level in LEVELS:
        low, high = band(spread, level)
        bounds[level] = (np.clip(mean + low, 0.0, None), mean + high)
    bands = nested(mean, bounds[95][0], bounds[80][0], bounds[80][1], bounds[95][1])
    return EngineForecast(name, "new", None, None, None, mean, *bands, {}, factors)


def _prophet_only(
    series: DailySeries, horizon: int, cls: str, factors: tuple[str, ...]
) -> EngineForecast:
    from fluxion_desktop.intelligence.forecasting.prophet_model import prophet_forecast

    scores = run_backtest(series, {"prophet": _prophet_mean}, {})
    fitted = prophet_forecast(series, horizon, samples=PROPHET_SAMPLES)
    assert fitted.bands is not None
    lo95, lo80, hi80, hi95 = fitted.bands
    bands = nested(fitted.mean, lo95, lo80, hi80, hi95)
    score = scores["prophet"]
    key = score.mase if cls in REGULAR else score.rmsse
    return EngineForecast("prophet", cls, key, None, None, fitted.mean, *bands,
                          score.metrics(_counted(series)),
                          tuple(dict.fromkeys((*factors, *fitted.factors))))  # fmt: skip


def _with(factors: tuple[str, ...], model: str) -> tuple[str, ...]:
    if model in fm.CROSTON_FAMILY:
        return (*factors, "intermittent demand")
    return factors
