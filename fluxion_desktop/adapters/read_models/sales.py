"""The sales read models: each sale's status and receipt, its lines (for returns) and the state
of each sale saga, fed by the sale's commit; and the daily sales per product and store for the
back office's reports, a lagging read model (`DailySalesProjection`) the idle till feeds."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import Engine, Table

from fluxion_desktop.adapters import event_codec
from fluxion_desktop.adapters.event_codec import canonical_json
from fluxion_desktop.adapters.projections import Db, DomainProjection
from fluxion_desktop.adapters.read_models.known_rows import KnownRows, Values
from fluxion_desktop.adapters.read_models.sales_tables import (
    daily_sales,
    sale_lines,
    sale_sagas,
    sales,
)
from fluxion_desktop.adapters.sqlite_engine import raw_read_transaction
from fluxion_desktop.application.event_registry import EventRegistry
from fluxion_desktop.application.event_store import StoredEvent
from fluxion_desktop.domain import sale_events as s
from fluxion_desktop.domain import sale_saga as saga
from fluxion_desktop.domain.business_day import business_day
from fluxion_desktop.domain.decimals import format_decimal
from fluxion_desktop.domain.events import DomainEvent
from fluxion_desktop.domain.sale import Sale
from fluxion_desktop.domain.sale_return import ReturnCompleted

_ZERO = Decimal(0)


class SalesProjection(DomainProjection):
    name = "sales"
    tables: tuple[Table, ...] = (sales, sale_lines, sale_sagas)
    virtual_tables: Mapping[str, str] = {}
    event_types = (
        s.SaleOpened,
        s.SaleParked,
        s.SaleRecalled,
        s.SaleCancelled,
        s.SaleCompleted,
        ReturnCompleted,
        saga.SaleSagaStarted,
        saga.SaleSagaCompleted,
        saga.SaleSagaCompensated,
    )

    def apply(self, db: Db, events: list[tuple[StoredEvent, DomainEvent]]) -> None:
        # A completion starts and ends its saga in one append: its row is written once.
        started: dict[str, tuple[str, str]] = {}
        for stored, event in events:
            aggregate_id = stored.stream_id.split("-", 1)[1]
            match event:
                case s.SaleOpened():
                    _opened(db, stored, event)
                case s.SaleParked() | s.SaleRecalled() | s.SaleCancelled():
                    status = {"SaleParked": "parked", "SaleRecalled": "open"}.get(
                        event.event_type, "cancelled"
                    )
                    db.execute(
                        "UPDATE sales SET status = ? WHERE sale_id = ?", (status, aggregate_id)
                    )
                case s.SaleCompleted():
                    _completed(db, stored, event)
                case ReturnCompleted():
                    _returned(db, event)
                case saga.SaleSagaStarted():
                    started[aggregate_id] = (event.sale_id, saga.SagaStatus.STOCK_RESERVED.value)
                case saga.SaleSagaCompleted() | saga.SaleSagaCompensated():
                    status = (saga.SagaStatus.COMPLETED if isinstance(event, saga.SaleSagaCompleted)
                              else saga.SagaStatus.COMPENSATED)  # fmt: skip
                    if aggregate_id in started:
                        started[aggregate_id] = (started[aggregate_id][0], status.value)
                    else:
                        db.execute(
                            "UPDATE sale_sagas SET status = ? WHERE saga_id = ?",
                            (status.value, aggregate_id),
                        )
        if started:
            db.executemany(
                "INSERT INTO sale_sagas (saga_id, sale_id, status) VALUES (?, ?, ?)",
                [(saga_id, *row) for saga_id, row in started.items()],
            )


class DailySalesProjection(DomainProjection):
    """Units, net and number of sales per business day, store and product (lagging)."""

    name = "daily_sales"
    tables: tuple[Table, ...] = (daily_sales,)
    virtual_tables: Mapping[str, str] = {}
    event_types = (s.SaleCompleted,)

    def __init__(self, registry: EventRegistry) -> None:
        super().__init__(registry)
        self._daily = KnownRows(
            "daily_sales", ("day", "store_id", "product_id"), ("quantity", "net", "sales_count"),
            "INSERT INTO daily_sales (day, store_id, product_id, quantity, net, sales_count) "
            "VALUES (?, ?, ?, ?, ?, ?)",
        )  # fmt: skip

    def apply(self, db: Db, events: list[tuple[StoredEvent, DomainEvent]]) -> None:
        for stored, event in events:
            assert isinstance(event, s.SaleCompleted)
            self._add(db, stored.store_id, event)

    def _add(self, db: Db, store_id: str, event: s.SaleCompleted) -> None:
        day = business_day(event.completed_at).isoformat()
        per_product: dict[str, tuple[Decimal, Decimal]] = {}
        for line in event.totals.lines:
            quantity, net = per_product.get(line.product_id, (_ZERO, _ZERO))
            per_product[line.product_id] = (quantity + line.quantity, net + line.net.amount)
        for product_id, (quantity, net) in per_product.items():
            self._daily.change(db, (day, store_id, product_id), _adding_sale(quantity, net),
                               likely_missing=True)  # fmt: skip


def _adding_sale(quantity: Decimal, net: Decimal) -> Callable[[Values | None], Values]:
    def added(old: Values | None) -> Values:
        if old is None:
            return (format_decimal(quantity), format_decimal(net), 1)
        return (format_decimal(Decimal(str(old[0])) + quantity),
                format_decimal(Decimal(str(old[1])) + net), int(str(old[2])) + 1)  # fmt: skip

    return added


def _opened(db: Db, stored: StoredEvent, event: s.SaleOpened) -> None:
    db.execute(
        "INSERT OR REPLACE INTO sales (sale_id, device_id, store_id, cashier_id, shift_id, status, "
        "opened_at) VALUES (?, ?, ?, ?, ?, 'open', ?)",
        (
            event.sale_id,
            stored.device_id,
            stored.store_id,
            event.cashier_id,
            event.shift_id,
            event.opened_at.isoformat(),
        ),
    )


def _completed(db: Db, stored: StoredEvent, event: s.SaleCompleted) -> None:
    receipt = _next_receipt(db, stored.device_id)
    totals = event.totals
    # The SaleCompleted itself stays in the log (receipts and returns read it there): a copy
    # here was two pages of JSON to write with every sale.
    db.execute(
        "UPDATE sales SET status = 'completed', completed_at = ?, receipt_no = ?, total = ?, "
        "total_local = ? WHERE sale_id = ?",
        (
            event.completed_at.isoformat(),
            receipt,
            canonical_json(totals.reference.total.to_dict()),
            canonical_json(totals.local.total.to_dict()),
            event.sale_id,
        ),
    )
    db.executemany(
        "INSERT OR REPLACE INTO sale_lines (sale_id, line_id, product_id, quantity, returned) "
        "VALUES (?, ?, ?, ?, '0')",
        [(event.sale_id, line.line_id, line.product_id, format_decimal(line.quantity))
         for line in totals.lines],
    )  # fmt: skip


def _next_receipt(db: Db, device_id: str) -> str:
    """This till's next receipt number, "<last 6 of the device id>-<serial>", found through the
    receipt index (a count of the till's sales would grow slower with every sale)."""
    prefix = f"{device_id[-6:].upper()}-"
    last = db.execute(
        "SELECT receipt_no FROM sales WHERE receipt_no >= ? AND receipt_no < ? "
        "ORDER BY receipt_no DESC LIMIT 1",
        (prefix, prefix[:-1] + "."),  # "." sorts right after "-"
    ).fetchone()
    serial = int(last[0][len(prefix) :]) + 1 if last else 1
    return f"{prefix}{serial:08d}"  # 8 digits: text order stays number order for 10^8 sales


def _returned(db: Db, event: ReturnCompleted) -> None:
    for item in event.items:
        row = db.execute(
            "SELECT returned FROM sale_lines WHERE sale_id = ? AND line_id = ?",
            (event.sale_id, item.line_id),
        ).fetchone()
        if row is not None:
            db.execute(
                "UPDATE sale_lines SET returned = ? WHERE sale_id = ? AND line_id = ?",
                (format_decimal(Decimal(row[0]) + item.quantity), event.sale_id, item.line_id),
            )


@dataclass(frozen=True, slots=True)
class SaleSummary:
    sale_id: str
    receipt_no: str | None
    status: str
    cashier_id: str
    completed_at: str | None
    total: str | None
    total_local: str | None


@dataclass(frozen=True, slots=True)
class DailySales:
    day: date
    store_id: str
    product_id: str
    quantity: Decimal
    net: Decimal
    sales_count: int


class SqlSalesQueries:
    """`catch_up` feeds the lagging daily sales before `daily_sales` reads them."""

    def __init__(
        self,
        engine: Engine,
        registry: EventRegistry,
        device_id: str,
        catch_up: Callable[[], object],
    ) -> None:
        self._engine = engine
        self._registry = registry
        self._device_id = device_id
        self._catch_up = catch_up

    def unfinished(self) -> list[str]:
        """This till's saga ids neither completed nor compensated (recovery at start-up);
        another till's sagas, pulled by sync, are that till's to settle."""
        with raw_read_transaction(self._engine) as db:
            rows = db.execute(
                "SELECT g.saga_id FROM sale_sagas g JOIN sales s ON s.sale_id = g.sale_id "
                "WHERE g.status = ? AND s.device_id = ? ORDER BY g.saga_id",
                (saga.SagaStatus.STOCK_RESERVED.value, self._device_id),
            ).fetchall()
        return [r[0] for r in rows]

    def unfinished_for(self, sale_id: str) -> str | None:
        with raw_read_transaction(self._engine) as db:
            row = db.execute(
                "SELECT saga_id FROM sale_sagas WHERE sale_id = ? AND status = ?",
                (sale_id, saga.SagaStatus.STOCK_RESERVED.value),
            ).fetchone()
        return None if row is None else str(row[0])

    def completion(self, sale_id: str) -> s.SaleCompleted | None:
        """The SaleCompleted of a sale (for receipts and returns), read from the log."""
        with raw_read_transaction(self._engine) as db:
            row = db.execute(
                f"SELECT {event_codec.COLUMNS} FROM events WHERE stream_id = ? AND event_type = ?",
                (f"{Sale.stream_type}-{sale_id}", s.SaleCompleted.event_type),
            ).fetchone()
        if row is None:
            return None
        stored = event_codec.from_row(row)
        event = self._registry.from_payload(
            stored.event_type, stored.schema_version, stored.payload
        )
        assert isinstance(event, s.SaleCompleted)
        return event

    def find(self, text: str, limit: int = 50) -> list[SaleSummary]:
        """Sales by receipt number (or its end) or by day (YYYY-MM-DD), newest first."""
        with raw_read_transaction(self._engine) as db:
            rows = db.execute(
                "SELECT sale_id, receipt_no, status, cashier_id, completed_at, total, total_local "
                "FROM sales WHERE receipt_no LIKE ? OR completed_at LIKE ? "
                "ORDER BY completed_at DESC LIMIT ?",
                (f"%{text.strip()}", f"{text.strip()}%", limit),
            ).fetchall()
        return [SaleSummary(*r) for r in rows]

    def returned_quantities(self, sale_id: str) -> dict[str, Decimal]:
        with raw_read_transaction(self._engine) as db:
            rows = db.execute(
                "SELECT line_id, returned FROM sale_lines WHERE sale_id = ?", (sale_id,)
            ).fetchall()
        return {r[0]: Decimal(r[1]) for r in rows}

    def daily_sales(
        self, start: date, end: date, product_id: str | None = None
    ) -> list[DailySales]:
        query = (
            "SELECT day, store_id, product_id, quantity, net, sales_count FROM daily_sales "
            "WHERE day >= ? AND day <= ?"
        )
        params: list[object] = [start.isoformat(), end.isoformat()]
        if product_id is not None:
            query += " AND product_id = ?"
            params.append(product_id)
        self._catch_up()
        with raw_read_transaction(self._engine) as db:
            rows = db.execute(query + " ORDER BY day, product_id", params).fetchall()
        return [
            DailySales(date.fromisoformat(r[0]), r[1], r[2], Decimal(r[3]), Decimal(r[4]), r[5])
            for r in rows
        ]
