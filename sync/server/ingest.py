"""Push ingest: a device's batch checked against its hash chain and stored in one transaction.

Order of checks (nothing is stored unless all pass): the batch is the caller's own (403),
positions rise and ids are distinct (422), the chain from `prev_hash` reaches `last_hash`
(422 chain_mismatch), then, under the tenant's ingest lock, `prev_hash` and any overlap with
what HQ holds match (409 chain_fork). Each event past HQ's head is then stored, or recorded in
quarantine as a duplicate, rejection or conflict; the consolidated projections see only the
newly stored events, in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise
from typing import Any

from sqlalchemy import Connection, select, text, tuple_, update

from sync.protocol import (
    EventIssue,
    PushRequest,
    PushResponse,
    WireEvent,
    canonical_json,
    chain_hash,
)
from sync.server import schema as t
from sync.server.auth import DeviceCaller
from sync.server.chain_position import check_continuation, head
from sync.server.clock import utc_text
from sync.server.database import Database, DuplicateKey, in_values, insert_rows
from sync.server.errors import ChainMismatch, Forbidden, Invalid
from sync.server.metrics import Metrics
from sync.server.projections import project

DUPLICATE = "duplicate"
REJECTED = "rejected"
CONFLICT = "conflict"

_CONTENT = (
    "event_type",
    "schema_version",
    "stream_id",
    "version",
    "tenant_id",
    "store_id",
    "device_id",
    "user_id",
    "occurred_at",
    "payload",
    "metadata",
)


@dataclass(frozen=True, slots=True)
class _Link:
    """One event of the batch with its place in the device's chain."""

    event: WireEvent
    prev_hash: str
    hash: str
    payload: str  # canonical text, computed once for the hash and the stored row
    metadata: str


def push(
    db: Database,
    device: DeviceCaller,
    request: PushRequest,
    now: datetime,
    metrics: Metrics | None = None,
) -> PushResponse:
    """Store `request` for `device`; see the module docstring for what is refused and how."""
    _check_scope(device, request)
    _check_order(request.events)
    texts = [(canonical_json(e.payload), canonical_json(e.metadata)) for e in request.events]
    hashes = _chain(request.events, texts, request.prev_hash)
    if hashes[-1] != request.last_hash:
        raise ChainMismatch(
            "the batch does not hash to last_hash from prev_hash: events changed in transit "
            "or hashed differently"
        )
    prevs = [request.prev_hash, *hashes[:-1]]
    links = [
        _Link(e, p, h, payload, metadata)
        for e, p, h, (payload, metadata) in zip(request.events, prevs, hashes, texts, strict=True)
    ]
    moment = utc_text(now)
    rows = [event_row(link, moment) for link in links]
    # Looked up before taking the tenant's ingest lock, to keep the serial part short; if a
    # concurrent writer takes one of these ids or stream versions meanwhile, the insert fails
    # on the unique index and the batch is done again with the look-ups under the lock.
    with db.read() as conn:
        found = _look_up(conn, device.tenant_id, rows)
    try:
        outcome = _commit(db, device, request, links, rows, found, moment)
    except DuplicateKey:
        outcome = _commit(db, device, request, links, rows, None, moment)
    held, stored, issues, unprojected, head_position, head_hash = outcome
    response = PushResponse(
        acked_position=head_position,
        last_hash=head_hash,
        accepted=len(stored),
        duplicates=held + sum(1 for kind, _ in issues if kind == DUPLICATE),
        conflicts=[issue for kind, issue in issues if kind == CONFLICT],
        rejected=[issue for kind, issue in issues if kind == REJECTED],
    )
    if metrics is not None:
        metrics.ingested(
            response.accepted,
            response.duplicates,
            len(response.conflicts),
            len(response.rejected),
            unprojected,
        )
    return response


def _chain(events: Sequence[WireEvent], texts: list[tuple[str, str]], prev_hash: str) -> list[str]:
    hashes = []
    for event, (payload, metadata) in zip(events, texts, strict=True):
        row = {**event.header(), "payload": payload, "metadata": metadata}
        prev_hash = chain_hash(row, prev_hash)
        hashes.append(prev_hash)
    return hashes


_Outcome = tuple[int, list[dict[str, Any]], list[tuple[str, EventIssue]], int, int, str]


@dataclass(frozen=True, slots=True)
class _Found:
    """What HQ already holds of a batch: contents by event id, taken (stream, version) pairs."""

    known: dict[str, tuple[Any, ...]]
    taken: set[tuple[str, int]]


def _look_up(conn: Connection, tenant_id: str, rows: list[dict[str, Any]]) -> _Found:
    known = _known_contents(conn, [row["event_id"] for row in rows])
    taken = _taken_versions(conn, tenant_id, [(row["stream_id"], row["version"]) for row in rows])
    return _Found(known, taken)


def _commit(
    db: Database,
    device: DeviceCaller,
    request: PushRequest,
    links: list[_Link],
    rows: list[dict[str, Any]],
    found: _Found | None,
    moment: str,
) -> _Outcome:
    """The serial part, in one transaction under the tenant's lock (`found` None: look up
    under the lock too)."""
    with db.write(device.tenant_id) as conn:
        head_position, head_hash = head(conn, device.device_id)
        pairs = [(link.event.position, link.hash) for link in links]
        held = check_continuation(conn, device, pairs, request.prev_hash, head_position, head_hash)
        fresh = [
            (link, row)
            for link, row in zip(links, rows, strict=True)
            if link.event.position > head_position
        ]
        stored: list[dict[str, Any]] = []
        issues: list[tuple[str, EventIssue]] = []
        unprojected = 0
        if fresh:
            lookups = found or _look_up(conn, device.tenant_id, [row for _, row in fresh])
            stored, issues, unprojected = _store(conn, fresh, lookups, moment)
            head_position, head_hash = fresh[-1][0].event.position, fresh[-1][0].hash
        conn.execute(
            update(t.devices)
            .where(t.devices.c.device_id == device.device_id)
            .values(
                head_position=head_position,
                head_hash=head_hash,
                event_count=t.devices.c.event_count + len(stored),
                pending=request.pending,
                last_seen=moment,
            )
        )
    return held, stored, issues, unprojected, head_position, head_hash


def _check_scope(device: DeviceCaller, request: PushRequest) -> None:
    if request.device_id != device.device_id:
        raise Forbidden(
            f"this token belongs to device {device.device_id!r}, not {request.device_id!r}"
        )
    for event in request.events:
        for name, own in (
            ("tenant_id", device.tenant_id),
            ("store_id", device.store_id),
            ("device_id", device.device_id),
        ):
            if getattr(event, name) != own:
                raise Forbidden(
                    f"event {event.event_id} has {name} {getattr(event, name)!r}; this device "
                    f"may push only its own events ({name} {own!r})"
                )


def _check_order(events: Sequence[WireEvent]) -> None:
    for before, after in pairwise(events):
        if after.position <= before.position:
            raise Invalid(
                f"positions must rise through the batch: {after.position} follows {before.position}"
            )
    if len({e.event_id for e in events}) != len(events):
        raise Invalid("the same event_id appears twice in the batch")


def event_row(link: _Link, moment: str) -> dict[str, Any]:
    """The stored row of an event: payload and metadata as canonical text."""
    event = link.event
    return {
        "event_id": event.event_id,
        "event_type": event.event_type,
        "schema_version": event.schema_version,
        "stream_id": event.stream_id,
        "version": event.version,
        "tenant_id": event.tenant_id,
        "store_id": event.store_id,
        "device_id": event.device_id,
        "user_id": event.user_id,
        "occurred_at": event.occurred_at,
        "position": event.position,
        "payload": link.payload,
        "metadata": link.metadata,
        "prev_hash": link.prev_hash,
        "hash": link.hash,
        "received_at": moment,
    }


def _store(
    conn: Connection, fresh: list[tuple[_Link, dict[str, Any]]], found: _Found, moment: str
) -> tuple[list[dict[str, Any]], list[tuple[str, EventIssue]], int]:
    taken = set(found.taken)
    stored: list[dict[str, Any]] = []
    issues: list[tuple[str, EventIssue]] = []
    quarantined: list[dict[str, Any]] = []
    for link, row in fresh:
        kind, reason = _classify(row, found.known, taken)
        if kind is None:
            taken.add((row["stream_id"], row["version"]))
            stored.append(row)
            continue
        issues.append((kind, EventIssue(event_id=row["event_id"], reason=reason)))
        quarantined.append(_quarantine_row(link, row, kind, reason, moment))
    unprojected = 0
    if stored:
        insert_rows(conn, t.events, stored)
        payloads = {link.event.event_id: link.event.payload for link, _ in fresh}
        unprojected = project(conn, stored, moment, payloads)
    if quarantined:
        conn.execute(t.quarantine.insert(), quarantined)
    return stored, issues, unprojected


def _classify(
    row: dict[str, Any], known: dict[str, tuple[Any, ...]], taken: set[tuple[str, int]]
) -> tuple[str | None, str]:
    held = known.get(row["event_id"])
    if held is not None:
        if held == tuple(row[name] for name in _CONTENT):
            return DUPLICATE, "HQ already holds this event"
        return REJECTED, "another event with this event_id is already stored"
    if (row["stream_id"], row["version"]) in taken:
        return (
            CONFLICT,
            f"version {row['version']} of stream {row['stream_id']} is taken by another event",
        )
    return None, ""


def _quarantine_row(
    link: _Link, row: dict[str, Any], kind: str, reason: str, moment: str
) -> dict[str, Any]:
    return {
        "tenant_id": row["tenant_id"],
        "device_id": row["device_id"],
        "position": row["position"],
        "event_id": row["event_id"],
        "kind": kind,
        "reason": reason[:300],
        "prev_hash": link.prev_hash,
        "hash": link.hash,
        "event": link.event.model_dump_json(),
        "received_at": moment,
    }


def _known_contents(conn: Connection, event_ids: list[str]) -> dict[str, tuple[Any, ...]]:
    columns = [t.events.c[name] for name in _CONTENT]
    found = conn.execute(
        select(t.events.c.event_id, *columns).where(in_values(conn, t.events.c.event_id, event_ids))
    )
    return {row[0]: tuple(row[1:]) for row in found}


def _taken_versions(
    conn: Connection, tenant_id: str, keys: list[tuple[str, int]]
) -> set[tuple[str, int]]:
    """Which (stream, version) pairs of `keys` the tenant already holds, each pair looked up
    through the unique index: a join with the unnested pairs on PostgreSQL (a row-value IN is
    not served by the index there), a row-value IN on SQLite."""
    wanted = set(keys)
    if conn.dialect.name == "postgresql":
        found = conn.execute(
            text(
                "SELECT e.stream_id, e.version FROM events e JOIN unnest("
                "CAST(:streams AS text[]), CAST(:versions AS bigint[])) AS k(stream_id, version) "
                "ON e.stream_id = k.stream_id AND e.version = k.version "
                "WHERE e.tenant_id = :tenant"
            ),
            {
                "streams": [s for s, _ in wanted],
                "versions": [v for _, v in wanted],
                "tenant": tenant_id,
            },
        )
    else:
        found = conn.execute(
            select(t.events.c.stream_id, t.events.c.version).where(
                t.events.c.tenant_id == tenant_id,
                tuple_(t.events.c.stream_id, t.events.c.version).in_(list(wanted)),
            )
        )
    return {(row[0], int(row[1])) for row in found}
