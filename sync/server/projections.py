"""HQ's consolidated read models: stock per store and product, completed sales per day.

`project` runs inside the ingest transaction with the events just stored (never duplicates, which
are not stored again), so each event counts exactly once. Stock is the sum of every device's
signed movements (ARCHITECTURE §3); a sale counts on the UTC day of its `completed_at`, in the
currency of its reference total. Quantities and amounts are Decimal, stored as text.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import Connection, Table, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from sync.protocol import WireEvent
from sync.server import schema as t
from sync.server.database import in_values

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


def project(conn: Connection, events: Iterable[WireEvent], moment: str) -> int:
    """Fold newly stored events into the projections (same transaction as the insert): one
    read and one upsert per table for the whole batch.

    Returns how many events the projections could not read: a malformed payload is stored and
    served like any other event, but logged and counted (the /metrics error count)."""
    unreadable = 0
    stock: dict[tuple[str, str, str], Decimal] = defaultdict(Decimal)
    sales: dict[tuple[str, str, str, str], list[Decimal]] = {}
    for event in events:
        kind = event.event_type
        if kind not in STOCK_DELTAS and kind != SALE_COMPLETED:
            continue
        payload = event.payload
        try:
            if kind == SALE_COMPLETED:
                day, currency, total = _sale(payload)
                key = (event.tenant_id, event.store_id, day, currency)
                count_total = sales.setdefault(key, [Decimal(0), Decimal(0)])
                count_total[0] += 1
                count_total[1] += total
            else:
                key3 = (event.tenant_id, event.store_id, str(payload["product_id"]))
                stock[key3] += STOCK_DELTAS[kind](payload)
        except (KeyError, TypeError, ValueError, InvalidOperation) as error:
            unreadable += 1
            log.warning("event %s (%s) not projected: %r", event.event_id, kind, error)
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
    key = (table.c.tenant_id, table.c.store_id, table.c.product_id)
    current = {
        (row[0], row[1], row[2]): Decimal(row[3])
        for row in conn.execute(
            select(*key, table.c.quantity).where(*_in_lists(conn, key, list(deltas)))
        )
    }
    rows = [
        {
            "tenant_id": k[0],
            "store_id": k[1],
            "product_id": k[2],
            "updated_at": moment,
            "quantity": format(current.get(k, Decimal(0)) + delta, "f"),
        }
        for k, delta in deltas.items()
    ]
    _upsert(conn, table, rows, ["tenant_id", "store_id", "product_id"], ["quantity", "updated_at"])


def _add_sales(conn: Connection, sums: dict[tuple[str, str, str, str], list[Decimal]]) -> None:
    table = t.daily_sales
    key = (table.c.tenant_id, table.c.store_id, table.c.day, table.c.currency)
    current = {
        (row[0], row[1], row[2], row[3]): (int(row[4]), Decimal(row[5]))
        for row in conn.execute(
            select(*key, table.c.sales, table.c.total).where(*_in_lists(conn, key, list(sums)))
        )
    }
    rows = []
    for k, (count, total) in sums.items():
        before_count, before_total = current.get(k, (0, Decimal(0)))
        rows.append(
            {
                "tenant_id": k[0],
                "store_id": k[1],
                "day": k[2],
                "currency": k[3],
                "sales": before_count + int(count),
                "total": format(before_total + total, "f"),
            }
        )
    _upsert(conn, table, rows, ["tenant_id", "store_id", "day", "currency"], ["sales", "total"])


def _in_lists(conn: Connection, columns: tuple[Any, ...], keys: list[tuple[str, ...]]) -> list[Any]:
    """One IN list per key column: a superset of `keys` an index serves (the caller looks the
    exact keys up in what comes back)."""
    return [in_values(conn, column, {key[n] for key in keys}) for n, column in enumerate(columns)]


def _upsert(
    conn: Connection, table: Table, rows: list[dict[str, Any]], keys: list[str], values: list[str]
) -> None:
    """Insert `rows`, or update `values` where the key exists: one statement per batch."""
    insert = postgresql_insert if conn.dialect.name == "postgresql" else sqlite_insert
    statement = insert(table)
    conn.execute(
        statement.on_conflict_do_update(
            index_elements=keys, set_={name: statement.excluded[name] for name in values}
        ),
        rows,
    )
