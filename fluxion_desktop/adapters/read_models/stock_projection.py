"""The stock read model: the store-wide level of each product as the sum of every device's
movements (own and pulled), plus each device's share, and the store's min/max limits."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from sqlalchemy import Table

from fluxion_desktop.adapters.projections import Db, DomainProjection
from fluxion_desktop.adapters.read_models.catalog_tables import stock_by_device, stock_levels
from fluxion_desktop.application.event_store import StoredEvent
from fluxion_desktop.domain import inventory as inv
from fluxion_desktop.domain.decimals import format_decimal
from fluxion_desktop.domain.events import DomainEvent


class StockProjection(DomainProjection):
    name = "stock"
    tables: tuple[Table, ...] = (stock_levels, stock_by_device)
    virtual_tables: Mapping[str, str] = {}
    event_types = tuple(t for t in inv.EVENT_TYPES if t is not inv.LowStockAlertRaised)

    def apply(self, db: Db, events: list[tuple[StoredEvent, DomainEvent]]) -> None:
        deltas: dict[tuple[str, str], Decimal] = {}
        limits: dict[str, inv.StockLimitsSet] = {}
        for stored, event in events:
            if isinstance(event, inv.StockLimitsSet):
                limits[event.product_id] = event
                continue
            delta = inv.stock_delta(event)
            if delta is not None and isinstance(event, inv.StockMovement):
                key = (event.product_id, stored.device_id)
                deltas[key] = deltas.get(key, Decimal(0)) + delta
        for (product_id, device_id), delta in deltas.items():
            _add(db, product_id, device_id, delta)
        for product_id, event in limits.items():
            _ensure_row(db, product_id)
            db.execute(
                "UPDATE stock_levels SET minimum = ?, maximum = ? WHERE product_id = ?",
                (
                    format_decimal(event.minimum),
                    None if event.maximum is None else format_decimal(event.maximum),
                    product_id,
                ),
            )


def _ensure_row(db: Db, product_id: str) -> None:
    db.execute(
        "INSERT OR IGNORE INTO stock_levels (product_id, on_hand, minimum, maximum) "
        "VALUES (?, '0', '0', NULL)",
        (product_id,),
    )


def _add(db: Db, product_id: str, device_id: str, delta: Decimal) -> None:
    # Decimal arithmetic in Python: SQLite would add these as binary floats.
    _ensure_row(db, product_id)
    on_hand = db.execute(
        "SELECT on_hand FROM stock_levels WHERE product_id = ?", (product_id,)
    ).fetchone()[0]
    db.execute(
        "UPDATE stock_levels SET on_hand = ? WHERE product_id = ?",
        (format_decimal(Decimal(on_hand) + delta), product_id),
    )
    net = db.execute(
        "SELECT net FROM stock_by_device WHERE product_id = ? AND device_id = ?",
        (product_id, device_id),
    ).fetchone()
    db.execute(
        "INSERT OR REPLACE INTO stock_by_device (product_id, device_id, net) VALUES (?, ?, ?)",
        (product_id, device_id, format_decimal(Decimal(net[0] if net else 0) + delta)),
    )
