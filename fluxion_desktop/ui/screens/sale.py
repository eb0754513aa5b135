"""The sale screen: a scan field that always has focus, the cart, big totals, the keys on screen.

A keyboard-wedge scanner types the code and Enter: that is a `ScanItem`. Every command runs on
the runner through the `SaleSession`; what comes back is a frozen `SaleSnapshot` to show. Keys:
↑/↓ select a line, F4 its quantity, Del voids it, F9 parks or recalls, F12 pays, Esc cancels the
sale, F10 logs out. Table and buttons never take focus, so the scanner always types into the
scan field; every key also has a button for the mouse or a touch screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fluxion_desktop.application.authorization import UserView
from fluxion_desktop.domain.money import ExchangeRate
from fluxion_desktop.domain.sale_events import SaleCompleted
from fluxion_desktop.domain.sale_totals import LineTotals
from fluxion_desktop.ui.context import TillContext
from fluxion_desktop.ui.errors import explain
from fluxion_desktop.ui.formatting import NumberFormat
from fluxion_desktop.ui.models.cart_model import (
    LINE_TOTAL,
    NAME,
    QUANTITY,
    UNIT_PRICE,
    CartModel,
)
from fluxion_desktop.ui.sale_session import ParkOutcome, SaleSession, SaleSnapshot
from fluxion_desktop.ui.screens.line_dialogs import QuantityDialog, ReasonDialog
from fluxion_desktop.ui.screens.tender_dialog import TenderDialog
from fluxion_desktop.ui.widgets.totals import TotalsPanel

T = TypeVar("T")
Key = Qt.Key
STYLES = {
    "info": "font-size: 14pt; color: #333;",
    "error": "font-size: 14pt; color: #b00020; font-weight: bold;",
    "done": "font-size: 20pt; color: #1b5e20; font-weight: bold;",
}


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
        self.scan_field.setPlaceholderText(self.tr("Scan or type a barcode or code, then Enter"))
        self.scan_field.setStyleSheet("font-size: 22pt; padding: 6px;")
        self.scan_field.returnPressed.connect(self._scan)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.cart = CartModel(numbers, self)
        self.table = _cart_table(self.cart)
        self.totals = TotalsPanel(numbers)
        self._actions: dict[int, Callable[[], None]] = {
            Key.Key_F4: self.change_quantity,
            Key.Key_Delete: self.void_line,
            Key.Key_F9: self.park_or_recall,
            Key.Key_F12: self.pay,
            Key.Key_Escape: self.cancel_sale,
            Key.Key_F10: self.log_out,
            Key.Key_Up: lambda: self._move_selection(-1),
            Key.Key_Down: lambda: self._move_selection(+1),
        }
        layout = QVBoxLayout(self)
        layout.addWidget(self.scan_field)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals)
        layout.addLayout(self._key_bar())

    def _key_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        keys = (("F4", self.tr("Quantity"), self.change_quantity),
                ("Del", self.tr("Void line"), self.void_line),
                ("F9", self.tr("Park / recall"), self.park_or_recall),
                ("F12", self.tr("Pay"), self.pay),
                ("Esc", self.tr("Cancel sale"), self.cancel_sale),
                ("F10", self.tr("Log out"), self.log_out))  # fmt: skip
        self.key_buttons: dict[str, QPushButton] = {}
        for key, caption, action in keys:
            button = QPushButton(f"{key}\n{caption}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(56)
            button.setStyleSheet("font-size: 12pt;")
            button.clicked.connect(action)
            bar.addWidget(button)
            self.key_buttons[key] = button
        return bar

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self, user: UserView) -> None:
        self._session = SaleSession(self._context, user)
        self.parked = 0
        self._show(None)
        self._say("info", self.tr("Ready. Scan the first product."))
        self.scan_field.setFocus()

    def stop(self) -> None:
        """At log out: an empty sale left open is cancelled (on the runner)."""
        session, self._session = self._session, None
        if session is not None:
            self._run(session.close, lambda _none: None)
        self._show(None)

    def set_day_rate(self, rate: ExchangeRate | None) -> None:
        self.totals.set_day_rate(rate)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        action = self._actions.get(event.key())
        if action is None or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
            return
        event.accept()
        action()

    # -- the keys ----------------------------------------------------------------------------

    def _scan(self) -> None:
        code = self.scan_field.text().strip()
        self.scan_field.clear()
        session = self._session
        if not code or session is None:
            return
        self._run(lambda: session.scan(code), self._scanned)

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

    def void_line(self) -> None:
        line, session = self.selected_line(), self._session
        if line is None or session is None:
            return
        dialog = ReasonDialog(self.tr("Void line"),
                              self.tr("Why is {product} taken off?").format(product=line.name),
                              self.tr("scanned by mistake"), self)  # fmt: skip

        def void() -> None:
            reason = dialog.reason()
            self._run(lambda: session.void_line(line.line_id, reason), self._show)

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
        if self.scan_field.text():  # first Esc: what was being typed
            self.scan_field.clear()
            return
        if session is None or self.snapshot is None or self.snapshot.is_empty:
            return
        dialog = ReasonDialog(self.tr("Cancel the sale"), self.tr("Why is the sale cancelled?"),
                              self.tr("customer left"), self)  # fmt: skip

        def cancel() -> None:
            reason = dialog.reason()
            self._run(lambda: session.cancel(reason), lambda _none: self._cancelled())

        self._open(dialog, cancel)

    def log_out(self) -> None:
        if self.snapshot is not None and not self.snapshot.is_empty:
            self._say("error", self.tr("Finish, park or cancel the sale before logging out."))
        elif self.parked:
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

    def _scanned(self, sale: SaleSnapshot) -> None:
        self._show(sale)
        line = sale.lines[-1] if sale.lines else None
        if line is not None:
            self._say("info", f"{line.name} · {self._numbers.money(line.unit_price)}")

    def _show(self, sale: SaleSnapshot | None, select: str | None = None) -> None:
        self.snapshot = sale
        self.cart.set_lines(sale.lines if sale is not None else ())
        self.totals.show_sale(sale)
        row = self.cart.row_of(select) if select is not None else None
        if row is None:
            row = self.cart.rowCount() - 1
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.cart.index(row, NAME))
        has_lines = sale is not None and not sale.is_empty
        for key in ("F4", "Del", "F12"):
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

    def _cancelled(self) -> None:
        self._show(None)
        self._say("info", self.tr("Sale cancelled."))

    def _say(self, kind: str, text: str) -> None:
        self.message.setStyleSheet(STYLES[kind])
        self.message.setText(text)

    def _move_selection(self, step: int) -> None:
        rows = self.table.selectionModel().selectedRows()
        current = rows[0].row() if rows else self.cart.rowCount()
        row = min(max(current + step, 0), self.cart.rowCount() - 1)
        if row >= 0:
            self.table.selectRow(row)

    # -- plumbing ----------------------------------------------------------------------------

    def _run(self, work: Callable[[], T], done: Callable[[T], object]) -> None:
        self._say("info", "")  # the last message (an error, the change) is old news now
        self._context.runner.run(work).on_success(done).on_failure(self._failed)

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


def _cart_table(model: CartModel) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(34)
    table.setStyleSheet("font-size: 14pt;")
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
    # Fixed widths, wide enough for "Bs 99.999,99": resizing to contents on every scan costs
    # time and makes the columns jump.
    metrics = table.fontMetrics()
    widths = {QUANTITY: "9.999 kg", UNIT_PRICE: "$ 9.999,99", LINE_TOTAL: "$ 99.999,99"}
    for column, sample in widths.items():
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)
    return table
