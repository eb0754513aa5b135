"""WAL checkpoints run on a thread of their own: commits never copy the WAL back themselves
(below SQLite's backstop), and the WAL is still copied back once ~1,000 pages went into it."""

from __future__ import annotations

from pathlib import Path

from fluxion_desktop.adapters.database import open_database
from fluxion_desktop.adapters.projections import StreamSummaryProjection
from fluxion_desktop.adapters.sqlite_engine import BACKSTOP_PAGES, raw_read_transaction
from fluxion_desktop.adapters.sqlite_event_store import SqliteEventStore
from tests.support.sample_events import DEVICE, new_event, sample_registry


def _store(db_path: Path) -> SqliteEventStore:
    engine = open_database(db_path)
    return SqliteEventStore(engine, DEVICE, sample_registry().is_known, [StreamSummaryProjection()])


def test_commits_leave_the_wal_to_the_background_checkpointer(db_path: Path) -> None:
    store = _store(db_path)
    with raw_read_transaction(store.engine) as db:
        assert db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == BACKSTOP_PAGES
    checkpointer = store.wal_checkpointer

    store.append("tally-1", [new_event() for _ in range(10)], 0)
    assert checkpointer.wait_idle()
    assert checkpointer.checkpoints == 0  # far below ~1,000 pages: nothing asked yet
    before = db_path.stat().st_size

    store.append("tally-2", [new_event({"amount": "1.00", "note": "x" * 200})
                             for _ in range(9_000)], 0)  # fmt: skip
    assert checkpointer.wait_idle()
    assert checkpointer.checkpoints == 1
    # The pages were in the WAL only; the checkpoint copied them into the database file.
    assert db_path.stat().st_size > before + 1_000_000
    store.engine.dispose()


def test_small_commits_add_up_to_a_checkpoint(db_path: Path) -> None:
    store = _store(db_path)
    for version in range(70):  # ~17 pages each by the estimate: past 1,000 once
        store.append("tally-1", [new_event()], version)
    assert store.wal_checkpointer.wait_idle()
    assert store.wal_checkpointer.checkpoints == 1
    assert store.count() == 70
    store.engine.dispose()
