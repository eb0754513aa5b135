"""Importing sales history from an older system: all or nothing, and never twice.

Rows name a product by SKU or barcode; a product the catalog does not know is created with the
origin IMPORTED (it waits for a manager's review). Every bad row is reported by its line number and
then nothing is written. Otherwise one transaction writes the new products and one
`SalesHistoryImported` per product and store. Its event id is a UUID5 of the store, the SKU and a
digest of the days it carries, so importing the same file again finds every batch stored already and
writes nothing; a second file that overlaps the first restates the overlapping days, and the read
model keeps the latest statement of each day (never the sum of both).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from uuid import UUID, uuid5

from fluxion_desktop.application.authorization import Authorizer
from fluxion_desktop.application.demand_history import DemandQueries
from fluxion_desktop.application.event_store import EventStore, StreamAppend
from fluxion_desktop.application.message_bus import MessageBus
from fluxion_desktop.application.ports import IdGenerator
from fluxion_desktop.application.queries import CatalogQueries, ProductView
from fluxion_desktop.application.repository import EventFactory
from fluxion_desktop.domain.barcode import Barcode
from fluxion_desktop.domain.catalog import SKU_PATTERN, Product, ProductOrigin, Unit
from fluxion_desktop.domain.errors import DomainError
from fluxion_desktop.domain.events import DomainEvent
from fluxion_desktop.domain.identity import Permission
from fluxion_desktop.domain.money import Currency, Money
from fluxion_desktop.domain.sales_history import ImportedDay, SalesHistory, history_id
from fluxion_desktop.domain.tax import TaxCategory

# Fixed forever: changing it would make every earlier import look new.
HISTORY_NAMESPACE = UUID("8f0f7f3e-52a4-4c8e-9d7e-5a1e0c6b2f31")


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """One row of a history file; `line` is its line number in the file (the header is 1)."""

    line: int
    day: date
    quantity: Decimal
    sku: str | None = None
    barcode: str | None = None
    price: Decimal | None = None
    promo_price: Decimal | None = None
    store: str | None = None


@dataclass(frozen=True, slots=True)
class RowProblem:
    """What is wrong with the row on `line` (0: with the file as a whole)."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


class SalesImportRefused(DomainError):
    """The file has bad rows; nothing was imported. `problems` lists each by line."""

    def __init__(self, problems: Sequence[RowProblem], source: str = "") -> None:
        self.problems = tuple(sorted(problems, key=lambda p: p.line))
        count = len(self.problems)
        name = source or "the file"
        if count == 1 and self.problems[0].line == 0:  # the file as a whole, not a row
            super().__init__(f"{name}: {self.problems[0].message}; nothing imported", "file")
            return
        super().__init__(
            f"{name}: {count} bad row{'s' if count != 1 else ''}, nothing imported", "rows"
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.problems,))


@dataclass(frozen=True, slots=True)
class ImportSalesHistory:
    """Import the history `rows` read from the file `source`, as `user_id` (a manager)."""

    user_id: str
    rows: tuple[HistoryRow, ...]
    source: str


@dataclass(frozen=True, slots=True)
class ImportReport:
    rows: int
    days: int
    batches_written: int
    batches_already_imported: int
    products_created: tuple[str, ...] = field(default=())


@dataclass
class _Target:
    """A product the rows name: one in the catalog, or one this import creates."""

    product_id: str
    sku: str
    unit: Unit
    currency: Currency
    new: Product | None = None


@dataclass
class _DayTotal:
    quantity: Decimal = Decimal(0)
    revenue: Decimal | None = None
    promo: bool = False


class SalesHistoryImporter:
    """Imports history rows (`import_rows`); `source` names the file in the events."""

    def __init__(
        self,
        store: EventStore,
        catalog: CatalogQueries,
        demand: DemandQueries,
        factory: EventFactory,
        authorizer: Authorizer,
        ids: IdGenerator,
        currency: Currency = Currency.USD,
    ) -> None:
        self._store = store
        self._catalog = catalog
        self._demand = demand
        self._factory = factory
        self._authorizer = authorizer
        self._ids = ids
        self._currency = currency

    def register(self, bus: MessageBus) -> None:
        bus.register(ImportSalesHistory, self.handle)

    def handle(self, command: ImportSalesHistory) -> ImportReport:
        return self.import_rows(command.user_id, command.rows, command.source)

    def import_rows(self, user_id: str, rows: Sequence[HistoryRow], source: str) -> ImportReport:
        """Import every row or none; `SalesImportRefused` lists the bad rows by line."""
        self._authorizer.require(user_id, Permission.MANAGE_PRODUCTS)
        problems: list[RowProblem] = []
        if not rows:
            problems.append(RowProblem(1, "the file has no rows of history"))
        targets = self._targets(rows, problems)
        totals = self._totals(rows, targets, problems)
        if problems:
            raise SalesImportRefused(problems, source)
        appends, written, skipped = self._appends(user_id, targets, totals, source)
        if appends:
            self._store.append_many(appends)
        created = tuple(sorted(t.sku for t in _unique(targets.values()) if t.new))
        return ImportReport(len(rows), sum(len(d) for d in totals.values()), written, skipped,
                            created)  # fmt: skip

    # -- resolving products ---------------------------------------------------------------------

    def _targets(
        self, rows: Sequence[HistoryRow], problems: list[RowProblem]
    ) -> dict[int, _Target]:
        """The product of each row (by line); unknown ones made once per SKU or barcode."""
        by_key: dict[str, _Target] = {}
        fractional = {
            (r.sku or r.barcode or "") for r in rows if r.quantity != r.quantity.to_integral_value()
        }
        targets: dict[int, _Target] = {}
        for row in rows:
            try:
                target = self._target(row, by_key, fractional)
            except (DomainError, ValueError) as error:
                problems.append(RowProblem(row.line, str(error)))
                continue
            targets[row.line] = target
        return targets

    def _target(self, row: HistoryRow, by_key: dict[str, _Target], fractional: set[str]) -> _Target:
        sku = (row.sku or "").strip()
        barcode = (row.barcode or "").strip()
        if not sku and not barcode:
            raise ValueError("give a sku or a barcode")
        key = f"sku:{sku}" if sku else f"barcode:{barcode}"
        if key in by_key:
            return by_key[key]
        view = self._catalog.by_sku(sku) if sku else None
        if barcode:
            code = Barcode.parse(barcode).value
            owner = self._catalog.by_barcode(code)
            if view is not None and owner is not None and owner.product_id != view.product_id:
                raise ValueError(f"sku {sku} and barcode {code} name two different products")
            view = view or owner
        target = _known(view) if view is not None else self._new(row, sku, barcode, fractional)
        by_key[key] = target
        return target

    def _new(self, row: HistoryRow, sku: str, barcode: str, fractional: set[str]) -> _Target:
        code = Barcode.parse(barcode).value if barcode else None
        new_sku = sku or (code or "")
        if not SKU_PATTERN.fullmatch(new_sku):
            raise ValueError(f"sku {new_sku!r} is not a valid SKU (letters, digits, . _ -)")
        unit = Unit.KG if (sku or barcode) in fractional else Unit.PIECE
        price = Money(row.price if row.price is not None else Decimal(0), self._currency)
        product = Product.create(
            str(self._ids.new_id()), new_sku, f"{new_sku} (imported)", price,
            TaxCategory.GENERAL, unit, (code,) if code else (), ProductOrigin.IMPORTED,
        )  # fmt: skip
        return _Target(product.id, new_sku, unit, self._currency, product)

    # -- totals per product, store and day ------------------------------------------------------

    def _totals(
        self, rows: Sequence[HistoryRow], targets: dict[int, _Target], problems: list[RowProblem]
    ) -> dict[tuple[str, str], dict[date, _DayTotal]]:
        totals: dict[tuple[str, str], dict[date, _DayTotal]] = defaultdict(dict)
        for row in rows:
            target = targets.get(row.line)
            if target is None:
                continue
            try:
                quantity = target.unit.check_quantity(row.quantity)
                _check_prices(row)
            except (DomainError, ValueError) as error:
                problems.append(RowProblem(row.line, str(error)))
                continue
            store = (row.store or "").strip() or self._factory.identity.store_id
            day = totals[(target.product_id, store)].setdefault(row.day, _DayTotal())
            day.quantity += quantity
            unit_price = row.promo_price if row.promo_price is not None else row.price
            if unit_price is not None:
                day.revenue = (day.revenue or Decimal(0)) + quantity * unit_price
            if row.promo_price is not None and (row.price is None or row.promo_price < row.price):
                day.promo = True
        return totals

    # -- events ---------------------------------------------------------------------------------

    def _appends(
        self,
        user_id: str,
        targets: dict[int, _Target],
        totals: dict[tuple[str, str], dict[date, _DayTotal]],
        source: str,
    ) -> tuple[list[StreamAppend], int, int]:
        """The appends of one import: new products, then one history stream per product with
        one event per store (the batches stored already left out)."""
        by_product = {t.product_id: t for t in targets.values()}
        histories: dict[str, SalesHistory] = {}
        batches: list[tuple[str, DomainEvent, UUID]] = []
        for (product_id, store), days in sorted(totals.items()):
            target = by_product[product_id]
            imported = tuple(_imported_day(d, t, target.currency) for d, t in sorted(days.items()))
            history = histories.setdefault(
                product_id,
                SalesHistory(history_id(product_id, self._factory.identity.device_id)),
            )
            event = history.record_import(target.sku, store, source, imported)
            batches.append((product_id, event, batch_id(store, target.sku, imported)))
        known = self._demand.known_imports([str(b[2]) for b in batches])
        fresh = [b for b in batches if str(b[2]) not in known]
        if not fresh:
            return [], 0, len(batches)
        appends = [self._creation(user_id, t) for t in _unique(by_product.values()) if t.new]
        for product_id in dict.fromkeys(b[0] for b in fresh):
            events = [(event, event_id) for p, event, event_id in fresh if p == product_id]
            appends.append(self._history_append(user_id, histories[product_id], events))
        return appends, len(fresh), len(batches) - len(fresh)

    def _creation(self, user_id: str, target: _Target) -> StreamAppend:
        assert target.new is not None
        events = [self._factory.envelope(e, user_id) for e in target.new.pending_events]
        return StreamAppend(f"{Product.stream_type}-{target.product_id}", events, 0)

    def _history_append(
        self, user_id: str, history: SalesHistory, events: list[tuple[DomainEvent, UUID]]
    ) -> StreamAppend:
        # Each event's id comes from its content, so a file seen before is recognised.
        stream_id = f"{SalesHistory.stream_type}-{history.id}"
        envelopes = [dataclasses.replace(self._factory.envelope(event, user_id), event_id=event_id)
                     for event, event_id in events]  # fmt: skip
        return StreamAppend(stream_id, envelopes, self._store.stream_version(stream_id))


def batch_id(store: str, sku: str, days: Iterable[ImportedDay]) -> UUID:
    """The event id of one product's imported days: the same content, the same id."""
    digest = hashlib.sha256()
    for d in days:
        revenue = "" if d.revenue is None else f"{d.revenue.amount}{d.revenue.currency.value}"
        digest.update(
            f"{d.day.isoformat()}|{d.quantity.normalize()}|{revenue}|{d.promo}\n".encode()
        )
    return uuid5(HISTORY_NAMESPACE, f"{store}|{sku}|{digest.hexdigest()}")


def _imported_day(day: date, total: _DayTotal, currency: Currency) -> ImportedDay:
    revenue = None if total.revenue is None else Money(total.revenue, currency).rounded()
    return ImportedDay(day, total.quantity, revenue, total.promo)


def _known(view: ProductView) -> _Target:
    return _Target(view.product_id, view.sku, view.unit, view.price.currency)


def _unique(targets: Iterable[_Target]) -> list[_Target]:
    seen: dict[str, _Target] = {}
    for target in targets:
        seen.setdefault(target.product_id, target)
    return list(seen.values())


def _check_prices(row: HistoryRow) -> None:
    for name, value in (("price", row.price), ("promo_price", row.promo_price)):
        if value is not None and value < 0:
            raise ValueError(f"{name} must not be negative, got {value}")
