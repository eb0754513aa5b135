"""Reorder suggestions for the back office: for each product of the store, what to order now.

Reads the demand history (stock-out days left out: their sales are censored), the store-wide
stock level, the product's reorder settings (or defaults, with the catalog's pack size), and a
`ForecastSource` for the daily forecast and its past errors.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Protocol

from fluxion_desktop.application.demand_history import DemandHistory, DemandQueries
from fluxion_desktop.application.ports import Clock
from fluxion_desktop.application.queries import CatalogQueries, StockQueries
from fluxion_desktop.application.reorder_settings import ReorderSettingsQueries
from fluxion_desktop.domain.reorder import ReorderSettings
from fluxion_desktop.intelligence.reorder.backtest import MovingAverageForecaster
from fluxion_desktop.intelligence.reorder.policy import ReorderPlan, StockPosition, plan_reorder

MIN_HISTORY_DAYS = 28
ERROR_WINDOW = 365


@dataclass(frozen=True, slots=True)
class ForecastInputs:
    """A daily forecast from tomorrow on, and the same model's past errors: cumulative over the
    protection period (one per origin) and one-day."""

    daily: Sequence[float]
    cumulative_errors: Sequence[float]
    daily_errors: Sequence[float]
    model: str


class ForecastSource(Protocol):
    def inputs(self, history: DemandHistory, days: int) -> ForecastInputs:
        """Forecast at least `days` days after the end of `history`, with past errors over `days`
        days."""
        ...


class MovingAverageSource:
    """The 28-day moving average and its own rolling-origin errors over the history: cheap,
    and its errors are measured on exactly the forecasts it makes."""

    def __init__(self, window: int = 28, error_window: int = ERROR_WINDOW) -> None:
        self._window = window
        self._error_window = error_window

    def inputs(self, history: DemandHistory, days: int) -> ForecastInputs:
        model = MovingAverageForecaster(in_stock_units(history), self._window)
        end = len(in_stock_units(history))
        return ForecastInputs(
            [model.daily_mean(end)] * days,
            model.cumulative_errors(end, days, self._error_window),
            model.daily_errors(end, self._error_window),
            f"moving_average_{self._window}",
        )


def in_stock_units(history: DemandHistory) -> list[float]:
    """Daily units, stock-out days left out: they sold what was on the shelf, not what was
    wanted."""
    return [float(d.units) for d in history.days if not d.out_of_stock]


class OpenOrders(Protocol):
    def on_order(self, product_id: str) -> Decimal: ...

    def reserved(self, product_id: str) -> Decimal: ...


class NoOpenOrders:
    """The app has no purchase orders or holds yet: nothing on order, nothing reserved."""

    def on_order(self, product_id: str) -> Decimal:
        return Decimal(0)

    def reserved(self, product_id: str) -> Decimal:
        return Decimal(0)


@dataclass(frozen=True, slots=True)
class ReorderSuggestion:
    product_id: str
    sku: str
    name: str
    store_id: str
    settings: ReorderSettings
    position: StockPosition
    plan: ReorderPlan
    model: str
    history_days: int


@dataclass(frozen=True, slots=True)
class NotEnoughHistory:
    product_id: str
    sku: str
    days: int
    required: int = MIN_HISTORY_DAYS

    @property
    def message(self) -> str:
        return (f"{self.sku}: {self.days} days of demand history in stock; at least "
                f"{self.required} are needed for a reorder suggestion")  # fmt: skip


class ReorderService:
    """`suggest(product_id)` for one product, `suggest_all()` for every product with history."""

    def __init__(
        self,
        demand: DemandQueries,
        stock: StockQueries,
        catalog: CatalogQueries,
        settings: ReorderSettingsQueries,
        store_id: str,
        source: ForecastSource | None = None,
        orders: OpenOrders | None = None,
    ) -> None:
        self._demand = demand
        self._stock = stock
        self._catalog = catalog
        self._settings = settings
        self._store_id = store_id
        self._source = source or MovingAverageSource()
        self._orders = orders or NoOpenOrders()

    def settings_for(self, product_id: str) -> ReorderSettings:
        """The product's settings, else the defaults with the catalog's pack size."""
        found = self._settings.settings_for(product_id, self._store_id)
        if found is not None:
            return found
        product = self._catalog.get(product_id)
        pack = product.pack_size if product is not None else Decimal(1)
        return replace(ReorderSettings(), pack_size=pack)

    def suggest(self, product_id: str) -> ReorderSuggestion | NotEnoughHistory:
        history = self._demand.history(product_id, self._store_id)
        daily = in_stock_units(history)
        if len(daily) < MIN_HISTORY_DAYS:
            return NotEnoughHistory(product_id, history.sku, len(daily))
        settings = self.settings_for(product_id)
        days = settings.protection_days
        inputs = self._source.inputs(history, days)
        position = StockPosition(
            self._stock.level(product_id).current,
            self._orders.on_order(product_id),
            self._orders.reserved(product_id),
        )
        plan = plan_reorder(settings, position, inputs.daily, inputs.cumulative_errors, daily,
                            inputs.daily_errors)  # fmt: skip
        product = self._catalog.get(product_id)
        name = product.name if product is not None else history.sku
        return ReorderSuggestion(product_id, history.sku, name, self._store_id, settings,
                                 position, plan, inputs.model, len(daily))  # fmt: skip

    def suggest_all(self, only_to_order: bool = True) -> list[ReorderSuggestion]:
        """Every product of the store with enough history (only those to order, by default),
        largest order first."""
        found = []
        for item in self._demand.products_with_history(self._store_id):
            suggestion = self.suggest(item.product_id)
            if isinstance(suggestion, NotEnoughHistory):
                continue
            if only_to_order and suggestion.plan.suggested_quantity <= 0:
                continue
            found.append(suggestion)
        return sorted(found, key=lambda s: (-s.plan.suggested_quantity, s.sku))


@dataclass(frozen=True, slots=True)
class ReorderRow:
    """One line of the back office's reorder table (its `ReorderSuggestion` protocol)."""

    product_id: str
    sku: str
    name: str
    on_hand: Decimal
    quantity: Decimal
    stockout_day: date | None  # when stock on hand runs out at the forecast rate


class BackOfficeReorder:
    """The back office's `ReorderQueries`: what to order now, the soonest stock-out first."""

    def __init__(self, service: ReorderService, clock: Clock) -> None:
        self._service = service
        self._clock = clock

    def suggestions(self) -> list[ReorderRow]:
        today = self._clock.now().date()
        rows = [_row(s, today) for s in self._service.suggest_all()]
        return sorted(rows, key=lambda r: (r.stockout_day or date.max, r.sku))


def _row(suggestion: ReorderSuggestion, today: date) -> ReorderRow:
    plan = suggestion.plan
    daily = plan.forecast_demand / plan.protection_days
    on_hand = suggestion.position.on_hand
    stockout = None
    if daily > 0:
        stockout = today + timedelta(days=int(max(on_hand, Decimal(0)) / daily))
    return ReorderRow(suggestion.product_id, suggestion.sku, suggestion.name, on_hand,
                      plan.suggested_quantity, stockout)  # fmt: skip
