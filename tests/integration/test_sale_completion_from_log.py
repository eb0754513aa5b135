"""A completed sale's SaleCompleted is read from the log (`sales` keeps no copy of it); taking
the database down to 0011 puts the copy back, as JSON that reads as the same event."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

from alembic import command

from fluxion_desktop.adapters.database import alembic_config
from fluxion_desktop.adapters.sqlite_engine import create_sqlite_engine
from fluxion_desktop.domain.sale_events import SaleCompleted
from tests.support.app import open_till
from tests.sync.support.till_events import ring_up_sales


def _columns(database: Path) -> list[str]:
    with closing(sqlite3.connect(database)) as db:
        return [str(row[1]) for row in db.execute("PRAGMA table_info(sales)")]


def test_a_sales_completion_is_the_event_in_the_log_and_a_downgrade_copies_it_back(
    tmp_path: Path,
) -> None:
    till = open_till(tmp_path / "till")
    ring_up_sales(till, 2)
    queries = till.services.queries.sales
    completed = [e for e in till.services.store.read_all() if e.event_type == "SaleCompleted"]
    assert len(completed) == 2
    sale_ids = [str(e.payload["sale_id"]) for e in completed]
    found = [queries.completion(sale_id) for sale_id in sale_ids]
    registry = till.services.registry
    assert found == [registry.from_payload(e.event_type, e.schema_version, e.payload)
                     for e in completed]  # fmt: skip
    assert all(isinstance(f, SaleCompleted) for f in found)
    assert queries.completion("no-such-sale") is None
    till.services.close()
    database = tmp_path / "till" / "fluxion.db"
    assert "completion" not in _columns(database)

    engine = create_sqlite_engine(database)
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0011_open_shift_marks")
    engine.dispose()

    with closing(sqlite3.connect(database)) as db:
        copies = dict(db.execute("SELECT sale_id, completion FROM sales"))
    for event in completed:
        copy = json.loads(copies[str(event.payload["sale_id"])])
        assert copy == {"schema_version": event.schema_version, **event.payload}
