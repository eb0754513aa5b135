"""Sales history brought in from an older system (stream type "saleshistory").

Each import records one `SalesHistoryImported` per product and store: the daily totals the old
system knew. A day's imported figures *state* that day's totals, so a later import that covers the
same day replaces them instead of adding to them: two overlapping files never double a day, and the
log still shows every file that was imported (audit) and rebuilds the same history.

The stream id is ``saleshistory-<product_id>@<device_id>``: one writer per stream, as for stock.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from fluxion_desktop.domain.aggregate import Aggregate
from fluxion_desktop.domain.errors import InvalidType, InvalidValue
from fluxion_desktop.domain.events import DomainEvent
from fluxion_desktop.domain.money import Currency, Money

_ID_SEPARATOR = "@"


@dataclass(frozen=True, slots=True)
class ImportedDay:
    """One day of one product in one store, as the old system totalled it.

    `quantity` is net of returns (negative when more came back than was sold; 0 is a day without
    sales); `revenue` is what the units brought in, when the file gave a price; `promo` is true
    when they sold at a promotional price below the regular one.
    """

    day: date
    quantity: Decimal
    revenue: Money | None
    promo: bool


@dataclass(frozen=True, slots=True)
class SalesHistoryImported(DomainEvent):
    """Daily totals of one product in `store_id`, imported from the file named `source`.

    Stored compactly (an import carries years of days): `units[i]` and `revenue[i]` are those of
    the day `first_day + i`, None where the file said nothing of that day (units) or gave no price
    (revenue); revenue is in `currency`. `days()` gives them back as `ImportedDay`s.
    """

    event_type = "SalesHistoryImported"
    product_id: str
    sku: str
    store_id: str
    source: str
    first_day: date
    units: tuple[Decimal | None, ...]
    revenue: tuple[Decimal | None, ...]
    currency: Currency
    promo_days: tuple[date, ...]

    def days(self) -> Iterator[ImportedDay]:
        promos = set(self.promo_days)
        for offset, (units, revenue) in enumerate(zip(self.units, self.revenue, strict=True)):
            if units is None:
                continue
            day = self.first_day + timedelta(days=offset)
            money = None if revenue is None else Money(revenue, self.currency)
            yield ImportedDay(day, units, money, day in promos)

    @property
    def last_day(self) -> date:
        return self.first_day + timedelta(days=len(self.units) - 1)

    @property
    def day_count(self) -> int:
        return sum(1 for u in self.units if u is not None)


EVENT_TYPES: tuple[type[DomainEvent], ...] = (SalesHistoryImported,)


def history_id(product_id: str, device_id: str) -> str:
    """The aggregate id of a product's imported history written by `device_id`."""
    return f"{product_id}{_ID_SEPARATOR}{device_id}"


class SalesHistory(Aggregate):
    """The imported history of one product written by one device (id ``<product>@<device>``)."""

    stream_type = "saleshistory"

    def __init__(self, aggregate_id: str) -> None:
        super().__init__(aggregate_id)
        self.imports = 0

    def record_import(
        self, sku: str, store_id: str, source: str, days: Iterable[ImportedDay]
    ) -> SalesHistoryImported:
        """Record the days of one file for this product; days must be distinct, at least one."""
        product_id = self.id.rpartition(_ID_SEPARATOR)[0]
        checked = tuple(sorted(_checked_days(days), key=lambda d: d.day))
        if not checked:
            raise InvalidValue("an import needs at least one day", "days")
        seen = {d.day for d in checked}
        if len(seen) != len(checked):
            raise InvalidValue("each day may appear once per product and store", "days")
        event = _packed(product_id, _text(sku, "sku"), _text(store_id, "store_id"),
                        _text(source, "source"), checked)  # fmt: skip
        self._record(event)
        return event

    def _apply(self, event: DomainEvent) -> None:
        if isinstance(event, SalesHistoryImported):
            self.imports += 1


def _packed(
    product_id: str, sku: str, store_id: str, source: str, days: tuple[ImportedDay, ...]
) -> SalesHistoryImported:
    first = days[0].day
    span = (days[-1].day - first).days + 1
    units: list[Decimal | None] = [None] * span
    revenue: list[Decimal | None] = [None] * span
    currencies = {d.revenue.currency for d in days if d.revenue is not None}
    if len(currencies) > 1:
        raise InvalidValue("one import's revenue must be in one currency", "revenue")
    for d in days:
        offset = (d.day - first).days
        units[offset] = d.quantity
        revenue[offset] = None if d.revenue is None else d.revenue.amount
    return SalesHistoryImported(
        product_id=product_id, sku=sku, store_id=store_id, source=source, first_day=first,
        units=tuple(units), revenue=tuple(revenue),
        currency=currencies.pop() if currencies else Currency.USD,
        promo_days=tuple(d.day for d in days if d.promo),
    )  # fmt: skip


def _checked_days(days: Iterable[ImportedDay]) -> Iterable[ImportedDay]:
    for day in days:
        if not isinstance(day, ImportedDay):
            raise InvalidType("days must be ImportedDay values", "days")
        if not isinstance(day.quantity, Decimal):
            raise InvalidType("quantity must be a Decimal", "quantity")
        if day.revenue is not None and not isinstance(day.revenue, Money):
            raise InvalidType("revenue must be Money", "revenue")
        yield day


def _text(value: object, field: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidValue(f"{field} must not be empty", field)
    return value.strip()
