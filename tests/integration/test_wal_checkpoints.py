"""WAL checkpoints run on a background thread: right after a large append, and once the till is
idle after small commits; SQLite's own stays on as a backstop on every connection."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from fluxion_desktop.adapters import wal_checkpointer
from fluxion_desktop.adapters.database import open_database
from fluxion_desktop.adapters.projections import StreamSummaryProjection
from fluxion_desktop.adapters.sqlite_engine import (
    AUTOCHECKPOINT_PAGES,
    pinned_connection,
    raw_read_transaction,
)
from fluxion_desktop.adapters.sqlite_event_store import SqliteEventStore
from fluxion_desktop.adapters.wal_checkpointer import IDLE_S, LARGE_APPEND_EVENTS, WalCheckpointer
from fluxion_desktop.application.event_store import ConcurrencyError, NewEvent
from tests.support.sample_events import DEVICE, new_event, sample_registry


def _store(db_path: Path) -> SqliteEventStore:
    engine = open_database(db_path)
    return SqliteEventStore(engine, DEVICE, sample_registry().is_known, [StreamSummaryProjection()])


def _autocheckpoint(store: SqliteEventStore) -> int:
    with raw_read_transaction(store.engine) as db:
        return int(db.execute("PRAGMA wal_autocheckpoint").fetchone()[0])


def _events(count: int) -> list[NewEvent]:
    return [new_event({"amount": "1.00", "note": "x" * 200}) for _ in range(count)]


def test_a_large_append_is_checkpointed_in_the_background(db_path: Path) -> None:
    store = _store(db_path)
    checkpointer = store.wal_checkpointer
    with pinned_connection(store.engine):  # the append's own connection is the one looked at
        store.append("tally-1", _events(10), 0)
        assert checkpointer.checkpoints == 0
        before = db_path.stat().st_size

        store.append("tally-2", _events(max(LARGE_APPEND_EVENTS, 9_000)), 0)
        assert _autocheckpoint(store) == AUTOCHECKPOINT_PAGES

    assert checkpointer.wait_idle()
    assert checkpointer.checkpoints == 1
    # The pages were in the WAL only; the checkpoint copied them into the database file.
    assert db_path.stat().st_size > before + 1_000_000
    store.engine.dispose()


def test_small_commits_are_checkpointed_once_the_till_is_idle(db_path: Path) -> None:
    store = _store(db_path)
    checkpointer = store.wal_checkpointer
    before = db_path.stat().st_size
    for version in range(20):
        store.append("tally-1", _events(5), version * 5)
    assert checkpointer.checkpoints == 0  # no commit paid for one
    assert _autocheckpoint(store) == AUTOCHECKPOINT_PAGES  # SQLite's own stays as a backstop

    assert _eventually(lambda: checkpointer.checkpoints == 1)
    assert db_path.stat().st_size > before  # the WAL's pages are in the database file now

    checkpointer.stop()  # as closing the till does: none starts after
    store.append("tally-1", _events(5), 100)
    time.sleep(IDLE_S * 1.6)
    assert checkpointer.checkpoints == 1
    store.engine.dispose()


def _eventually(condition: Callable[[], bool], seconds: float = IDLE_S * 5) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_a_refused_large_append_leaves_the_checkpoint_on(db_path: Path) -> None:
    store = _store(db_path)
    with pinned_connection(store.engine):
        store.append("tally-1", _events(1), 0)
        with pytest.raises(ConcurrencyError):
            store.append("tally-1", _events(LARGE_APPEND_EVENTS), 0)
        assert _autocheckpoint(store) == AUTOCHECKPOINT_PAGES
    assert store.count() == 1
    store.engine.dispose()


def test_the_idle_work_runs_before_the_checkpoint_until_it_is_done(db_path: Path) -> None:
    engine = open_database(db_path)
    calls: list[int] = []

    def catch_up() -> bool:  # three pages of work, then nothing more
        calls.append(checkpointer.checkpoints)
        return len(calls) < 3

    checkpointer = WalCheckpointer(engine, idle_work=catch_up)
    checkpointer.checkpoint_now()

    assert calls == [0, 0, 0]  # all three before the checkpoint itself
    assert checkpointer.checkpoints == 1
    engine.dispose()


def test_a_long_run_of_idle_work_checkpoints_on_the_way(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A page of imported history wrote ~1,000 WAL pages: a few dozen of them took the WAL to
    # SQLite's backstop, whose checkpoint landed inside their commits (~100 ms each).
    monkeypatch.setattr(wal_checkpointer, "IDLE_PAGES_PER_CHECKPOINT", 2)
    engine = open_database(db_path)
    calls: list[int] = []

    def catch_up() -> bool:  # five pages of work
        calls.append(checkpointer.checkpoints)
        return len(calls) < 5

    checkpointer = WalCheckpointer(engine, idle_work=catch_up)
    checkpointer.checkpoint_now()

    assert calls == [0, 0, 1, 1, 2]  # one every two pages of it, and the last one after it
    assert checkpointer.checkpoints == 3
    engine.dispose()


def test_a_round_asked_for_after_a_large_append_checkpoints_before_the_idle_work(
    db_path: Path,
) -> None:
    engine = open_database(db_path)
    calls: list[int] = []

    def catch_up() -> bool:
        calls.append(checkpointer.checkpoints)
        return False

    checkpointer = WalCheckpointer(engine, idle_work=catch_up)
    checkpointer.request()
    assert checkpointer.wait_idle()
    checkpointer.stop()

    assert calls == [1]  # the large append's pages were copied before the work began
    assert checkpointer.checkpoints == 2
    engine.dispose()


def test_a_commit_ends_the_idle_work_until_the_next_pause(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(wal_checkpointer, "IDLE_S", 3600.0)  # no background round of its own
    engine = open_database(db_path)
    calls: list[int] = []

    def catch_up() -> bool:  # three pages of work; a sale commits during the first
        calls.append(len(calls))
        if len(calls) == 1:
            checkpointer.committed()
        return len(calls) < 3

    checkpointer = WalCheckpointer(engine, idle_work=catch_up)
    checkpointer.checkpoint_now()
    checkpointer.stop()

    assert calls == [0]  # the customer came: no second page, and no checkpoint meanwhile
    assert checkpointer.checkpoints == 0
    engine.dispose()


def test_failing_idle_work_still_lets_the_checkpoint_run(db_path: Path) -> None:
    engine = open_database(db_path)

    def broken() -> bool:
        raise RuntimeError("read model table missing")

    checkpointer = WalCheckpointer(engine, idle_work=broken)
    checkpointer.checkpoint_now()

    assert checkpointer.checkpoints == 1
    engine.dispose()
