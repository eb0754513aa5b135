"""Where a push batch stands against the device's chain at HQ: HQ's head, and whether the
batch continues it (a retry or a half-stored batch overlaps it exactly) or forks from it."""

from __future__ import annotations

from sqlalchemy import Connection, bindparam, select

from sync.protocol import GENESIS_HASH
from sync.server import schema as t
from sync.server.auth import DeviceCaller
from sync.server.errors import ChainFork

_HEAD = select(t.devices.c.head_position, t.devices.c.head_hash).where(
    t.devices.c.device_id == bindparam("device_id")
)  # built once: every push asks it


def head(conn: Connection, device_id: str) -> tuple[int, str]:
    """The last position and hash of the device's chain at HQ (0 and genesis: none yet)."""
    row = conn.execute(_HEAD, {"device_id": device_id}).one()
    return int(row.head_position), str(row.head_hash)


def check_continuation(
    conn: Connection,
    device: DeviceCaller,
    links: list[tuple[int, str]],
    prev_hash: str,
    head_position: int,
    head_hash: str,
) -> int:
    """ChainFork unless the batch (its (position, hash) pairs in order, chained from
    `prev_hash`) continues the chain HQ holds for the device; how many events HQ already held."""
    first = links[0][0]
    if first > head_position:
        if prev_hash != head_hash:
            raise _fork(head_position, head_hash, "its prev_hash is not the hash HQ holds last")
        return 0
    held = _held_links(conn, device, first, head_position)
    before = _hash_before(conn, device, first)
    sent = [(position, hash_) for position, hash_ in links if position <= head_position]
    if prev_hash != before or sent != held:
        raise _fork(
            head_position,
            head_hash,
            "it differs from the events HQ already holds at those positions",
        )
    return len(sent)


def _fork(head_position: int, head_hash: str, why: str) -> ChainFork:
    return ChainFork(
        f"the batch does not continue this device's chain at HQ: {why} (HQ holds up to "
        f"position {head_position}); a device restored from an old backup must not push",
        acked_position=head_position,
        last_hash=head_hash,
    )


def _held_links(
    conn: Connection, device: DeviceCaller, low: int, high: int
) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for table in (t.events, t.quarantine):
        found.extend(
            (int(row.position), str(row.hash))
            for row in conn.execute(
                select(table.c.position, table.c.hash).where(
                    table.c.tenant_id == device.tenant_id,
                    table.c.device_id == device.device_id,
                    table.c.position >= low,
                    table.c.position <= high,
                )
            )
        )
    return sorted(found)


def _hash_before(conn: Connection, device: DeviceCaller, position: int) -> str:
    best: tuple[int, str] = (0, GENESIS_HASH)
    for table in (t.events, t.quarantine):
        row = conn.execute(
            select(table.c.position, table.c.hash)
            .where(
                table.c.tenant_id == device.tenant_id,
                table.c.device_id == device.device_id,
                table.c.position < position,
            )
            .order_by(table.c.position.desc())
            .limit(1)
        ).first()
        if row is not None and row.position > best[0]:
            best = (int(row.position), str(row.hash))
    return best[1]
