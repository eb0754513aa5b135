"""Projections: named read models fed by the event log, each with a checkpoint.

Synchronous projections are updated inside the append's transaction, so a committed event and its
read models are never apart. Lagging projections (the demand history, the daily sales) are not
fed by the appends a cashier waits for: they catch up while the till is idle and before anything
reads them, and the appends nobody waits for (a pulled page, a large import) feed them in their own
transaction. So a sale does not pay for read models nobody at the counter needs.

A rebuild empties a projection's tables and replays the whole log; it must give the same rows as
the incremental path, and `ProjectionManager.check` proves it.

Projections write through the sqlite3 connection of the append (no per-statement ORM overhead).
"""

from __future__ import annotations

import gc
import logging
import sqlite3
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any, Protocol

from sqlalchemy import Engine, MetaData, Table

from fluxion_desktop.adapters import event_codec, schema
from fluxion_desktop.adapters.database_errors import DatabaseLocked
from fluxion_desktop.adapters.sqlite_engine import (
    create_sqlite_engine,
    raw_read_transaction,
    raw_write_transaction,
    writers_busy,
)
from fluxion_desktop.application.event_registry import EventRegistry
from fluxion_desktop.application.event_store import StoredEvent
from fluxion_desktop.domain.events import DomainEvent

log = logging.getLogger(__name__)

REPLAY_PAGE = 20_000
# Events a lagging projection is fed per transaction at most. A page of sales (~6) is ~1 ms; an
# event of imported history (a product's years of days, when an import was too small to feed them
# itself) ~5-40 ms, and pages of them held the write lock over a second each: so a page also ends
# after the event that takes it past `LAGGING_BUDGET_S`, or as soon as a writer of this process
# (a sale) waits for the lock (see `_feed_page`).
LAGGING_PAGE = 100
LAGGING_BUDGET_S = 0.02
# Before each page, feeding the lagging projections waits for the writers of this process to be
# done, this long at most; then SQLite's busy timeout decides, as for any writer.
WRITERS_WAIT_S = 1.0
Db = sqlite3.Connection


class Projection(Protocol):
    """A read model: `handle` applies a batch of events in commit order, inside the caller's txn.

    `tables` are compared by `check`; `virtual_tables` maps the name of each table SQLAlchemy
    cannot describe (FTS5) to its CREATE statement, so a rebuild clears it and a check can build it.
    """

    name: str
    tables: tuple[Table, ...]
    virtual_tables: Mapping[str, str]

    def handle(self, db: Db, events: Sequence[StoredEvent]) -> None: ...


class DomainProjection:
    """A projection that decodes only the event types it handles into domain events."""

    name = ""
    tables: tuple[Table, ...] = ()
    virtual_tables: Mapping[str, str] = {}
    event_types: tuple[type[DomainEvent], ...] = ()

    def __init__(self, registry: EventRegistry) -> None:
        self._registry = registry
        self.wanted = frozenset(t.event_type for t in self.event_types)

    def handle(self, db: Db, events: Sequence[StoredEvent]) -> None:
        wanted = self.wanted
        if len(events) == 1:
            # Many appends are one event (a setting, a rate, a count) that most projections
            # ignore: no list for them.
            if events[0].event_type in wanted:
                self.apply(db, [(events[0], self.decode(events[0]))])
            return
        decoded = [(e, self.decode(e)) for e in events if e.event_type in wanted]
        if decoded:
            self.apply(db, decoded)

    def decode(self, event: StoredEvent) -> DomainEvent:
        """The domain event of `event` (the appended one itself, or decoded from its payload)."""
        return event.domain_event or self._registry.from_payload(
            event.event_type, event.schema_version, event.payload
        )

    def apply(self, db: Db, events: list[tuple[StoredEvent, DomainEvent]]) -> None:
        raise NotImplementedError


def save_checkpoint(db: Db, name: str, position: int) -> None:
    db.execute(
        "INSERT INTO projection_checkpoints (name, position) VALUES (?, ?) "
        "ON CONFLICT(name) DO UPDATE SET position = excluded.position",
        (name, position),
    )


class CheckpointWriter:
    """Moves the checkpoints of a fixed set of projections together, in one statement.

    An append feeds every synchronous projection; one UPDATE of all their rows costs what one
    upsert did (eleven upserts were a quarter of an append's statements). Rows missing (a new
    projection, an empty database) are inserted the first time.
    """

    def __init__(self, names: Sequence[str]) -> None:
        self._names = tuple(names)
        marks = ", ".join("?" * len(self._names))
        self._update = f"UPDATE projection_checkpoints SET position = ? WHERE name IN ({marks})"

    def save(self, db: Db, position: int) -> None:
        if not self._names:
            return
        if db.execute(self._update, (position, *self._names)).rowcount != len(self._names):
            for name in self._names:
                save_checkpoint(db, name, position)


def load_checkpoint(db: Db, name: str) -> int:
    found = db.execute("SELECT position FROM projection_checkpoints WHERE name = ?", (name,))
    row = found.fetchone()
    return int(row[0]) if row else 0


def last_position(db: Db) -> int:
    return int(db.execute("SELECT MAX(position) FROM events").fetchone()[0] or 0)


def iter_event_pages(
    db: Db, after_position: int = 0, page: int = REPLAY_PAGE, until: int | None = None
) -> Iterator[list[StoredEvent]]:
    """The log from `after_position` on (to `until`, when given), in pages, decoded once."""
    position = after_position
    select = (
        f"SELECT {event_codec.COLUMNS} FROM events WHERE position > ? AND position <= ? "
        "ORDER BY position LIMIT ?"
    )
    last = until if until is not None else 2**63 - 1
    from_row = event_codec.from_row_for_replay
    while True:
        batch = [from_row(row) for row in db.execute(select, (position, last, page))]
        if not batch:
            return
        yield batch
        position = batch[-1].position


@contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """No cyclic garbage collection inside the block (replays and large appends)."""
    # A replay allocates millions of short-lived acyclic objects; the cyclic collector would
    # rescan every surviving page again and again (measured: a third of the rebuild time).
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class StreamSummaryProjection:
    """One row per stream: its type (the stream id's prefix), version and last event."""

    name = "stream_summary"
    tables: tuple[Table, ...] = (schema.stream_summary,)
    virtual_tables: Mapping[str, str] = {}

    def handle(self, db: Db, events: Sequence[StoredEvent]) -> None:
        latest: dict[str, StoredEvent] = {}
        for event in events:
            latest[event.stream_id] = event
        db.executemany(
            "INSERT INTO stream_summary (stream_id, stream_type, version, last_event_type, "
            "last_occurred_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(stream_id) DO UPDATE SET "
            "version = excluded.version, last_event_type = excluded.last_event_type, "
            "last_occurred_at = excluded.last_occurred_at",
            [
                (
                    e.stream_id,
                    e.stream_id.split("-", 1)[0],
                    e.version,
                    e.event_type,
                    event_codec.utc_text(e.occurred_at),
                )
                for e in latest.values()
            ],
        )


class ProjectionManager:
    """Catches up, rebuilds and checks a set of projections over one database.

    `projections` are the synchronous ones the event store feeds with every append; `lagging`
    ones are fed by `catch_up_lagging` (and by the store's appends no cashier waits for)."""

    def __init__(
        self, engine: Engine, projections: Sequence[Projection], lagging: Sequence[Projection] = ()
    ) -> None:
        self._engine = engine
        self._projections = {p.name: p for p in [*projections, *lagging]}
        self._lagging = [p.name for p in lagging]

    @property
    def names(self) -> list[str]:
        return list(self._projections)

    def catch_up_lagging(self, pages: int | None = None) -> bool:
        """Feed the lagging projections the events past their checkpoints, a page a transaction
        (`LAGGING_PAGE` events, fewer once it has taken `LAGGING_BUDGET_S` or another writer of
        this process waits), at most `pages` transactions (None: to the log's end). Each page
        waits first for the writers of this process to be done: a sale goes first.

        Whether one may still be behind. Already at the end costs one read, no write. The
        commits do not wait for the disk: rows and checkpoint commit together, and a power cut
        that took them leaves the projection behind, to be fed again.
        """
        if not self._lagging:
            return False
        with raw_read_transaction(self._engine) as db:
            end = last_position(db)
            if all(load_checkpoint(db, name) >= end for name in self._lagging):
                return False
        transactions = 0
        while pages is None or transactions < pages:
            transactions += 1
            self._wait_for_writers()
            if not self._feed_lagging_page():
                return False
        return True

    def freshen_lagging(self) -> None:
        """`catch_up_lagging` before a query reads them. A database another program holds (a
        backup) leaves them as they are: the query reads what they hold, seconds behind at most,
        rather than fail."""
        try:
            self.catch_up_lagging()
        except DatabaseLocked:
            log.warning("the lagging read models are read as they are: the database is locked")

    def _wait_for_writers(self) -> None:
        deadline = time.monotonic() + WRITERS_WAIT_S
        while writers_busy(self._engine) and time.monotonic() < deadline:
            time.sleep(0.001)

    def _feed_lagging_page(self) -> bool:
        engine = self._engine
        limit = PageLimit(LAGGING_BUDGET_S, lambda: writers_busy(engine))
        with raw_write_transaction(engine, wait_for_disk=False, gives_way=True) as db:
            return feed_lagging_page(db, [self._projections[name] for name in self._lagging], limit)

    def _selected(self, names: Sequence[str] | None) -> list[Projection]:
        if names is None:
            return list(self._projections.values())
        unknown = [n for n in names if n not in self._projections]
        if unknown:
            raise KeyError(f"unknown projection(s): {', '.join(unknown)}")
        return [self._projections[n] for n in names]

    def rebuild(self, names: Sequence[str] | None = None) -> int:
        """Empty the projections' tables and replay the whole log, in one transaction."""
        chosen = self._selected(names)
        with no_cyclic_gc(), raw_write_transaction(self._engine) as db:
            for projection in chosen:
                for table in projection.tables:
                    db.execute(f"DELETE FROM {table.name}")
                for virtual in projection.virtual_tables:
                    db.execute(f"DELETE FROM {virtual}")
            replayed = _replay(db, chosen, after_position=0)
            end = last_position(db)
            for projection in chosen:
                save_checkpoint(db, projection.name, end)
        return replayed

    def catch_up(self, names: Sequence[str] | None = None) -> int:
        """Feed each projection the events after its checkpoint: asynchronous ones, and on
        opening, a read model a newer version added (its table starts empty, the log does not).
        Projections already at the log's end cost one read, no write."""
        with raw_read_transaction(self._engine) as db:
            end = last_position(db)
            behind = [p for p in self._selected(names) if load_checkpoint(db, p.name) < end]
        total = 0
        with no_cyclic_gc():
            for projection in behind:
                with raw_write_transaction(self._engine) as db:
                    start = load_checkpoint(db, projection.name)
                    total += _replay(db, [projection], after_position=start)
                    save_checkpoint(db, projection.name, last_position(db))
        return total

    def check(self) -> list[str]:
        """Problems found: a stale checkpoint, or tables that differ from a fresh replay.

        The lagging projections are fed first, and compared with a replay to their own
        checkpoint: behind is what they are for (a sale that commits meanwhile, on a till that
        sells while it is checked, leaves them so)."""
        self.catch_up_lagging()
        problems: list[str] = []
        scratch = self._scratch_engine()
        try:
            with no_cyclic_gc(), raw_read_transaction(self._engine) as live:
                fresh = scratch.raw_connection().driver_connection
                assert isinstance(fresh, sqlite3.Connection)
                end = last_position(live)
                at = {name: load_checkpoint(live, name) for name in self._projections}
                for name, checkpoint in at.items():
                    if checkpoint > end or (checkpoint < end and name not in self._lagging):
                        problems.append(
                            f"projection {name} is at position {checkpoint}, the log at {end}"
                        )
                synchronous = [p for p in self._projections.values() if p.name not in self._lagging]
                _replay(fresh, synchronous, after_position=0, source=live)
                for position in sorted({at[name] for name in self._lagging}):
                    fed = [self._projections[n] for n in self._lagging if at[n] == position]
                    _replay(fresh, fed, after_position=0, source=live, until=position)
                problems += self._compare(live, fresh)
        finally:
            scratch.dispose()
        return problems

    def _scratch_engine(self) -> Engine:
        scratch = create_sqlite_engine(":memory:")
        scratch_meta = MetaData()
        for projection in self._projections.values():
            for table in projection.tables:
                table.to_metadata(scratch_meta)
        scratch_meta.create_all(scratch)
        with scratch.begin() as connection:
            for projection in self._projections.values():
                for ddl in projection.virtual_tables.values():
                    connection.exec_driver_sql(ddl)
            connection.exec_driver_sql(
                "CREATE TABLE projection_checkpoints (name TEXT PRIMARY KEY, position INTEGER)"
            )
        return scratch

    def _compare(self, live: Db, fresh: Db) -> list[str]:
        problems = []
        for projection in self._projections.values():
            for table in projection.tables:
                if _rows(live, table) != _rows(fresh, table):
                    problems.append(
                        f"projection {projection.name}: table {table.name} differs from a "
                        "rebuild (run rebuild-projections)"
                    )
        return problems


@dataclass(frozen=True)
class PageLimit:
    """When a page of lagging work ends early: after `budget_s`, or once `writers_busy()`."""

    budget_s: float
    writers_busy: Callable[[], bool]

    def reached(self, started: float) -> bool:
        return time.monotonic() - started >= self.budget_s or self.writers_busy()


def feed_lagging_page(
    db: Db, lagging: Sequence[Projection], limit: PageLimit | None = None
) -> bool:
    """One page of the log to the lagging projections furthest behind, inside the caller's
    write transaction: all of them together, as they usually are at one checkpoint, each event
    decoded once for them all; one behind the others is fed no further than the next one's
    checkpoint, so they join. With a `limit`, the page may end early. Whether any is still
    behind."""
    at = {projection.name: load_checkpoint(db, projection.name) for projection in lagging}
    start, end = min(at.values()), last_position(db)
    behind = [projection for projection in lagging if at[projection.name] == start]
    ahead = [position for position in at.values() if position > start]
    fed_to = _feed_page(db, behind, start, min(ahead) if ahead else None, limit)
    if fed_to == start:
        return False
    return fed_to < end or any(position < end for position in ahead)


def _feed_page(
    db: Db,
    projections: Sequence[Projection],
    after: int,
    until: int | None,
    limit: PageLimit | None,
) -> int:
    """A page of events after position `after` (to `until`) fed to `projections`; with a
    `limit`, an event at a time, so it can end right after the event that reached it, heavy or
    light. Checkpoints moved; the position fed to."""
    started = time.monotonic()
    position = after
    for chunk in _page_of_log(db, after, until):
        if limit is None:
            _handle(db, projections, chunk)
            position = chunk[-1].position
            continue
        position, reached = _feed_until(db, projections, chunk, limit, started)
        if reached:
            break
    if position > after:
        _move_checkpoints(db, projections, position)
    return position


def _feed_until(
    db: Db,
    projections: Sequence[Projection],
    chunk: list[StoredEvent],
    limit: PageLimit,
    started: float,
) -> tuple[int, bool]:
    """`chunk` fed an event at a time until `limit` is reached: the position fed to, and
    whether it was."""
    for event in chunk:
        _handle(db, projections, [event])
        if limit.reached(started):
            return event.position, True
    return chunk[-1].position, False


def _page_of_log(db: Db, after: int, until: int | None) -> Iterator[list[StoredEvent]]:
    """Up to `LAGGING_PAGE` events after position `after` (to `until`), read in chunks of 1, 2,
    4...: a page that ends early has read little more than it fed (a row is decoded only when
    fed)."""
    position, read, size = after, 0, 1
    while read < LAGGING_PAGE:
        chunk = next(iter_event_pages(db, position, min(size, LAGGING_PAGE - read), until), [])
        if not chunk:
            return
        yield chunk
        position, read, size = chunk[-1].position, read + len(chunk), size * 2


def feed_lagging(
    db: Db, lagging: Sequence[Projection], appended: Sequence[StoredEvent] = ()
) -> None:
    """The lagging projections fed to the log's end inside the caller's write transaction, for
    an append no cashier waits for (a pulled page, an import). `appended` are the events this
    transaction stored last: fed as they are when every projection was just before them."""
    if not lagging:
        return
    if appended:
        before = appended[0].position - 1
        if all(load_checkpoint(db, projection.name) == before for projection in lagging):
            _handle(db, lagging, appended)
            _move_checkpoints(db, lagging, appended[-1].position)
            return
    while feed_lagging_page(db, lagging):
        pass


def _handle(db: Db, projections: Sequence[Projection], events: Sequence[StoredEvent]) -> None:
    """`events` (the next ones for each of `projections`) to them all."""
    events = _decoded_once(events, projections)
    for projection in projections:
        projection.handle(db, events)


def _move_checkpoints(db: Db, projections: Sequence[Projection], position: int) -> None:
    for projection in projections:
        save_checkpoint(db, projection.name, position)


def _decoded_once(
    page: Sequence[StoredEvent], projections: Sequence[Projection]
) -> Sequence[StoredEvent]:
    """`page` with each event that several of `projections` decode decoded once, for them all
    (the demand history and the daily sales both read every SaleCompleted, the costliest event
    to decode)."""
    decoders = [p for p in projections if isinstance(p, DomainProjection)]
    if len(decoders) < 2:
        return page
    wanted = frozenset[str]().union(*(d.wanted for d in decoders))
    decode = decoders[0].decode
    return [replace(e, domain_event=decode(e)) if e.event_type in wanted else e for e in page]


def _replay(
    db: Db,
    projections: Sequence[Projection],
    after_position: int,
    source: Db | None = None,
    until: int | None = None,
) -> int:
    count = 0
    for page in iter_event_pages(source or db, after_position, until=until):
        for projection in projections:
            projection.handle(db, page)
        count += len(page)
    return count


def _rows(db: Db, table: Table) -> list[tuple[Any, ...]]:
    columns = ", ".join(c.name for c in table.columns)
    order = ", ".join(c.name for c in table.primary_key.columns) or "rowid"
    return db.execute(f"SELECT {columns} FROM {table.name} ORDER BY {order}").fetchall()
