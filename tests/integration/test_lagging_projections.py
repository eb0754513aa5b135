"""Lagging read models (the demand history, the daily sales): a sale's commit leaves them behind;
the idle till and every query that reads them bring them up to the log's end, a page per
transaction."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from uuid import uuid4

import pytest
from sqlalchemy import Engine

from fluxion_desktop.adapters import event_codec, projections
from fluxion_desktop.adapters.database import open_database
from fluxion_desktop.adapters.database_errors import DatabaseLocked
from fluxion_desktop.adapters.projections import (
    DomainProjection,
    ProjectionManager,
    StreamSummaryProjection,
    save_checkpoint,
)
from fluxion_desktop.adapters.sqlite_engine import raw_write_transaction, writers_busy
from fluxion_desktop.adapters.sqlite_event_store import SqliteEventStore
from fluxion_desktop.adapters.wal_checkpointer import IDLE_S, LARGE_APPEND_EVENTS
from fluxion_desktop.application.event_store import InvalidEvent, StoredEvent
from fluxion_desktop.application.inventory import ReceiveStock
from fluxion_desktop.domain.business_day import business_day
from fluxion_desktop.domain.events import DomainEvent
from tests.support.app import Till, configure_store, open_shift, open_till
from tests.support.sample_events import DEVICE, TallyAdded, new_event, sample_registry
from tests.support.sql_trace import statements
from tests.sync.e2e.devices import sell, shift_of


def _positions(db_path: Path) -> tuple[int, int]:
    """(the demand history's checkpoint, the log's last position)."""
    with sqlite3.connect(db_path) as db:
        row = db.execute(
            "SELECT position FROM projection_checkpoints WHERE name = 'demand_history'"
        ).fetchone()
        (end,) = db.execute("SELECT MAX(position) FROM events").fetchone()
    return int(row[0]) if row else 0, int(end)


def _sell_three(till: Till) -> tuple[str, list[str]]:
    """A product with stock and a completed sale of three of it; (product, the statements the
    sale ran, from opening to completing)."""
    configure_store(till)
    product = till.product("ARZ-1", "Arroz", "2.00", "INT-1")
    till.services.bus.handle(ReceiveStock(till.manager, product, Decimal(10)))
    shift = open_shift(till)
    with statements(till.services.engine) as seen:
        sell(till, shift, 3, "INT-1")
    return product, seen


def test_a_sale_commits_without_the_demand_history_and_a_query_catches_it_up(
    tmp_path: Path,
) -> None:
    till = open_till(tmp_path)
    till.services.store.wal_checkpointer.stop()  # no idle catch-up behind the test's back
    product, sale = _sell_three(till)

    assert not [s for s in sale if "demand_" in s]
    checkpoint, end = _positions(tmp_path / "fluxion.db")
    assert checkpoint < end

    today = business_day(till.clock.now())
    history = till.services.queries.demand.history(product, "store-1")

    assert [(d.day, d.units) for d in history.days] == [(today, Decimal(3))]
    assert _positions(tmp_path / "fluxion.db")[0] == end
    assert till.services.projections.check() == []
    till.services.close()


def test_a_sale_commits_without_the_daily_sales_and_the_report_query_catches_them_up(
    tmp_path: Path,
) -> None:
    till = open_till(tmp_path)
    till.services.store.wal_checkpointer.stop()
    product, sale = _sell_three(till)

    assert not [s for s in sale if "daily_sales" in s or "stock_by_device" in s]
    today = business_day(till.clock.now())
    rows = till.services.queries.sales.daily_sales(today, today)

    assert [(r.product_id, r.quantity, r.sales_count) for r in rows] == [(product, 3, 1)]
    assert till.services.projections.check() == []
    till.services.close()


def _eventually(condition: Callable[[], bool], seconds: float = IDLE_S * 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_an_idle_till_catches_the_demand_history_up_before_its_checkpoint(
    tmp_path: Path,
) -> None:
    till = open_till(tmp_path)
    _sell_three(till)
    checkpointer = till.services.store.wal_checkpointer
    before = checkpointer.checkpoints

    # Nobody asks for the demand history: the pause after the sale feeds it.
    assert _eventually(lambda: checkpointer.checkpoints > before)
    checkpoint, end = _positions(tmp_path / "fluxion.db")
    assert checkpoint == end
    till.services.close()


@pytest.fixture
def small_pages(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(projections, "LAGGING_PAGE", 2)
    monkeypatch.setattr(projections, "LAGGING_BUDGET_S", 60.0)  # a slow moment ends no page
    return 2


def _bare(store: SqliteEventStore) -> SqliteEventStore:
    """The same log, appended to without the store's synchronous projection."""
    return SqliteEventStore(store.engine, store.device_id, lambda _type: True)


def test_catching_up_goes_a_page_a_transaction(
    sqlite_store: SqliteEventStore, db_path: Path, small_pages: int
) -> None:
    for n in range(5):
        _bare(sqlite_store).append(f"tally-{n}", [new_event()], 0)
    manager = ProjectionManager(sqlite_store.engine, [], [StreamSummaryProjection()])

    with statements(sqlite_store.engine) as seen:
        more = manager.catch_up_lagging(pages=1)

    assert more
    assert [s for s in seen if s == "BEGIN IMMEDIATE"] == ["BEGIN IMMEDIATE"]
    with sqlite3.connect(db_path) as db:
        assert db.execute("SELECT COUNT(*) FROM stream_summary").fetchone() == (small_pages,)

    assert manager.catch_up_lagging() is False  # to the end: three more pages, the last short
    with sqlite3.connect(db_path) as db:
        assert db.execute("SELECT COUNT(*) FROM stream_summary").fetchone() == (5,)
    with statements(sqlite_store.engine) as seen:
        assert manager.catch_up_lagging() is False
    assert "BEGIN IMMEDIATE" not in seen  # nothing behind: a read, no write


def test_a_page_ends_early_once_it_has_held_the_write_lock_its_budget(
    sqlite_store: SqliteEventStore, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A page of imported history (years of days an event) held the lock over a second.
    for n in range(5):
        _bare(sqlite_store).append(f"tally-{n}", [new_event()], 0)
    manager = ProjectionManager(sqlite_store.engine, [], [StreamSummaryProjection()])
    monkeypatch.setattr(projections, "LAGGING_BUDGET_S", 0.0)  # every event is over budget

    fed = []
    while manager.catch_up_lagging(pages=1):
        with sqlite3.connect(db_path) as db:
            fed.append(db.execute("SELECT COUNT(*) FROM stream_summary").fetchone()[0])

    assert fed == [1, 2, 3, 4]  # one event a transaction, the first chunk of each page
    with sqlite3.connect(db_path) as db:
        assert db.execute("SELECT COUNT(*) FROM stream_summary").fetchone() == (5,)
    assert manager.check() == []


def test_check_catches_the_lagging_projections_up_first(sqlite_store: SqliteEventStore) -> None:
    _bare(sqlite_store).append("tally-1", [new_event(), new_event()], 0)
    behind = ProjectionManager(sqlite_store.engine, [StreamSummaryProjection()])
    lagging = ProjectionManager(sqlite_store.engine, [], [StreamSummaryProjection()])

    # The same projection, never fed: a synchronous one behind is a problem, a lagging one is
    # fed first.
    assert any("is at position 0" in p for p in behind.check())
    assert lagging.check() == []


def test_closing_the_till_feeds_what_the_idle_till_had_not(tmp_path: Path) -> None:
    till = open_till(tmp_path)
    till.services.store.wal_checkpointer.stop()
    _sell_three(till)
    assert _positions(tmp_path / "fluxion.db")[0] < _positions(tmp_path / "fluxion.db")[1]

    till.services.close()

    checkpoint, end = _positions(tmp_path / "fluxion.db")
    assert checkpoint == end


class _Seen(DomainProjection):
    """A lagging read model with no table that remembers what it was fed."""

    event_types = (TallyAdded,)

    def __init__(self, name: str) -> None:
        super().__init__(sample_registry())
        self.name = name
        self.fed: list[tuple[int, object]] = []

    def apply(self, db: sqlite3.Connection, events: list[tuple[StoredEvent, DomainEvent]]) -> None:
        self.fed += [(stored.position, event) for stored, event in events]


class _Held(_Seen):
    """A lagging read model that holds the first event it is fed until told to go on (a heavy
    event of imported history)."""

    def __init__(self) -> None:
        super().__init__("held")
        self.feeding = threading.Event()
        self.go_on = threading.Event()

    def apply(self, db: sqlite3.Connection, events: list[tuple[StoredEvent, DomainEvent]]) -> None:
        self.feeding.set()
        assert self.go_on.wait(10)
        super().apply(db, events)


class _HeavyFrom(_Seen):
    """A lagging read model for which every event from `position` on is heavy (imported history
    after the products an import creates)."""

    def __init__(self, position: int) -> None:
        super().__init__("heavy")
        self._position = position

    def apply(self, db: sqlite3.Connection, events: list[tuple[StoredEvent, DomainEvent]]) -> None:
        if any(stored.position >= self._position for stored, _ in events):
            time.sleep(0.1)
        super().apply(db, events)


def test_a_page_ends_right_after_the_heavy_event_that_took_it_past_its_budget(
    sqlite_store: SqliteEventStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(20):
        _bare(sqlite_store).append(f"tally-{n}", [new_event()], 0)
    heavy = _HeavyFrom(6)
    monkeypatch.setattr(projections, "LAGGING_BUDGET_S", 0.05)

    assert ProjectionManager(sqlite_store.engine, [], [heavy]).catch_up_lagging(pages=1)

    # Five light events, then the first heavy one took the page past 50 ms: no more (fed in
    # chunks of 1, 2, 4, the page would have gone on to the end of the chunk, event 7).
    assert [p for p, _ in heavy.fed][-1] <= 6


class _FedSoFar(StreamSummaryProjection):
    """A synchronous read model that notes, inside each append's transaction, how many events
    `lagging` had been fed."""

    def __init__(self, lagging: _Seen) -> None:
        self._lagging = lagging
        self.seen: list[int] = []

    def handle(self, db: sqlite3.Connection, events: Sequence[StoredEvent]) -> None:
        self.seen.append(len(self._lagging.fed))


def test_a_page_gives_way_to_a_sale_of_this_process_that_waits_for_the_lock(
    sqlite_store: SqliteEventStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Back-to-back pages kept a sale out past SQLite's busy timeout: it only looks for the lock
    # now and then, and found it taken every time.
    for n in range(40):
        _bare(sqlite_store).append(f"tally-{n}", [new_event()], 0)
    engine = sqlite_store.engine
    held = _Held()
    monkeypatch.setattr(projections, "LAGGING_BUDGET_S", 60.0)  # the budget never ends a page
    feeding = threading.Thread(target=ProjectionManager(engine, [], [held]).catch_up_lagging)
    feeding.start()
    assert held.feeding.wait(5)
    noted = _FedSoFar(held)
    till = SqliteEventStore(engine, DEVICE, sample_registry().is_known, [noted])
    sale = threading.Thread(target=lambda: till.append("sale-1", [new_event()], 0))
    sale.start()
    assert _eventually(lambda: writers_busy(engine))  # the sale waits for the lock
    held.go_on.set()
    sale.join(10)
    feeding.join(10)

    assert not sale.is_alive() and not feeding.is_alive()
    assert noted.seen == [1]  # the page ended after the event it was feeding (not 40 later)
    assert [p for p, _ in held.fed] == list(range(1, 42))  # the sale's event too, each once


def test_lagging_projections_at_one_checkpoint_share_each_decoded_event(
    sqlite_store: SqliteEventStore,
) -> None:
    for n in range(3):
        _bare(sqlite_store).append(f"tally-{n}", [new_event()], 0)
    first, second = _Seen("first"), _Seen("second")

    ProjectionManager(sqlite_store.engine, [], [first, second]).catch_up_lagging()

    assert [p for p, _ in first.fed] == [p for p, _ in second.fed] == [1, 2, 3]
    assert all(a is b for (_, a), (_, b) in zip(first.fed, second.fed, strict=True))


def test_the_one_furthest_behind_is_fed_until_the_others_join_it(
    sqlite_store: SqliteEventStore, small_pages: int
) -> None:
    for n in range(5):
        _bare(sqlite_store).append(f"tally-{n}", [new_event()], 0)
    behind, ahead = _Seen("behind"), _Seen("ahead")
    with raw_write_transaction(sqlite_store.engine) as db:
        save_checkpoint(db, "ahead", 1)

    assert ProjectionManager(sqlite_store.engine, [], [behind, ahead]).catch_up_lagging() is False

    assert [p for p, _ in behind.fed] == [1, 2, 3, 4, 5]
    assert [p for p, _ in ahead.fed] == [2, 3, 4, 5]  # each event once, from its checkpoint on
    # The one behind went no further than the other's checkpoint: then they went on together.
    assert all(a is b for (_, a), (_, b) in zip(behind.fed[1:], ahead.fed, strict=True))


def test_an_append_no_cashier_waits_for_feeds_them_in_its_own_transaction(
    db_path: Path,
) -> None:
    engine = open_database(db_path)
    seen = _Seen("seen")
    store = SqliteEventStore(engine, DEVICE, sample_registry().is_known, [], lagging=[seen])
    store.append("tally-1", [new_event()], 0)  # a small one (a sale's size): left to the idle till
    assert seen.fed == []

    store.append("tally-2", [new_event() for _ in range(LARGE_APPEND_EVENTS)], 0)  # an import

    assert [p for p, _ in seen.fed] == list(range(1, LARGE_APPEND_EVENTS + 2))
    with sqlite3.connect(db_path) as db:
        assert db.execute(
            "SELECT position FROM projection_checkpoints WHERE name = 'seen'"
        ).fetchone() == (LARGE_APPEND_EVENTS + 1,)
    store.wal_checkpointer.stop()
    engine.dispose()


def test_a_query_reads_the_lagging_projection_as_it_is_while_another_program_holds_the_database(
    db_path: Path,
) -> None:
    engine = open_database(db_path, busy_timeout_ms=50)
    _bare(SqliteEventStore(engine, "device-1", lambda _type: True)).append(
        "tally-1", [new_event()], 0
    )
    seen = _Seen("seen")
    manager = ProjectionManager(engine, [], [seen])
    backup = sqlite3.connect(db_path, isolation_level=None)
    backup.execute("BEGIN IMMEDIATE")  # a backup, a long sync page in another process
    try:
        manager.freshen_lagging()  # no error: the query goes on with what the model holds
        assert seen.fed == []
        with pytest.raises(DatabaseLocked):
            manager.catch_up_lagging()
    finally:
        backup.execute("ROLLBACK")
        backup.close()

    manager.freshen_lagging()
    assert [p for p, _ in seen.fed] == [1]
    engine.dispose()


def _newer_history_event(store_id: str, tenant_id: str) -> StoredEvent:
    """A SalesHistoryImported v2 from another till already on a newer version: only the demand
    history reads that event type, and this version cannot."""
    draft = StoredEvent(
        1, uuid4(), "SalesHistoryImported", 2, "saleshistory-x", 1, tenant_id, store_id,
        "device-newer", None, datetime(2026, 1, 1, tzinfo=UTC),
        {"product_id": "p", "store_id": store_id, "something_new": 1}, {},
        event_codec.GENESIS_HASH, "", "remote",
    )  # fmt: skip
    row = event_codec.row_of(draft)
    return replace(draft, hash=event_codec.chain_hash(row, event_codec.GENESIS_HASH))


def test_a_pulled_page_a_lagging_read_model_cannot_take_is_refused_whole(tmp_path: Path) -> None:
    till = open_till(tmp_path)
    services = till.services
    end = services.store.last_position()

    with pytest.raises(InvalidEvent, match="newer than this app knows"):
        services.store.import_remote(
            [_newer_history_event(services.identity.store_id, services.identity.tenant_id)]
        )

    assert services.store.last_position() == end  # nothing of it was kept
    services.close()
    reopened = open_till(tmp_path)  # and the till still opens
    reopened.services.close()


def test_pulled_events_feed_the_lagging_read_models_as_they_are_stored(tmp_path: Path) -> None:
    seller, receiver = open_till(tmp_path / "a"), open_till(tmp_path / "b")
    receiver.services.store.wal_checkpointer.stop()  # no idle feeding: the pull must do it
    product, _ = _sell_three(seller)
    own = [e for e in seller.services.store.read_all() if e.device_id != "device-none"]

    receiver.services.store.import_remote(own)

    checkpoint, end = _positions(tmp_path / "b" / "fluxion.db")
    assert checkpoint == end
    with sqlite3.connect(tmp_path / "b" / "fluxion.db") as db:
        assert db.execute("SELECT quantity FROM daily_sales WHERE product_id = ?",
                          (product,)).fetchall() == [("3",)]  # fmt: skip
    seller.services.close()
    receiver.services.close()


def test_check_of_a_till_that_sells_meanwhile_finds_nothing_wrong(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    till = open_till(tmp_path)
    till.services.store.wal_checkpointer.stop()
    _sell_three(till)
    original = ProjectionManager._scratch_engine

    def a_sale_lands(manager: ProjectionManager) -> Engine:  # after the catch-up, before the read
        sell(till, shift_of(till), 1, "INT-1")
        return original(manager)

    monkeypatch.setattr(ProjectionManager, "_scratch_engine", a_sale_lands)

    assert till.services.projections.check() == []
    checkpoint, end = _positions(tmp_path / "fluxion.db")
    assert checkpoint < end  # the sale did land after the catch-up
    till.services.close()
