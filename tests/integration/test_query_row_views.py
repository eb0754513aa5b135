"""Users, products and stock levels are read on every lookup and their views built once per
row: a role change, a deactivation, a new price, a removed barcode or a stock count shows on the
very next command, made by this till or by another program on the same file."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from fluxion_desktop.adapters.read_models.row_views import RowViews
from fluxion_desktop.application.catalog import RemoveBarcode, RenameProduct, RepriceProduct
from fluxion_desktop.application.identity import ChangeRole, DeactivateUser
from fluxion_desktop.application.inventory import CountStock, ReceiveStock, SetStockLimits
from fluxion_desktop.application.store_admin import ChangeStoreSettings
from fluxion_desktop.bootstrap import bootstrap
from fluxion_desktop.domain.errors import PermissionDenied
from fluxion_desktop.domain.identity import Role
from fluxion_desktop.domain.money import Currency, Money
from fluxion_desktop.domain.stock_level import StockLevel
from fluxion_desktop.domain.store_settings import StoreSettings
from fluxion_desktop.settings import Settings
from tests.support.app import FAST_PINS, open_till


def test_a_role_change_and_a_deactivation_count_from_the_next_command(tmp_path: Path) -> None:
    till = open_till(tmp_path)
    bus, users = till.services.bus, till.services.queries.users
    try:
        with pytest.raises(PermissionDenied):
            bus.handle(ChangeStoreSettings(till.cashier, StoreSettings(store_name="A")))
        assert users.get(till.cashier) is users.get(till.cashier)  # one view per row

        bus.handle(ChangeRole(till.admin, till.cashier, Role.MANAGER))
        bus.handle(ChangeStoreSettings(till.cashier, StoreSettings(store_name="B")))
        bus.handle(ChangeRole(till.admin, till.cashier, Role.CASHIER))
        with pytest.raises(PermissionDenied):
            bus.handle(ChangeStoreSettings(till.cashier, StoreSettings(store_name="C")))

        bus.handle(ChangeStoreSettings(till.manager, StoreSettings(store_name="D")))
        bus.handle(DeactivateUser(till.admin, till.manager))
        with pytest.raises(PermissionDenied):
            bus.handle(ChangeStoreSettings(till.manager, StoreSettings(store_name="E")))
        assert till.services.queries.store.settings().store_name == "D"
    finally:
        till.services.close()


def test_a_user_another_program_deactivates_is_refused_at_once(tmp_path: Path) -> None:
    till = open_till(tmp_path)
    try:
        till.services.bus.handle(ChangeStoreSettings(till.manager, StoreSettings(rif="J-1")))
        other = bootstrap(Settings(tmp_path), clock=till.clock, pin_hasher=FAST_PINS,
                          configure_logs=False)  # fmt: skip
        try:
            other.bus.handle(DeactivateUser(till.admin, till.manager))
        finally:
            other.close()

        with pytest.raises(PermissionDenied):
            till.services.bus.handle(ChangeStoreSettings(till.manager, StoreSettings(rif="J-2")))
        manager = till.services.queries.users.by_username("maria")
        assert manager is not None and not manager.active
    finally:
        till.services.close()


def test_a_product_change_shows_in_the_next_lookup(tmp_path: Path) -> None:
    till = open_till(tmp_path)
    bus, catalog = till.services.bus, till.services.queries.catalog
    try:
        product_id = till.product("SKU-1", "Harina", "1.10", barcode="7590001000015")
        first = catalog.by_barcode("7590001000015")
        assert first is not None and first.price == Money(Decimal("1.10"), Currency.USD)
        assert catalog.by_barcode("7590001000015") is first
        assert catalog.get(product_id) is first

        bus.handle(RepriceProduct(till.manager, product_id, Money(Decimal("1.25"), Currency.USD)))
        repriced = catalog.by_barcode("7590001000015")
        assert repriced is not None and repriced.price == Money(Decimal("1.25"), Currency.USD)

        other = bootstrap(Settings(tmp_path), clock=till.clock, pin_hasher=FAST_PINS,
                          configure_logs=False)  # fmt: skip
        try:
            other.bus.handle(RenameProduct(till.manager, product_id, "Harina blanca"))
        finally:
            other.close()
        renamed = catalog.get(product_id)
        assert renamed is not None and renamed.name == "Harina blanca"
        assert [view.name for view in catalog.search("harina")] == ["Harina blanca"]

        bus.handle(RemoveBarcode(till.manager, product_id, "7590001000015"))
        assert catalog.by_barcode("7590001000015") is None
        left = catalog.get(product_id)
        assert left is not None and left.barcodes == ()
    finally:
        till.services.close()


def test_a_stock_change_shows_in_the_next_level_read(tmp_path: Path) -> None:
    till = open_till(tmp_path)
    bus, stock = till.services.bus, till.services.queries.stock
    try:
        product_id = till.product("SKU-1", "Harina", "1.10")
        bus.handle(ReceiveStock(till.manager, product_id, Decimal(10)))
        first = stock.level(product_id)
        assert first == StockLevel(Decimal(10), Decimal(0))
        assert stock.levels_of([product_id])[product_id] is first

        bus.handle(SetStockLimits(till.manager, product_id, Decimal(2), Decimal(20)))
        assert stock.level(product_id) == StockLevel(Decimal(10), Decimal(2), Decimal(20))
        bus.handle(CountStock(till.manager, product_id, Decimal(7)))
        assert stock.level(product_id) == StockLevel(Decimal(7), Decimal(2), Decimal(20))
    finally:
        till.services.close()


def test_row_views_rebuild_for_a_changed_row_and_forget_past_their_limit() -> None:
    built: list[str] = []

    def build(key: str, row: tuple[str, int]) -> str:
        built.append(key)
        return f"{key}:{row[1]}"

    views: RowViews[str, str] = RowViews(build, limit=2)

    assert views.view("a", ("a", 1)) == "a:1"
    assert views.view("a", ("a", 1)) == "a:1"
    assert views.view("a", ("a", 2)) == "a:2"
    assert views.view("b", ("b", 1)) == "b:1"
    assert views.view("c", ("c", 1)) == "c:1"  # a third key: the first two are forgotten
    assert views.view("a", ("a", 2)) == "a:2"
    assert built == ["a", "a", "b", "c", "a"]
