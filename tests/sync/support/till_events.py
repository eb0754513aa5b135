"""A real till's stored events as the wire carries them (for chain and compatibility tests)."""

from __future__ import annotations

import json
import sqlite3
from decimal import Decimal
from pathlib import Path
from typing import Any

from sync.protocol import WireEvent

_COLUMNS = (
    "event_id, event_type, schema_version, stream_id, version, tenant_id, store_id, device_id, "
    "user_id, occurred_at, position, payload, metadata, prev_hash, hash"
)


def stored_rows(database: Path) -> list[dict[str, Any]]:
    """Every row of the till's event log, in position order, exactly as stored."""
    with sqlite3.connect(database) as db:
        db.row_factory = sqlite3.Row
        rows = db.execute(f"SELECT {_COLUMNS} FROM events ORDER BY position").fetchall()
    return [dict(row) for row in rows]


def wire_event(row: dict[str, Any], with_hashes: bool = True) -> WireEvent:
    """The wire form of a stored row: the stored texts decoded, nothing re-formatted."""
    fields = dict(row)
    fields["payload"] = json.loads(row["payload"])
    fields["metadata"] = json.loads(row["metadata"])
    if not with_hashes:
        fields.pop("prev_hash")
        fields.pop("hash")
    return WireEvent.model_validate(fields)


def ring_up_sales(till: Any, count: int) -> None:
    """A product with stock and `count` complete sales paid in dollars (real commands)."""
    from fluxion_desktop.application.inventory import ReceiveStock
    from fluxion_desktop.application.sale_completion import CompleteSale
    from fluxion_desktop.application.sales import AddTender, OpenSale, ScanItem
    from fluxion_desktop.domain.money import Currency, Money
    from fluxion_desktop.domain.tenders import TenderMethod
    from tests.support.app import configure_store, open_shift

    configure_store(till)
    product = till.product("CAF-1", "Café Fama 250 g «Ñ»", "3.00", "7591234567894")
    bus = till.services.bus
    bus.handle(ReceiveStock(till.manager, product, Decimal(100)))
    shift = open_shift(till)
    for number in range(count):
        sale_id = bus.handle(OpenSale(till.cashier, shift))
        bus.handle(ScanItem(till.cashier, sale_id, "7591234567894", Decimal(1 + number % 3)))
        bus.handle(AddTender(till.cashier, sale_id, TenderMethod.CASH, Money.of("20.00", "USD")))
        bus.handle(CompleteSale(till.cashier, sale_id, Currency.USD))
