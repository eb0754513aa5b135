"""Completed sales found again by receipt number or business day (read-only, `SaleLookup`).

Reads the `sales` table the sales projection keeps; the decoding of a sale's completion is
`SqlSalesQueries.completion`'s, reused here.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine

from fluxion_desktop.adapters.read_models.sales import SqlSalesQueries
from fluxion_desktop.adapters.sqlite_engine import raw_read_transaction
from fluxion_desktop.application.sale_lookup import SaleFound
from fluxion_desktop.domain.business_day import store_timezone
from fluxion_desktop.domain.money import Money
from fluxion_desktop.domain.sale_events import SaleCompleted

_COLUMNS = "sale_id, receipt_no, cashier_id, completed_at, total, total_local"


class SqlSalesLookup:
    def __init__(self, engine: Engine, sales: SqlSalesQueries) -> None:
        self._engine = engine
        self._sales = sales

    def by_receipt(self, text: str, limit: int = 50) -> list[SaleFound]:
        wanted = text.strip().upper()
        if not wanted:
            return []
        # An exact number goes through the receipt index; its end ("42") scans the receipts.
        exact = self._select("receipt_no = ?", (wanted,), limit)
        if exact:
            return exact
        return self._select("receipt_no LIKE ? ESCAPE '\\'", (f"%{_escaped(wanted)}",), limit)

    def on_day(self, day: date, limit: int = 200) -> list[SaleFound]:
        start = datetime.combine(day, time(), store_timezone()).astimezone(UTC)
        end = start + timedelta(days=1)
        return self._select("completed_at >= ? AND completed_at < ?",
                            (start.isoformat(), end.isoformat()), limit)  # fmt: skip

    def receipt_number(self, sale_id: str) -> str | None:
        with raw_read_transaction(self._engine) as db:
            row = db.execute("SELECT receipt_no FROM sales WHERE sale_id = ?", (sale_id,))
            found = row.fetchone()
        return None if found is None or found[0] is None else str(found[0])

    def completion(self, sale_id: str) -> SaleCompleted | None:
        return self._sales.completion(sale_id)

    def returned_quantities(self, sale_id: str) -> dict[str, Decimal]:
        return self._sales.returned_quantities(sale_id)

    def _select(self, where: str, params: tuple[Any, ...], limit: int) -> list[SaleFound]:
        with raw_read_transaction(self._engine) as db:
            rows = db.execute(
                f"SELECT {_COLUMNS} FROM sales WHERE status = 'completed' AND {where} "
                "ORDER BY completed_at DESC LIMIT ?",
                (*params, limit),
            ).fetchall()
        return [_found(row) for row in rows]


def _found(row: Any) -> SaleFound:
    sale_id, receipt_no, cashier_id, completed_at, total, total_local = row
    return SaleFound(sale_id, receipt_no, cashier_id, datetime.fromisoformat(completed_at),
                     Money.from_dict(json.loads(total)),
                     Money.from_dict(json.loads(total_local)))  # fmt: skip


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
