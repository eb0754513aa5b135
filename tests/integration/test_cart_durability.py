"""An open cart's edits are held in memory and written by whatever acknowledges the sale
(completing or parking it), which waits for the disk, or once the till pauses, which does not;
events are made durable before they leave for HQ."""

from __future__ import annotations

import os
import sqlite3
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event

from fluxion_desktop.adapters.database import open_database
from fluxion_desktop.adapters.database_errors import DatabaseLocked
from fluxion_desktop.adapters.sqlite_engine import make_log_durable, raw_read_transaction
from fluxion_desktop.adapters.sqlite_event_store import SqliteEventStore
from fluxion_desktop.adapters.sync.outbox import SqliteOutbox
from fluxion_desktop.application.device import DeviceIdentity
from fluxion_desktop.application.event_store import Snapshot, StreamAppend
from fluxion_desktop.application.inventory import ReceiveStock
from fluxion_desktop.application.repository import EventFactory, Repository
from fluxion_desktop.application.sale_completion import CompleteSale
from fluxion_desktop.application.sales import (
    AddTender,
    ChangeLineQuantity,
    OpenSale,
    ParkSale,
    RecallSale,
    RemoveTender,
    SaveOpenCarts,
    ScanItem,
)
from fluxion_desktop.bootstrap import Devices
from fluxion_desktop.domain.errors import DomainError
from fluxion_desktop.domain.money import Currency, Money
from fluxion_desktop.domain.sale_state import SaleStatus
from fluxion_desktop.domain.tenders import TenderMethod
from tests.support.app import Till, configure_store, open_shift, open_till
from tests.support.fakes import FakeClock, SequentialIds
from tests.support.sample_events import (
    DEVICE,
    STORE,
    TENANT,
    Tally,
    new_event,
    sample_registry,
)
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


def _stocked_till(tmp_path: Path, products: int = 2) -> tuple[Till, str, list[str]]:
    till = open_till(tmp_path)
    configure_store(till, rate="36.50")
    codes = []
    for n in range(products):
        product = till.product(f"SKU{n}", f"Producto {n}", "2.50", f"INT-{n}")
        till.services.bus.handle(ReceiveStock(till.manager, product, Decimal(10)))
        codes.append(f"INT-{n}")
    return till, open_shift(till), codes


def _sale_events(till: Till, sale_id: str) -> list[str]:
    return [e.event_type for e in till.services.store.read_stream(f"sale-{sale_id}")]


def test_cart_edits_are_held_and_what_acknowledges_a_sale_writes_them_and_waits_for_the_disk(
    tmp_path: Path,
) -> None:
    till, shift, codes = _stocked_till(tmp_path)
    cashier, bus = till.cashier, till.services.bus
    commits: dict[str, str] = {}  # command: "none", "waits" or "does not wait"
    written: dict[str, list[str]] = {}

    with statements(till.services.engine) as seen:

        def handle(name: str, command: Any, sale_id: str | None = None) -> Any:
            seen.clear()
            result = bus.handle(command)
            sale_id = sale_id or result
            if "BEGIN IMMEDIATE" not in seen:
                commits[name] = "none"
            else:
                commits[name] = "does not wait" if _NORMAL in seen else "waits"
            written[name] = _sale_events(till, sale_id)
            return result

        sale_id = handle("open", OpenSale(cashier, shift))
        line = handle("scan", ScanItem(cashier, sale_id, codes[0]), sale_id).line_id
        handle("change quantity", ChangeLineQuantity(cashier, sale_id, line, Decimal(2)), sale_id)
        handle("park", ParkSale(cashier, sale_id), sale_id)
        handle("recall", RecallSale(cashier, sale_id), sale_id)
        handle("scan again", ScanItem(cashier, sale_id, codes[1]), sale_id)
        tender = AddTender(cashier, sale_id, TenderMethod.CASH, Money.of("20", "USD"))
        handle("tender", tender, sale_id)
        handle("complete", CompleteSale(cashier, sale_id, Currency.VES), sale_id)

    assert commits == {
        "open": "none", "scan": "none", "change quantity": "none", "park": "waits",
        "recall": "waits", "scan again": "none", "tender": "none", "complete": "waits",
    }  # fmt: skip
    assert written["change quantity"] == []
    assert written["park"] == [
        "SaleOpened", "SaleLineAdded", "SaleLineQuantityChanged", "SaleParked"
    ]  # fmt: skip
    assert written["tender"] == written["recall"] == [*written["park"], "SaleRecalled"]
    assert written["complete"] == [
        *written["recall"], "SaleLineAdded", "SaleTenderAdded", "SaleCompleted"
    ]  # fmt: skip
    assert till.services.queries.sales.unfinished_for(sale_id) is None
    assert till.services.store.verify().ok
    assert _synchronous(till.services.engine) == 2
    till.services.close()


def test_save_open_carts_writes_the_held_edits_without_waiting_for_the_disk(
    tmp_path: Path,
) -> None:
    till, shift, codes = _stocked_till(tmp_path)
    cashier, bus = till.cashier, till.services.bus
    sale_id = bus.handle(OpenSale(cashier, shift))
    bus.handle(ScanItem(cashier, sale_id, codes[0]))
    assert _sale_events(till, sale_id) == []

    with statements(till.services.engine) as seen:
        assert bus.handle(SaveOpenCarts()) == 2
        assert seen.index(_NORMAL) < seen.index("BEGIN IMMEDIATE")
        seen.clear()
        assert bus.handle(SaveOpenCarts()) == 0
        assert "BEGIN IMMEDIATE" not in seen  # nothing held, nothing written

    assert _sale_events(till, sale_id) == ["SaleOpened", "SaleLineAdded"]
    bus.handle(ScanItem(cashier, sale_id, codes[1]))
    bus.handle(AddTender(cashier, sale_id, TenderMethod.CASH, Money.of("20", "USD")))
    bus.handle(CompleteSale(cashier, sale_id, Currency.VES))
    assert _sale_events(till, sale_id) == [
        "SaleOpened", "SaleLineAdded", "SaleLineAdded", "SaleTenderAdded", "SaleCompleted"
    ]  # fmt: skip
    assert till.services.store.verify().ok
    till.services.close()


def test_closing_the_till_writes_the_held_edits(tmp_path: Path) -> None:
    till, shift, codes = _stocked_till(tmp_path)
    cashier, bus = till.cashier, till.services.bus
    sale_id = bus.handle(OpenSale(cashier, shift))
    bus.handle(ScanItem(cashier, sale_id, codes[0]))
    till.services.close()

    reopened = open_till(tmp_path)
    try:
        assert _sale_events(reopened, sale_id) == ["SaleOpened", "SaleLineAdded"]
        assert len(reopened.services.handlers.sales.load(sale_id).lines) == 1
    finally:
        reopened.services.close()


def test_a_failed_edit_leaves_the_held_ones_as_they_were(tmp_path: Path) -> None:
    till, shift, codes = _stocked_till(tmp_path)
    cashier, bus = till.cashier, till.services.bus
    sale_id = bus.handle(OpenSale(cashier, shift))
    line = bus.handle(ScanItem(cashier, sale_id, codes[0])).line_id
    with pytest.raises(DomainError):
        bus.handle(ChangeLineQuantity(cashier, sale_id, line, Decimal(-1)))
    # The sale that failed is dropped; the next command rebuilds it from the log and the held
    # edits, and writes nothing.
    bus.handle(ChangeLineQuantity(cashier, sale_id, line, Decimal(3)))
    assert _sale_events(till, sale_id) == []
    assert till.services.handlers.sales.load(sale_id).lines[0].quantity == Decimal(3)
    bus.handle(SaveOpenCarts())
    assert _sale_events(till, sale_id) == [
        "SaleOpened", "SaleLineAdded", "SaleLineQuantityChanged"
    ]  # fmt: skip
    assert till.services.store.verify().ok
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


def test_held_edits_survive_a_write_that_fails_and_go_with_the_next(db_path: Path) -> None:
    """A write refused for the lock (a backup, a long sync page), the disk or anything but a
    conflict writes nothing and keeps the cart held: it is never thrown away."""
    registry = sample_registry()
    engine = open_database(db_path, busy_timeout_ms=50)
    store = SqliteEventStore(engine, DEVICE, registry.is_known, [])
    factory = EventFactory(
        DeviceIdentity(TENANT, STORE, DEVICE), registry, FakeClock(), SequentialIds()
    )
    repository = Repository(Tally, store, registry, factory)
    tally = Tally.open("t1", "cart")
    tally.add(Decimal(3))
    repository.save_later(tally, None)
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseLocked):
            repository.write_held()
    finally:
        other.execute("ROLLBACK")
        other.close()

    assert repository.holds == 2 and store.stream_version("tally-t1") == 0
    assert repository.write_held() == 2
    assert [e.event_type for e in store.read_stream("tally-t1")] == ["TallyOpened", "TallyAdded"]
    engine.dispose()


class _TerminalThatSeesTheLog:
    """A card terminal (faked: hardware) offline at first; each charge notes what the log held
    of the sale at that moment."""

    def __init__(self) -> None:
        self.store: SqliteEventStore | None = None
        self.sale_id = ""
        self.offline = True
        self.log_at_charge: list[list[str]] = []

    def charge(self, tender_id: str, amount: Money, reference: str | None) -> str:
        if self.offline:
            raise ConnectionError("the terminal does not answer")
        assert self.store is not None
        stream = self.store.read_stream(f"sale-{self.sale_id}")
        self.log_at_charge.append([e.event_type for e in stream])
        return f"APR-{tender_id[-6:]}"

    def refund(self, approval: str, amount: Money) -> None:
        raise AssertionError("nothing is refunded here")


def test_a_retried_card_payment_writes_the_cart_before_the_card_is_charged(
    tmp_path: Path,
) -> None:
    terminal = _TerminalThatSeesTheLog()
    till = open_till(tmp_path, devices=Devices(terminal))
    terminal.store = till.services.store
    configure_store(till)
    till.product("CAF-1", "Café", "3.00", "7591234567894")
    shift, cashier, bus = open_shift(till), till.cashier, till.services.bus
    sale_id = terminal.sale_id = bus.handle(OpenSale(cashier, shift))
    bus.handle(ScanItem(cashier, sale_id, "7591234567894"))
    cash = bus.handle(AddTender(cashier, sale_id, TenderMethod.CASH, Money.of("1.00", "USD")))
    rest = till.services.handlers.sales.load(sale_id).amount_to_settle(
        TenderMethod.DEBIT_CARD, Currency.VES
    )
    bus.handle(AddTender(cashier, sale_id, TenderMethod.DEBIT_CARD, rest, "REF-1"))
    with pytest.raises(ConnectionError):
        bus.handle(CompleteSale(cashier, sale_id, Currency.USD))
    # The cashier takes other cash and tries again; those edits are held in memory.
    bus.handle(RemoveTender(cashier, sale_id, cash))
    bus.handle(AddTender(cashier, sale_id, TenderMethod.CASH, Money.of("2.00", "USD")))
    terminal.offline = False

    bus.handle(CompleteSale(cashier, sale_id, Currency.USD))

    assert terminal.log_at_charge == [[
        "SaleOpened", "SaleLineAdded", "SaleTenderAdded", "SaleTenderAdded",
        "SaleTenderRemoved", "SaleTenderAdded",
    ]]  # fmt: skip
    assert till.services.handlers.sales.load(sale_id).status is SaleStatus.COMPLETED
    till.services.close()


def test_closing_twice_opens_no_connection_when_nothing_is_held(tmp_path: Path) -> None:
    till, _shift, _codes = _stocked_till(tmp_path, products=1)
    services = till.services
    services.close()
    checkouts: list[object] = []
    event.listen(services.engine, "checkout", lambda *args: checkouts.append(args))

    services.close()  # a caller that closes again (reopening after an enrolment does)

    assert checkouts == []
