"""The shifts read model keeps each open shift it wrote in memory; a rolled-back append's
changes never reach the next write."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import MetaData

from fluxion_desktop.adapters.read_models.sales_tables import shifts
from fluxion_desktop.adapters.read_models.shifts import ShiftsProjection, _restored
from fluxion_desktop.adapters.sqlite_engine import create_sqlite_engine
from fluxion_desktop.application.event_registry import EventRegistry
from fluxion_desktop.application.event_store import StoredEvent
from fluxion_desktop.domain.events import DomainEvent
from fluxion_desktop.domain.money import Currency, Money
from fluxion_desktop.domain.shift import EVENT_TYPES, Shift, ShiftTender

AT = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def _stored(event: DomainEvent, version: int) -> StoredEvent:
    return StoredEvent(
        version, uuid.uuid4(), event.event_type, event.schema_version, "shift-s-1", version,
        "t", "st", "till-2", "u", AT, {}, {}, "", "", domain_event=event,
    )  # fmt: skip


def _usd(text: str) -> Money:
    return Money(Decimal(text), Currency.USD)


def _cash_usd(db: sqlite3.Connection) -> Money:
    figures = db.execute("SELECT z_report FROM shifts WHERE shift_id = 's-1'").fetchone()[0]
    return _restored("s-1", figures).expected_cash(Currency.USD)


def test_a_rolled_back_sale_is_not_in_the_next_write(tmp_path: Path) -> None:
    engine = create_sqlite_engine(tmp_path / "shifts.db")
    meta = MetaData()
    shifts.to_metadata(meta)
    meta.create_all(engine)
    engine.dispose()
    db = sqlite3.connect(tmp_path / "shifts.db", isolation_level=None)
    registry = EventRegistry()
    registry.register_all(EVENT_TYPES)
    projection = ShiftsProjection(registry)
    shift = Shift.open("s-1", "cashier-7", "till-2", (_usd("20.00"),), AT)
    for sale_id in ("a", "b", "c"):
        shift.record_sale(sale_id, (ShiftTender("cash", _usd("10.00")),))
    events = [_stored(e, v) for v, e in enumerate(shift.pending_events, start=1)]

    projection.handle(db, events[:2])  # opened, sale a
    db.execute("BEGIN")
    projection.handle(db, [events[2]])  # sale b, then the append fails
    db.execute("ROLLBACK")
    assert _cash_usd(db) == _usd("30.00")
    projection.handle(db, [events[3]])  # sale c

    assert _cash_usd(db) == _usd("40.00")  # float 20 + a + c, not b
