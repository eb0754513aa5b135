"""Sales history brought in from an older system (stream type "saleshistory").

Each import records one `SalesHistoryImported` per product and store: the daily totals the old
system knew. A day's imported figures *state* that day's totals, so a later import that covers the
same day replaces them instead of adding to them: two overlapping files never double a day, and the
log still shows every file that was imported (audit) and rebuilds the same history.

The stream id is ``saleshistory-<product_id>@<device_id>``: one writer per stream, as for stock.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from fluxion_desktop.domain.aggregate import Aggregate
from fluxion_desktop.domain.errors import InvalidType, InvalidValue
from fluxion_desktop.domain.events import DomainEvent
from fluxion_desktop.domain.money import Money

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
    """Daily totals of one product in `store_id`, imported from the file named `source`."""

    event_type = "SalesHistoryImported"
    product_id: str
    sku: str
    store_id: str
    source: str
    days: tuple[ImportedDay, ...]


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
        event = SalesHistoryImported(
            product_id=product_id,
            sku=_text(sku, "sku"),
            store_id=_text(store_id, "store_id"),
            source=_text(source, "source"),
            days=checked,
        )
        self._record(event)
        return event

    def _apply(self, event: DomainEvent) -> None:
        if isinstance(event, SalesHistoryImported):
            self.imports += 1


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
