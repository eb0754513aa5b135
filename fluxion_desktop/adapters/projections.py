"""Projections: named read models fed by the event log, each with a checkpoint.

Synchronous projections are updated inside the append's transaction, so a committed event and its
read models are never apart. A rebuild empties a projection's tables and replays the whole log; it
must give the same rows as the incremental path, and `ProjectionManager.check` proves it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Protocol

from sqlalchemy import Connection, Engine, MetaData, Table, select, text

from fluxion_desktop.adapters import event_codec, schema
from fluxion_desktop.adapters.sqlite_engine import (
    create_sqlite_engine,
    read_transaction,
    write_transaction,
)
from fluxion_desktop.application.event_registry import EventRegistry
from fluxion_desktop.application.event_store import StoredEvent
from fluxion_desktop.domain.events import DomainEvent

REPLAY_PAGE = 20_000


class Projection(Protocol):
    """A read model: `handle` applies a batch of events in commit order, inside the caller's txn.

    `tables` are compared by `check`; `virtual_tables` maps the name of each table SQLAlchemy
    cannot describe (FTS5) to its CREATE statement, so a rebuild clears it and a check can build it.
    """

    name: str
    tables: tuple[Table, ...]
    virtual_tables: Mapping[str, str]

    def handle(self, connection: Connection, events: Sequence[StoredEvent]) -> None: ...


class DomainProjection:
    """A projection that decodes only the event types it handles into domain events."""

    name = ""
    tables: tuple[Table, ...] = ()
    virtual_tables: Mapping[str, str] = {}
    event_types: tuple[type[DomainEvent], ...] = ()

    def __init__(self, registry: EventRegistry) -> None:
        self._registry = registry
        self._wanted = frozenset(t.event_type for t in self.event_types)

    def handle(self, connection: Connection, events: Sequence[StoredEvent]) -> None:
        decoded = [
            (e, self._registry.from_payload(e.event_type, e.schema_version, e.payload))
            for e in events
            if e.event_type in self._wanted
        ]
        if decoded:
            self.apply(connection, decoded)

    def apply(
        self, connection: Connection, events: list[tuple[StoredEvent, DomainEvent]]
    ) -> None:
        raise NotImplementedError


def save_checkpoint(connection: Connection, name: str, position: int) -> None:
    connection.exec_driver_sql(
        "INSERT INTO projection_checkpoints (name, position) VALUES (?, ?) "
        "ON CONFLICT(name) DO UPDATE SET position = excluded.position",
        (name, position),
    )


def load_checkpoint(connection: Connection, name: str) -> int:
    found = connection.exec_driver_sql(
        "SELECT position FROM projection_checkpoints WHERE name = ?", (name,)
    ).scalar()
    return int(found or 0)


def iter_event_pages(
    connection: Connection, after_position: int = 0, page: int = REPLAY_PAGE
) -> Iterator[list[StoredEvent]]:
    """The log from `after_position` on, in pages, decoded once."""
    position = after_position
    while True:
        rows = connection.exec_driver_sql(
            f"SELECT {event_codec.COLUMNS} FROM events WHERE position > ? "
            "ORDER BY position LIMIT ?",
            (position, page),
        ).fetchall()
        if not rows:
            return
        batch = [event_codec.from_row(tuple(row)) for row in rows]
        yield batch
        position = batch[-1].position


class StreamSummaryProjection:
    """One row per stream: its type (the stream id's prefix), version and last event."""

    name = "stream_summary"
    tables: tuple[Table, ...] = (schema.stream_summary,)
    virtual_tables: Mapping[str, str] = {}

    def handle(self, connection: Connection, events: Sequence[StoredEvent]) -> None:
        latest: dict[str, StoredEvent] = {}
        for event in events:
            latest[event.stream_id] = event
        connection.exec_driver_sql(
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
    """Catches up, rebuilds and checks a set of projections over one database."""

    def __init__(self, engine: Engine, projections: Sequence[Projection]) -> None:
        self._engine = engine
        self._projections = {p.name: p for p in projections}

    @property
    def names(self) -> list[str]:
        return list(self._projections)

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
        with write_transaction(self._engine) as connection:
            for projection in chosen:
                for table in projection.tables:
                    connection.execute(table.delete())
                for virtual in projection.virtual_tables:
                    connection.exec_driver_sql(f"DELETE FROM {virtual}")
            replayed = _replay(connection, chosen, after_position=0)
            last = connection.exec_driver_sql("SELECT COALESCE(MAX(position), 0) FROM events")
            last_position = int(last.scalar() or 0)
            for projection in chosen:
                save_checkpoint(connection, projection.name, last_position)
        return replayed

    def catch_up(self, names: Sequence[str] | None = None) -> int:
        """Feed each projection the events after its checkpoint (for asynchronous ones)."""
        total = 0
        for projection in self._selected(names):
            with write_transaction(self._engine) as connection:
                start = load_checkpoint(connection, projection.name)
                total += _replay(connection, [projection], after_position=start)
                last = connection.exec_driver_sql("SELECT COALESCE(MAX(position), 0) FROM events")
                save_checkpoint(connection, projection.name, int(last.scalar() or 0))
        return total

    def check(self) -> list[str]:
        """Problems found: a stale checkpoint, or tables that differ from a fresh replay."""
        problems: list[str] = []
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
        with read_transaction(self._engine) as live, scratch.begin() as fresh:
            last_position = int(
                live.exec_driver_sql("SELECT COALESCE(MAX(position), 0) FROM events").scalar() or 0
            )
            for projection in self._projections.values():
                checkpoint = load_checkpoint(live, projection.name)
                if checkpoint != last_position:
                    problems.append(
                        f"projection {projection.name} is at position {checkpoint}, "
                        f"the log at {last_position}"
                    )
            for page in iter_event_pages(live):
                for projection in self._projections.values():
                    projection.handle(fresh, page)
            for projection in self._projections.values():
                for table in projection.tables:
                    if _rows(live, table) != _rows(fresh, table):
                        problems.append(
                            f"projection {projection.name}: table {table.name} differs from a "
                            "rebuild (run rebuild-projections)"
                        )
        scratch.dispose()
        return problems


def _replay(connection: Connection, projections: Sequence[Projection], after_position: int) -> int:
    count = 0
    for page in iter_event_pages(connection, after_position):
        for projection in projections:
            projection.handle(connection, page)
        count += len(page)
    return count


def _rows(connection: Connection, table: Table) -> list[tuple[object, ...]]:
    ordered = select(table).order_by(*table.primary_key.columns)
    return [tuple(row) for row in connection.execute(ordered)]


def count_rows(connection: Connection, table_name: str) -> int:
    return int(connection.execute(text(f'SELECT COUNT(*) FROM "{table_name}"')).scalar() or 0)
