"""What a command costs the database: one checkpoint statement per append, one connection the
commands share, and every transaction as it was (a read inside a write still reads the snapshot
before the write)."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Table, event

from fluxion_desktop.adapters.database import open_database
from fluxion_desktop.adapters.projections import ProjectionManager, StreamSummaryProjection
from fluxion_desktop.adapters.sqlite_engine import (
    pinned_connection,
    raw_read_transaction,
    raw_write_transaction,
)
from fluxion_desktop.adapters.sqlite_event_store import SqliteEventStore
from fluxion_desktop.application.event_store import ConcurrencyError, StoredEvent, StreamAppend
from fluxion_desktop.application.inventory import ReceiveStock
from fluxion_desktop.application.sale_completion import CompleteSale
from fluxion_desktop.application.sales import AddTender, OpenSale, ScanItem
from fluxion_desktop.domain.money import Currency, Money
from fluxion_desktop.domain.tenders import TenderMethod
from tests.support.app import Till, configure_store, open_shift, open_till
from tests.support.sample_events import DEVICE, new_event, sample_registry
from tests.support.sql_trace import statements


class _Counted:
    """A second projection that only counts what it was fed."""

    name = "counted"
    tables: tuple[Table, ...] = ()
    virtual_tables: Mapping[str, str] = {}

    def __init__(self) -> None:
        self.seen = 0

    def handle(self, db: sqlite3.Connection, events: Sequence[StoredEvent]) -> None:
        self.seen += len(events)


def _checkpoints(db_path: Path) -> dict[str, int]:
    with sqlite3.connect(db_path) as connection:
        return dict(connection.execute("SELECT name, position FROM projection_checkpoints"))


def test_an_append_moves_every_checkpoint_in_one_statement(db_path: Path) -> None:
    engine = open_database(db_path)
    counted = _Counted()
    store = SqliteEventStore(
        engine, DEVICE, sample_registry().is_known, [StreamSummaryProjection(), counted]
    )
    store.append("tally-1", [new_event()], 0)  # the first append inserts the rows
    with statements(engine) as seen:
        store.append("tally-1", [new_event(), new_event()], 1)
    touching = [s for s in seen if "projection_checkpoints" in s]

    assert len(touching) == 1 and touching[0].startswith("UPDATE")
    assert _checkpoints(db_path) == {"stream_summary": 3, "counted": 3}
    assert counted.seen == 3
    manager = ProjectionManager(engine, [StreamSummaryProjection()])
    assert manager.check() == []
    engine.dispose()


def test_a_projection_added_later_gets_its_checkpoint_row(db_path: Path) -> None:
    engine = open_database(db_path)
    registry = sample_registry()
    SqliteEventStore(engine, DEVICE, registry.is_known, [StreamSummaryProjection()]).append(
        "tally-1", [new_event()], 0
    )
    store = SqliteEventStore(
        engine, DEVICE, registry.is_known, [StreamSummaryProjection(), _Counted()]
    )
    store.append("tally-1", [new_event()], 1)

    assert _checkpoints(db_path) == {"stream_summary": 2, "counted": 2}
    engine.dispose()


def test_a_read_inside_a_write_on_a_pinned_thread_still_reads_its_own_snapshot(
    sqlite_store: SqliteEventStore,
) -> None:
    engine = sqlite_store.engine
    sqlite_store.append("tally-1", [new_event()], 0)
    with pinned_connection(engine), raw_write_transaction(engine) as writing:
        writing.execute("DELETE FROM stream_summary")
        with raw_read_transaction(engine) as reading:
            assert reading is not writing
            assert reading.execute("SELECT COUNT(*) FROM stream_summary").fetchone()[0] == 1
        writing.execute("ROLLBACK")  # undo, then let the block's COMMIT find no transaction
        writing.execute("BEGIN")
    with raw_read_transaction(engine) as db:
        assert db.execute("SELECT COUNT(*) FROM stream_summary").fetchone()[0] == 1


def test_transactions_in_a_pinned_block_share_one_connection(
    sqlite_store: SqliteEventStore,
) -> None:
    engine = sqlite_store.engine
    with pinned_connection(engine):
        with raw_read_transaction(engine) as first:
            pass
        with raw_write_transaction(engine) as second:
            second.execute("SELECT 1")
        with pinned_connection(engine), raw_read_transaction(engine) as nested:
            pass
    assert first is second is nested


def _sale_ready(till: Till) -> tuple[str, str]:
    configure_store(till, rate="36.50")
    for n in range(5):
        product = till.product(f"SKU{n}", f"Producto {n}", "2.50", f"INT-{n}")
        till.services.bus.handle(ReceiveStock(till.manager, product, Decimal(10)))
    return open_shift(till), till.cashier


def test_a_sale_checks_out_one_connection_for_all_its_commands_and_writes_once(
    tmp_path: Path,
) -> None:
    till = open_till(tmp_path)
    shift, cashier = _sale_ready(till)
    services, bus = till.services, till.services.bus
    services.store.wal_checkpointer.stop()  # its idle work's commits would show in the trace
    checkouts: list[object] = []
    event.listen(services.engine, "checkout", lambda *args: checkouts.append(args))
    with statements(services.engine) as seen:
        sale_id = bus.handle(OpenSale(cashier, shift))
        for n in range(5):
            bus.handle(ScanItem(cashier, sale_id, f"INT-{n}"))
        bus.handle(AddTender(cashier, sale_id, TenderMethod.CASH, Money.of("10.00", "USD")))
        rest = services.handlers.sales.load(sale_id).amount_to_settle(
            TenderMethod.DEBIT_CARD, Currency.VES
        )
        bus.handle(AddTender(cashier, sale_id, TenderMethod.DEBIT_CARD, rest, "REF"))
        bus.handle(CompleteSale(cashier, sale_id, Currency.VES))
        checked_out = len(checkouts)
    writes = [s for s in seen if s == "BEGIN IMMEDIATE"]
    checkpoint_writes = [s for s in seen if "projection_checkpoints" in s]

    assert services.queries.sales.unfinished_for(sale_id) is None
    # The cart's edits are held until the completion, which writes them and itself at once.
    assert len(writes) == 1
    assert len(checkpoint_writes) == 1
    # The nine commands share the connection the bus keeps between them (checked out afresh
    # once: the trace disposed the pool); the cart's read outside a command finds the sale held
    # in memory, with nothing newer in the log to look for.
    assert checked_out == 1
    services.close()


def test_one_look_at_many_streams_finds_the_stale_one_and_writes_nothing(
    sqlite_store: SqliteEventStore,
) -> None:
    streams = [f"tally-{n}" for n in range(600)]  # more than one statement's worth of columns
    sqlite_store.append_many([StreamAppend(s, [new_event()], 0) for s in streams])
    sqlite_store.append("tally-555", [new_event()], 1)
    before = sqlite_store.last_position()

    with pytest.raises(ConcurrencyError) as raised:
        sqlite_store.append_many([StreamAppend(s, [new_event()], 1) for s in streams])

    assert (raised.value.stream_id, raised.value.expected, raised.value.actual) == (
        "tally-555", 1, 2,
    )  # fmt: skip
    assert sqlite_store.last_position() == before
    results = sqlite_store.append_many(
        [StreamAppend(s, [new_event()], 2 if s == "tally-555" else 1) for s in streams]
    )
    assert [r.version for r in results] == [3 if s == "tally-555" else 2 for s in streams]


def test_stock_items_of_products_sold_before_are_not_rebuilt_from_the_log(
    tmp_path: Path,
) -> None:
    till = open_till(tmp_path)
    configure_store(till, rate="36.50")
    codes = []
    for n in range(300):  # more than the cache held before (256)
        till.product(f"SKU{n}", f"Producto {n}", "1.00", f"INT-{n}")
        codes.append(f"INT-{n}")
    shift, bus = open_shift(till), till.services.bus

    def sell(batch: list[str]) -> None:
        sale_id = bus.handle(OpenSale(till.cashier, shift))
        for code in batch:
            bus.handle(ScanItem(till.cashier, sale_id, code))
        bus.handle(AddTender(till.cashier, sale_id, TenderMethod.CASH, Money.of("10", "USD")))
        bus.handle(CompleteSale(till.cashier, sale_id, Currency.VES))

    for start in range(0, 300, 6):
        sell(codes[start : start + 6])
    with statements(till.services.engine) as seen:
        sell(codes[:6])
    snapshot_reads = [s for s in seen if "FROM snapshots" in s and "'stock-" in s]

    assert snapshot_reads == []
    assert till.services.queries.stock.level(
        till.services.queries.catalog.by_sku("SKU0").product_id  # type: ignore[union-attr]
    ).current == Decimal(-2)
    till.services.close()
