"""The demand history read side: what forecasting and the forecast chart read.

A day's demand is the units sold net of returns (live sales plus imported history), with its
revenue, average price, whether it sold on promotion, and whether the product was out of stock.
A day is OUT OF STOCK when the store-wide level was <= 0 at any moment of it: the day a movement
took it to <= 0, every following day until a movement took it above 0, and that day too. Such a
day's sales are censored (they stop when the shelf is empty), so forecasting never reads it as
demand: it is left out of the fit.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol

from fluxion_desktop.domain.forecasts import ForecastGenerated


@dataclass(frozen=True, slots=True)
class DemandDay:
    day: date
    units: Decimal
    revenue: Decimal
    promo: bool
    out_of_stock: bool

    @property
    def average_price(self) -> Decimal | None:
        """Revenue per unit sold, None on a day without (net) sales."""
        return None if self.units <= 0 else (self.revenue / self.units).quantize(Decimal("0.01"))


@dataclass(frozen=True, slots=True)
class DemandHistory:
    """Every day from the first with history to the last, gaps filled as days without sales."""

    product_id: str
    sku: str
    store_id: str
    days: tuple[DemandDay, ...]

    @property
    def first_day(self) -> date | None:
        return self.days[0].day if self.days else None

    @property
    def last_day(self) -> date | None:
        return self.days[-1].day if self.days else None

    @property
    def stockout_days(self) -> tuple[date, ...]:
        return tuple(d.day for d in self.days if d.out_of_stock)


@dataclass(frozen=True, slots=True)
class ProductWithHistory:
    product_id: str
    sku: str
    store_id: str


@dataclass(frozen=True, slots=True)
class ForecastChart:
    """What the forecast chart draws for one product: the history (with its stock-out days)
    and the latest forecast, None when there is none yet."""

    history: DemandHistory
    forecast: ForecastGenerated | None

    @property
    def stockout_days(self) -> tuple[date, ...]:
        return self.history.stockout_days


class DemandQueries(Protocol):
    def history(
        self, product_id: str, store_id: str, start: date | None = None, end: date | None = None
    ) -> DemandHistory:
        """The product's daily demand in the store (empty `days` if it has none)."""
        ...

    def products_with_history(self, store_id: str | None = None) -> list[ProductWithHistory]:
        """Every product and store with at least one day of history, by SKU."""
        ...

    def known_imports(self, event_ids: Collection[str]) -> set[str]:
        """Which of these imported-history event ids are stored already."""
        ...

    def latest_forecast(self, product_id: str, store_id: str) -> ForecastGenerated | None: ...

    def chart(self, product_id: str, store_id: str, days: int = 180) -> ForecastChart:
        """The last `days` days of history, their stock-out days and the latest forecast."""
        ...
