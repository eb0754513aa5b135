"""Realistic till events for the HQ benchmarks: a demo till rings up simulated sales
(`fluxion-pos simulate`), and its log is re-identified as the log of any number of devices of an
HQ store (new event ids and streams, the HQ's tenant and store ids, chains recomputed)."""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path
from typing import Any

import uuid6

from sync.protocol import GENESIS_HASH, PushRequest, WireEvent, chain_hashes

_COLUMNS = (
    "event_id, event_type, schema_version, stream_id, version, tenant_id, store_id, device_id, "
    "user_id, occurred_at, position, payload, metadata"
)


def simulated_till_rows(data_dir: Path, sales: int, days: int = 2) -> list[dict[str, Any]]:
    """Every event of a demo till after `sales` simulated sales (setting the store up first:
    500 products, users, rates, stock), as stored rows in position order."""
    from fluxion_desktop.cli import main

    code = main(
        ["--data-dir", str(data_dir), "simulate", "--sales", str(sales), "--days", str(days)]
    )
    if code != 0:
        raise RuntimeError(f"fluxion-pos simulate failed ({code})")
    with sqlite3.connect(data_dir / "fluxion.db") as db:
        db.row_factory = sqlite3.Row
        rows = db.execute(f"SELECT {_COLUMNS} FROM events ORDER BY position").fetchall()
    print(f"      simulated till: {len(rows)} events", file=sys.stderr, flush=True)
    return [dict(row) for row in rows]


def sale_traffic(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows from the first sale on: what a till pushes day after day (the set-up's catalog,
    stock and history events are a one-off)."""
    first = next(i for i, row in enumerate(rows) if row["event_type"] == "SaleOpened")
    return rows[first:]


def as_device(
    rows: list[dict[str, Any]],
    tenant_id: str,
    store_id: str,
    device_id: str,
    copies: int = 1,
    fresh_ids: bool = True,
) -> list[WireEvent]:
    """`rows` written `copies` times by `device_id` of `store_id`, positions 1.., payloads as
    stored. With `fresh_ids`, new UUIDv7 event ids (as tills make them) and streams suffixed
    per device and copy, so no two copies collide; without, the till's own ids."""
    events = []
    position = 0
    for copy in range(copies):
        suffix = f"~{device_id[-4:]}{copy}" if fresh_ids else ""
        for row in rows:
            position += 1
            events.append(
                WireEvent(
                    event_id=str(uuid6.uuid7()) if fresh_ids else row["event_id"],
                    event_type=row["event_type"],
                    schema_version=row["schema_version"],
                    stream_id=row["stream_id"] + suffix,
                    version=row["version"],
                    tenant_id=tenant_id,
                    store_id=store_id,
                    device_id=device_id,
                    user_id=row["user_id"],
                    occurred_at=row["occurred_at"],
                    position=position,
                    payload=json.loads(row["payload"]),
                    metadata=json.loads(row["metadata"]),
                )
            )
    return events


def batches(events: list[WireEvent], size: int = 500) -> list[PushRequest]:
    """The push requests of a device's log, `size` events each, chained from genesis."""
    hashes = chain_hashes(events, GENESIS_HASH)
    requests = []
    for start in range(0, len(events), size):
        chunk = events[start : start + size]
        prev = hashes[start - 1] if start else GENESIS_HASH
        last = hashes[start + len(chunk) - 1]
        requests.append(
            PushRequest(
                device_id=chunk[0].device_id,
                prev_hash=prev,
                last_hash=last,
                events=chunk,
                pending=len(events) - start - len(chunk),
            )
        )
    return requests
