"""What the back office's forecast chart shows of one product, read from the demand history read
model (its history, stock-out days and latest `ForecastGenerated`) and the stock level.

The day stock is expected to run out is worked out here: the first forecast day by which the
expected demand, added up, reaches what is on hand now.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from fluxion_desktop.application.demand_history import DemandQueries
from fluxion_desktop.application.queries import StockQueries
from fluxion_desktop.domain.forecasts import ForecastGenerated, ForecastPoint

CHART_DAYS = 180


@dataclass(frozen=True, slots=True)
class SoldOn:
    day: date
    quantity: Decimal


@dataclass(frozen=True, slots=True)
class ExpectedOn:
    """Expected units of a day with the 80 % prediction interval."""

    day: date
    quantity: Decimal
    low: Decimal
    high: Decimal


@dataclass(frozen=True, slots=True)
class ForecastPicture:
    product_id: str
    history: tuple[SoldOn, ...]
    forecast: tuple[ExpectedOn, ...]
    stockout_days: tuple[date, ...]
    runs_out_on: date | None
    model: str
    mase: Decimal | None


class BackOfficeForecasts:
    """The back office's `ForecastQueries` over the demand history of this till's store."""

    def __init__(
        self, demand: DemandQueries, stock: StockQueries, store_id: str, days: int = CHART_DAYS
    ) -> None:
        self._demand = demand
        self._stock = stock
        self._store_id = store_id
        self._days = days

    def forecast(self, product_id: str) -> ForecastPicture | None:
        """None when the product has neither history nor a forecast."""
        chart = self._demand.chart(product_id, self._store_id, self._days)
        latest = chart.forecast
        if not chart.history.days and latest is None:
            return None
        history = tuple(SoldOn(d.day, d.units) for d in chart.history.days)
        points = latest.points if latest is not None else ()
        on_hand = self._stock.level(product_id).current
        return ForecastPicture(
            product_id,
            history,
            tuple(ExpectedOn(p.day, p.forecast, p.lo80, p.hi80) for p in points),
            chart.stockout_days,
            runs_out_on(on_hand, points),
            latest.model if latest is not None else "",
            _mase(latest),
        )


def runs_out_on(on_hand: Decimal, points: Sequence[ForecastPoint]) -> date | None:
    """The first day by which the expected demand adds up to `on_hand`; None if it lasts."""
    expected = Decimal(0)
    for point in points:
        expected += point.forecast
        if on_hand <= 0 or expected >= on_hand:
            return point.day
    return None


def _mase(forecast: ForecastGenerated | None) -> Decimal | None:
    if forecast is None:
        return None
    found = next((m.value for m in forecast.metrics if m.name == "mase"), None)
    return found if found is not None else forecast.backtest_score
