"""import-sales: whole files or nothing, never twice, unknown products flagged for review."""

from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from fluxion_desktop.adapters.read_models.demand_history import SqlDemandQueries
from fluxion_desktop.adapters.sales_csv import read_history_csv
from fluxion_desktop.application.sales_history import ImportSalesHistory, SalesImportRefused
from fluxion_desktop.cli.main import main
from tests.support.app import Till, open_till


def _write(path: Path, text: str) -> Path:
    path.write_text(text.strip() + "\n", encoding="utf-8")
    return path


def _import(till: Till, path: Path) -> object:
    rows = tuple(read_history_csv(path))
    return till.services.bus.handle(ImportSalesHistory(till.manager, rows, path.name))


def _demand(till: Till) -> SqlDemandQueries:
    return till.services.queries.demand


GOOD = """
date,sku,quantity,price,promo_price
2025-01-01,HAR-1,5,1.50,
2025-01-02,HAR-1,0,1.50,
2025-01-03,HAR-1,7,1.50,1.20
2025-01-03,HAR-1,-1,1.50,
2025-01-01,NEW-9,2,3.00,
"""


def test_a_file_imports_whole_and_unknown_products_wait_for_review(tmp_path: Path):
    till = open_till(tmp_path / "till")
    harina = till.product("HAR-1", "Harina", "1.50")

    report = _import(till, _write(tmp_path / "h.csv", GOOD))

    history = _demand(till).history(harina, "store-1")
    assert [(d.day, d.units, d.promo) for d in history.days] == [
        (date(2025, 1, 1), Decimal(5), False),
        (date(2025, 1, 2), Decimal(0), False),
        (date(2025, 1, 3), Decimal(6), True),
    ]
    assert history.days[0].average_price == Decimal("1.50")
    new = till.services.queries.catalog.by_sku("NEW-9")
    assert new is not None and new.needs_review and new.origin.value == "imported"
    assert report.products_created == ("NEW-9",)  # type: ignore[attr-defined]


def test_bad_rows_are_named_by_line_and_nothing_is_written(tmp_path: Path):
    till = open_till(tmp_path / "till")
    till.product("HAR-1", "Harina", "1.50")
    before = till.services.store.last_position()
    bad = _write(
        tmp_path / "bad.csv",
        """
date,sku,quantity,price
2025-01-01,HAR-1,5,1.50
2025-13-01,HAR-1,5,1.50
2025-01-03,HAR-1,lots,1.50
2025-01-04,HAR-1,2.5,1.50
2025-01-05,,2,1.50
2025-01-06,NEW-1,2,-3
""",
    )

    with pytest.raises(SalesImportRefused) as parsed:
        read_history_csv(bad)
    assert [p.line for p in parsed.value.problems] == [3, 4]

    fixed = _write(
        tmp_path / "bad2.csv",
        """
date,sku,quantity,price
2025-01-01,HAR-1,5,1.50
2025-01-04,HAR-1,2.5,1.50
2025-01-05,,2,1.50
2025-01-06,NEW-1,2,-3
""",
    )
    with pytest.raises(SalesImportRefused) as refused:
        _import(till, fixed)
    assert [p.line for p in refused.value.problems] == [3, 4, 5]
    assert "whole number" in str(refused.value.problems[0])
    assert till.services.store.last_position() == before
    assert till.services.queries.catalog.by_sku("NEW-1") is None


def test_importing_a_file_twice_or_an_overlapping_file_never_doubles_a_day(tmp_path: Path):
    till = open_till(tmp_path / "till")
    harina = till.product("HAR-1", "Harina", "1.50")
    first = _write(tmp_path / "a.csv", GOOD)
    _import(till, first)
    position = till.services.store.last_position()

    again = _import(till, first)

    assert till.services.store.last_position() == position
    assert again.batches_written == 0  # type: ignore[attr-defined]
    overlapping = _write(
        tmp_path / "b.csv",
        """
date,sku,quantity
2025-01-03,HAR-1,6
2025-01-04,HAR-1,4
""",
    )
    _import(till, overlapping)
    units = [d.units for d in _demand(till).history(harina, "store-1").days]
    assert units == [Decimal(5), Decimal(0), Decimal(6), Decimal(4)]
    assert till.services.projections.check() == []


def test_the_command_line_reports_bad_lines_and_imports_good_files(tmp_path: Path, capsys):
    data = tmp_path / "till"
    till = open_till(data)
    till.product("HAR-1", "Harina", "1.50")
    till.services.close()
    bad = _write(tmp_path / "bad.csv", "date,sku,quantity\n2025-01-01,HAR-1,x")

    assert main(["--data-dir", str(data), "import-sales", str(bad)]) == 1
    assert "line 2: quantity 'x' is not a number" in capsys.readouterr().err

    good = _write(tmp_path / "good.csv", GOOD)
    assert main(["--data-dir", str(data), "import-sales", str(good)]) == 0
    assert "5 rows" in capsys.readouterr().out


def test_rows_by_barcode_and_for_another_store(tmp_path: Path):
    till = open_till(tmp_path / "till")
    harina = till.product("HAR-1", "Harina", "1.50", barcode="7591234500013")
    path = _write(
        tmp_path / "b.csv",
        """
date,barcode,quantity,store
2025-02-01,7591234500013,4,
2025-02-01,7591234500013,9,store-2
2025-02-01,7590000000016,3,
""",
    )
    _import(till, path)

    demand = _demand(till)
    assert [d.units for d in demand.history(harina, "store-1").days] == [Decimal(4)]
    assert [d.units for d in demand.history(harina, "store-2").days] == [Decimal(9)]
    created = till.services.queries.catalog.by_barcode("7590000000016")
    assert created is not None and created.sku == "7590000000016" and created.needs_review
    stores = {(p.sku, p.store_id) for p in demand.products_with_history()}
    assert stores == {("HAR-1", "store-1"), ("HAR-1", "store-2"), ("7590000000016", "store-1")}


def test_a_file_imported_again_before_the_demand_history_was_fed_is_still_known(tmp_path: Path):
    till = open_till(tmp_path / "till")
    till.services.store.wal_checkpointer.stop()  # no idle till to feed the demand history
    till.product("HAR-1", "Harina", "1.50")
    first = _write(tmp_path / "a.csv", GOOD)
    _import(till, first)
    position = till.services.store.last_position()
    with sqlite3.connect(tmp_path / "till" / "fluxion.db") as db:
        (fed,) = db.execute(
            "SELECT COALESCE(MAX(position), 0) FROM projection_checkpoints "
            "WHERE name = 'demand_history'"
        ).fetchone()
    assert fed < position  # the import's batches are in the log, not yet in the read model

    again = _import(till, first)

    assert again.batches_written == 0  # type: ignore[attr-defined]
    assert till.services.store.last_position() == position
    till.services.close()
