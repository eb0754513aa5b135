"""What a completed sale writes to the sales and stock read models: each row once, no reads of
running totals already known, and the same rows a replay of the log makes."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from tests.support.app import open_till
from tests.support.sql_trace import statements
from tests.sync.e2e.devices import sell, shift_of
from tests.sync.support.till_events import ring_up_sales


def test_a_completion_writes_its_saga_once_and_reads_no_known_total(tmp_path: Path) -> None:
    till = open_till(tmp_path / "till")
    ring_up_sales(till, 1)  # the product's rows exist and are known
    with statements(till.services.engine) as seen:
        sell(till, shift_of(till), 1)
    sagas = [s for s in seen if "sale_sagas" in s and not s.startswith("SELECT")]
    reads = [s for s in seen if s.startswith("SELECT on_hand FROM stock_levels")]

    assert len(sagas) == 1 and sagas[0].startswith("INSERT") and "'completed'" in sagas[0]
    assert reads == []
    assert till.services.projections.check() == []
    with closing(sqlite3.connect(tmp_path / "till" / "fluxion.db")) as db:
        statuses = [r[0] for r in db.execute("SELECT status FROM sale_sagas")]
    assert statuses == ["completed", "completed"]
    till.services.close()
