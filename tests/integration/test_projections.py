"""Synchronous projections commit with the append; a rebuild gives the incremental path's tables."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

from fluxion_desktop.adapters.projections import ProjectionManager, StreamSummaryProjection
from fluxion_desktop.adapters.sqlite_event_store import SqliteEventStore
from tests.support.sample_events import new_event


def _table(db_path: Path, name: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db_path) as connection:
        return connection.execute(f"SELECT * FROM {name} ORDER BY 1").fetchall()


def _random_log(store: SqliteEventStore, n: int, seed: int) -> None:
    rng = random.Random(seed)
    for i in range(n):
        stream = f"tally-{rng.randrange(7)}"
        batch = [new_event({"amount": f"{i}.00", "note": ""}) for _ in range(rng.randint(1, 3))]
        store.append(stream, batch, store.stream_version(stream))


def test_the_projection_is_updated_in_the_same_transaction(sqlite_store, db_path):
    sqlite_store.append("tally-1", [new_event(), new_event()], 0)

    rows = _table(db_path, "stream_summary")
    checkpoints = _table(db_path, "projection_checkpoints")

    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [("tally-1", "tally", 2, "TallyAdded")]
    assert checkpoints == [("stream_summary", 2)]


def test_rebuild_equals_the_incremental_path(sqlite_store, db_path):
    _random_log(sqlite_store, 60, seed=7)
    incremental = _table(db_path, "stream_summary")
    manager = ProjectionManager(sqlite_store.engine, [StreamSummaryProjection()])

    replayed = manager.rebuild()

    assert replayed == sqlite_store.last_position()
    assert _table(db_path, "stream_summary") == incremental
    assert manager.check() == []


def test_check_finds_a_projection_that_drifted(sqlite_store, db_path):
    _random_log(sqlite_store, 10, seed=1)
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE stream_summary SET version = 99 WHERE rowid = 1")
    manager = ProjectionManager(sqlite_store.engine, [StreamSummaryProjection()])

    problems = manager.check()

    assert any("differs from a rebuild" in p for p in problems)
    manager.rebuild()
    assert manager.check() == []


def test_catch_up_feeds_an_asynchronous_projection_from_its_checkpoint(db_path, sqlite_store):
    # A store without synchronous projections leaves the read model behind until it catches up.
    bare = SqliteEventStore(sqlite_store.engine, sqlite_store.device_id, lambda _t: True)
    bare.append("tally-1", [new_event()], 0)
    bare.append("tally-2", [new_event()], 0)
    manager = ProjectionManager(sqlite_store.engine, [StreamSummaryProjection()])
    assert any("is at position 0" in p for p in manager.check())

    fed = manager.catch_up()

    assert fed == 2
    assert manager.check() == []
    assert manager.catch_up() == 0
