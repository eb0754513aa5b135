"""Returns against an earlier sale (F7): find it by receipt number or day, say what comes back,
refund it in cash from the open shift's drawer.

Keys: Enter in the search field finds the sales, ↑/↓ choose one, F2 marks everything left to
return, F3 shows a copy of its receipt (to print again), F12 refunds, Esc closes. A cashier's
refund asks for a supervisor's PIN. The refund itself is the application's `ReturnItems` (one
atomic step: the return, the stock, the drawer).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fluxion_desktop.application.authorization import Credentials, UserView
from fluxion_desktop.application.printouts import Printout
from fluxion_desktop.application.returns import ReturnItems, ReturnLine
from fluxion_desktop.application.sale_lookup import SaleFound, SaleLookup
from fluxion_desktop.domain.errors import InvalidState, InvalidValue
from fluxion_desktop.domain.money import Currency
from fluxion_desktop.domain.returnable_sale import ReturnableSale
from fluxion_desktop.domain.sale_return import ReturnCompleted
from fluxion_desktop.ui.context import TillContext
from fluxion_desktop.ui.errors import explain
from fluxion_desktop.ui.formatting import NumberFormat, parse_quantity
from fluxion_desktop.ui.override import run_with_override
from fluxion_desktop.ui.printout_words import receipt_words
from fluxion_desktop.ui.screens.printout_dialog import PrintoutDialog

T = TypeVar("T")
Key = Qt.Key
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
PRODUCT, SOLD, RETURNED, TO_RETURN = range(4)


class ReturnsDialog(QDialog):
    returned = Signal(str)  # what the screen says once the refund is paid
    slip = Signal(object, object)  # ReturnCompleted, product names by line id: to print

    def __init__(
        self,
        context: TillContext,
        numbers: NumberFormat,
        user: UserView,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Return against a sale"))
        self.setModal(True)
        self.setMinimumSize(760, 560)
        self._context, self._numbers, self._user = context, numbers, user
        self.found: list[SaleFound] = []
        self._when = receipt_words().when
        self.copy: PrintoutDialog | None = None
        self.sale: ReturnableSale | None = None
        self.search = QLineEdit()
        hint = self.tr("Receipt number (or its last digits), or a day as YYYY-MM-DD")
        self.search.setPlaceholderText(hint)
        self.search.setStyleSheet("font-size: 16pt; padding: 4px;")
        self.search.returnPressed.connect(self.find_sales)
        self.sales = QListWidget()
        self.sales.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.sales.currentRowChanged.connect(self.choose)
        self.lines = QTableWidget(0, 4)
        headers = (self.tr("Product"), self.tr("Sold"), self.tr("Returned"), self.tr("To return"))
        self.lines.setHorizontalHeaderLabels(list(headers))
        header = self.lines.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PRODUCT, QHeaderView.ResizeMode.Stretch)
        self.lines.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.restock = QCheckBox(self.tr("The goods go back on the shelf"))
        self.restock.setChecked(True)
        self.currency = QComboBox()
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020; font-size: 12pt;")
        self.buttons = {
            "all": QPushButton(self.tr("F2 Return everything")),
            "copy": QPushButton(self.tr("F3 Copy of the receipt")),
            "refund": QPushButton(self.tr("F12 Refund")),
            "close": QPushButton(self.tr("Esc Close")),
        }
        self.buttons["all"].clicked.connect(self.return_everything)
        self.buttons["copy"].clicked.connect(self.copy_of_receipt)
        self.buttons["refund"].clicked.connect(self.refund)
        self.buttons["close"].clicked.connect(self.reject)
        self._build()
        self.search.setFocus()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.sales, 1)
        layout.addWidget(self.lines, 2)
        options = QHBoxLayout()
        options.addWidget(self.restock)
        options.addStretch(1)
        options.addWidget(QLabel(self.tr("Refund in cash")))
        options.addWidget(self.currency)
        layout.addLayout(options)
        layout.addWidget(self.error)
        row = QHBoxLayout()
        for button in self.buttons.values():
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(44)
            row.addWidget(button)
        layout.addLayout(row)

    # -- finding the sale --------------------------------------------------------------------

    def find_sales(self) -> None:
        text, lookup = self.search.text().strip(), self._lookup()
        if not text or lookup is None:
            return
        self.error.clear()
        if _DAY.fullmatch(text):
            try:
                day = date.fromisoformat(text)
            except ValueError:
                self.error.setText(self.tr("“{text}” is not a day").format(text=text))
                return
            self._run(lambda: lookup.on_day(day), self._found)
        else:
            self._run(lambda: lookup.by_receipt(text), self._found)

    def choose(self, row: int) -> None:
        lookup = self._lookup()
        if lookup is None or not 0 <= row < len(self.found):
            return
        sale_id = self.found[row].sale_id

        def load() -> ReturnableSale:
            completed = lookup.completion(sale_id)
            if completed is None:
                raise InvalidState(f"sale {sale_id} is not completed", "sale_id")
            return ReturnableSale.from_completed(completed, lookup.returned_quantities(sale_id))

        self._run(load, self._show_sale)

    def return_everything(self) -> None:
        if self.sale is None:
            return
        for row, line in enumerate(self.sale.lines):
            item = self.lines.item(row, TO_RETURN)
            if item is not None:
                item.setText(self._numbers.quantity(line.quantity_returnable))

    def copy_of_receipt(self) -> None:
        """F3: the chosen sale's receipt again, marked as a copy, to print or save as PDF."""
        receipts, row = self._context.receipts, self.sales.currentRow()
        if receipts is None or not 0 <= row < len(self.found):
            self.error.setText(self.tr("Find the sale first."))
            return
        sale_id, numbers = self.found[row].sale_id, self._numbers
        words, width = receipt_words(), self._context.printer_width
        self._run(lambda: receipts.printout(sale_id, words, numbers, width, reprint=True),
                  self._show_copy)  # fmt: skip

    def _show_copy(self, printout: Printout) -> None:
        context = self._context
        folder = context.pdf_dir
        name = "".join(c if c.isalnum() or c in "-_" else "-" for c in printout.title)
        path = None if folder is None else folder / f"{name}-copy.pdf"
        self.copy = PrintoutDialog(printout, context.printer, context.print_runner, path, self)
        self.copy.open()

    # -- refunding ---------------------------------------------------------------------------

    def refund(self) -> None:
        self.error.clear()
        sale = self.sale
        if sale is None:
            self.error.setText(self.tr("Find the sale first."))
            return
        try:
            lines = self._lines_to_return(sale)
        except InvalidValue as error:
            self.error.setText(error.message)
            return
        if not lines:
            self.error.setText(self.tr("Say how much of which product comes back."))
            return
        context, user_id = self._context, self._user.user_id
        currency = Currency(str(self.currency.currentData()))

        def work(override: Credentials | None) -> ReturnCompleted:
            shift = context.shifts.open_shift(context.device.device_id)
            if shift is None:
                raise InvalidState("open a shift (F8) to pay the refund from its drawer",
                                   "shift_id")  # fmt: skip
            command = ReturnItems(user_id, sale.sale_id, lines, shift.shift_id,
                                  refund_currency=currency, override=override)  # fmt: skip
            result = context.bus.handle(command)
            assert isinstance(result, ReturnCompleted)
            return result

        show: Callable[[QDialog], Any] = lambda dialog: dialog.open()  # noqa: E731
        run_with_override(context.runner, work, self._refunded, self._failed, show, self)

    def _lines_to_return(self, sale: ReturnableSale) -> tuple[ReturnLine, ...]:
        lines = []
        for row, line in enumerate(sale.lines):
            item = self.lines.item(row, TO_RETURN)
            text = item.text().strip() if item is not None else ""
            quantity = parse_quantity(text) if text else Decimal(0)
            if quantity < 0:
                raise InvalidValue(self.tr("A quantity cannot be negative"), "quantity")
            if quantity > 0:
                lines.append(ReturnLine(line.line_id, quantity, self.restock.isChecked()))
        return tuple(lines)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Key.Key_F2:
            self.return_everything()
        elif key == Key.Key_F3:
            self.copy_of_receipt()
        elif key == Key.Key_F12:
            self.refund()
        elif key in (Key.Key_Up, Key.Key_Down) and self.found:
            step = -1 if key == Key.Key_Up else 1
            row = min(max(self.sales.currentRow() + step, 0), len(self.found) - 1)
            self.sales.setCurrentRow(row)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    # -- showing -----------------------------------------------------------------------------

    def _found(self, found: list[SaleFound]) -> None:
        self.found = found
        self.sales.clear()
        self.sale = None
        self.lines.setRowCount(0)
        money = self._numbers.money
        for sale in found:
            when = sale.completed_at.astimezone().strftime(self._when)
            self.sales.addItem(f"{sale.receipt_no}   {when}   {money(sale.total)}   "
                               f"{money(sale.total_local)}")  # fmt: skip
        if found:
            self.sales.setCurrentRow(0)
        else:
            self.error.setText(self.tr("No completed sale matches “{text}”.")
                               .format(text=self.search.text().strip()))  # fmt: skip

    def _show_sale(self, sale: ReturnableSale) -> None:
        self.sale = sale
        self.lines.setRowCount(len(sale.lines))
        quantity = self._numbers.quantity
        for row, line in enumerate(sale.lines):
            cells = (line.name, quantity(line.quantity_sold), quantity(line.quantity_returned), "")
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column != TO_RETURN:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.lines.setItem(row, column, item)
        self.currency.clear()
        for currency in (sale.rate.quote, sale.rate.base):
            self.currency.addItem(currency.value, currency.value)

    def _refunded(self, done: ReturnCompleted) -> None:
        text = self.tr("Return done: refund {amount} ({local}) paid from the drawer.").format(
            amount=self._numbers.money(done.amount), local=self._numbers.money(done.amount_local)
        )
        self.returned.emit(text)
        names = {line.line_id: line.name for line in self.sale.lines} if self.sale else {}
        self.slip.emit(done, names)
        self.accept()

    # -- plumbing ----------------------------------------------------------------------------

    def _lookup(self) -> SaleLookup | None:
        if self._context.sales is None:
            self.error.setText(self.tr("Returns are not available on this till."))
        return self._context.sales

    def _run(self, work: Callable[[], T], done: Callable[[T], object]) -> None:
        self._context.runner.run(work).on_success(done).on_failure(self._failed)

    def _failed(self, error: Exception) -> None:
        self.error.setText(explain(error))
