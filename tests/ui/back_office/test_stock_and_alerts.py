"""Stock levels with low/critical shading and movements through the inventory commands; the
alerts inbox shows a real alert and acknowledges it."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from fluxion_desktop.application.inventory import AdjustStock
from fluxion_desktop.domain.inventory import AdjustmentReason
from fluxion_desktop.ui.back_office.common import CRITICAL_COLOUR, LOW_COLOUR
from tests.support.app import Till


def _row(screen, sku: str) -> int:
    return next(r for r, v in enumerate(screen.model.rows) if v.sku == sku)


def test_stock_levels_show_with_low_and_out_of_stock_shaded(office):
    office.show_screen(office.stock)
    screen = office.stock
    model = screen.model
    cafe, harina = _row(screen, "CAF-1"), _row(screen, "HAR-1")

    assert model.text(cafe, 2) == "2" and model.text(cafe, 3) == "5"
    assert model.text(cafe, 4) == "low"
    assert model.data(model.index(cafe, 0), Qt.ItemDataRole.BackgroundRole) == LOW_COLOUR
    assert model.text(harina, 4) == "ok"
    assert model.data(model.index(harina, 0), Qt.ItemDataRole.BackgroundRole) is None
    soap = _row(screen, "JAB-1")  # never stocked: listed at zero, so it can be received
    assert model.text(soap, 2) == "0" and model.text(soap, 4) == "out of stock"
    assert model.data(model.index(soap, 0), Qt.ItemDataRole.BackgroundRole) == CRITICAL_COLOUR

    screen.low_only.setChecked(True)
    assert [v.sku for v in model.rows] == ["CAF-1"]


def test_stock_is_searched_and_paged(office, monkeypatch):
    from fluxion_desktop.ui.back_office import stock

    screen = office.stock
    screen.search.setText("jabon")
    screen.refresh()
    assert [v.sku for v in screen.model.rows] == ["JAB-1"]
    assert not screen.more.isEnabled()

    monkeypatch.setattr(stock, "PAGE", 2)
    screen.search.clear()
    screen.refresh()
    assert [v.sku for v in screen.model.rows] == ["CAF-1", "HAR-1"]
    assert screen.more.isEnabled()
    screen.more.click()
    assert [v.sku for v in screen.model.rows] == ["CAF-1", "HAR-1", "JAB-1"]
    assert not screen.more.isEnabled()


def test_receive_adjust_and_count_go_through_the_commands(office, till: Till):
    office.show_screen(office.stock)
    screen = office.stock
    screen.table.selectRow(_row(screen, "CAF-1"))
    product = screen.current().product_id
    stock = till.services.queries.stock

    screen.quantity.setText("10")
    screen.buttons["receive"].click()
    assert stock.level(product).current == Decimal(12)
    assert screen.model.text(_row(screen, "CAF-1"), 2) == "12"

    screen.quantity.setText("-3")
    screen.reason.setCurrentIndex(screen.reason.findData(AdjustmentReason.DAMAGE))
    screen.buttons["adjust"].click()
    assert stock.level(product).current == Decimal(9)

    screen.quantity.setText("0")
    screen.buttons["count"].click()
    assert stock.level(product).current == Decimal(0)
    row = _row(screen, "CAF-1")
    assert screen.model.text(row, 4) == "out of stock"
    assert screen.model.data(screen.model.index(row, 0), Qt.ItemDataRole.BackgroundRole) == (
        CRITICAL_COLOUR
    )


def test_a_transfer_out_needs_a_store_and_says_its_number(office, till: Till):
    office.show_screen(office.stock)
    screen = office.stock
    screen.table.selectRow(_row(screen, "HAR-1"))
    screen.quantity.setText("5")
    screen.buttons["transfer_out"].click()
    assert "which store" in screen.message.text()

    screen.other_store.setText("store-2")
    screen.quantity.setText("5")
    screen.buttons["transfer_out"].click()
    assert "Transfer number for the other store:" in screen.message.text()
    assert till.services.queries.stock.level(screen.current().product_id).current == Decimal(35)


def test_a_wrong_adjustment_is_refused_by_the_domain_and_said(office, till: Till):
    screen = office.stock
    screen.refresh()
    screen.table.selectRow(_row(screen, "HAR-1"))
    screen.quantity.setText("-1")
    screen.reason.setCurrentIndex(screen.reason.findData(AdjustmentReason.OTHER))
    screen.buttons["adjust"].click()  # OTHER needs a note

    assert screen.message.text() != ""
    assert "Recorded" not in screen.message.text()
    assert till.services.queries.stock.level(screen.current().product_id).current == 40


def _oversell_soap(till: Till) -> str:
    """Soap (none on hand) adjusted below zero: the till's oversell monitor raises an alert."""
    soap = till.services.queries.catalog.by_sku("JAB-1")
    assert soap is not None
    till.services.bus.handle(
        AdjustStock(till.manager, soap.product_id, Decimal(-2), AdjustmentReason.CORRECTION)
    )
    return soap.product_id


def test_the_alerts_inbox_shows_an_alert_and_acknowledges_it(office, till: Till):
    product_id = _oversell_soap(till)
    screen = office.alerts
    office.show_screen(screen)  # the alert arrived before: the screen reads it when shown
    model = screen.model

    assert len(model.rows) == 1 and model.rows[0].product_id == product_id
    assert model.text(0, 0) == "error"
    assert model.text(0, 2) == "oversold"
    assert model.text(0, 3).startswith("Jabón Las Llaves: the store sold more than it had")
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) == CRITICAL_COLOUR

    screen.table.selectRow(0)
    screen.acknowledge_button.click()

    assert screen.message.text() == "Alert acknowledged."
    assert model.rows == ()
    assert till.services.queries.alerts.has_open(f"oversold:{product_id}") is False
    screen.show_all.setChecked(True)
    assert model.text(0, 4) == "acknowledged"


def test_acknowledging_without_a_selection_says_so(office):
    office.show_screen(office.alerts)
    office.alerts.acknowledge_button.click()
    assert office.alerts.message.text() == "Select an open alert first."


def test_a_transfer_in_and_a_new_minimum(office, till: Till):
    office.show_screen(office.stock)
    screen = office.stock
    screen.table.selectRow(_row(screen, "JAB-1"))
    product = screen.current().product_id
    screen.quantity.setText("6")
    screen.other_store.setText("store-2")
    screen.buttons["transfer_in"].click()
    assert "transfer number" in screen.message.text()  # the sender's number is needed

    screen.transfer_ref.setText("TR-0042")
    screen.buttons["transfer_in"].click()
    screen.table.selectRow(_row(screen, "JAB-1"))
    screen.quantity.setText("8")
    screen.buttons["minimum"].click()

    level = till.services.queries.stock.level(product)
    assert (level.current, level.minimum) == (Decimal(6), Decimal(8))
    assert screen.model.text(_row(screen, "JAB-1"), 4) == "low"
