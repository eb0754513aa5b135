"""Installing a newer version over a till keeps its data and migrates it: a database left at an
older migration head, with sales in it, opens at head with every event, sale and stock level kept.

The older database is made by the till itself and then taken down to the older head with Alembic's
own downgrade, which drops exactly what that version did not have yet.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from decimal import Decimal
from pathlib import Path

import pytest
from alembic import command

from fluxion_desktop.adapters.database import alembic_config, head_revision
from fluxion_desktop.adapters.sqlite_engine import create_sqlite_engine
from fluxion_desktop.application.event_registry import EventRegistry
from fluxion_desktop.bootstrap import lagging_projections, synchronous_projections
from tests.support.app import open_till
from tests.sync.e2e.devices import BARCODE, sell, shift_of
from tests.sync.support.till_events import ring_up_sales

# Older heads a store may still run: before background sync, before demand history, and before
# the sale's commit left the reports' read models to the idle till. (Sales arrived with 0005; an
# older head with sales in it never existed.)
OLDER_HEADS = ["0007_fast_search", "0008_sync_client", "0012_sale_completion_from_log"]


def _rows(database: Path, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(database)) as db:
        return db.execute(sql).fetchall()


def _revision(database: Path) -> str:
    return str(_rows(database, "SELECT version_num FROM alembic_version")[0][0])


def _downgrade(database: Path, revision: str) -> None:
    """Take `database` down to `revision`, as the version at that head would have left it."""
    engine = create_sqlite_engine(database)
    try:
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), revision)
    finally:
        engine.dispose()
    # The downgrade drops the newer read models' tables; their checkpoints go too, since the older
    # version never had those read models.
    with closing(sqlite3.connect(database)) as db, db:
        tables = {str(row[0]) for row in db.execute("SELECT name FROM sqlite_master")}
        registry = EventRegistry()
        for projection in [*synchronous_projections(registry), *lagging_projections(registry)]:
            if any(table.name not in tables for table in projection.tables):
                db.execute("DELETE FROM projection_checkpoints WHERE name = ?", (projection.name,))


EVENTS = "SELECT event_id, stream_id, version, position, hash FROM events ORDER BY position"
SALES = "SELECT sale_id, receipt_no, total, total_local FROM sales ORDER BY receipt_no"


def _older_till_with_sales(data: Path, older_head: str) -> tuple[str, Decimal]:
    """A till with three sales, its database then taken down to `older_head`; product, stock."""
    till = open_till(data)
    ring_up_sales(till, 3)
    product = till.services.queries.catalog.by_barcode(BARCODE)
    assert product is not None
    stock = till.services.queries.stock.level(product.product_id).current
    till.services.close()
    assert stock == Decimal(100 - (1 + 2 + 3))
    _downgrade(data / "fluxion.db", older_head)
    assert _revision(data / "fluxion.db") == older_head
    return product.product_id, stock


@pytest.mark.parametrize("older_head", OLDER_HEADS)
def test_an_older_database_with_sales_opens_at_head_with_everything_kept(
    tmp_path: Path, older_head: str
):
    data = tmp_path / "till"
    database = data / "fluxion.db"
    product, stock = _older_till_with_sales(data, older_head)
    events, sales = _rows(database, EVENTS), _rows(database, SALES)
    assert len(sales) == 3

    upgraded = open_till(data)  # what the new version does on its first start

    try:
        assert _revision(database) == head_revision()
        assert _rows(database, EVENTS) == events
        assert _rows(database, SALES) == sales
        assert upgraded.services.queries.stock.level(product).current == stock
        assert not upgraded.services.store.verify().problems  # the hash chain is intact
        sell(upgraded, shift_of(upgraded), 1)  # and the till sells on
        assert upgraded.services.queries.stock.level(product).current == stock - 1
    finally:
        upgraded.services.close()


@pytest.mark.parametrize("older_head", OLDER_HEADS)
def test_read_models_added_by_an_upgrade_hold_the_sales_made_before_it(
    tmp_path: Path, older_head: str
):
    data = tmp_path / "till"
    _older_till_with_sales(data, older_head)

    upgraded = open_till(data)

    try:
        sell(upgraded, shift_of(upgraded), 1)
        assert upgraded.services.projections.check() == []  # as a replay of the log makes them
    finally:
        upgraded.services.close()


def test_a_downgrade_with_daily_sales_behind_leaves_the_sales_read_model_to_replay(
    tmp_path: Path,
):
    data = tmp_path / "till"
    database = data / "fluxion.db"
    till = open_till(data)
    till.services.store.wal_checkpointer.stop()  # no idle till to feed daily_sales
    ring_up_sales(till, 3)
    receipts = _rows(database, SALES)
    till.services.engine.dispose()  # a till that stopped without closing (a power cut)

    _downgrade(database, "0012_sale_completion_from_log")

    # The older version keeps daily_sales in the sales read model: behind, it is emptied with
    # it, and the older version's catch-up on opening replays it whole.
    assert _rows(database, SALES) == []
    with closing(sqlite3.connect(database)) as db:
        names = {r[0] for r in db.execute("SELECT name FROM projection_checkpoints")}
    assert {"sales", "daily_sales", "stock"}.isdisjoint(names)
    upgraded = open_till(data)
    try:
        assert _rows(database, SALES) == receipts  # the same receipts, replayed
        assert upgraded.services.projections.check() == []
    finally:
        upgraded.services.close()
