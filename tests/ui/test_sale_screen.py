"""The sale screen's other keys: unknown codes, the first scan's shift, void, park, cancel."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt

from fluxion_desktop.domain.sale import SaleStatus
from fluxion_desktop.ui.screens.line_dialogs import ReasonDialog
from fluxion_desktop.ui.screens.sale import CART_SAVE_AFTER_PAUSE_MS
from tests.support.app import open_shift
from tests.ui.conftest import CAFE, HARINA, JABON, log_in, scan

Key = Qt.Key


def test_an_unknown_code_is_said_in_the_status_line_and_the_scan_field_keeps_focus(
    qtbot, till, window
):
    open_shift(till)
    log_in(qtbot, window, "jose", "1111")
    screen = window.sale

    scan(qtbot, window, "0000000000000")

    assert "no product has the code '0000000000000'" in screen.message.text()
    assert screen.scan_field.text() == ""
    assert screen.scan_field.hasFocus()
    scan(qtbot, window, CAFE)  # the next scan works as usual
    assert screen.cart.rowCount() == 1


def test_the_first_scan_opens_a_shift_with_a_zero_float_when_none_is_open(qtbot, till, window):
    device = till.services.identity.device_id
    assert till.services.queries.shifts.open_shift(device) is None
    log_in(qtbot, window, "jose", "1111")

    scan(qtbot, window, HARINA)

    shift = till.services.queries.shifts.open_shift(device)
    assert shift is not None and shift.cashier_id == till.cashier
    assert window.sale.cart.rowCount() == 1


def test_del_voids_the_selected_line_with_a_reason(qtbot, till, window):
    open_shift(till)
    log_in(qtbot, window, "jose", "1111")
    screen = window.sale
    for code in (HARINA, CAFE):
        scan(qtbot, window, code)

    qtbot.keyClick(screen.scan_field, Key.Key_Delete)  # on an empty scan field: void the line
    dialog = screen.active_dialog
    assert isinstance(dialog, ReasonDialog)
    qtbot.keyClicks(dialog.field, "customer changed mind")
    qtbot.keyClick(dialog.field, Key.Key_Return)

    assert screen.snapshot is not None
    assert [line.sku for line in screen.snapshot.lines] == ["HAR-1"]
    sale = till.services.handlers.sales.load(screen.snapshot.sale_id)
    assert [(v.line.sku, v.reason) for v in sale.voided_lines] == [
        ("CAF-1", "customer changed mind")
    ]


def test_esc_on_a_quantity_dialog_changes_nothing(qtbot, till, window):
    open_shift(till)
    log_in(qtbot, window, "jose", "1111")
    scan(qtbot, window, CAFE)
    qtbot.keyClick(window.sale.scan_field, Key.Key_F4)
    dialog = window.sale.active_dialog
    assert dialog is not None
    qtbot.keyClick(dialog, Key.Key_Escape)

    assert window.sale.active_dialog is None
    assert window.sale.snapshot is not None
    assert [line.quantity for line in window.sale.snapshot.lines] == [1]


def test_f9_parks_the_sale_and_brings_it_back(qtbot, till, window):
    open_shift(till)
    log_in(qtbot, window, "jose", "1111")
    screen = window.sale
    scan(qtbot, window, JABON)
    parked_id = screen.snapshot.sale_id

    qtbot.keyClick(screen.scan_field, Key.Key_F9)
    assert screen.snapshot is None and screen.parked == 1
    assert till.services.handlers.sales.load(parked_id).status is SaleStatus.PARKED
    qtbot.keyClick(screen.scan_field, Key.Key_F10)  # refused: a sale is parked
    assert window.current_screen is screen

    qtbot.keyClick(screen.scan_field, Key.Key_F9)
    assert screen.snapshot is not None and screen.snapshot.sale_id == parked_id
    assert screen.parked == 0
    assert screen.cart.rowCount() == 1


def test_esc_cancels_the_sale_after_asking_why(qtbot, till, window):
    open_shift(till)
    log_in(qtbot, window, "jose", "1111")
    screen = window.sale
    scan(qtbot, window, CAFE)
    sale_id = screen.snapshot.sale_id

    qtbot.keyClick(screen.scan_field, Key.Key_Escape)
    dialog = screen.active_dialog
    assert isinstance(dialog, ReasonDialog)
    qtbot.keyClick(dialog.field, Key.Key_Return)  # the suggested reason

    assert screen.snapshot is None
    assert screen.cart.rowCount() == 0
    assert till.services.handlers.sales.load(sale_id).status is SaleStatus.CANCELLED
    assert screen.message.text() == "Sale cancelled."


def test_the_cart_is_written_to_the_log_once_the_cashier_pauses(qtbot, till, window):
    open_shift(till)
    log_in(qtbot, window, "jose", "1111")
    scan(qtbot, window, HARINA)
    scan(qtbot, window, CAFE)
    assert window.sale.snapshot is not None
    stream = f"sale-{window.sale.snapshot.sale_id}"

    def written() -> list[str]:
        return [e.event_type for e in till.services.store.read_stream(stream)]

    assert written() == []  # held in memory while the cashier scans
    qtbot.waitUntil(
        lambda: written() == ["SaleOpened", "SaleLineAdded", "SaleLineAdded"],
        timeout=CART_SAVE_AFTER_PAUSE_MS + 2_000,
    )


def test_a_cashier_who_never_pauses_still_has_the_cart_written_now_and_then(qtbot, till, window):
    open_shift(till)
    log_in(qtbot, window, "jose", "1111")
    screen = window.sale
    screen.save_at_latest.setInterval(300)
    scan(qtbot, window, HARINA)
    assert screen.snapshot is not None
    stream = f"sale-{screen.snapshot.sale_id}"
    scans, deadline = 1, time.monotonic() + 5
    while not till.services.store.read_stream(stream) and time.monotonic() < deadline:
        qtbot.wait(CART_SAVE_AFTER_PAUSE_MS // 5)  # never a pause long enough
        scan(qtbot, window, CAFE)
        scans += 1

    assert till.services.store.read_stream(stream), "nothing written while the cashier scanned"
    assert scans < 20  # ~300 ms of scans, not a pause of 500 ms
