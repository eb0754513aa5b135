"""Products: the catalog page by page, search, an edit through the catalog commands."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QModelIndex

from fluxion_desktop.application.catalog import CreateProduct
from fluxion_desktop.domain.money import Money
from fluxion_desktop.domain.tax import TaxCategory
from fluxion_desktop.ui.back_office import product_model
from tests.ui.back_office.conftest import CAFE


def test_the_products_screen_lists_the_tills_catalog_in_sku_order(office):
    office.show_screen(office.products)
    model = office.products.model

    assert [model.product(r).sku for r in range(model.rowCount())] == ["CAF-1", "HAR-1", "JAB-1"]
    assert model.data(model.index(0, product_model.PRICE)) == "$ 3.00"
    assert model.data(model.index(1, product_model.TAX)) == "exempt"


def test_a_large_catalog_loads_a_page_at_a_time_as_it_scrolls(qtbot, till, office, monkeypatch):
    monkeypatch.setattr(product_model, "PAGE", 2)
    model = office.products.model
    model.search("")
    assert model.rowCount() == 2  # one page, not the whole catalog
    assert model.canFetchMore(QModelIndex())

    model.fetchMore(QModelIndex())
    assert [model.product(r).sku for r in range(model.rowCount())] == ["CAF-1", "HAR-1", "JAB-1"]
    assert not model.canFetchMore(QModelIndex())  # a short page: the end of the catalog


def test_searching_shows_the_matches(qtbot, office):
    screen = office.products
    office.show_screen(screen)
    qtbot.keyClicks(screen.search, "cafe")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    assert screen.model.product(0).name == "Café Fama 250 g"


def test_an_edit_goes_through_the_commands_and_shows_up(qtbot, till, office):
    screen = office.products
    office.show_screen(screen)
    screen.select(0)  # CAF-1
    assert screen.name.text() == "Café Fama 250 g"

    screen.name.setText("Café Fama 500 g")
    screen.price.setText("5,50")
    screen.tax.setCurrentIndex(screen.tax.findData(TaxCategory.REDUCED))
    screen.barcodes.setText(f"{CAFE} 7591111111110")
    screen.save.click()

    stored = till.services.queries.catalog.by_sku("CAF-1")
    assert stored is not None
    assert stored.name == "Café Fama 500 g"
    assert stored.price == Money.of("5.50", "USD")
    assert stored.tax_category is TaxCategory.REDUCED
    assert stored.barcodes == tuple(sorted((CAFE, "7591111111110")))
    assert screen.model.product(0).name == "Café Fama 500 g"
    assert screen.model.data(screen.model.index(0, product_model.PRICE)) == "$ 5.50"
    assert screen.message.text() == "Saved Café Fama 500 g."


def test_a_bad_price_is_said_and_nothing_is_written(qtbot, till, office):
    screen = office.products
    screen.select(0)
    screen.price.setText("tres")
    screen.save.click()

    assert "not an amount" in screen.message.text()
    stored = till.services.queries.catalog.by_sku("CAF-1")
    assert stored is not None and stored.price == Money.of("3.00", "USD")


def test_a_new_product_is_created_and_listed(qtbot, till, office):
    screen = office.products
    screen.add_new.click()
    screen.sku.setText("ARR-1")
    screen.name.setText("Arroz Mary 1 kg")
    screen.price.setText("1.10")
    screen.save.click()

    created = till.services.queries.catalog.by_sku("ARR-1")
    assert created is not None and created.price.amount == Decimal("1.10")
    assert "ARR-1" in [screen.model.product(r).sku for r in range(screen.model.rowCount())]


def test_hq_products_are_read_only_here(qtbot, till, office):
    from fluxion_desktop.domain.catalog import ProductOrigin

    till.services.bus.handle(
        CreateProduct(till.manager, "HQ-1", "Aceite Diana 1 l", Money.of("4.00", "USD"),
                      TaxCategory.GENERAL, origin=ProductOrigin.HQ)
    )  # fmt: skip
    screen = office.products
    screen.refresh()
    row = next(r for r in range(screen.model.rowCount()) if screen.model.product(r).sku == "HQ-1")
    screen.select(row)

    assert screen.name.isReadOnly()
    assert not screen.save.isEnabled()


def test_a_refused_change_is_said_and_the_list_shows_what_was_saved(qtbot, till, office):
    from tests.ui.back_office.conftest import HARINA

    screen = office.products
    screen.select(0)  # CAF-1
    screen.barcodes.setText(f"{CAFE} {HARINA}")  # flour's barcode: refused before anything else
    screen.name.setText("Café Fama 1 kg")
    screen.save.click()

    assert "already belongs to Harina PAN 1 kg" in screen.message.text()
    stored = till.services.queries.catalog.by_sku("CAF-1")
    assert stored is not None and stored.name == "Café Fama 250 g"  # nothing written
    assert screen.model.product(0).name == "Café Fama 250 g"


def test_nobody_logged_in_nothing_is_sent(qtbot, till, runner):
    from fluxion_desktop.cli.back_office_wiring import back_office_context
    from fluxion_desktop.ui.back_office.back_office import BackOffice

    office = BackOffice(back_office_context(till.services, runner, lambda: None))
    qtbot.addWidget(office)
    screen = office.products
    screen.select(0)
    screen.name.setText("Café robado")
    screen.save.click()

    assert screen.message.text() == "Log in as a manager first."
    assert till.services.queries.catalog.by_sku("CAF-1").name == "Café Fama 250 g"


def test_an_imported_product_is_marked_reviewed(qtbot, till, office):
    from fluxion_desktop.domain.catalog import ProductOrigin

    till.services.bus.handle(
        CreateProduct(till.manager, "IMP-1", "Atún Margarita 140 g", Money.of("1.80", "USD"),
                      TaxCategory.GENERAL, origin=ProductOrigin.IMPORTED)
    )  # fmt: skip
    screen = office.products
    screen.refresh()
    row = next(r for r in range(screen.model.rowCount()) if screen.model.product(r).sku == "IMP-1")
    screen.select(row)
    assert screen.review.isEnabled()

    screen.review.click()

    assert till.services.queries.catalog.by_sku("IMP-1").needs_review is False
    assert not screen.review.isEnabled()
    assert screen.message.text() == "Saved Atún Margarita 140 g."
