"""The sale screen: a scan field that always has focus, search-as-you-type, the cart, big
totals, and the keys on screen.

A keyboard-wedge scanner types the code and Enter: that is a `ScanItem`. Typing a name shows the
catalog's matches under the field (↑/↓ choose, Enter rings up the one chosen). Every command
runs on the runner through the `SaleSession`; what comes back is a frozen `SaleSnapshot` to
show. Keys: F2 search, F3 last receipt, F4 quantity, F5 line discount, F6 sale discount,
F7 returns, F8 shift, F9 park or recall, F10 log out, F12 pay, Del void line, Esc cancel;
↑/↓ select a line. Table and buttons never take focus, so the scanner always types into the
scan field; every key also has a button for the mouse or a touch screen. Where the cashier's
role is not enough (a discount above the store's threshold), a supervisor's PIN is asked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from fluxion_desktop.application.authorization import Credentials, UserView
from fluxion_desktop.application.queries import ProductView
from fluxion_desktop.domain.money import ExchangeRate
from fluxion_desktop.domain.sale_events import SaleCompleted
from fluxion_desktop.domain.sale_totals import LineTotals
from fluxion_desktop.ui.context import TillContext
from fluxion_desktop.ui.errors import explain
from fluxion_desktop.ui.formatting import NumberFormat
from fluxion_desktop.ui.models.cart_model import NAME, CartModel
from fluxion_desktop.ui.override import run_with_override
from fluxion_desktop.ui.receipt_desk import ReceiptDesk
from fluxion_desktop.ui.sale_session import ParkOutcome, SaleSession, SaleSnapshot
from fluxion_desktop.ui.screens.line_dialogs import PercentDialog, QuantityDialog, ReasonDialog
from fluxion_desktop.ui.screens.printout_dialog import PrintoutDialog
from fluxion_desktop.ui.screens.returns_dialog import ReturnsDialog
from fluxion_desktop.ui.screens.shift_dialog import ShiftDialog
from fluxion_desktop.ui.screens.tender_dialog import TenderDialog
from fluxion_desktop.ui.widgets.cart_table import cart_table
from fluxion_desktop.ui.widgets.key_bar import key_bar
from fluxion_desktop.ui.widgets.product_search import ProductSearch
from fluxion_desktop.ui.widgets.totals import TotalsPanel

T = TypeVar("T")
Key = Qt.Key
STYLES = {
    "info": "font-size: 14pt; color: #333;",
    "error": "font-size: 14pt; color: #b00020; font-weight: bold;",
    "done": "font-size: 20pt; color: #1b5e20; font-weight: bold;",
}
NEEDS_LINES = ("F4", "F5", "F6", "Del", "F12")
# The cart's edits are held in memory until the sale completes (`SaleHandlers`): the screen has
# them written once the cashier pauses this long, and at the latest this long after the first
# edit not yet written, so a crash loses at most ~2 s of a cart.
CART_SAVE_AFTER_PAUSE_MS = 500
CART_SAVE_AT_LATEST_MS = 2_000


class ScanField(QLineEdit):
    """Where the scanner types. Del on an empty field is the screen's (it voids a line)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Key.Key_Delete and not self.text():
            event.ignore()
            return
        super().keyPressEvent(event)


class SaleScreen(QWidget):
    logout_requested = Signal()

    def __init__(
        self, context: TillContext, numbers: NumberFormat, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._numbers = numbers
        self._session: SaleSession | None = None
        self.snapshot: SaleSnapshot | None = None
        self.parked = 0
        self.active_dialog: QDialog | None = None
        self.scan_field = ScanField()
        self.scan_field.setPlaceholderText(
            self.tr("Scan a barcode, or type a code or a name, then Enter")
        )
        self.scan_field.setStyleSheet("font-size: 22pt; padding: 6px;")
        self.scan_field.returnPressed.connect(self._scan)
        self.search = ProductSearch(context.catalog, context.runner, numbers)
        self.scan_field.textEdited.connect(self.search.typed)
        self.search.picked.connect(self._picked)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.receipt_status = QLabel()
        self.receipt_status.setWordWrap(True)
        self.receipts = ReceiptDesk(context, numbers, self)
        self.receipts.told.connect(self._receipt_told)
        self.cart = CartModel(numbers, self)
        self.table = cart_table(self.cart)
        self.totals = TotalsPanel(numbers)
        self._actions: dict[int, Callable[[], None]] = {
            Key.Key_F2: self.search.search_now,
            Key.Key_F3: self.show_receipt,
            Key.Key_F4: self.change_quantity,
            Key.Key_F5: self.discount_line,
            Key.Key_F6: self.discount_sale,
            Key.Key_F7: self.open_returns,
            Key.Key_F8: self.open_shift,
            Key.Key_Delete: self.void_line,
            Key.Key_F9: self.park_or_recall,
            Key.Key_F12: self.pay,
            Key.Key_Escape: self.cancel_sale,
            Key.Key_F10: self.log_out,
            Key.Key_Up: lambda: self._move_selection(-1),
            Key.Key_Down: lambda: self._move_selection(+1),
        }
        self.save_after_pause = self._cart_timer(CART_SAVE_AFTER_PAUSE_MS)
        self.save_at_latest = self._cart_timer(CART_SAVE_AT_LATEST_MS)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scan_field)
        layout.addWidget(self.search)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.receipt_status)
        layout.addWidget(self.totals)
        layout.addLayout(self._key_bar())

    def _cart_timer(self, interval_ms: int) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(interval_ms)
        timer.timeout.connect(self._save_cart)
        return timer

    def _key_bar(self) -> QGridLayout:
        keys = (("F2", self.tr("Search"), self.search.search_now),
                ("F3", self.tr("Receipt"), self.show_receipt),
                ("F4", self.tr("Quantity"), self.change_quantity),
                ("F5", self.tr("Line discount"), self.discount_line),
                ("F6", self.tr("Sale discount"), self.discount_sale),
                ("Del", self.tr("Void line"), self.void_line),
                ("F7", self.tr("Return"), self.open_returns),
                ("F8", self.tr("Shift"), self.open_shift),
                ("F9", self.tr("Park / recall"), self.park_or_recall),
                ("F12", self.tr("Pay"), self.pay),
                ("Esc", self.tr("Cancel sale"), self.cancel_sale),
                ("F10", self.tr("Log out"), self.log_out))  # fmt: skip
        bar, self.key_buttons = key_bar(keys, per_row=6)
        return bar

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self, user: UserView) -> None:
        self._session = SaleSession(self._context, user)
        self.parked = 0
        self._show(None)
        self.receipt_status.clear()
        self._say("info", self.tr("Ready. Scan the first product."))
        self.scan_field.setFocus()

    def stop(self) -> None:
        """At log out: an empty sale left open is cancelled and the cart's held edits are
        written (on the runner)."""
        session, self._session = self._session, None
        if session is not None:
            self._run(session.close, lambda _none: None)
            self._save_cart(session)
        self._show(None)

    def set_day_rate(self, rate: ExchangeRate | None) -> None:
        self.totals.set_day_rate(rate)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Key.Key_Up, Key.Key_Down) and self.search.step(-1 if key == Key.Key_Up else 1):
            event.accept()
            return
        action = self._actions.get(key)
        if action is None or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
            return
        event.accept()
        action()

    # -- the keys ----------------------------------------------------------------------------

    def _scan(self) -> None:
        product = self.search.chosen_product()
        code = self.scan_field.text().strip()
        self.scan_field.clear()
        self.search.typed("")
        session = self._session
        if session is None:
            return
        if product is not None:
            self._run(lambda: session.add_product(product.product_id), self._scanned)
        elif code:
            self._run(lambda: session.scan(code), self._scanned)

    def _picked(self, product: ProductView) -> None:
        session = self._session
        self.scan_field.clear()
        self.search.typed("")
        self.scan_field.setFocus()
        if session is not None:
            self._run(lambda: session.add_product(product.product_id), self._scanned)

    def change_quantity(self) -> None:
        line, session = self.selected_line(), self._session
        if line is None or session is None:
            return
        dialog = QuantityDialog(line.name, self._numbers.quantity(line.quantity), self)

        def change() -> None:
            quantity = dialog.quantity()
            self._run(lambda: session.change_quantity(line.line_id, quantity),
                      lambda sale: self._show(sale, line.line_id))  # fmt: skip

        self._open(dialog, change)

    def discount_line(self) -> None:
        line, session = self.selected_line(), self._session
        if line is None or session is None:
            return
        prompt = self.tr("Discount on {product}, in percent (0 takes it off):")
        dialog = PercentDialog(self.tr("Line discount"), prompt.format(product=line.name), self)

        def discount() -> None:
            percent = dialog.percent()
            self._with_override(
                lambda by: session.discount_line(line.line_id, percent, by),
                lambda sale: self._show(sale, line.line_id),
            )

        self._open(dialog, discount)

    def discount_sale(self) -> None:
        session = self._session
        if session is None or self.snapshot is None or self.snapshot.is_empty:
            return
        prompt = self.tr("Discount on the whole sale, in percent (0 takes it off):")
        dialog = PercentDialog(self.tr("Sale discount"), prompt, self)

        def discount() -> None:
            percent = dialog.percent()
            self._with_override(lambda by: session.discount_sale(percent, by), self._show)

        self._open(dialog, discount)

    def void_line(self) -> None:
        line, session = self.selected_line(), self._session
        if line is None or session is None:
            return
        dialog = ReasonDialog(self.tr("Void line"),
                              self.tr("Why is {product} taken off?").format(product=line.name),
                              self.tr("scanned by mistake"), self)  # fmt: skip

        def void() -> None:
            reason = dialog.reason()
            self._with_override(lambda by: session.void_line(line.line_id, reason, by),
                                self._show)  # fmt: skip

        self._open(dialog, void)

    def park_or_recall(self) -> None:
        session = self._session
        if session is not None:
            self._run(session.park_or_recall, self._parked_or_recalled)

    def pay(self) -> None:
        session = self._session
        if session is None or self.snapshot is None or self.snapshot.is_empty:
            self._say("error", self.tr("There is nothing to pay yet."))
            return
        self._run(session.current, lambda sale: self._open_tenders(session, sale))

    def cancel_sale(self) -> None:
        session = self._session
        if self.scan_field.text() or not self.search.isHidden():  # first Esc: what was typed
            self.scan_field.clear()
            self.search.typed("")
            return
        if session is None or self.snapshot is None or self.snapshot.is_empty:
            return
        dialog = ReasonDialog(self.tr("Cancel the sale"), self.tr("Why is the sale cancelled?"),
                              self.tr("customer left"), self)  # fmt: skip

        def cancel() -> None:
            reason = dialog.reason()
            self._run(lambda: session.cancel(reason), lambda _none: self._cancelled())

        self._open(dialog, cancel)

    def show_receipt(self) -> None:
        printout = self.receipts.last
        if printout is None:
            self._say("error", self.tr("No receipt yet: complete a sale first."))
            return
        context = self._context
        dialog = PrintoutDialog(printout, context.printer, context.print_runner,
                                self.receipts.pdf_path(printout), self)  # fmt: skip
        self._open(dialog, lambda: None)

    def open_returns(self) -> None:
        session = self._session
        if session is None or self._busy_with_sale():
            return
        dialog = ReturnsDialog(self._context, self._numbers, session.user, self)
        dialog.returned.connect(lambda text: self._say("done", text))
        dialog.slip.connect(self.receipts.return_completed)
        self._open(dialog, lambda: None)

    def open_shift(self) -> None:
        session = self._session
        if session is None or self._busy_with_sale():
            return
        self._open(ShiftDialog(self._context, self._numbers, session.user, self), lambda: None)

    def log_out(self) -> None:
        if self._busy_with_sale():
            return
        if self.parked:
            self._say("error", self.tr("Recall the parked sales (F9) before logging out."))
        else:
            self.logout_requested.emit()

    # -- showing -----------------------------------------------------------------------------

    def selected_line(self) -> LineTotals | None:
        rows = self.table.selectionModel().selectedRows()
        line = self.cart.line(rows[0].row()) if rows else None
        if line is None:
            self._say("error", self.tr("Select a line first (↑/↓)."))
        return line

    def _busy_with_sale(self) -> bool:
        if self.snapshot is not None and not self.snapshot.is_empty:
            self._say("error", self.tr("Finish, park or cancel the sale first."))
            return True
        return False

    def _scanned(self, sale: SaleSnapshot) -> None:
        self._show(sale)
        line = sale.lines[-1] if sale.lines else None
        if line is not None:
            self._say("info", f"{line.name} · {self._numbers.money(line.unit_price)}")

    def _show(self, sale: SaleSnapshot | None, select: str | None = None) -> None:
        self.snapshot = sale
        if sale is not None:  # every change to the sale shows here
            self.save_after_pause.start()
            if not self.save_at_latest.isActive():
                self.save_at_latest.start()
        self.cart.set_lines(sale.lines if sale is not None else ())
        self.totals.show_sale(sale)
        row = self.cart.row_of(select) if select is not None else None
        if row is None:
            row = self.cart.rowCount() - 1
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.cart.index(row, NAME))
        has_lines = sale is not None and not sale.is_empty
        for key in NEEDS_LINES:
            self.key_buttons[key].setEnabled(has_lines)

    def _parked_or_recalled(self, outcome: ParkOutcome) -> None:
        self.parked = outcome.parked
        self._show(outcome.sale)
        if outcome.sale is None:
            text = self.tr("Sale parked ({count} waiting). F9 on an empty sale brings it back.")
        else:
            text = self.tr("Sale recalled ({count} still parked).")
        self._say("info", text.format(count=outcome.parked))

    def _open_tenders(self, session: SaleSession, sale: SaleSnapshot | None) -> None:
        if sale is None or sale.is_empty:
            return
        dialog = TenderDialog(self._context.runner, session, sale, self._numbers, self)
        dialog.sale_changed.connect(self._show)
        dialog.completed.connect(self._completed)
        self._open(dialog, lambda: None)

    def _completed(self, completed: SaleCompleted) -> None:
        self._show(None)
        self._say("done", self.tr("Sale completed · change {change} · total {total} / {local}")
                  .format(change=self._numbers.money(completed.change),
                          total=self._numbers.money(completed.totals.reference.total),
                          local=self._numbers.money(completed.totals.local.total)))  # fmt: skip
        self.receipt_status.clear()
        self.receipts.sale_completed(completed.sale_id)

    def _receipt_told(self, kind: str, text: str) -> None:
        self.receipt_status.setStyleSheet(STYLES[kind])
        self.receipt_status.setText(text)

    def _cancelled(self) -> None:
        self._show(None)
        self._say("info", self.tr("Sale cancelled."))

    def _say(self, kind: str, text: str) -> None:
        if self.message.styleSheet() != STYLES[kind]:  # a new style sheet re-polishes: not per scan
            self.message.setStyleSheet(STYLES[kind])
        self.message.setText(text)

    def _move_selection(self, step: int) -> None:
        rows = self.table.selectionModel().selectedRows()
        current = rows[0].row() if rows else self.cart.rowCount()
        row = min(max(current + step, 0), self.cart.rowCount() - 1)
        if row >= 0:
            self.table.selectRow(row)

    # -- plumbing ----------------------------------------------------------------------------

    def _save_cart(self, session: SaleSession | None = None) -> None:
        self.save_after_pause.stop()
        self.save_at_latest.stop()
        session = session or self._session
        if session is not None:
            self._context.runner.run(session.save_cart).on_failure(self._failed)

    def _run(self, work: Callable[[], T], done: Callable[[T], object]) -> None:
        self._say("info", "")  # the last message (an error, the change) is old news now
        self._context.runner.run(work).on_success(done).on_failure(self._failed)

    def _with_override(
        self, work: Callable[[Credentials | None], T], done: Callable[[T], object]
    ) -> None:
        """`work` as the cashier; a supervisor's PIN is asked if the role is not enough."""
        self._say("info", "")
        show: Callable[[QDialog], object] = lambda dialog: self._open(dialog, lambda: None)  # noqa: E731
        run_with_override(self._context.runner, work, done, self._failed, show, self)

    def _failed(self, error: Exception) -> None:
        self._say("error", explain(error))
        self.scan_field.setFocus()

    def _open(self, dialog: QDialog, on_accept: Callable[[], None]) -> None:
        self.active_dialog = dialog
        dialog.accepted.connect(on_accept)
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        dialog.open()

    def _dialog_closed(self, dialog: QDialog) -> None:
        if self.active_dialog is dialog:
            self.active_dialog = None
        dialog.deleteLater()
        self.scan_field.setFocus()
