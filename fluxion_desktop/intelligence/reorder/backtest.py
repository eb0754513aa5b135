"""Replay a periodic-review order-up-to policy over past daily demand and measure the service
level it actually reached: the share of order cycles that ended without a stock-out.

At each review (every `review_period_days`, from `warm_up` on) the policy forecasts a flat daily
demand (the mean of the last `forecast_window` days), measures the same forecaster's past
cumulative errors over the protection period at every earlier origin whose outcome is known (up
to `error_window` of them), and orders up to `plan_reorder`'s level in whole packs. Unmet demand
is backordered. The cycle of the order placed on day t is fine when stock is still >= 0 at the end
of day t + L + R - 1, the last day before the next order can arrive.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import accumulate

from fluxion_desktop.domain.reorder import ReorderSettings
from fluxion_desktop.intelligence.reorder.policy import (
    Method,
    StockPosition,
    plan_reorder,
    sigma_sqrt_l_safety_stock,
    suggested_quantity,
)


@dataclass(frozen=True, slots=True)
class BacktestResult:
    cycles: int
    cycles_without_stockout: int
    target: float
    methods: dict[str, int]

    @property
    def achieved(self) -> float:
        return self.cycles_without_stockout / self.cycles if self.cycles else float("nan")

    def __add__(self, other: BacktestResult) -> BacktestResult:
        methods = dict(self.methods)
        for name, count in other.methods.items():
            methods[name] = methods.get(name, 0) + count
        return BacktestResult(self.cycles + other.cycles,
                              self.cycles_without_stockout + other.cycles_without_stockout,
                              self.target, methods)  # fmt: skip


class MovingAverageForecaster:
    """A flat forecast (mean of the last `window` days) and its own past errors, from prefix
    sums so a whole backtest stays linear in the history's length."""

    def __init__(self, demand: Sequence[float], window: int = 28) -> None:
        self._prefix = [0.0, *accumulate(demand)]
        self._window = window

    def daily_mean(self, day: int) -> float:
        """The forecast made at the start of `day` (from the days before it)."""
        start = max(0, day - self._window)
        return (self._prefix[day] - self._prefix[start]) / max(day - start, 1)

    def total(self, start: int, days: int) -> float:
        return self._prefix[start + days] - self._prefix[start]

    def cumulative_errors(self, day: int, days: int, limit: int) -> list[float]:
        """Actual - forecast over `days` days, for each origin whose outcome is known by `day`."""
        first = max(self._window, day - days - limit + 1)
        return [self.total(s, days) - self.daily_mean(s) * days
                for s in range(first, day - days + 1)]  # fmt: skip

    def daily_errors(self, day: int, limit: int) -> list[float]:
        first = max(self._window, day - limit)
        return [self.total(s, 1) - self.daily_mean(s) for s in range(first, day)]


def backtest(
    demand: Sequence[float],
    settings: ReorderSettings,
    *,
    warm_up: int = 182,
    forecast_window: int = 28,
    error_window: int = 365,
    sigma_rule: bool = False,
) -> BacktestResult:
    """Simulate the policy over `demand` (one product, oldest day first); `sigma_rule` swaps the
    safety stock for the textbook z * sigma * sqrt(L + R), for comparison."""
    if settings.review_period_days < 1:
        raise ValueError("the backtest simulates periodic reviews: review_period_days >= 1")
    days = settings.protection_days
    model = MovingAverageForecaster(demand, forecast_window)
    position = Decimal(0)
    cycles = fine = 0
    methods: dict[str, int] = {}
    for t in range(warm_up, len(demand) - days + 1, settings.review_period_days):
        level, method = _order_up_to(model, demand, t, settings, error_window, sigma_rule)
        methods[method] = methods.get(method, 0) + 1
        if cycles == 0:
            position = level  # start the replay already stocked to the policy's level
        position += suggested_quantity(level, StockPosition(position), settings.pack_size)
        cycles += 1
        fine += position >= _units(model.total(t, days))
        position -= _units(model.total(t, settings.review_period_days))
    return BacktestResult(cycles, fine, float(settings.service_level), methods)


def _order_up_to(
    model: MovingAverageForecaster,
    demand: Sequence[float],
    t: int,
    settings: ReorderSettings,
    error_window: int,
    sigma_rule: bool,
) -> tuple[Decimal, str]:
    days = settings.protection_days
    forecast = [model.daily_mean(t)] * days
    daily = model.daily_errors(t, error_window)
    if sigma_rule:
        level = float(settings.service_level)
        safety = sigma_sqrt_l_safety_stock(daily, days, level)
        return _units(sum(forecast) + safety), Method.SIGMA_SQRT_L.value
    errors = model.cumulative_errors(t, days, error_window)
    history = demand[max(0, t - error_window) : t]
    plan = plan_reorder(settings, StockPosition(Decimal(0)), forecast, errors, history, daily)
    return plan.order_up_to, plan.method.value


def _units(value: float) -> Decimal:
    return Decimal(repr(value))


def mean_achieved(results: Sequence[BacktestResult]) -> float:
    return statistics.fmean(r.achieved for r in results) if results else float("nan")
