"""Reorder suggestions in a backtest: the service level a periodic-review order-up-to policy
actually reaches on two years of synthetic daily sales, against its 95 % target.

Products: three in four are regular sellers (negative binomial days, 2-40 units on average, a
weekly pattern, a slowly wandering level), one in four intermittent (a sale on a day in two to
six). Lead time 5 days, review every 7, pack size 1. Safety stock from the empirical quantile of
past cumulative forecast errors (the app's rule) is printed beside the textbook z * sigma * sqrt(L)
on the same products; target: achieved within 1 point of 95 %.
"""

from __future__ import annotations

import math
import random
from decimal import Decimal

from benchmarks import harness
from benchmarks.intelligence_alerts import _nb_draw

DAYS = 730
TARGET = 0.95


def make_demand(rng: random.Random, days: int = DAYS) -> tuple[list[float], bool]:
    intermittent = rng.random() < 0.25
    size = rng.uniform(3.0, 20.0)
    if intermittent:
        level = rng.uniform(0.15, 0.6)
        return [float(_nb_draw(rng, level, size)) for _ in range(days)], True
    level = math.exp(rng.uniform(math.log(2.0), math.log(40.0)))
    weekly = [1.0, 0.9, 0.95, 1.0, 1.15, rng.uniform(1.2, 1.6), rng.uniform(0.6, 1.2)]
    drift, series = 1.0, []
    for day in range(days):
        drift = min(1.6, max(0.6, drift * math.exp(rng.gauss(0.0, 0.01))))
        series.append(float(_nb_draw(rng, level * drift * weekly[day % 7], size)))
    return series, False


def run(quick: bool) -> list[harness.Result]:
    from fluxion_desktop.domain.reorder import ReorderSettings
    from fluxion_desktop.intelligence.reorder.backtest import BacktestResult, backtest

    rng = random.Random(20261125)
    products = [make_demand(rng) for _ in range(harness.scaled(300, quick, minimum=20))]
    settings = ReorderSettings(5, 7, Decimal("0.95"), Decimal(1))
    empty = BacktestResult(0, 0, TARGET, {})
    ours = sigma = regular = intermittent = empty
    with harness.Stopwatch() as watch:
        for demand, slow in products:
            result = backtest(demand, settings)
            ours += result
            if slow:
                intermittent += result
            else:
                regular += result
            sigma += backtest(demand, settings, sigma_rule=True)
    details = {"products": len(products), "cycles": ours.cycles, "methods": ours.methods,
               "seconds": round(watch.seconds, 1)}  # fmt: skip
    return [
        harness.Result(
            "|achieved - 95 %|, empirical error quantile (achieved "
            f"{ours.achieved * 100:.1f} %)", abs(ours.achieved - TARGET) * 100, "points", 1.0,
            "<=", details=details),
        harness.Result(f"  regular sellers: achieved (cycles {regular.cycles})",
                       regular.achieved * 100, "%"),
        harness.Result(f"  intermittent, negative binomial (cycles {intermittent.cycles})",
                       intermittent.achieved * 100, "%"),
        harness.Result("achieved, textbook z*sigma*sqrt(L+R) on the same products",
                       sigma.achieved * 100, "%"),
    ]  # fmt: skip
