"""Read-only SQL queries of the back office: sales by day and product (the till's own sales and,
apart, history imported from an older system), shift history, the catalog and its stock page by
page. They only read existing read models (no tables of their own).

Sums are made on Decimals in Python: SQLite would add the stored decimal strings as floats.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine

from fluxion_desktop.adapters.read_models.catalog_queries import (
    _PRODUCT_COLUMNS,
    _level,
    _product,
)
from fluxion_desktop.adapters.sqlite_engine import raw_read_transaction
from fluxion_desktop.application.authorization import UserQueries
from fluxion_desktop.application.queries import ProductView, StockView
from fluxion_desktop.application.report_queries import DaySales, ProductSales, ShiftSummary
from fluxion_desktop.application.shifts import ShiftQueries


class SqlReportQueries:
    """`catch_up` feeds the lagging read models the sales reports read (the daily sales, and the
    demand history's imported days)."""

    def __init__(
        self,
        engine: Engine,
        shifts: ShiftQueries,
        users: UserQueries,
        catch_up: Callable[[], object],
    ) -> None:
        self._engine = engine
        self._shifts = shifts
        self._users = users
        self._catch_up = catch_up

    def sales_by_day(self, start: date, end: date) -> list[DaySales]:
        days: dict[str, _Figures] = {}
        for day, product_id, *figures in self._rows(start, end):
            sums = days.setdefault(day, _Figures())
            if sums.add(*figures):
                sums.products.add(product_id)
        return [f.day(date.fromisoformat(day)) for day, f in sorted(days.items())]

    def sales_by_product(self, start: date, end: date, limit: int = 200) -> list[ProductSales]:
        products: dict[str, _Figures] = {}
        for _, product_id, *figures in self._rows(start, end):
            products.setdefault(product_id, _Figures()).add(*figures)
        names = self._names(list(products))
        rows = [f.product(p, *names.get(p, ("", p))) for p, f in products.items()]
        rows.sort(key=lambda r: (-(r.net + r.imported_revenue), r.name))
        return rows[:limit]

    def _rows(self, start: date, end: date) -> list[Any]:
        """(day, product, live units, live net, imported units, imported revenue) rows."""
        period = (start.isoformat(), end.isoformat())
        self._catch_up()
        with raw_read_transaction(self._engine) as db:
            return db.execute(
                "SELECT day, product_id, quantity, net, NULL, NULL FROM daily_sales "
                "WHERE day >= ? AND day <= ? UNION ALL "
                "SELECT day, product_id, NULL, NULL, imported_units, imported_revenue "
                "FROM demand_days WHERE imported_units IS NOT NULL AND day >= ? AND day <= ?",
                (*period, *period),
            ).fetchall()

    def _names(self, product_ids: list[str]) -> dict[str, tuple[str, str]]:
        found: dict[str, tuple[str, str]] = {}
        with raw_read_transaction(self._engine) as db:
            for chunk in range(0, len(product_ids), 500):
                ids = product_ids[chunk : chunk + 500]
                found.update(
                    (r[0], (r[1], r[2]))
                    for r in db.execute(
                        "SELECT product_id, sku, name FROM products "
                        f"WHERE product_id IN ({','.join('?' * len(ids))})",
                        ids,
                    )
                )
        return found

    def shift_history(self, limit: int = 100) -> list[ShiftSummary]:
        names = {user.user_id: user.display_name for user in self._users.all()}
        return [
            ShiftSummary(
                shift.shift_id,
                shift.device_id,
                names.get(shift.cashier_id, shift.cashier_id),
                shift.status.value,
                shift.opened_at,
                shift.closed_at,
                None if shift.z_report is None else shift.z_report.sales_count,
            )
            for shift in self._shifts.history(limit)
        ]


class SqlCatalogPages:
    """The catalog in SKU order, a page at a time, by key (never OFFSET: it scans what it skips)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def page_after(self, sku: str | None, product_id: str | None, limit: int) -> list[ProductView]:
        where, params = _after(sku, product_id)
        with raw_read_transaction(self._engine) as db:
            rows = db.execute(
                f"SELECT {_PRODUCT_COLUMNS} FROM products p {where} "
                "ORDER BY p.sku, p.product_id LIMIT ?",
                (*params, limit),
            ).fetchall()
        return [_product(row) for row in rows]

    def stock_after(self, sku: str | None, product_id: str | None, limit: int) -> list[StockView]:
        """Every product's level in SKU order, those never stocked at zero (to receive them)."""
        where, params = _after(sku, product_id)
        with raw_read_transaction(self._engine) as db:
            rows = db.execute(
                "SELECT p.product_id, p.sku, p.name, COALESCE(s.on_hand, '0'), "
                "COALESCE(s.minimum, '0'), s.maximum FROM products p "
                f"LEFT JOIN stock_levels s ON s.product_id = p.product_id {where} "
                "ORDER BY p.sku, p.product_id LIMIT ?",
                (*params, limit),
            ).fetchall()
        return [StockView(r[0], r[1], r[2], _level(r[3:])) for r in rows]

    def count(self) -> int:
        with raw_read_transaction(self._engine) as db:
            return int(db.execute("SELECT COUNT(*) FROM products").fetchone()[0])


def _after(sku: str | None, product_id: str | None) -> tuple[str, tuple[str, ...]]:
    """The WHERE of the rows after (`sku`, `product_id`) in SKU order; none from the start."""
    if sku is None or product_id is None:
        return "", ()
    # Written so the SKU index serves one range (an OR of two ranges sorts the whole rest of the
    # catalog: 240 ms on 300k products against under 1 ms); ties on SKU (from HQ) go by id.
    return "WHERE p.sku >= ? AND (p.sku > ? OR p.product_id > ?)", (sku, sku, product_id)


class _Figures:
    """Sums of one day or product, live and imported apart."""

    def __init__(self) -> None:
        self.units = self.net = self.imported_units = self.imported_revenue = Decimal(0)
        self.products: set[str] = set()

    def add(self, units: Any, net: Any, imported_units: Any, imported_revenue: Any) -> bool:
        """Add one row's figures; whether it sold anything (imported history has a row for
        every product on every day, most of them zero)."""
        sold = Decimal(units if units is not None else imported_units or 0)
        if units is not None:
            self.units += sold
            self.net += Decimal(net)
        if imported_units is not None:
            self.imported_units += sold
            self.imported_revenue += Decimal(imported_revenue or 0)
        return sold != 0

    def day(self, day: date) -> DaySales:
        return DaySales(day, self.net, self.units, len(self.products), self.imported_units,
                        self.imported_revenue)  # fmt: skip

    def product(self, product_id: str, sku: str, name: str) -> ProductSales:
        return ProductSales(product_id, sku, name, self.units, self.net, self.imported_units,
                            self.imported_revenue)  # fmt: skip
