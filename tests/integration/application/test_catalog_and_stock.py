"""Catalog and stock commands through the real bus, store and read models."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from fluxion_desktop.application.catalog import AddBarcode, RenameProduct, RepriceProduct
from fluxion_desktop.application.inventory import (
    AdjustStock,
    CountStock,
    ReceiveStock,
    SetStockLimits,
)
from fluxion_desktop.application.queries import StockStatus
from fluxion_desktop.domain.errors import InvalidValue, PermissionDenied
from fluxion_desktop.domain.inventory import AdjustmentReason
from fluxion_desktop.domain.money import Money
from tests.support.app import Till, open_till


@pytest.fixture
def till(tmp_path: Path) -> Till:
    till = open_till(tmp_path)
    yield till
    till.services.close()


def test_a_product_is_found_by_barcode_sku_and_accent_free_search(till: Till):
    product_id = till.product("CAF-250", "Café Fama de América 250 g", "3.50", "7591234567894")
    till.product("ARZ-1", "Arroz Mary 1 kg", "1.20")
    catalog = till.services.queries.catalog

    assert catalog.by_barcode("7591234567894").product_id == product_id
    assert catalog.by_sku("CAF-250").name == "Café Fama de América 250 g"
    assert [p.sku for p in catalog.search("cafe")] == ["CAF-250"]
    assert [p.sku for p in catalog.search("AMERICA fam")] == ["CAF-250"]
    assert [p.sku for p in catalog.search("75912345")] == ["CAF-250"]
    assert catalog.search('"); DROP TABLE products; --') == []
    assert catalog.count() == 2


def test_renames_reprices_and_barcodes_reach_the_read_model(till: Till):
    product_id = till.product("HAR-1", "Harina PAN", "1.10")
    bus = till.services.bus
    bus.handle(RenameProduct(till.manager, product_id, "Harina P.A.N. 1 kg"))
    bus.handle(RepriceProduct(till.manager, product_id, Money.of("1.25", "USD")))
    bus.handle(AddBarcode(till.manager, product_id, "7591002000011"))

    view = till.services.queries.catalog.get(product_id)

    assert view is not None
    assert (view.name, view.price) == ("Harina P.A.N. 1 kg", Money.of("1.25", "USD"))
    assert view.barcodes == ("7591002000011",)
    assert [p.product_id for p in till.services.queries.catalog.search("harina pan")] == [
        product_id
    ]


def test_duplicate_skus_and_barcodes_are_refused_naming_the_field(till: Till):
    till.product("HAR-1", "Harina", "1.10", "7591002000011")
    with pytest.raises(InvalidValue) as raised:
        till.product("HAR-1", "Otra", "1.00")
    assert raised.value.field == "sku"
    with pytest.raises(InvalidValue) as raised:
        till.product("HAR-2", "Otra", "1.00", "7591002000011")
    assert raised.value.field == "barcode"
    assert till.services.queries.catalog.count() == 1


def test_a_cashier_may_not_edit_the_catalog_and_nothing_is_written(till: Till):
    before = till.services.store.last_position()
    with pytest.raises(PermissionDenied) as raised:
        till.services.bus.handle(RepriceProduct(till.cashier, "whatever", Money.of("1.00", "USD")))
    assert raised.value.field == "user_id"
    assert till.services.store.last_position() == before


def test_stock_is_the_sum_of_movements_and_low_stock_is_listed(till: Till):
    product_id = till.product("ACE-1", "Aceite Diana 1 L", "2.80")
    bus, stock = till.services.bus, till.services.queries.stock
    bus.handle(SetStockLimits(till.manager, product_id, Decimal(5), Decimal(40)))
    bus.handle(ReceiveStock(till.manager, product_id, Decimal(24), "factura 123"))
    bus.handle(AdjustStock(till.manager, product_id, Decimal(-2), AdjustmentReason.DAMAGE))
    assert stock.level(product_id).current == Decimal(22)

    bus.handle(CountStock(till.manager, product_id, Decimal(4)))

    level = stock.level(product_id)
    assert (level.current, level.minimum, level.maximum) == (Decimal(4), 5, 40)
    low = stock.low_stock()
    assert [(v.sku, v.status) for v in low] == [("ACE-1", StockStatus.LOW)]
    assert till.services.projections.check() == []


def test_imported_products_are_reviewed_and_units_change(till: Till):
    from fluxion_desktop.application.catalog import ChangeProductUnit, CreateProduct, ReviewProduct
    from fluxion_desktop.domain.catalog import ProductOrigin, Unit
    from fluxion_desktop.domain.tax import TaxCategory

    bus = till.services.bus
    product_id = bus.handle(
        CreateProduct(
            till.manager,
            "IMP-1",
            "Queso importado",
            Money.of("4.00", "USD"),
            TaxCategory.GENERAL,
            origin=ProductOrigin.IMPORTED,
        )
    )
    assert till.services.queries.catalog.get(product_id).needs_review
    bus.handle(ReviewProduct(till.manager, product_id))
    bus.handle(ChangeProductUnit(till.manager, product_id, Unit.KG))
    view = till.services.queries.catalog.get(product_id)
    assert (view.needs_review, view.unit) == (False, Unit.KG)
