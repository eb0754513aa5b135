"""The stock read model: the store-wide level of each product as the sum of every device's
movements (own and pulled), and the store's min/max limits.

Each device's share had a table too (`stock_by_device`), which nothing read and every sale wrote
(five rows, ~4 WAL pages); revision 0013 dropped it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal

from sqlalchemy import Table

from fluxion_desktop.adapters.projections import Db, DomainProjection
from fluxion_desktop.adapters.read_models.catalog_tables import stock_levels
from fluxion_desktop.adapters.read_models.known_rows import KnownRows, Values
from fluxion_desktop.application.event_registry import EventRegistry
from fluxion_desktop.application.event_store import StoredEvent
from fluxion_desktop.domain import inventory as inv
from fluxion_desktop.domain.decimals import format_decimal
from fluxion_desktop.domain.events import DomainEvent

_ZERO = Decimal(0)


class StockProjection(DomainProjection):
    name = "stock"
    tables: tuple[Table, ...] = (stock_levels,)
    virtual_tables: Mapping[str, str] = {}
    event_types = tuple(t for t in inv.EVENT_TYPES if t is not inv.LowStockAlertRaised)

    def __init__(self, registry: EventRegistry) -> None:
        super().__init__(registry)
        self._levels = KnownRows(
            "stock_levels", ("product_id",), ("on_hand",),
            "INSERT INTO stock_levels (product_id, on_hand, minimum, maximum) "
            "VALUES (?, ?, '0', NULL)",
        )  # fmt: skip

    def apply(self, db: Db, events: list[tuple[StoredEvent, DomainEvent]]) -> None:
        deltas: dict[str, Decimal] = {}
        limits: dict[str, inv.StockLimitsSet] = {}
        for _stored, event in events:
            if isinstance(event, inv.StockLimitsSet):
                limits[event.product_id] = event
                continue
            delta = inv.stock_delta(event)
            if delta is not None and isinstance(event, inv.StockMovement):
                deltas[event.product_id] = deltas.get(event.product_id, _ZERO) + delta
        for product_id, delta in deltas.items():
            # Decimal arithmetic in Python: SQLite would add these as binary floats.
            self._levels.change(db, (product_id,), _adding(delta))
        for product_id, event in limits.items():
            db.execute(
                "INSERT OR IGNORE INTO stock_levels (product_id, on_hand, minimum, maximum) "
                "VALUES (?, '0', '0', NULL)",
                (product_id,),
            )
            db.execute(
                "UPDATE stock_levels SET minimum = ?, maximum = ? WHERE product_id = ?",
                (
                    format_decimal(event.minimum),
                    None if event.maximum is None else format_decimal(event.maximum),
                    product_id,
                ),
            )


def _adding(delta: Decimal) -> Callable[[Values | None], Values]:
    def added(old: Values | None) -> Values:
        before = _ZERO if old is None else Decimal(str(old[0]))
        return (format_decimal(before + delta),)

    return added
