"""Demand forecasting as the application sees it: the forecaster port, the reports it returns,
and the service that turns a forecast into a `ForecastGenerated` event.

The forecasting itself (pandas, statsforecast, Prophet) lives in `fluxion_desktop.intelligence`
behind the `Forecaster` port, so this layer stays free of heavy imports. Three tasks, per product
and store: `demand_forecast`, `trend_analysis` and `seasonality_detection`. Each returns
`InsufficientData` (with the counts) when there are fewer than `MIN_HISTORY_DAYS` days of history.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from fluxion_desktop.application.demand_history import DemandHistory, DemandQueries
from fluxion_desktop.application.ports import Clock, IdGenerator
from fluxion_desktop.application.repository import Repository
from fluxion_desktop.domain.errors import InvalidValue
from fluxion_desktop.domain.forecasts import (
    MIN_HISTORY_DAYS,
    ForecastGenerated,
    ForecastMetric,
    ForecastPoint,
    InsufficientData,
    ProductForecasts,
    forecasts_id,
)

TASKS = ("demand_forecast", "trend_analysis", "seasonality_detection")
MODELS = ("auto", "prophet", "ets", "theta", "croston", "naive")
DEFAULT_HORIZON = 28


@dataclass(frozen=True, slots=True)
class ForecastOutcome:
    """What a forecaster found for one series (before it becomes an event)."""

    model: str
    demand_class: str
    backtest_score: Decimal | None
    runner_up: str | None
    runner_up_score: Decimal | None
    points: tuple[ForecastPoint, ...]
    metrics: tuple[ForecastMetric, ...]
    factors: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TrendReport:
    """Direction of demand: `change_per_month` is the fitted change over 30 days as a share of
    the mean (0.10 = +10 %); `year_over_year` compares the last 28 days with a year before."""

    product_id: str
    store_id: str
    direction: str  # "up", "down" or "flat"
    change_per_month: Decimal
    year_over_year: Decimal | None
    days: int


@dataclass(frozen=True, slots=True)
class SeasonalityReport:
    """The seasonal shape found: the weekday profile (Monday first, mean 1), the monthly profile
    (January first, mean 1) when a year or more is there, their strengths (0-1, the share of
    variation they explain), and the effect of Venezuelan holidays and of promotions (0.3 = +30 %)
    when the data shows one."""

    product_id: str
    store_id: str
    weekly_profile: tuple[Decimal, ...]
    weekly_strength: Decimal
    yearly_profile: tuple[Decimal, ...] | None
    yearly_strength: Decimal | None
    holiday_effect: Decimal | None
    promo_effect: Decimal | None
    factors: tuple[str, ...]


class Forecaster(Protocol):
    """The forecasting engine (fluxion_desktop.intelligence.forecasting.agent implements it)."""

    def forecast(
        self, history: DemandHistory, horizon: int, model: str = "auto"
    ) -> ForecastOutcome | InsufficientData: ...

    def forecast_many(
        self, histories: Iterable[DemandHistory], horizon: int, model: str = "auto"
    ) -> Iterator[tuple[DemandHistory, ForecastOutcome | InsufficientData]]:
        """`forecast` of each history, in any order, using every core the engine may use."""
        ...

    def trend(self, history: DemandHistory) -> TrendReport | InsufficientData: ...

    def seasonality(self, history: DemandHistory) -> SeasonalityReport | InsufficientData: ...


def insufficient(history: DemandHistory) -> InsufficientData | None:
    """The documented path for short histories: None when there is enough to work with."""
    days = len(history.days)
    if days >= MIN_HISTORY_DAYS:
        return None
    return InsufficientData(
        history.product_id,
        history.store_id,
        days,
        sum(1 for d in history.days if d.units > 0),
        sum(1 for d in history.days if d.out_of_stock),
    )


Progress = Callable[[int, int], None]


class ForecastingService:
    """Runs the forecast tasks for products and stores and records `ForecastGenerated`."""

    def __init__(
        self,
        demand: DemandQueries,
        forecaster: Forecaster,
        forecasts: Repository[ProductForecasts],
        device_id: str,
        clock: Clock,
        ids: IdGenerator,
    ) -> None:
        self._demand = demand
        self._forecaster = forecaster
        self._forecasts = forecasts
        self._device_id = device_id
        self._clock = clock
        self._ids = ids

    def demand_forecast(
        self,
        product_id: str,
        store_id: str,
        horizon: int = DEFAULT_HORIZON,
        model: str = "auto",
        record: bool = True,
    ) -> ForecastGenerated | InsufficientData:
        """Forecast one product in one store; the event is recorded unless `record` is false."""
        _check(horizon, model)
        history = self._demand.history(product_id, store_id)
        outcome = self._forecaster.forecast(history, horizon, model)
        return self._result(history, outcome, horizon, record)

    def forecast_all(
        self,
        store_id: str | None = None,
        horizon: int = DEFAULT_HORIZON,
        model: str = "auto",
        record: bool = True,
        progress: Progress | None = None,
    ) -> list[ForecastGenerated | InsufficientData]:
        """Forecast every product with history (in the store, or in every store), by SKU."""
        _check(horizon, model)
        products = self._demand.products_with_history(store_id)
        histories = (self._demand.history(p.product_id, p.store_id) for p in products)
        results: dict[tuple[str, str], ForecastGenerated | InsufficientData] = {}
        for done, (history, outcome) in enumerate(
            self._forecaster.forecast_many(histories, horizon, model), start=1
        ):
            key = (history.product_id, history.store_id)
            results[key] = self._result(history, outcome, horizon, record)
            if progress is not None:
                progress(done, len(products))
        return [results[(p.product_id, p.store_id)] for p in products]

    def trend_analysis(self, product_id: str, store_id: str) -> TrendReport | InsufficientData:
        return self._forecaster.trend(self._demand.history(product_id, store_id))

    def seasonality_detection(
        self, product_id: str, store_id: str
    ) -> SeasonalityReport | InsufficientData:
        return self._forecaster.seasonality(self._demand.history(product_id, store_id))

    def _result(
        self,
        history: DemandHistory,
        outcome: ForecastOutcome | InsufficientData,
        horizon: int,
        record: bool,
    ) -> ForecastGenerated | InsufficientData:
        if isinstance(outcome, InsufficientData):
            return outcome
        assert history.first_day is not None and history.last_day is not None
        event = ForecastGenerated(
            forecast_id=str(self._ids.new_id()),
            product_id=history.product_id,
            sku=history.sku,
            store_id=history.store_id,
            model=outcome.model,
            demand_class=outcome.demand_class,
            backtest_score=outcome.backtest_score,
            runner_up=outcome.runner_up,
            runner_up_score=outcome.runner_up_score,
            history_start=history.first_day,
            history_end=history.last_day,
            horizon=horizon,
            generated_at=self._clock.now(),
            points=outcome.points,
            metrics=outcome.metrics,
            factors=outcome.factors,
        )
        stream = forecasts_id(history.product_id, self._device_id)
        forecasts = self._forecasts.get(stream) or ProductForecasts(stream)
        forecasts.record(event)
        if record:
            self._forecasts.save(forecasts, None)
        return event


def _check(horizon: int, model: str) -> None:
    if not 1 <= horizon <= 366:
        raise InvalidValue(f"horizon must be 1-366 days, got {horizon}", "horizon")
    if model not in MODELS:
        raise InvalidValue(f"unknown model {model!r}; expected one of {', '.join(MODELS)}", "model")


def as_rows(events: Sequence[ForecastGenerated]) -> Iterator[tuple[str, ...]]:
    """The CSV rows of forecasts: sku, date, forecast, lo80, hi80, lo95, hi95, model."""
    for event in events:
        for p in event.points:
            yield (event.sku, p.day.isoformat(), str(p.forecast), str(p.lo80), str(p.hi80),
                   str(p.lo95), str(p.hi95), event.model)  # fmt: skip
