"""Read-only queries the manager's back office needs beyond the till's: sales reports, shift
history, the catalog page by page, and the alerts inbox.

SQL adapters in `adapters/read_models/reports.py` implement these protocols; the UI sees only them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Protocol

from fluxion_desktop.application.queries import ProductView, StockView
from fluxion_desktop.domain.alerts import Severity


@dataclass(frozen=True, slots=True)
class DaySales:
    """One day's sales in the store's own time zone: `net` (before taxes) and `units` of the
    sales made here, `imported_*` of history imported from an older system (its revenue as that
    system recorded it), in the store's reference currency; `products` sold either way."""

    day: date
    net: Decimal
    units: Decimal
    products: int
    imported_units: Decimal = Decimal(0)
    imported_revenue: Decimal = Decimal(0)


@dataclass(frozen=True, slots=True)
class ProductSales:
    product_id: str
    sku: str
    name: str
    units: Decimal
    net: Decimal
    imported_units: Decimal = Decimal(0)
    imported_revenue: Decimal = Decimal(0)


@dataclass(frozen=True, slots=True)
class ShiftSummary:
    """A shift as the history lists it; `sales_count` is known once the shift is closed."""

    shift_id: str
    device_id: str
    cashier: str
    status: str
    opened_at: datetime
    closed_at: datetime | None
    sales_count: int | None


class ReportQueries(Protocol):
    def sales_by_day(self, start: date, end: date) -> list[DaySales]:
        """Every day from `start` to `end` (inclusive) that had sales, oldest first."""
        ...

    def sales_by_product(self, start: date, end: date, limit: int = 200) -> list[ProductSales]:
        """The products sold from `start` to `end`, the highest net (imported included) first."""
        ...

    def shift_history(self, limit: int = 100) -> list[ShiftSummary]:
        """The shifts this till knows of, the latest opened first, with the cashier's name."""
        ...


class CatalogPages(Protocol):
    def page_after(self, sku: str | None, product_id: str | None, limit: int) -> list[ProductView]:
        """Up to `limit` products in SKU order after (`sku`, `product_id`); from the start if None.

        Keyset paging: a page deep into a 300,000-product catalog costs what the first one does.
        """
        ...

    def stock_after(self, sku: str | None, product_id: str | None, limit: int) -> list[StockView]:
        """Like `page_after`, each product with its level (zero for one never stocked)."""
        ...

    def count(self) -> int: ...


class AlertEntry(Protocol):
    """One alert of the inbox (structural: the read model's view has these fields)."""

    @property
    def alert_id(self) -> str: ...

    @property
    def kind(self) -> str: ...

    @property
    def severity(self) -> Severity: ...

    @property
    def message(self) -> str: ...

    @property
    def product_id(self) -> str | None: ...

    @property
    def raised_at(self) -> str: ...

    @property
    def acknowledged(self) -> bool: ...


class AlertQueries(Protocol):
    def inbox(self, include_acknowledged: bool = False, limit: int = 200) -> Sequence[AlertEntry]:
        """The newest alerts first; open ones only unless `include_acknowledged`."""
        ...
