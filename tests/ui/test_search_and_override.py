"""Search-as-you-type under the scan field (a scanner's digits never search), and a supervisor's
PIN when a cashier gives a discount above the store's threshold."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from fluxion_desktop.application.event_store import StoredEvent
from fluxion_desktop.ui.override import OverrideDialog
from fluxion_desktop.ui.screens.line_dialogs import PercentDialog
from tests.support.app import open_shift
from tests.ui.conftest import CAFE, log_in, scan

Key = Qt.Key


def test_typing_a_name_lists_the_catalog_and_enter_rings_up_the_one_chosen(qtbot, till, window):
    open_shift(till)
    log_in(qtbot, window, "jose", "1111")
    screen = window.sale
    searches: list[tuple[str, int]] = []
    screen.search.searched.connect(lambda text, count: searches.append((text, count)))

    qtbot.keyClicks(screen.scan_field, "jab")
    qtbot.waitUntil(lambda: not screen.search.isHidden(), timeout=2000)  # after the pause

    assert searches == [("jab", 1)]  # one search for the three keys, not one per key
    assert screen.search.results.index(0).data().startswith("Jabón Las Llaves")
    assert screen.cart.rowCount() == 0
    qtbot.keyClick(screen.scan_field, Key.Key_Down)
    qtbot.keyClick(screen.scan_field, Key.Key_Return)

    assert screen.search.isHidden()
    assert screen.scan_field.text() == ""
    assert [line.sku for line in screen.snapshot.lines] == ["JAB-1"]

    scan(qtbot, window, CAFE)  # a scanner: digits and Enter, no list, no search
    qtbot.wait(250)
    assert screen.search.isHidden() and len(searches) == 1
    assert [line.sku for line in screen.snapshot.lines] == ["JAB-1", "CAF-1"]


def test_enter_without_choosing_rings_up_the_code_typed(qtbot, till, window):
    open_shift(till)
    log_in(qtbot, window, "jose", "1111")
    screen = window.sale
    qtbot.keyClicks(screen.scan_field, "CAF-1")
    screen.search.search_now()  # F2 does the same
    assert not screen.search.isHidden()

    qtbot.keyClick(screen.scan_field, Key.Key_Return)  # the SKU typed, not the list

    assert [line.sku for line in screen.snapshot.lines] == ["CAF-1"]
    assert screen.search.isHidden()


def test_a_big_discount_asks_for_a_supervisor_pin(qtbot, till, window):
    open_shift(till)
    log_in(qtbot, window, "jose", "1111")
    scan(qtbot, window, CAFE)
    screen = window.sale

    qtbot.keyClick(screen.scan_field, Key.Key_F5)
    percent = screen.active_dialog
    assert isinstance(percent, PercentDialog)
    qtbot.keyClicks(percent.field, "20")  # above the store's 10 %
    qtbot.keyClick(percent.field, Key.Key_Return)

    override = screen.active_dialog
    assert isinstance(override, OverrideDialog)
    assert "supervisor" in override.reason.text()
    qtbot.keyClicks(override.username, "maria")
    qtbot.keyClick(override.username, Key.Key_Return)
    qtbot.keyClicks(override.pin, "9876")  # wrong: said in the dialog, nothing changes
    qtbot.keyClick(override.pin, Key.Key_Return)
    assert override.isVisible() and "PIN" in override.error.text()
    assert screen.snapshot.lines[0].line_discount.amount == 0

    qtbot.keyClicks(override.pin, "1234")
    qtbot.keyClick(override.pin, Key.Key_Return)

    assert screen.active_dialog is None
    line = screen.snapshot.lines[0]
    assert line.line_discount.amount == Decimal("0.60")
    assert screen.cart.index(0, 3).data() == "$ 2.40"
    assert screen.totals.reference_total.text() == "$ 2.78"  # 2.40 + IVA 0.38
    stream = f"sale-{screen.snapshot.sale_id}"

    def discounted() -> list[StoredEvent]:
        events = till.services.store.read_stream(stream)
        return [e for e in events if e.event_type == "SaleLineDiscounted"]

    qtbot.waitUntil(lambda: bool(discounted()))  # once the cashier pauses, the cart is written
    assert discounted()[0].payload["override_by"] == till.manager


def test_a_small_discount_needs_no_pin_and_a_sale_discount_applies_to_all(qtbot, till, window):
    open_shift(till)
    log_in(qtbot, window, "jose", "1111")
    scan(qtbot, window, CAFE)
    screen = window.sale

    qtbot.keyClick(screen.scan_field, Key.Key_F6)
    dialog = screen.active_dialog
    assert isinstance(dialog, PercentDialog)
    qtbot.keyClicks(dialog.field, "10")
    qtbot.keyClick(dialog.field, Key.Key_Return)

    assert screen.active_dialog is None
    assert screen.snapshot.totals.order_discount.amount == Decimal("0.30")


def test_a_touch_on_a_product_in_the_list_rings_it_up(qtbot, till, window):
    open_shift(till)
    log_in(qtbot, window, "jose", "1111")
    screen = window.sale
    qtbot.keyClicks(screen.scan_field, "harina")
    screen.search.search_now()
    rect = screen.search.visualRect(screen.search.results.index(0))

    qtbot.mouseClick(screen.search.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    assert [line.sku for line in screen.snapshot.lines] == ["HAR-1"]
    assert screen.search.isHidden() and screen.scan_field.text() == ""
