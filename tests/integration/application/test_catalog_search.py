"""Catalog search as the sale screen uses it, and the search index the catalog projection keeps."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from alembic import command

from fluxion_desktop.adapters.database import alembic_config, current_revision, head_revision
from fluxion_desktop.adapters.read_models.catalog_tables import PRODUCT_SEARCH_DDL
from fluxion_desktop.application.catalog import AddBarcode, RenameProduct, RepriceProduct
from fluxion_desktop.domain.barcode import Barcode
from fluxion_desktop.domain.money import Money
from fluxion_desktop.settings import Settings
from tests.support.app import Till, open_till

BEFORE_FAST_SEARCH = "0006_alerts"


@pytest.fixture
def till(tmp_path: Path) -> Iterator[Till]:
    till = open_till(tmp_path)
    yield till
    till.services.close()


def _skus(till: Till, text: str, limit: int = 50) -> list[str]:
    return [p.sku for p in till.services.queries.catalog.search(text, limit)]


def _query(path: Path, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as db:
        return db.execute(sql).fetchall()


def _index(path: Path) -> list[tuple[object, ...]]:
    """(FTS rowid, product_id, products.search_rowid) of every search row, by rowid."""
    return _query(
        path,
        "SELECT s.rowid, s.product_id, p.search_rowid FROM product_search s "
        "LEFT JOIN products p ON p.product_id = s.product_id ORDER BY s.rowid",
    )


def _db_path(data_dir: Path) -> Path:
    return Settings(data_dir).database_path


def test_a_barcode_prefix_lists_the_barcodes_starting_with_it_first_in_code_order(till: Till):
    # A short name holding the digits would outrank both coffees by bm25 alone.
    till.product("PIL-1", "Pila 7591234", "4.00")
    till.product("CAF-2", "Café Madrid Tostado Molido Extra Fuerte 200 g", "2.10", "7591234000025")
    till.product("CAF-1", "Café Fama de América Tostado Clásico 250 g", "3.50", "7591234000018")
    till.product("ARZ-1", "Arroz Mary 1 kg", "1.20", "7592000000010")

    assert _skus(till, "7591234") == ["CAF-1", "CAF-2", "PIL-1"]
    assert _skus(till, " 7591234000025 ") == ["CAF-2"]
    assert _skus(till, "75920") == ["ARZ-1"]
    assert _skus(till, "7593") == []


def test_a_sku_prefix_finds_the_skus_starting_with_it_as_typed_or_in_capitals(till: Till):
    till.product("HOG-9", "Cafetera 2 tazas", "15.00")  # "caf" and "2" by words, not by SKU
    till.product("CAF-500", "Café Fama de América Tostado Molido 500 g", "5.00")
    till.product("CAF-250", "Café Fama de América Tostado Molido 250 g", "3.50")
    till.product("CAF-200", "Café Madrid Tostado Molido Extra Fuerte 200 g", "2.10")
    till.product("har-10", "Harina de maíz casera", "1.00")
    till.product("HRN-1", "Harina 1 kg", "1.00")

    assert _skus(till, "CAF-2") == ["CAF-200", "CAF-250", "HOG-9"]
    assert _skus(till, "caf-25") == ["CAF-250"]
    assert _skus(till, "har-1") == ["har-10", "HRN-1"]
    assert _skus(till, "CAF-500") == ["CAF-500"]


def test_the_last_word_may_be_a_single_letter_and_accents_are_optional(till: Till):
    till.product("HAR-1", "Harina P.A.N. Blanca 1 kg", "1.10")
    till.product("HAR-2", "Harina Juana 1 kg", "1.05")
    till.product("CAF-1", "Café Fama de América 250 g", "3.50")
    till.product("PAN-1", "Pañales Ceiba Talla P x 10", "6.00")

    assert _skus(till, "harina p") == ["HAR-1"]
    assert _skus(till, "harina pan") == ["HAR-1"]
    assert set(_skus(till, "h")) == {"HAR-1", "HAR-2"}
    assert set(_skus(till, "harina")) == {"HAR-1", "HAR-2"}
    assert _skus(till, "cafe america") == ["CAF-1"]
    assert _skus(till, "CAFÉ") == ["CAF-1"]
    assert _skus(till, "panales t") == ["PAN-1"]
    assert _skus(till, "pañal") == ["PAN-1"]
    assert _skus(till, "') OR 1=1 --") == []
    assert _skus(till, "   ") == []


def test_the_index_is_made_with_the_one_letter_prefix_as_the_read_model_declares(
    till: Till, tmp_path: Path
):
    # ProjectionManager.check builds its scratch index from PRODUCT_SEARCH_DDL.
    [(sql,)] = _query(
        _db_path(tmp_path), "SELECT sql FROM sqlite_master WHERE name = 'product_search'"
    )

    assert sql == PRODUCT_SEARCH_DDL
    assert "prefix = '1 2 3 4'" in sql


def test_results_stop_at_the_limit_for_codes_and_for_words(till: Till):
    for n in range(7, 0, -1):  # created last to first, listed in code order
        code = Barcode.ean13(f"75912340000{n}").value
        till.product(f"GAL-{n}", f"Galleta María sabor {n}", "0.80", code)

    by_code = _skus(till, "75912340000", limit=5)
    by_word = _skus(till, "galleta maria", limit=3)

    assert by_code == ["GAL-1", "GAL-2", "GAL-3", "GAL-4", "GAL-5"]
    assert len(by_word) == 3 and set(by_word) <= {f"GAL-{n}" for n in range(1, 8)}
    assert len(_skus(till, "gal", limit=50)) == 7
    assert _skus(till, "gal", limit=0) == []


def test_a_code_search_is_topped_up_by_the_full_text_index_up_to_the_limit(till: Till):
    till.product("CAF-1", "Café Fama 250 g", "3.50", "7591234000018")
    till.product("PIL-1", "Pilas AA 7591234 Duracell", "4.00")
    till.product("PIL-2", "Pilas AAA 7591234 Energizer", "4.50")

    assert _skus(till, "7591234", limit=2)[0] == "CAF-1"
    assert len(_skus(till, "7591234", limit=2)) == 2
    assert _skus(till, "7591234", limit=3)[0] == "CAF-1"
    assert sorted(_skus(till, "7591234", limit=3)[1:]) == ["PIL-1", "PIL-2"]


def test_a_rename_or_reprice_rewrites_only_that_products_search_row(till: Till, tmp_path: Path):
    harina = till.product("HAR-1", "Harina PAN", "1.10")
    arroz = till.product("ARZ-1", "Arroz Mary 1 kg", "1.20", "7592000000010")
    cafe = till.product("CAF-1", "Café Fama 250 g", "3.50")
    before = _index(_db_path(tmp_path))
    bus = till.services.bus

    bus.handle(RenameProduct(till.manager, harina, "Harina P.A.N. Blanca 1 kg"))
    bus.handle(RepriceProduct(till.manager, arroz, Money.of("1.25", "USD")))
    bus.handle(AddBarcode(till.manager, cafe, "7591234000018"))

    after = _index(_db_path(tmp_path))
    assert after == before  # the same rowids, one row each, still the products' search_rowid
    assert [rowid for rowid, _, _ in after] == [1, 2, 3]
    assert all(rowid == search_rowid for rowid, _, search_rowid in after)
    assert _skus(till, "harina p") == ["HAR-1"]
    assert _skus(till, "harina blanca") == ["HAR-1"]
    assert _skus(till, "7591234") == ["CAF-1"]
    assert _skus(till, "arroz") == ["ARZ-1"]
    harinas = "SELECT count(*) FROM product_search WHERE product_search MATCH 'harina'"
    assert _query(_db_path(tmp_path), harinas) == [(1,)]
    assert till.services.projections.check() == []


def test_a_rebuild_numbers_the_products_as_the_live_projection_did(till: Till, tmp_path: Path):
    for n in range(1, 6):
        till.product(f"SKU-{n}", f"Producto {n}", "1.00")
    till.services.bus.handle(RenameProduct(till.manager, _id(till, "SKU-3"), "Producto tres"))
    before = _index(_db_path(tmp_path))

    till.services.projections.rebuild()

    assert _index(_db_path(tmp_path)) == before
    assert _skus(till, "producto tres") == ["SKU-3"]
    assert till.services.projections.check() == []


def _id(till: Till, sku: str) -> str:
    view = till.services.queries.catalog.by_sku(sku)
    assert view is not None
    return view.product_id


def test_a_database_from_before_fast_search_keeps_its_products_searchable(tmp_path: Path):
    till = open_till(tmp_path)
    ids = [
        till.product("HAR-1", "Harina P.A.N. Blanca 1 kg", "1.10", "7591002000011"),
        till.product("CAF-1", "Café Fama de América 250 g", "3.50", "7591234000018"),
        till.product("ARZ-1", "Arroz Mary 1 kg", "1.20"),
    ]
    till.services.bus.handle(RenameProduct(till.manager, ids[2], "Arroz Mary Tipo I 1 kg"))
    path = _db_path(tmp_path)
    with till.services.engine.begin() as connection:
        command.downgrade(alembic_config(connection), BEFORE_FAST_SEARCH)
    till.services.close()
    with closing(sqlite3.connect(path)) as db, db:
        columns = [row[1] for row in db.execute("PRAGMA table_info(products)")]
        # Rowids with gaps, as an old file may have: the numbering must not copy them.
        db.execute("UPDATE products SET rowid = rowid * 10")
    assert "search_rowid" not in columns
    assert len(_query(path, "SELECT * FROM product_search")) == 3

    reopened = open_till(tmp_path)  # bootstrap upgrades the file to the head revision
    try:
        assert current_revision(reopened.services.engine) == head_revision()
        assert [sid for _, _, sid in _index(path)] == [1, 2, 3]
        assert [pid for _, pid, _ in _index(path)] == ids  # numbered in creation (log) order
        assert _skus(reopened, "harina p") == ["HAR-1"]
        assert _skus(reopened, "cafe america") == ["CAF-1"]
        assert _skus(reopened, "arroz tipo") == ["ARZ-1"]
        assert _skus(reopened, "75910") == ["HAR-1"]
        assert reopened.services.projections.check() == []
        reopened.product("AZU-1", "Azúcar Montalbán 1 kg", "1.30")
        assert _index(path)[-1][2] == 4
        assert _skus(reopened, "azucar m") == ["AZU-1"]
        assert reopened.services.projections.check() == []
    finally:
        reopened.services.close()
