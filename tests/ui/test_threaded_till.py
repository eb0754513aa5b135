"""The real runner behind the screens: a fast scanner's codes are rung up in order, off the GUI
thread, and the screen shows them once each outcome comes back; a printer that takes its time
prints on a worker of its own while the next sale is rung up."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt

from fluxion_desktop.application.printouts import PrinterError, Printout
from fluxion_desktop.ui.formatting import NumberFormat
from fluxion_desktop.ui.main_window import MainWindow
from fluxion_desktop.ui.screens.tender_dialog import TenderDialog
from fluxion_desktop.ui.task_runner import ThreadPoolTaskRunner
from tests.support.app import open_shift
from tests.ui.conftest import CAFE, HARINA, JABON, till_context


def test_codes_scanned_faster_than_they_ring_up_land_in_order(qtbot, till):
    open_shift(till)
    runner = ThreadPoolTaskRunner()
    window = MainWindow(till_context(till.services, runner), NumberFormat(".", ","))
    qtbot.addWidget(window)
    try:
        login = window.login
        qtbot.keyClicks(login.username, "jose")
        qtbot.keyClicks(login.pin, "1111")
        qtbot.keyClick(login.pin, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.current_screen is window.sale, timeout=5000)

        field = window.sale.scan_field
        for code in (HARINA, CAFE, JABON, CAFE):  # no waiting between codes
            qtbot.keyClicks(field, code)
            qtbot.keyClick(field, Qt.Key.Key_Return)
        assert field.text() == ""  # cleared at once, ready for the next code

        qtbot.waitUntil(lambda: window.sale.cart.rowCount() == 4, timeout=5000)
        skus = [line.sku for line in window.sale.snapshot.lines]
        assert skus == ["HAR-1", "CAF-1", "JAB-1", "CAF-1"]
        assert window.sale.totals.reference_total.text() == "$ 9.14"
        pending = till.services.status().pending_push
        qtbot.waitUntil(
            lambda: window.status.pending.text() == f"{pending} events to sync", timeout=5000
        )
    finally:
        runner.shutdown()


class StuckPrinter:
    """Hardware fake: a printer that takes its time (out of paper until `release`)."""

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.printed: list[str] = []

    def print(self, printout: Printout) -> None:
        if not self.gate.wait(timeout=10):
            raise PrinterError("the printer did not answer")
        self.printed.append(printout.text)


def test_a_slow_printer_never_holds_the_next_scan(qtbot, till):
    open_shift(till)
    runner, printing, printer = ThreadPoolTaskRunner(), ThreadPoolTaskRunner(), StuckPrinter()
    context = till_context(till.services, runner, printer)
    context = type(context)(**{**context.__dict__, "printing": printing})
    window = MainWindow(context, NumberFormat(".", ","))
    qtbot.addWidget(window)
    try:
        window.login.username.setText("jose")
        window.login.pin.setText("1111")
        window.login.log_in()
        qtbot.waitUntil(lambda: window.current_screen is window.sale, timeout=5000)
        screen = window.sale
        screen.scan_field.setText(CAFE)
        screen.scan_field.returnPressed.emit()
        qtbot.waitUntil(lambda: screen.cart.rowCount() == 1, timeout=5000)
        screen.pay()
        qtbot.waitUntil(lambda: isinstance(screen.active_dialog, TenderDialog), timeout=5000)
        tender = screen.active_dialog
        assert isinstance(tender, TenderDialog)
        tender.quick_cash(5)
        qtbot.waitUntil(lambda: tender.buttons["complete"].isEnabled(), timeout=5000)
        tender.complete()
        qtbot.waitUntil(lambda: screen.receipts.last is not None, timeout=5000)

        screen.scan_field.setText(JABON)  # the printer is stuck on the receipt meanwhile
        screen.scan_field.returnPressed.emit()
        qtbot.waitUntil(lambda: screen.cart.rowCount() == 1, timeout=5000)
        assert printer.printed == [] and screen.receipt_status.text() == ""

        printer.gate.set()
        qtbot.waitUntil(lambda: screen.receipt_status.text() == "Receipt printed.", timeout=5000)
        assert "TOTAL" in printer.printed[0]
    finally:
        printer.gate.set()
        runner.shutdown()
        printing.shutdown()
