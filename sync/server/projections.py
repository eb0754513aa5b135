"""HQ's consolidated read models: stock per store and product, completed sales per day.

`project` runs inside the ingest transaction with the rows just stored (never duplicates, which
are not stored again), so each event counts exactly once. Stock is the sum of every device's
signed movements (ARCHITECTURE §3); a sale counts on the UTC day of its `completed_at`, in the
currency of its reference total. Quantities and amounts are Decimal, stored as text.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import Connection, select, tuple_, update

from sync.server import schema as t

log = logging.getLogger(__name__)

_Delta = Callable[[Mapping[str, Any]], Decimal]

# The signed change each stock movement makes (the till's inventory.stock_delta, by name).
STOCK_DELTAS: dict[str, _Delta] = {
    "StockReceived": lambda p: Decimal(p["quantity"]),
    "StockSaleReleased": lambda p: Decimal(p["quantity"]),
    "StockReturned": lambda p: Decimal(p["quantity"]),
    "StockTransferredIn": lambda p: Decimal(p["quantity"]),
    "StockSold": lambda p: -Decimal(p["quantity"]),
    "StockTransferredOut": lambda p: -Decimal(p["quantity"]),
    "StockAdjusted": lambda p: Decimal(p["delta"]),
    "StockCounted": lambda p: Decimal(p["difference"]),
}
SALE_COMPLETED = "SaleCompleted"


def project(conn: Connection, rows: list[dict[str, Any]], moment: str) -> int:
    """Fold newly stored event rows into the projections (same transaction as the insert).

    Returns how many events the projections could not read: a malformed payload is stored and
    served like any other event, but logged and counted (the /metrics error count)."""
    unreadable = 0
    stock: dict[tuple[str, str, str], Decimal] = defaultdict(Decimal)
    sales: dict[tuple[str, str, str, str], list[Decimal]] = {}
    for row in rows:
        kind = row["event_type"]
        if kind not in STOCK_DELTAS and kind != SALE_COMPLETED:
            continue
        try:
            payload = json.loads(row["payload"])
            if kind == SALE_COMPLETED:
                day, currency, total = _sale(payload)
                key = (row["tenant_id"], row["store_id"], day, currency)
                count_total = sales.setdefault(key, [Decimal(0), Decimal(0)])
                count_total[0] += 1
                count_total[1] += total
            else:
                key3 = (row["tenant_id"], row["store_id"], str(payload["product_id"]))
                stock[key3] += STOCK_DELTAS[kind](payload)
        except (KeyError, TypeError, ValueError, InvalidOperation) as error:
            unreadable += 1
            log.warning("event %s (%s) not projected: %r", row["event_id"], kind, error)
    if stock:
        _add_stock(conn, stock, moment)
    if sales:
        _add_sales(conn, sales)
    return unreadable


def _sale(payload: Mapping[str, Any]) -> tuple[str, str, Decimal]:
    total = payload["totals"]["reference"]["total"]
    completed = datetime.fromisoformat(payload["completed_at"])
    if completed.utcoffset() is None:
        raise ValueError("completed_at has no UTC offset")
    return (
        completed.astimezone(UTC).date().isoformat(),
        str(total["currency"]),
        Decimal(total["amount"]),
    )


def _add_stock(conn: Connection, deltas: dict[tuple[str, str, str], Decimal], moment: str) -> None:
    table = t.stock_levels
    key = tuple_(table.c.tenant_id, table.c.store_id, table.c.product_id)
    current = {
        (row[0], row[1], row[2]): Decimal(row[3])
        for row in conn.execute(
            select(table.c.tenant_id, table.c.store_id, table.c.product_id, table.c.quantity).where(
                key.in_(list(deltas))
            )
        )
    }
    inserts = []
    for (tenant_id, store_id, product_id), delta in deltas.items():
        quantity = format(current.get((tenant_id, store_id, product_id), Decimal(0)) + delta, "f")
        values = {"quantity": quantity, "updated_at": moment}
        if (tenant_id, store_id, product_id) in current:
            conn.execute(
                update(table)
                .where(
                    table.c.tenant_id == tenant_id,
                    table.c.store_id == store_id,
                    table.c.product_id == product_id,
                )
                .values(**values)
            )
        else:
            inserts.append(
                {"tenant_id": tenant_id, "store_id": store_id, "product_id": product_id, **values}
            )
    if inserts:
        conn.execute(table.insert(), inserts)


def _add_sales(conn: Connection, sums: dict[tuple[str, str, str, str], list[Decimal]]) -> None:
    table = t.daily_sales
    key = tuple_(table.c.tenant_id, table.c.store_id, table.c.day, table.c.currency)
    current = {
        (row[0], row[1], row[2], row[3]): (int(row[4]), Decimal(row[5]))
        for row in conn.execute(
            select(
                table.c.tenant_id,
                table.c.store_id,
                table.c.day,
                table.c.currency,
                table.c.sales,
                table.c.total,
            ).where(key.in_(list(sums)))
        )
    }
    inserts = []
    for (tenant_id, store_id, day, currency), (count, total) in sums.items():
        before_count, before_total = current.get(
            (tenant_id, store_id, day, currency), (0, Decimal(0))
        )
        values = {"sales": before_count + int(count), "total": format(before_total + total, "f")}
        if (tenant_id, store_id, day, currency) in current:
            conn.execute(
                update(table)
                .where(
                    table.c.tenant_id == tenant_id,
                    table.c.store_id == store_id,
                    table.c.day == day,
                    table.c.currency == currency,
                )
                .values(**values)
            )
        else:
            inserts.append(
                {
                    "tenant_id": tenant_id,
                    "store_id": store_id,
                    "day": day,
                    "currency": currency,
                    **values,
                }
            )
    if inserts:
        conn.execute(table.insert(), inserts)
