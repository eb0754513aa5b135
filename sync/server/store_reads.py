"""The staff read API: a store's devices and lag, its stock and its daily sales."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, select

from sync.protocol import (
    DailySales,
    DeviceSummary,
    StockItem,
    StoreDailySales,
    StoreStock,
    StoreSummary,
)
from sync.server import schema as t
from sync.server.auth import StaffCaller
from sync.server.database import Database
from sync.server.errors import Forbidden


def store_summary(db: Database, staff: StaffCaller, store_id: str, now: datetime) -> StoreSummary:
    with db.read() as conn:
        name = _own_store(conn, staff, store_id)
        rows = conn.execute(
            select(t.devices)
            .where(t.devices.c.tenant_id == staff.tenant_id, t.devices.c.store_id == store_id)
            .order_by(t.devices.c.device_id)
        ).all()
    devices = [
        DeviceSummary(
            device_id=row.device_id,
            name=row.name,
            acked_position=int(row.head_position),
            last_seen=row.last_seen,
            lag_events=int(row.pending or 0),
            lag_seconds=_lag_seconds(row.last_seen, int(row.pending or 0), now),
            revoked=row.revoked_at is not None,
        )
        for row in rows
    ]
    events = sum(int(row.event_count) for row in rows)
    return StoreSummary(
        store_id=store_id, tenant_id=staff.tenant_id, name=name, events=events, devices=devices
    )


def _lag_seconds(last_seen: str | None, pending: int, now: datetime) -> int:
    if pending == 0 or last_seen is None:
        return 0
    return max(0, int((now - datetime.fromisoformat(last_seen)).total_seconds()))


def store_stock(db: Database, staff: StaffCaller, store_id: str) -> StoreStock:
    table = t.stock_levels
    with db.read() as conn:
        _own_store(conn, staff, store_id)
        rows = conn.execute(
            select(table.c.product_id, table.c.quantity, table.c.updated_at)
            .where(table.c.tenant_id == staff.tenant_id, table.c.store_id == store_id)
            .order_by(table.c.product_id)
        ).all()
    items = [
        StockItem(product_id=r.product_id, quantity=r.quantity, updated_at=r.updated_at)
        for r in rows
    ]
    return StoreStock(store_id=store_id, items=items)


def store_daily_sales(db: Database, staff: StaffCaller, store_id: str) -> StoreDailySales:
    table = t.daily_sales
    with db.read() as conn:
        _own_store(conn, staff, store_id)
        rows = conn.execute(
            select(table.c.day, table.c.currency, table.c.sales, table.c.total)
            .where(table.c.tenant_id == staff.tenant_id, table.c.store_id == store_id)
            .order_by(table.c.day, table.c.currency)
        ).all()
    days = [
        DailySales(day=r.day, currency=r.currency, sales=int(r.sales), total=r.total) for r in rows
    ]
    return StoreDailySales(store_id=store_id, days=days)


def _own_store(conn: Connection, staff: StaffCaller, store_id: str) -> str:
    """The store's name; Forbidden unless it is a store of the staff's tenant (whether it
    exists elsewhere is not revealed)."""
    name = conn.execute(
        select(t.stores.c.name).where(
            t.stores.c.store_id == store_id, t.stores.c.tenant_id == staff.tenant_id
        )
    ).scalar()
    if name is None:
        raise Forbidden(f"store {store_id!r} is not a store of this token's tenant")
    return str(name)
