"""Read-only SQL queries of the back office: sales by day and product, shift history, the
catalog and its stock page by page. They only read existing read models (no tables of their own).

Sums are made on Decimals in Python: SQLite would add the stored decimal strings as floats.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

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
    def __init__(self, engine: Engine, shifts: ShiftQueries, users: UserQueries) -> None:
        self._engine = engine
        self._shifts = shifts
        self._users = users

    def sales_by_day(self, start: date, end: date) -> list[DaySales]:
        with raw_read_transaction(self._engine) as db:
            rows = db.execute(
                "SELECT day, quantity, net FROM daily_sales WHERE day >= ? AND day <= ? "
                "ORDER BY day",
                (start.isoformat(), end.isoformat()),
            ).fetchall()
        days: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0), Decimal(0)])
        for day, quantity, net in rows:
            figures = days[day]
            figures[0] += Decimal(net)
            figures[1] += Decimal(quantity)
            figures[2] += 1
        return [
            DaySales(date.fromisoformat(day), net, units, int(products))
            for day, (net, units, products) in days.items()
        ]

    def sales_by_product(self, start: date, end: date, limit: int = 200) -> list[ProductSales]:
        with raw_read_transaction(self._engine) as db:
            rows = db.execute(
                "SELECT d.product_id, COALESCE(p.sku, ''), COALESCE(p.name, d.product_id), "
                "d.quantity, d.net FROM daily_sales d "
                "LEFT JOIN products p ON p.product_id = d.product_id "
                "WHERE d.day >= ? AND d.day <= ?",
                (start.isoformat(), end.isoformat()),
            ).fetchall()
        totals: dict[str, tuple[str, str, Decimal, Decimal]] = {}
        for product_id, sku, name, quantity, net in rows:
            _, _, units, amount = totals.get(product_id, (sku, name, Decimal(0), Decimal(0)))
            totals[product_id] = (sku, name, units + Decimal(quantity), amount + Decimal(net))
        ranked = sorted(totals.items(), key=lambda item: (-item[1][3], item[1][1]))
        return [ProductSales(p, sku, name, units, net) for p, (sku, name, units, net) in ranked][
            :limit
        ]

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
