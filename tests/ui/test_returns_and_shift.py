"""A return against an earlier sale found by its receipt number (a cashier's refund needs a
supervisor's PIN), and a shift run from the till: cash in with a PIN, X report, the drawer
counted per denomination, the Z report on screen and printed."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from fluxion_desktop.ui.override import OverrideDialog
from fluxion_desktop.ui.screens.printout_dialog import PrintoutDialog
from fluxion_desktop.ui.screens.returns_dialog import ReturnsDialog
from fluxion_desktop.ui.screens.shift_dialog import ShiftDialog
from tests.support.app import open_shift
from tests.ui.conftest import CAFE, JABON, log_in, printed_text, sell_for_dollars

Key = Qt.Key


def test_a_return_found_by_receipt_number_with_a_supervisor_pin(qtbot, till, window, paper):
    open_shift(till)
    log_in(qtbot, window, "jose", "1111")
    sell_for_dollars(qtbot, window, CAFE, JABON)
    cafe = till.services.queries.catalog.by_barcode(CAFE)
    assert cafe is not None
    stock = till.services.queries.stock
    assert stock.level(cafe.product_id).current == 9
    screen = window.sale

    qtbot.keyClick(screen.scan_field, Key.Key_F7)
    dialog = screen.active_dialog
    assert isinstance(dialog, ReturnsDialog)
    qtbot.keyClicks(dialog.search, "1")  # the last digits of the receipt number
    qtbot.keyClick(dialog.search, Key.Key_Return)
    assert dialog.sales.count() == 1
    assert [line.name for line in dialog.sale.lines] == ["Café Fama 250 g", "Jabón Las Llaves"]
    dialog.lines.item(0, 3).setText("1")  # the café comes back
    qtbot.keyClick(dialog, Key.Key_F12)

    override = next(w for w in dialog.children() if isinstance(w, OverrideDialog))
    qtbot.keyClicks(override.username, "maria")
    qtbot.keyClicks(override.pin, "1234")
    qtbot.keyClick(override.pin, Key.Key_Return)

    assert screen.active_dialog is None
    # 3.00 + IVA 0.48 = 3.48 refunded, in bolívares at the sale's rate (IGTF is not refunded).
    assert screen.message.text() == ("Return done: refund $ 3.48 (Bs 127.02) paid from the drawer.")
    assert stock.level(cafe.product_id).current == 10
    found = till.services.queries.sales.find("00000001")
    # The slip is printed at once, and F3 shows it again.
    slip = screen.receipts.last
    assert slip is not None and slip.title == f"RETURN {found[0].receipt_no}"
    assert "Café Fama 250 g" in slip.text and "Jabón" not in slip.text
    assert "REFUND                 $ 3.48    Bs 127.02" in slip.text
    assert "REFUND" in printed_text(paper)
    returned = till.services.queries.sales.returned_quantities(found[0].sale_id)
    assert sorted(returned.values()) == [Decimal(0), Decimal(1)]


def test_a_shift_from_cash_in_to_the_z_report(qtbot, till, window, paper):
    open_shift(till)  # $ 20 and Bs 500 of float
    log_in(qtbot, window, "jose", "1111")
    sell_for_dollars(qtbot, window, CAFE)  # $ 3.58 cash (IGTF included)
    screen = window.sale
    paper.clear()

    qtbot.keyClick(screen.scan_field, Key.Key_F8)
    dialog = screen.active_dialog
    assert isinstance(dialog, ShiftDialog)
    assert dialog.pages.currentWidget() is dialog.moves_page
    qtbot.keyClicks(dialog.amount, "10")
    qtbot.keyClicks(dialog.reason, "change for the drawer")
    dialog.currency.setCurrentIndex(dialog.currency.findData("USD"))
    qtbot.keyClick(dialog, Key.Key_F1)  # cash in: a cashier needs a supervisor
    override = dialog.override
    assert isinstance(override, OverrideDialog)
    qtbot.keyClicks(override.username, "maria")
    qtbot.keyClicks(override.pin, "1234")
    qtbot.keyClick(override.pin, Key.Key_Return)
    assert dialog.message.text() == "Recorded $ 10.00."
    assert dialog.summary.text().endswith("The drawer should hold $ 33.58 · Bs 500.00.")

    qtbot.keyClick(dialog, Key.Key_F3)
    x_report = dialog.report
    assert isinstance(x_report, PrintoutDialog)
    text = x_report.printout.text
    assert "X REPORT" in text and "Cashier: José" in text
    assert "Expected                           $ 33.58" in text  # 20 + 3.58 + 10
    x_report.reject()

    qtbot.keyClick(dialog, Key.Key_F4)
    dollars, bolivares = dialog.sheets
    dollars.set_count(Decimal(20), 1)
    dollars.set_count(Decimal(10), 1)
    dollars.set_count(Decimal(1), 3)  # $ 33 counted: 0.58 short
    bolivares.set_count(Decimal(500), 1)
    assert dollars.total.text() == "Counted $ 33.00"
    qtbot.keyClick(dialog, Key.Key_F12)

    z_report = dialog.report
    assert isinstance(z_report, PrintoutDialog) and z_report is not x_report
    text = z_report.printout.text
    assert "Z REPORT" in text
    assert "  Expected                         $ 33.58" in text
    assert "  Counted                          $ 33.00" in text
    assert "  Variance                         $ -0.58" in text
    assert z_report.status.text() == "Printed."
    assert "$ -0.58" in printed_text(paper) and "Z REPORT" in printed_text(paper)
    assert till.services.queries.shifts.open_shift(till.services.identity.device_id) is None
    assert dialog.pages.currentWidget() is dialog.open_page  # ready for the next shift


def test_f8_opens_a_shift_with_its_float_and_a_manager_moves_cash_freely(qtbot, till, window):
    log_in(qtbot, window, "maria", "1234")
    qtbot.keyClick(window.sale.scan_field, Key.Key_F8)
    dialog = window.sale.active_dialog
    assert isinstance(dialog, ShiftDialog)
    assert dialog.pages.currentWidget() is dialog.open_page
    dollars, bolivares = dialog.floats.values()
    dollars.setText("20")
    bolivares.setText("1.500,00")
    qtbot.keyClick(bolivares, Key.Key_Return)

    shift = till.services.queries.shifts.open_shift(till.services.identity.device_id)
    assert shift is not None and shift.cashier_id == till.manager
    assert dialog.pages.currentWidget() is dialog.moves_page
    qtbot.keyClicks(dialog.amount, "5")
    qtbot.keyClicks(dialog.reason, "a supplier paid")
    dialog.currency.setCurrentIndex(dialog.currency.findData("USD"))
    qtbot.keyClick(dialog, Key.Key_F2)
    assert dialog.override is None and dialog.message.text() == "Recorded $ 5.00."

    report = till.services.handlers.shifts.x_report(shift.shift_id)
    dollars_line = next(line for line in report.cash if line.currency.value == "USD")
    bolivares_line = next(line for line in report.cash if line.currency.value == "VES")
    assert dollars_line.expected.amount == Decimal(15)
    assert bolivares_line.expected.amount == Decimal(1500)


def test_a_copy_of_an_earlier_receipt_from_the_returns_search(qtbot, till, window, paper):
    open_shift(till)
    log_in(qtbot, window, "jose", "1111")
    sell_for_dollars(qtbot, window, CAFE)
    till.clock.advance(minutes=5)
    sell_for_dollars(qtbot, window, JABON)
    paper.clear()
    qtbot.keyClick(window.sale.scan_field, Key.Key_F7)
    dialog = window.sale.active_dialog
    assert isinstance(dialog, ReturnsDialog)
    qtbot.keyClicks(dialog.search, till.clock.now().date().isoformat())  # the day's sales
    qtbot.keyClick(dialog.search, Key.Key_Return)
    assert dialog.sales.count() == 2
    qtbot.keyClick(dialog, Key.Key_Down)  # the older one: the café
    qtbot.keyClick(dialog, Key.Key_F3)

    copy = dialog.copy
    assert isinstance(copy, PrintoutDialog)
    assert "*** COPY ***" in copy.printout.text and "Café Fama 250 g" in copy.printout.text
    assert copy.printout.title.endswith("-00000001")
    qtbot.keyClick(copy, Key.Key_Return)
    assert copy.status.text() == "Printed."
    assert "*** COPY ***" in printed_text(paper)
