"""HQ's own events for a tenant (device_id "hq"), chained on HQ's chain for that tenant."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import uuid6
from sqlalchemy import Connection, func, select, update

from sync.protocol import ALL_STORES, GENESIS_HASH, HQ_DEVICE_ID, canonical_json, chain_hash
from sync.server import schema as t
from sync.server.clock import utc_text
from sync.server.database import insert_rows


@dataclass(frozen=True, slots=True)
class HqEvent:
    """An event HQ is about to write; `store_id` "" reaches every store of the tenant."""

    event_type: str
    stream_id: str
    version: int
    payload: dict[str, Any]
    store_id: str = ALL_STORES
    user_id: str | None = None
    schema_version: int = 1
    metadata: dict[str, Any] = field(default_factory=dict)


def new_event_id() -> str:
    """A UUIDv7, as the tills make them."""
    return str(uuid6.uuid7())


def stream_version(conn: Connection, tenant_id: str, stream_id: str) -> int:
    """The last version of a stream HQ holds for the tenant (0: none)."""
    found = conn.execute(
        select(func.max(t.events.c.version)).where(
            t.events.c.tenant_id == tenant_id, t.events.c.stream_id == stream_id
        )
    )
    return int(found.scalar() or 0)


def append_hq_events(
    conn: Connection, tenant_id: str, drafts: list[HqEvent], now: datetime
) -> list[dict[str, Any]]:
    """Store `drafts` on HQ's chain for `tenant_id`; the stored rows.

    Call inside `Database.write(tenant_id)`, so the chain and the ingest order stay serial."""
    head = conn.execute(
        select(t.hq_chains.c.head_position, t.hq_chains.c.head_hash).where(
            t.hq_chains.c.tenant_id == tenant_id
        )
    ).first()
    position, prev_hash = (int(head[0]), str(head[1])) if head else (0, GENESIS_HASH)
    moment = utc_text(now)
    rows = []
    for draft in drafts:
        position += 1
        row: dict[str, Any] = {
            "event_id": new_event_id(),
            "event_type": draft.event_type,
            "schema_version": draft.schema_version,
            "stream_id": draft.stream_id,
            "version": draft.version,
            "tenant_id": tenant_id,
            "store_id": draft.store_id,
            "device_id": HQ_DEVICE_ID,
            "user_id": draft.user_id,
            "occurred_at": moment,
            "position": position,
            "payload": canonical_json(draft.payload),
            "metadata": canonical_json(draft.metadata),
            "prev_hash": prev_hash,
            "received_at": moment,
        }
        row["hash"] = prev_hash = chain_hash(row, prev_hash)
        rows.append(row)
    if not rows:
        return rows
    columns = list(rows[0])
    insert_rows(conn, t.events, columns, [tuple(row.values()) for row in rows])
    if head is None:
        conn.execute(
            t.hq_chains.insert().values(
                tenant_id=tenant_id, head_position=position, head_hash=prev_hash
            )
        )
    else:
        conn.execute(
            update(t.hq_chains)
            .where(t.hq_chains.c.tenant_id == tenant_id)
            .values(head_position=position, head_hash=prev_hash)
        )
    return rows
