"""The real runner behind the screens: a fast scanner's codes are rung up in order, off the GUI
thread, and the screen shows them once each outcome comes back."""

from __future__ import annotations

from PySide6.QtCore import Qt

from fluxion_desktop.ui.formatting import NumberFormat
from fluxion_desktop.ui.main_window import MainWindow
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
