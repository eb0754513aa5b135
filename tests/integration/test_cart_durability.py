"""An open cart's edits commit without waiting for the disk; whatever acknowledges something
(completing or parking the sale) waits, and so do events before they leave for HQ."""

from __future__ import annotations

import os
import sqlite3
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from fluxion_desktop.adapters.sqlite_engine import make_log_durable, raw_read_transaction
from fluxion_desktop.adapters.sqlite_event_store import SqliteEventStore
from fluxion_desktop.adapters.sync.outbox import SqliteOutbox
from fluxion_desktop.application.event_store import Snapshot, StreamAppend
from fluxion_desktop.application.inventory import ReceiveStock
from fluxion_desktop.application.sale_completion import CompleteSale
from fluxion_desktop.application.sales import (
    AddTender,
    ChangeLineQuantity,
    OpenSale,
    ParkSale,
    RecallSale,
    ScanItem,
)
from fluxion_desktop.domain.money import Currency, Money
from fluxion_desktop.domain.tenders import TenderMethod
from tests.support.app import configure_store, open_shift, open_till
from tests.support.sample_events import new_event
from tests.support.sql_trace import statements

_NORMAL = "PRAGMA synchronous = NORMAL"


def _synchronous(engine: Engine) -> int:
    with raw_read_transaction(engine) as db:
        return int(db.execute("PRAGMA synchronous").fetchone()[0])


def test_an_append_that_does_not_wait_commits_at_normal_and_restores_full(
    sqlite_store: SqliteEventStore,
) -> None:
    engine = sqlite_store.engine
    with statements(engine) as seen:
        sqlite_store.append_many([StreamAppend("tally-1", [new_event()], 0)], wait_for_disk=False)
        lazy = list(seen)
        seen.clear()
        sqlite_store.append("tally-1", [new_event()], 1)
        waited = list(seen)
        assert _synchronous(engine) == 2  # FULL: the connection goes back to the pool as it was

    begin, commit = lazy.index("BEGIN IMMEDIATE"), lazy.index("COMMIT")
    assert lazy.index(_NORMAL) < begin < commit < lazy.index("PRAGMA synchronous = FULL")
    assert _NORMAL not in waited and "BEGIN IMMEDIATE" in waited
    assert sqlite_store.stream_version("tally-1") == 2


def test_a_snapshot_does_not_wait_for_the_disk(sqlite_store: SqliteEventStore) -> None:
    sqlite_store.append("tally-1", [new_event()], 0)
    with statements(sqlite_store.engine) as seen:
        sqlite_store.save_snapshot(Snapshot("tally-1", 1, "tally", 1, {"total": "1.00"}))
    assert seen.index(_NORMAL) < seen.index("BEGIN IMMEDIATE")
    snapshot = sqlite_store.load_snapshot("tally-1")
    assert snapshot is not None and snapshot.state == {"total": "1.00"}


def test_a_refused_append_that_does_not_wait_still_restores_full(
    sqlite_store: SqliteEventStore,
) -> None:
    sqlite_store.append("tally-1", [new_event()], 0)
    with pytest.raises(Exception, match="tally-1"):
        sqlite_store.append_many([StreamAppend("tally-1", [new_event()], 0)], wait_for_disk=False)
    assert _synchronous(sqlite_store.engine) == 2
    assert sqlite_store.stream_version("tally-1") == 1


def test_cart_edits_do_not_wait_for_the_disk_and_what_acknowledges_a_sale_does(
    tmp_path: Path,
) -> None:
    till = open_till(tmp_path)
    configure_store(till, rate="36.50")
    codes = []
    for n in range(2):
        product = till.product(f"SKU{n}", f"Producto {n}", "2.50", f"INT-{n}")
        till.services.bus.handle(ReceiveStock(till.manager, product, Decimal(10)))
        codes.append(f"INT-{n}")
    shift, cashier, bus = open_shift(till), till.cashier, till.services.bus
    waits: dict[str, bool] = {}

    with statements(till.services.engine) as seen:

        def handle(name: str, command: Any) -> Any:
            seen.clear()
            result = bus.handle(command)
            assert "BEGIN IMMEDIATE" in seen, name
            waits[name] = _NORMAL not in seen
            return result

        sale_id = handle("open", OpenSale(cashier, shift))
        line = handle("scan", ScanItem(cashier, sale_id, codes[0])).line_id
        handle("change quantity", ChangeLineQuantity(cashier, sale_id, line, Decimal(2)))
        handle("park", ParkSale(cashier, sale_id))
        handle("recall", RecallSale(cashier, sale_id))
        handle("scan again", ScanItem(cashier, sale_id, codes[1]))
        handle("tender", AddTender(cashier, sale_id, TenderMethod.CASH, Money.of("20", "USD")))
        handle("complete", CompleteSale(cashier, sale_id, Currency.VES))

    assert waits == {
        "open": False, "scan": False, "change quantity": False, "park": True, "recall": True,
        "scan again": False, "tender": False, "complete": True,
    }  # fmt: skip
    assert till.services.queries.sales.unfinished_for(sale_id) is None
    assert _synchronous(till.services.engine) == 2
    till.services.close()


def _wal_syncs(monkeypatch: pytest.MonkeyPatch, database: Path) -> list[bool]:
    """Record each fsync: True when it was of `database`'s WAL file."""
    synced: list[bool] = []
    real_fsync = os.fsync

    def fsync(descriptor: int) -> None:
        wal = Path(f"{database}-wal")
        synced.append(wal.exists() and os.fstat(descriptor).st_ino == wal.stat().st_ino)
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", fsync)
    return synced


def test_events_are_synced_to_disk_after_the_push_reads_them_and_before_it_sends(
    sqlite_store: SqliteEventStore, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outbox = SqliteOutbox(sqlite_store)
    synced = _wal_syncs(monkeypatch, db_path)
    assert outbox.own_events_after(0, 10) == []
    assert synced == []  # nothing to send, nothing to sync

    sqlite_store.append_many([StreamAppend("tally-1", [new_event()], 0)], wait_for_disk=False)
    sent = outbox.own_events_after(0, 10)

    assert [e.position for e in sent] == [sqlite_store.last_position()]
    assert synced == [True]


def test_making_the_log_durable_without_a_wal_file_is_a_no_op(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, sqlite_store: SqliteEventStore
) -> None:
    sqlite_store.append("tally-1", [new_event()], 0)
    sqlite_store.engine.dispose()  # the last connection checkpoints and removes the WAL
    assert not Path(f"{db_path}-wal").exists()
    synced = _wal_syncs(monkeypatch, db_path)

    make_log_durable(sqlite_store.engine)

    assert synced == []
    with sqlite3.connect(db_path) as db:
        assert db.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 1
