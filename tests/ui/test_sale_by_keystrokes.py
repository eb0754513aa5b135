"""A whole sale as a cashier types it: three scans, F4 on a line, F12, split USD cash + VES debit,
and the receipt the printer printed with the exact totals.

The numbers are the worked example of tests/integration/application/test_sale_flow.py.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from fluxion_desktop.domain.money import Currency, Money
from fluxion_desktop.domain.tenders import TenderMethod
from fluxion_desktop.ui.screens.line_dialogs import QuantityDialog
from fluxion_desktop.ui.screens.tender_dialog import TenderDialog
from tests.support.app import open_shift
from tests.ui.conftest import CAFE, HARINA, JABON, log_in, printed_text, scan

Key = Qt.Key


def test_a_whole_sale_by_keystrokes_completes_with_the_exact_totals(qtbot, till, window, paper):
    open_shift(till)
    log_in(qtbot, window, "jose", "1111")
    screen = window.sale
    assert window.current_screen is screen

    for code in (HARINA, CAFE, JABON):
        scan(qtbot, window, code)
    assert screen.cart.rowCount() == 3
    assert screen.cart.index(2, 0).data() == "Jabón Las Llaves"

    qtbot.keyClick(screen.scan_field, Key.Key_Up)  # from the last line scanned to the café
    qtbot.keyClick(screen.scan_field, Key.Key_F4)
    dialog = screen.active_dialog
    assert isinstance(dialog, QuantityDialog)
    qtbot.keyClicks(dialog.field, "2")  # the current quantity is selected: typing replaces it
    qtbot.keyClick(dialog.field, Key.Key_Return)

    assert screen.active_dialog is None
    assert screen.snapshot is not None
    assert [line.quantity for line in screen.snapshot.lines] == [1, 2, 1]
    assert screen.cart.index(1, 3).data() == "$ 6.00"
    assert screen.totals.reference_total.text() == "$ 9.14"
    assert screen.totals.local_total.text() == "Bs 333.61"
    assert "36.50" in screen.totals.rate.text()

    qtbot.keyClick(screen.scan_field, Key.Key_F12)
    tender = screen.active_dialog
    assert isinstance(tender, TenderDialog)
    assert tender.due.text() == "Still due Bs 333.61"
    assert tender.igtf.isHidden()

    qtbot.keyClick(tender.amount, Key.Key_F1)  # cash in dollars
    qtbot.keyClicks(tender.amount, "5.00")
    qtbot.keyClick(tender.amount, Key.Key_Return)
    assert not tender.igtf.isHidden()
    assert "$ 0.15" in tender.igtf.text()
    assert tender.due.text() == "Still due Bs 156.59"

    qtbot.keyClick(tender.amount, Key.Key_F3)  # debit card in bolívares
    tender.amount.clear()
    qtbot.mouseClick(tender.buttons["rest"], Qt.MouseButton.LeftButton)
    assert tender.amount.text() == "156.59"
    qtbot.keyClicks(tender.reference, "REF-0042")
    qtbot.keyClick(tender.reference, Key.Key_Return)
    assert tender.due.text() == "Paid in full"
    assert tender.change.text() == "Change Bs 0.00"
    assert tender.chosen_change_currency is Currency.VES

    qtbot.keyClick(tender.amount, Key.Key_F12)

    receipts = till.services.queries.sales.find("000001")
    assert len(receipts) == 1
    completed = till.services.queries.sales.completion(receipts[0].sale_id)
    assert completed is not None
    assert completed.totals.reference.total == Money.of("9.14", "USD")
    assert completed.totals.local.total == Money.of("333.61", "VES")
    assert completed.igtf == Money.of("0.15", "USD")
    assert completed.change == Money.of("0.00", "VES")
    assert [(t.method, t.amount, t.reference) for t in completed.tenders] == [
        (TenderMethod.CASH, Money.of("5.00", "USD"), None),
        (TenderMethod.DEBIT_CARD, Money.of("156.59", "VES"), "REF-0042"),
    ]
    assert [(line.sku, line.quantity) for line in completed.totals.lines] == [
        ("HAR-1", Decimal(1)),
        ("CAF-1", Decimal(2)),
        ("JAB-1", Decimal(1)),
    ]
    # Back to an empty sale, ready for the next customer.
    assert screen.active_dialog is None
    assert screen.snapshot is None
    assert screen.cart.rowCount() == 0
    assert screen.totals.reference_total.text() == "$ 0.00"
    assert "change Bs 0.00" in screen.message.text()
    assert till.services.queries.stock.level(completed.totals.lines[1].product_id).current == 8

    # The receipt, printed at once on the till's ESC/POS printer: both currencies, the rate,
    # IVA, IGTF, the tenders, the cashier and the receipt number.
    assert screen.receipt_status.text() == "Receipt printed."
    receipt = screen.receipts.last
    assert receipt is not None
    lines = receipt.text.splitlines()
    expected = [
        f"Receipt {receipts[0].receipt_no}",
        "Rate BCV 36.50 Bs/$ (2026-11-25)",
        "Harina PAN 1 kg (E)",
        "  2 x $ 3.00                        $ 6.00",
        "Subtotal               $ 8.05    Bs 293.83",
        "IVA 16 % on $ 6.80",
        "                       $ 1.09     Bs 39.79",
        "Exempt                 $ 1.25     Bs 45.63",
        "TOTAL                  $ 9.14    Bs 333.61",
        "IGTF 3 % on $ 5.00",
        "                       $ 0.15      Bs 5.48",
        "TO PAY                 $ 9.29    Bs 339.09",
        "Cash $                              $ 5.00",
        "Debit Bs REF-0042                Bs 156.59",
        "Change                             Bs 0.00",
    ]
    assert [line for line in lines if line in expected] == expected
    assert any(line.endswith("Cashier: José") for line in lines)
    printed = printed_text(paper)
    for line in expected:
        assert line in printed
    assert printed.count("TOTAL ") == 1  # printed once


def test_quick_cash_and_change_in_dollars(qtbot, till, window):
    open_shift(till)
    log_in(qtbot, window, "jose", "1111")
    scan(qtbot, window, CAFE)  # 3.00 + IVA 0.48 = 3.48; paid with a 5 dollar bill
    qtbot.keyClick(window.sale.scan_field, Key.Key_F12)
    tender = window.sale.active_dialog
    assert isinstance(tender, TenderDialog)

    qtbot.mouseClick(tender.buttons["$5"], Qt.MouseButton.LeftButton)
    qtbot.keyClick(tender.amount, Key.Key_F7)  # change in dollars
    assert tender.chosen_change_currency is Currency.USD
    # IGTF 3 % on the 3.48 the bill pays (the rest is change): 0.10; due 3.58; change 1.42.
    assert tender.change.text() == "Change $ 1.42"
    qtbot.keyClick(tender.amount, Key.Key_Return)  # Enter on an empty amount completes

    sale_id = till.services.queries.sales.find("000001")[0].sale_id
    completed = till.services.queries.sales.completion(sale_id)
    assert completed is not None
    assert completed.igtf == Money.of("0.10", "USD")
    assert completed.change == Money.of("1.42", "USD")
    assert completed.change_currency is Currency.USD
