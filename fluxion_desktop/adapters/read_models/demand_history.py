"""The demand history read model: daily demand per product and store for forecasting.

A lagging projection: fed while the till is idle and before each query, not by the sale's
commit. Fed by completed sales and returns (live units and revenue add up per business day in
America/Caracas), by stock movements (out-of-stock spells: see `application.demand_history`), by
imported history (the latest import of a day replaces an earlier one) and by `ForecastGenerated`
(the latest forecast of each product and store, for the chart).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import Engine, Table

from fluxion_desktop.adapters.event_codec import canonical_json
from fluxion_desktop.adapters.projections import Db, DomainProjection
from fluxion_desktop.adapters.read_models.demand_tables import (
    demand_days,
    demand_forecasts,
    demand_imports,
    demand_stock,
    demand_stockouts,
)
from fluxion_desktop.adapters.read_models.known_rows import KnownRows, Values
from fluxion_desktop.adapters.sqlite_engine import raw_read_transaction
from fluxion_desktop.application.demand_history import (
    DemandDay,
    DemandHistory,
    ForecastChart,
    ProductWithHistory,
)
from fluxion_desktop.application.event_registry import EventRegistry
from fluxion_desktop.application.event_store import StoredEvent
from fluxion_desktop.domain import inventory as inv
from fluxion_desktop.domain.business_day import business_day
from fluxion_desktop.domain.decimals import format_decimal
from fluxion_desktop.domain.events import DomainEvent
from fluxion_desktop.domain.forecasts import ForecastGenerated
from fluxion_desktop.domain.sale_events import SaleCompleted
from fluxion_desktop.domain.sale_return import ReturnCompleted
from fluxion_desktop.domain.sales_history import SalesHistoryImported

_STOCK_EVENTS = tuple(
    t for t in inv.EVENT_TYPES if t not in (inv.LowStockAlertRaised, inv.StockLimitsSet)
)
_ZERO = Decimal(0)


def _day(moment: datetime) -> str:
    return business_day(moment).isoformat()


class DemandHistoryProjection(DomainProjection):
    name = "demand_history"
    tables: tuple[Table, ...] = (
        demand_days,
        demand_stock,
        demand_stockouts,
        demand_imports,
        demand_forecasts,
    )
    virtual_tables: Mapping[str, str] = {}
    event_types = (
        SaleCompleted,
        ReturnCompleted,
        SalesHistoryImported,
        ForecastGenerated,
        *_STOCK_EVENTS,
    )

    def __init__(self, registry: EventRegistry) -> None:
        super().__init__(registry)
        self._registry = registry
        self._days = KnownRows(
            "demand_days", ("store_id", "product_id", "day"),
            ("live_units", "live_revenue", "live_promo", "currency"),
            "INSERT INTO demand_days (store_id, product_id, day, live_units, live_revenue, "
            "live_promo, currency, imported_units, imported_revenue, imported_promo) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, 0)",
        )  # fmt: skip
        self._stock = KnownRows(
            "demand_stock", ("store_id", "product_id"), ("on_hand",),
            "INSERT INTO demand_stock (store_id, product_id, on_hand) VALUES (?, ?, ?)",
        )  # fmt: skip

    def apply(self, db: Db, events: list[tuple[StoredEvent, DomainEvent]]) -> None:
        for stored, event in events:
            match event:
                case SaleCompleted():
                    self._sold(db, stored.store_id, event)
                case ReturnCompleted():
                    self._returned(db, stored.store_id, event)
                case SalesHistoryImported():
                    _imported(db, stored, event)
                case ForecastGenerated():
                    self._forecast(db, event)
                case inv.StockMovement():
                    self._moved(db, stored, event)

    def _sold(self, db: Db, store_id: str, event: SaleCompleted) -> None:
        day = _day(event.completed_at)
        for line in event.totals.lines:
            promo = line.line_discount.is_positive or line.order_discount.is_positive
            self._days.change(
                db, (store_id, line.product_id, day),
                _adding_live(line.quantity, line.net.amount, promo, line.net.currency.value),
                likely_missing=True,
            )  # fmt: skip

    def _returned(self, db: Db, store_id: str, event: ReturnCompleted) -> None:
        day = _day(event.completed_at)
        for item in event.items:
            net = item.refund.amount - item.tax_refund.amount
            self._days.change(
                db, (store_id, item.product_id, day),
                _adding_live(-item.quantity, -net, False, item.refund.currency.value),
                likely_missing=True,
            )  # fmt: skip

    def _moved(self, db: Db, stored: StoredEvent, event: inv.StockMovement) -> None:
        delta = inv.stock_delta(event)
        if delta is None:
            return
        key = (stored.store_id, event.product_id)
        row = self._stock.change(db, key, _adding_stock(delta))
        before = _ZERO if row is None else Decimal(str(row[0]))
        was_out = row is not None and before <= 0
        _mark_stockout(db, key, stored.occurred_at, was_out, before + delta)

    def _forecast(self, db: Db, event: ForecastGenerated) -> None:
        db.execute(
            "INSERT OR REPLACE INTO demand_forecasts (store_id, product_id, forecast_id, model, "
            "generated_at, payload) VALUES (?, ?, ?, ?, ?, ?)",
            (event.store_id, event.product_id, event.forecast_id, event.model,
             event.generated_at.isoformat(),
             canonical_json(self._registry.to_payload(event))),
        )  # fmt: skip


def _adding_live(
    units: Decimal, revenue: Decimal, promo: bool, currency: str
) -> Callable[[Values | None], Values]:
    def added(old: Values | None) -> Values:
        if old is None:
            return (format_decimal(units), format_decimal(revenue), int(promo), currency)
        return (format_decimal(Decimal(str(old[0])) + units),
                format_decimal(Decimal(str(old[1])) + revenue),
                int(bool(old[2]) or promo), currency if old[3] is None else old[3])  # fmt: skip

    return added


def _adding_stock(delta: Decimal) -> Callable[[Values | None], Values]:
    def added(old: Values | None) -> Values:
        return (format_decimal((_ZERO if old is None else Decimal(str(old[0]))) + delta),)

    return added


def _imported(db: Db, stored: StoredEvent, event: SalesHistoryImported) -> None:
    db.executemany(
        "INSERT INTO demand_days (store_id, product_id, day, live_units, live_revenue, "
        "live_promo, imported_units, imported_revenue, imported_promo, currency) "
        "VALUES (?, ?, ?, '0', '0', 0, ?, ?, ?, ?) "
        "ON CONFLICT(store_id, product_id, day) DO UPDATE SET "
        "imported_units = excluded.imported_units, "
        "imported_revenue = excluded.imported_revenue, "
        "imported_promo = excluded.imported_promo, "
        "currency = COALESCE(demand_days.currency, excluded.currency)",
        _imported_rows(event),
    )
    db.execute(
        "INSERT OR REPLACE INTO demand_imports (event_id, store_id, product_id, source, "
        "first_day, last_day, days) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (str(stored.event_id), event.store_id, event.product_id, event.source,
         event.first_day.isoformat(), event.last_day.isoformat(), event.day_count),
    )  # fmt: skip


def _imported_rows(event: SalesHistoryImported) -> list[tuple[object, ...]]:
    # Straight from the packed columns: a Money per day would cost more than the insert.
    promos = set(event.promo_days)
    currency = event.currency.value
    rows: list[tuple[object, ...]] = []
    for offset, (units, revenue) in enumerate(zip(event.units, event.revenue, strict=True)):
        if units is None:
            continue
        day = event.first_day + timedelta(days=offset)
        rows.append((event.store_id, event.product_id, day.isoformat(), format_decimal(units),
                     None if revenue is None else format_decimal(revenue), int(day in promos),
                     None if revenue is None else currency))  # fmt: skip
    return rows


def _mark_stockout(
    db: Db, key: tuple[str, str], moved_at: datetime, was_out: bool, after: Decimal
) -> None:
    """Open or close an out-of-stock spell on the movement's business day, if it crossed 0."""
    if after <= 0 and not was_out:
        day = _day(moved_at)
        db.execute(
            "INSERT OR IGNORE INTO demand_stockouts (store_id, product_id, start_day, end_day) "
            "VALUES (?, ?, ?, NULL)",
            (*key, day),
        )
        # A spell that ended the same day starts again: reopen it rather than add a second row.
        db.execute(
            "UPDATE demand_stockouts SET end_day = NULL "
            "WHERE store_id = ? AND product_id = ? AND start_day = ?",
            (*key, day),
        )
    elif after > 0 and was_out:
        day = _day(moved_at)
        db.execute(
            "UPDATE demand_stockouts SET end_day = ? "
            "WHERE store_id = ? AND product_id = ? AND end_day IS NULL",
            (day, *key),
        )


class SqlDemandQueries:
    """`DemandQueries` over the demand history read model.

    The model lags the log (`ProjectionManager.freshen_lagging`): every query calls `catch_up`
    first, so it reads what the log holds when it is asked."""

    def __init__(
        self, engine: Engine, registry: EventRegistry, catch_up: Callable[[], object]
    ) -> None:
        self._engine = engine
        self._registry = registry
        self._catch_up = catch_up

    def history(
        self, product_id: str, store_id: str, start: date | None = None, end: date | None = None
    ) -> DemandHistory:
        self._catch_up()
        with raw_read_transaction(self._engine) as db:
            rows = db.execute(
                "SELECT day, live_units, live_revenue, live_promo, imported_units, "
                "imported_revenue, imported_promo FROM demand_days "
                "WHERE store_id = ? AND product_id = ? AND day >= ? AND day <= ? ORDER BY day",
                (store_id, product_id, (start or date.min).isoformat(),
                 (end or date.max).isoformat()),
            ).fetchall()  # fmt: skip
            spells = db.execute(
                "SELECT start_day, end_day FROM demand_stockouts "
                "WHERE store_id = ? AND product_id = ?",
                (store_id, product_id),
            ).fetchall()
            sku_row = db.execute(
                "SELECT sku FROM products WHERE product_id = ?", (product_id,)
            ).fetchone()
        sku = sku_row[0] if sku_row else product_id
        return DemandHistory(product_id, sku, store_id, _filled(rows, spells))

    def products_with_history(self, store_id: str | None = None) -> list[ProductWithHistory]:
        query = (
            "SELECT DISTINCT d.product_id, COALESCE(p.sku, d.product_id), d.store_id "
            "FROM demand_days d LEFT JOIN products p ON p.product_id = d.product_id"
        )
        params: tuple[str, ...] = ()
        if store_id is not None:
            query += " WHERE d.store_id = ?"
            params = (store_id,)
        self._catch_up()
        with raw_read_transaction(self._engine) as db:
            rows = db.execute(query + " ORDER BY 2, 3", params).fetchall()
        return [ProductWithHistory(r[0], r[1], r[2]) for r in rows]

    def known_imports(self, event_ids: Collection[str]) -> set[str]:
        ids = list(event_ids)
        found: set[str] = set()
        # From the log itself, not from demand_imports: that read model may lag it, and a
        # batch it has not been fed yet is stored all the same (appending it again would clash).
        with raw_read_transaction(self._engine) as db:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ",".join("?" * len(chunk))
                found.update(
                    r[0]
                    for r in db.execute(
                        f"SELECT event_id FROM events WHERE event_id IN ({marks})", chunk
                    )
                )
        return found

    def latest_forecast(self, product_id: str, store_id: str) -> ForecastGenerated | None:
        self._catch_up()
        with raw_read_transaction(self._engine) as db:
            row = db.execute(
                "SELECT payload FROM demand_forecasts WHERE store_id = ? AND product_id = ?",
                (store_id, product_id),
            ).fetchone()
        if row is None:
            return None
        event = self._registry.from_payload(
            ForecastGenerated.event_type, ForecastGenerated.schema_version, json.loads(row[0])
        )
        assert isinstance(event, ForecastGenerated)
        return event

    def chart(self, product_id: str, store_id: str, days: int = 180) -> ForecastChart:
        full = self.history(product_id, store_id)
        recent = full.days[-days:] if days > 0 else full.days
        history = DemandHistory(full.product_id, full.sku, full.store_id, recent)
        return ForecastChart(history, self.latest_forecast(product_id, store_id))


def _filled(
    rows: list[tuple[str, ...]], spells: list[tuple[str, str | None]]
) -> tuple[DemandDay, ...]:
    if not rows:
        return ()
    by_day = {r[0]: r for r in rows}
    first = date.fromisoformat(rows[0][0])
    last = date.fromisoformat(rows[-1][0])
    out = _stockout_days(spells, last)
    days: list[DemandDay] = []
    current = first
    while current <= last:
        text = current.isoformat()
        row = by_day.get(text)
        if row is None:
            days.append(DemandDay(current, _ZERO, _ZERO, False, text in out))
        else:
            units = Decimal(row[1]) + Decimal(row[4] or 0)
            revenue = Decimal(row[2]) + Decimal(row[5] or 0)
            promo = bool(row[3]) or bool(row[6])
            days.append(DemandDay(current, units, revenue, promo, text in out))
        current += timedelta(days=1)
    return tuple(days)


def _stockout_days(spells: list[tuple[str, str | None]], last: date) -> set[str]:
    out: set[str] = set()
    for start_text, end_text in spells:
        day = date.fromisoformat(start_text)
        end = date.fromisoformat(end_text) if end_text else last
        while day <= end:
            out.add(day.isoformat())
            day += timedelta(days=1)
    return out
