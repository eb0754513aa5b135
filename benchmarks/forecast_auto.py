"""Forecasting: auto mode over 2,000 products x 2 years of daily sales on 2 processes (backtests
included), against Prophet-only and AutoETS alone on the same products, scored on the last 28
days held out.

The series are the large demo catalog's demand models (weekday profile, yearly season, Venezuelan
holidays, promotions on one product in ten; three in four are slow movers) drawn by the demo's
history generator, 730 days to train on and 28 held out. Prophet-only is Prophet as designed (its
two-origin cross-validation and a final fit with 300 predictive samples for the intervals); it
runs on `PROPHET_SAMPLE` products evenly spread over the catalog (every one when
FORECAST_BENCH_PROPHET_ALL=1), and
auto is timed on the same products in the same run for the speed ratio. MASE divides by the
in-sample seasonal naive error (m = 7); "vs seasonal naive" is auto's mean MASE over the seasonal
naive forecast's, on the held-out days. Coverage is also given for regular sellers and slow movers
apart (informational rows). Slow movers' intervals are whole units, and a product that sells
nothing on 97 % of days has no 80 % interval nearer than [0, 0], which holds 97 %: with the demo
generator's true demand law, the whole-unit intervals nearest 80 % would hold 85.1 % of these
held-out days (slow movers 86.4 %, regular sellers 79.8 %; computed once from the law, not here),
so on this catalog, three in four of whose products are slow movers, no whole-unit intervals come
much nearer 80 % than the target's 5 points.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import date, timedelta
from decimal import Decimal
from itertools import groupby, islice
from multiprocessing import get_context

import numpy as np

from benchmarks.harness import Result, scaled
from fluxion_desktop.application.demand_history import DemandDay, DemandHistory
from fluxion_desktop.application.demo_catalog import large_catalog
from fluxion_desktop.application.demo_history import demo_history_rows
from fluxion_desktop.application.forecasting import ForecastOutcome
from fluxion_desktop.intelligence.forecasting.agent import ForecastAgent

PRODUCTS = 2_000
PROPHET_SAMPLE = 200
TRAIN_DAYS, HELD_OUT = 730, 28
WORKERS = 2
END = date(2026, 11, 1)


def run(quick: bool) -> list[Result]:
    count = scaled(PRODUCTS, quick)
    sample = count if os.environ.get("FORECAST_BENCH_PROPHET_ALL") else min(
        count, scaled(PROPHET_SAMPLE, quick, minimum=10)
    )  # fmt: skip
    _say(f"   building {count} series of {TRAIN_DAYS + HELD_OUT} days")
    train, actual = _series(count)
    _say(f"   auto over {count} products, {WORKERS} processes")
    auto, auto_seconds = _timed(train, "auto")
    _say(f"   auto again over the {sample} products Prophet-only runs on")
    step = max(1, count // sample)
    _, auto_sample_seconds = _timed(train[::step][:sample], "auto")
    _say(f"   Prophet-only over {sample} products")
    prophet, prophet_seconds = _timed(train[::step][:sample], "prophet")
    _say(f"   AutoETS alone over {count} products (one fit each)")
    ets = _ets_alone(train)
    return _results(count, sample, train, actual, auto, prophet, ets, auto_seconds,
                    auto_sample_seconds, prophet_seconds)  # fmt: skip


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _series(count: int) -> tuple[list[DemandHistory], list[np.ndarray]]:
    start = END - timedelta(days=TRAIN_DAYS + HELD_OUT)
    train, actual = [], []
    catalog = list(islice(large_catalog(PRODUCTS), PRODUCTS))
    products = catalog[:: max(1, PRODUCTS // count)][:count]  # a quick run keeps the mix
    # One call for every product: the generator's promotions go by a product's place in the
    # list, and one random stream keeps products independent (a call per product, each seeded
    # alike, gave every product the same random numbers and none a promotion).
    rows = demo_history_rows(products, start, END)
    for sku, rows_of in groupby(rows, key=lambda r: r.sku):
        days = tuple(
            DemandDay(r.day, r.quantity, r.quantity * (r.promo_price or r.price or Decimal(0)),
                      r.promo_price is not None, False)
            for r in rows_of
        )  # fmt: skip
        assert sku is not None
        train.append(DemandHistory(sku, sku, "bench", days[:TRAIN_DAYS]))
        actual.append(np.array([float(d.units) for d in days[TRAIN_DAYS:]]))
    return train, actual


def _timed(histories: Sequence[DemandHistory], model: str) -> tuple[list[ForecastOutcome], float]:
    agent = ForecastAgent(workers=WORKERS)
    started = time.perf_counter()
    found = [outcome for _, outcome in agent.forecast_many(histories, HELD_OUT, model)]
    seconds = time.perf_counter() - started
    assert all(isinstance(f, ForecastOutcome) for f in found)
    return [f for f in found if isinstance(f, ForecastOutcome)], seconds


def _ets_job(values: np.ndarray) -> np.ndarray:
    from statsforecast.models import AutoETS

    model = AutoETS(season_length=7, model="ZNA")
    mean = model.forecast(y=values[-365:].astype(np.float64), h=HELD_OUT)["mean"]
    return np.clip(np.nan_to_num(np.asarray(mean, dtype=np.float64)), 0.0, None)


def _ets_alone(histories: Sequence[DemandHistory]) -> list[np.ndarray]:
    values = [np.array([float(d.units) for d in h.days]) for h in histories]
    with ProcessPoolExecutor(WORKERS, mp_context=get_context("spawn")) as pool:
        return list(pool.map(_ets_job, values, chunksize=16))


def _mase(actual: np.ndarray, forecast: np.ndarray, train: np.ndarray) -> float:
    scale = float(np.mean(np.abs(train[7:] - train[:-7])))
    if scale == 0:
        scale = max(float(np.mean(np.abs(train))), 1e-9)
    return float(np.mean(np.abs(actual - forecast))) / scale


def _points(outcome: ForecastOutcome, field: str) -> np.ndarray:
    return np.array([float(getattr(p, field)) for p in outcome.points])


def _coverage(actual: list[np.ndarray], auto: list[ForecastOutcome], level: int) -> float:
    if not auto:
        return float("nan")
    hits = [(a >= _points(o, f"lo{level}")) & (a <= _points(o, f"hi{level}"))
            for a, o in zip(actual, auto, strict=True)]  # fmt: skip
    return float(np.mean(np.concatenate(hits)))


def _results(
    count: int,
    sample: int,
    train: list[DemandHistory],
    actual: list[np.ndarray],
    auto: list[ForecastOutcome],
    prophet: list[ForecastOutcome],
    ets: list[np.ndarray],
    auto_seconds: float,
    auto_sample_seconds: float,
    prophet_seconds: float,
) -> list[Result]:
    history = [np.array([float(d.units) for d in h.days]) for h in train]
    step = max(1, count // sample)

    def sampled(items: list[np.ndarray]) -> list[np.ndarray]:
        return items[::step][:sample]

    auto_mase = [
        _mase(a, _points(o, "forecast"), h) for a, o, h in zip(actual, auto, history, strict=True)
    ]
    naive_mase = [
        _mase(a, np.resize(h[-7:], HELD_OUT), h) for a, h in zip(actual, history, strict=True)
    ]
    ets_mase = [_mase(a, f, h) for a, f, h in zip(actual, ets, history, strict=True)]
    pairs = zip(sampled(actual), prophet, sampled(history), strict=True)
    prophet_mase = [_mase(a, _points(o, "forecast"), h) for a, o, h in pairs]
    auto_on_sample = float(np.mean(auto_mase[::step][:sample]))
    regular = [o.demand_class in ("smooth", "erratic") for o in auto]
    cover = {level: _coverage(actual, auto, level) for level in (80, 95)}
    by_class = {
        f"{name}_{level}": _coverage(
            [a for a, r in zip(actual, regular, strict=True) if r == wanted],
            [o for o, r in zip(auto, regular, strict=True) if r == wanted],
            level,
        )
        for name, wanted in (("regular", True), ("slow", False))
        for level in (80, 95)
    }
    models: dict[str, int] = {}
    for outcome in auto:
        models[outcome.model] = models.get(outcome.model, 0) + 1
    details = {"products": count, "prophet_sample": sample, "workers": WORKERS,
               "models_chosen": models}  # fmt: skip
    return [
        Result(f"auto over {count} products x {TRAIN_DAYS} days, backtests included",
               auto_seconds, "s", 120.0, "<=", details=details),
        Result(f"Prophet-only / auto time on the same {sample} products", prophet_seconds /
               auto_sample_seconds, "x", 2.0, ">=",
               details={"prophet_s": prophet_seconds, "auto_s": auto_sample_seconds}),
        Result("auto mean MASE (held-out 28 days)", float(np.mean(auto_mase)), "", 1.0, "<"),
        Result(f"auto / Prophet-only mean MASE on the {sample} products",
               auto_on_sample / float(np.mean(prophet_mase)), "x", 1.0, "<",
               details={"auto": auto_on_sample, "prophet": float(np.mean(prophet_mase))}),
        Result("auto / AutoETS-alone mean MASE", float(np.mean(auto_mase) / np.mean(ets_mase)),
               "x", 1.0, "<", details={"ets": float(np.mean(ets_mase))}),
        Result("auto / seasonal-naive mean MASE", float(np.mean(auto_mase) /
               np.mean(naive_mase)), "x", 1.0, "<",
               details={"seasonal_naive": float(np.mean(naive_mase))}),
        Result("auto 80 % interval coverage, points off nominal", abs(cover[80] - 0.80) * 100,
               "pt", 5.0, "<=", details={"coverage": cover[80], **by_class}),
        Result("auto 95 % interval coverage, points off nominal", abs(cover[95] - 0.95) * 100,
               "pt", 5.0, "<=", details={"coverage": cover[95], **by_class}),
        *(Result(f"auto {level} % interval coverage of {name}", by_class[f"{key}_{level}"] * 100,
                 "%", details={"products": sum(r == (key == "regular") for r in regular)})
          for key, name in (("regular", "regular sellers"), ("slow", "slow movers"))
          for level in (80, 95)),
    ]  # fmt: skip
