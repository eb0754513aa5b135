"""What a device reads: its sync status and pages of the events it must know (pull)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, and_, func, or_, select

from sync.protocol import (
    ALL_STORES,
    HQ_DEVICE_ID,
    PullResponse,
    StatusResponse,
    WireEvent,
)
from sync.server import schema as t
from sync.server.auth import DeviceCaller
from sync.server.database import Database

_WIRE_COLUMNS = (
    "event_id",
    "event_type",
    "schema_version",
    "stream_id",
    "version",
    "tenant_id",
    "store_id",
    "device_id",
    "user_id",
    "occurred_at",
    "position",
    "payload",
    "metadata",
    "prev_hash",
    "hash",
)


def status(db: Database, device: DeviceCaller) -> StatusResponse:
    with db.read() as conn:
        row = conn.execute(
            select(t.devices.c.head_position, t.devices.c.head_hash).where(
                t.devices.c.device_id == device.device_id
            )
        ).one()
        high_water = tenant_high_water(conn, device.tenant_id)
    return StatusResponse(
        device_id=device.device_id,
        tenant_id=device.tenant_id,
        store_id=device.store_id,
        acked_position=int(row.head_position),
        last_hash=row.head_hash,
        pull_high_water=high_water,
    )


def tenant_high_water(conn: Connection, tenant_id: str) -> int:
    """The tenant's highest ingest sequence visible in this snapshot (0: none)."""
    found = conn.execute(select(func.max(t.events.c.seq)).where(t.events.c.tenant_id == tenant_id))
    return int(found.scalar() or 0)


def pull(db: Database, device: DeviceCaller, cursor: int, limit: int) -> PullResponse:
    """Events after `cursor` the device must know, in seq order (see sync.protocol's docstring).

    Page and high-water come from one snapshot, and ingest is serialised per tenant, so every
    event of the tenant not yet visible will get a seq above the `next_cursor` returned."""
    ev = t.events
    visible = or_(
        and_(ev.c.device_id == HQ_DEVICE_ID, ev.c.store_id.in_([ALL_STORES, device.store_id])),
        and_(
            ev.c.store_id == device.store_id,
            ev.c.device_id != device.device_id,
            ev.c.device_id != HQ_DEVICE_ID,
        ),
    )
    query = (
        select(ev.c.seq, *(ev.c[name] for name in _WIRE_COLUMNS))
        .where(ev.c.tenant_id == device.tenant_id, ev.c.seq > cursor, visible)
        .order_by(ev.c.seq)
        .limit(limit + 1)
    )
    with db.read() as conn:
        rows = conn.execute(query).all()
        has_more = len(rows) > limit
        rows = rows[:limit]
        if has_more:
            next_cursor = int(rows[-1].seq)
        else:
            next_cursor = max(cursor, tenant_high_water(conn, device.tenant_id))
    return PullResponse(
        events=[wire_event(row._mapping) for row in rows],
        next_cursor=next_cursor,
        has_more=has_more,
    )


def wire_event(row: Any) -> WireEvent:
    """A stored row as the wire carries it (payload and metadata decoded, hashes included)."""
    fields = {name: row[name] for name in _WIRE_COLUMNS}
    fields["payload"] = json.loads(fields["payload"])
    fields["metadata"] = json.loads(fields["metadata"])
    return WireEvent.model_validate(fields)
