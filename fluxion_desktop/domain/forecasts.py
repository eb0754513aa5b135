"""Demand forecasts as facts (stream type "forecast"): what was forecast, by which model, and how
well that model did in its backtest, so forecasts sync to HQ and can be audited later.

Numbers are Decimals (stored as decimal strings); every forecast and bound is >= 0.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from fluxion_desktop.domain.aggregate import Aggregate
from fluxion_desktop.domain.errors import InvalidValue
from fluxion_desktop.domain.events import DomainEvent

MIN_HISTORY_DAYS = 30
_ID_SEPARATOR = "@"


@dataclass(frozen=True, slots=True)
class ForecastPoint:
    """The expected demand of one day with its 80 % and 95 % prediction intervals."""

    day: date
    forecast: Decimal
    lo80: Decimal
    hi80: Decimal
    lo95: Decimal
    hi95: Decimal


@dataclass(frozen=True, slots=True)
class ForecastMetric:
    """One backtest figure of the chosen model (mase, rmsse, smape, mape, rmse, mae, coverage80,
    coverage95)."""

    name: str
    value: Decimal


@dataclass(frozen=True, slots=True)
class ForecastGenerated(DomainEvent):
    """A demand forecast of one product in one store for the `horizon` days after `history_end`.

    `model` was chosen by a rolling-origin backtest (`backtest_score` is its MASE there) over
    `runner_up`; `demand_class` is smooth, erratic, intermittent, lumpy or new; `factors` are what
    the model found (weekly or yearly seasonality, holidays, promotions, trend).
    """

    event_type = "ForecastGenerated"
    forecast_id: str
    product_id: str
    sku: str
    store_id: str
    model: str
    demand_class: str
    backtest_score: Decimal | None
    runner_up: str | None
    runner_up_score: Decimal | None
    history_start: date
    history_end: date
    horizon: int
    generated_at: datetime
    points: tuple[ForecastPoint, ...]
    metrics: tuple[ForecastMetric, ...]
    factors: tuple[str, ...]


EVENT_TYPES: tuple[type[DomainEvent], ...] = (ForecastGenerated,)


@dataclass(frozen=True, slots=True)
class InsufficientData:
    """Too little history to forecast: `days` of history (`days_with_sales` of them selling,
    `stockout_days` out of stock) against the `required` minimum."""

    product_id: str
    store_id: str
    days: int
    days_with_sales: int
    stockout_days: int
    required: int = MIN_HISTORY_DAYS

    @property
    def message(self) -> str:
        return (
            f"insufficient data: {self.days} days of history ({self.days_with_sales} with sales, "
            f"{self.stockout_days} out of stock); at least {self.required} are needed"
        )


def forecasts_id(product_id: str, device_id: str) -> str:
    return f"{product_id}{_ID_SEPARATOR}{device_id}"


class ProductForecasts(Aggregate):
    """The forecasts one device made for one product (id ``<product_id>@<device_id>``)."""

    stream_type = "forecast"

    def __init__(self, aggregate_id: str) -> None:
        super().__init__(aggregate_id)
        self.latest: ForecastGenerated | None = None
        self.count = 0

    def record(self, forecast: ForecastGenerated) -> None:
        """Record a forecast: points start the day after the history, one a day, all >= 0."""
        _check_points(forecast.points, forecast.history_end, forecast.horizon)
        self._record(forecast)

    def _apply(self, event: DomainEvent) -> None:
        if isinstance(event, ForecastGenerated):
            self.latest = event
            self.count += 1

    # A snapshot keeps loading cheap: a product gets a forecast every night, and the stream is
    # read only to append the next one.
    def snapshot_state(self) -> Mapping[str, Any]:
        return {"count": self.count}

    def restore_state(self, state: Mapping[str, Any]) -> None:
        self.count = int(state["count"])


def _check_points(points: Sequence[ForecastPoint], history_end: date, horizon: int) -> None:
    if horizon < 1 or len(points) != horizon:
        raise InvalidValue(f"a forecast of {horizon} days needs {horizon} points", "points")
    for offset, point in enumerate(points, start=1):
        if (point.day - history_end).days != offset:
            raise InvalidValue("points must follow the history day by day", "points")
        values = (point.lo95, point.lo80, point.forecast, point.hi80, point.hi95)
        if min(values) < 0:
            raise InvalidValue(f"a forecast is never negative (day {point.day})", "points")
        if not (point.lo95 <= point.lo80 <= point.hi80 <= point.hi95):
            raise InvalidValue(f"intervals must nest (day {point.day})", "points")
