"""Push ingest: a device's batch checked against its hash chain and stored in one transaction.

Order of checks (nothing is stored unless all pass): the batch is the caller's own (403),
positions rise and ids are distinct (422), the chain from `prev_hash` reaches `last_hash`
(422 chain_mismatch), then, under the tenant's ingest lock, `prev_hash` and any overlap with
what HQ holds match (409 chain_fork). Each event past HQ's head is then stored, or recorded in
quarantine as a duplicate, rejection or conflict; the consolidated projections see only the
newly stored events, in the same transaction. The events are inserted first without look-ups;
only when a unique index refuses one is the batch done again with them (see `push`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise
from typing import Any

from sqlalchemy import Connection, bindparam, select, text, tuple_, update

from sync.protocol import (
    EventIssue,
    PushRequest,
    PushResponse,
    WireEvent,
    canonical_json,
    header_text,
)
from sync.protocol.chain import chain_hash_of_texts
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

    def row(self, moment: str) -> tuple[Any, ...]:
        """The stored row, in `_ROW_COLUMNS` order: payload and metadata as canonical text."""
        e = self.event
        return (e.event_id, e.event_type, e.schema_version, e.stream_id, e.version, e.tenant_id,
                e.store_id, e.device_id, e.user_id, e.occurred_at, e.position, self.payload,
                self.metadata, self.prev_hash, self.hash, moment)  # fmt: skip

    def content(self) -> tuple[Any, ...]:
        """What must match for a known event id to be a duplicate (`_CONTENT` order)."""
        e = self.event
        return (e.event_type, e.schema_version, e.stream_id, e.version, e.tenant_id, e.store_id,
                e.device_id, e.user_id, e.occurred_at, self.payload, self.metadata)  # fmt: skip


_ROW_COLUMNS = ("event_id", "event_type", "schema_version", "stream_id", "version", "tenant_id",
               "store_id", "device_id", "user_id", "occurred_at", "position", "payload",
               "metadata", "prev_hash", "hash", "received_at")  # fmt: skip


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
    links = _links(request)
    moment = utc_text(now)
    # Optimistic: almost every batch holds only events HQ has never seen, so it is inserted
    # without looking anything up; the unique indexes on event_id and (tenant, stream,
    # version) refuse a repeat, a conflict or a concurrent writer's row, the transaction rolls
    # back, and the batch is done again sorting each event by what HQ holds, under the lock.
    try:
        outcome = _commit(db, device, request, links, moment, look_up=False)
    except DuplicateKey:
        outcome = _commit(db, device, request, links, moment, look_up=True)
    held, stored, issues, unprojected, head_position, head_hash = outcome
    response = PushResponse(
        acked_position=head_position,
        last_hash=head_hash,
        accepted=stored,
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


def _links(request: PushRequest) -> list[_Link]:
    """Each event with its canonical texts and chain hashes; ChainMismatch unless the chain
    from `prev_hash` reaches `last_hash`."""
    links = []
    prev_hash = request.prev_hash
    for event in request.events:
        payload, metadata = canonical_json(event.payload), canonical_json(event.metadata)
        hash_ = chain_hash_of_texts(header_text(event.header()), payload, metadata, prev_hash)
        links.append(_Link(event, prev_hash, hash_, payload, metadata))
        prev_hash = hash_
    if prev_hash != request.last_hash:
        raise ChainMismatch(
            "the batch does not hash to last_hash from prev_hash: events changed in transit "
            "or hashed differently"
        )
    return links


_Outcome = tuple[int, int, list[tuple[str, EventIssue]], int, int, str]


@dataclass(frozen=True, slots=True)
class _Found:
    """What HQ already holds of a batch: contents by event id, taken (stream, version) pairs."""

    known: dict[str, tuple[Any, ...]]
    taken: set[tuple[str, int]]


def _look_up(conn: Connection, tenant_id: str, events: list[WireEvent]) -> _Found:
    known = _known_contents(conn, [e.event_id for e in events])
    taken = _taken_versions(conn, tenant_id, [(e.stream_id, e.version) for e in events])
    return _Found(known, taken)


def _commit(
    db: Database,
    device: DeviceCaller,
    request: PushRequest,
    links: list[_Link],
    moment: str,
    look_up: bool,
) -> _Outcome:
    """The serial part, in one transaction under the tenant's lock. Without `look_up`, every
    new event is inserted as is (DuplicateKey if HQ holds one's id or stream version)."""
    with db.write(device.tenant_id) as conn:
        head_position, head_hash = head(conn, device.device_id)
        pairs = [(link.event.position, link.hash) for link in links]
        held = check_continuation(conn, device, pairs, request.prev_hash, head_position, head_hash)
        fresh = [link for link in links if link.event.position > head_position]
        stored: list[_Link] = fresh
        issues: list[tuple[str, EventIssue]] = []
        unprojected = 0
        if fresh:
            if look_up:
                found = _look_up(conn, device.tenant_id, [link.event for link in fresh])
                stored, issues = _sort(conn, fresh, found, moment)
            insert_rows(conn, t.events, _ROW_COLUMNS, [link.row(moment) for link in stored])
            unprojected = project(conn, [link.event for link in stored], moment)
            head_position, head_hash = fresh[-1].event.position, fresh[-1].hash
        conn.execute(
            _ADVANCE_HEAD,
            {
                "device": device.device_id,
                "head_position": head_position,
                "head_hash": head_hash,
                "stored": len(stored),
                "pending": request.pending,
                "last_seen": moment,
            },
        )
    return held, len(stored), issues, unprojected, head_position, head_hash


# Built once: a statement made per push spends longer on SQLAlchemy's cache key than the
# database spends on it.
_ADVANCE_HEAD = (
    update(t.devices)
    .where(t.devices.c.device_id == bindparam("device"))
    .values(
        head_position=bindparam("head_position"),
        head_hash=bindparam("head_hash"),
        event_count=t.devices.c.event_count + bindparam("stored"),
        pending=bindparam("pending"),
        last_seen=bindparam("last_seen"),
    )
)


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


def _sort(
    conn: Connection, fresh: list[_Link], found: _Found, moment: str
) -> tuple[list[_Link], list[tuple[str, EventIssue]]]:
    """The events to store, and the others (duplicates, rejections, conflicts) recorded in
    quarantine: they keep the device's chain whole and are never served by pull."""
    taken = set(found.taken)
    stored: list[_Link] = []
    issues: list[tuple[str, EventIssue]] = []
    quarantined: list[dict[str, Any]] = []
    for link in fresh:
        kind, reason = _classify(link, found.known, taken)
        if kind is None:
            taken.add((link.event.stream_id, link.event.version))
            stored.append(link)
            continue
        issues.append((kind, EventIssue(event_id=link.event.event_id, reason=reason)))
        quarantined.append(_quarantine_row(link, kind, reason, moment))
    if quarantined:
        conn.execute(t.quarantine.insert(), quarantined)
    return stored, issues


def _classify(
    link: _Link, known: dict[str, tuple[Any, ...]], taken: set[tuple[str, int]]
) -> tuple[str | None, str]:
    event = link.event
    held = known.get(event.event_id)
    if held is not None:
        if held == link.content():
            return DUPLICATE, "HQ already holds this event"
        return REJECTED, "another event with this event_id is already stored"
    if (event.stream_id, event.version) in taken:
        return (
            CONFLICT,
            f"version {event.version} of stream {event.stream_id} is taken by another event",
        )
    return None, ""


def _quarantine_row(link: _Link, kind: str, reason: str, moment: str) -> dict[str, Any]:
    event = link.event
    return {
        "tenant_id": event.tenant_id,
        "device_id": event.device_id,
        "position": event.position,
        "event_id": event.event_id,
        "kind": kind,
        "reason": reason[:300],
        "prev_hash": link.prev_hash,
        "hash": link.hash,
        "event": event.model_dump_json(),
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
