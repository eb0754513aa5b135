"""The shift (F8): open it with the float, move cash in and out, see the X report, close it with
the drawer counted per currency and denomination, and get the Z report on screen and printed.

Keys while a shift is open: F1 cash in, F2 cash out, F3 X report, F4 count and close, Esc back.
Moving cash needs the role for it or a supervisor's PIN. Every read and command runs on the
runner; the reports are the application's printouts, shown in a `PrintoutDialog`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fluxion_desktop.application.authorization import Credentials, UserView
from fluxion_desktop.application.printouts import Printout
from fluxion_desktop.application.shift_printouts import x_report_printout, z_report_printout
from fluxion_desktop.application.shifts import CashIn, CashOut, CloseShift, OpenShift, ShiftView
from fluxion_desktop.domain.errors import DomainError, InvalidState
from fluxion_desktop.domain.identity import ROLE_PERMISSIONS, Permission
from fluxion_desktop.domain.money import Currency, Money
from fluxion_desktop.domain.shift_reports import ZReport
from fluxion_desktop.ui.context import TillContext
from fluxion_desktop.ui.errors import explain
from fluxion_desktop.ui.formatting import NumberFormat, parse_amount
from fluxion_desktop.ui.override import OverrideDialog
from fluxion_desktop.ui.printout_words import shift_report_words
from fluxion_desktop.ui.screens.printout_dialog import PrintoutDialog
from fluxion_desktop.ui.widgets.cash_count import CashCountSheet

T = TypeVar("T")
Key = Qt.Key
FIELD_STYLE = "font-size: 16pt; padding: 4px;"


@dataclass(frozen=True, slots=True)
class ShiftState:
    shift: ShiftView | None
    currencies: tuple[Currency, Currency]  # reference, local
    expected_cash: tuple[Money, ...] = ()  # what the drawer should hold now


class ShiftDialog(QDialog):
    def __init__(
        self,
        context: TillContext,
        numbers: NumberFormat,
        user: UserView,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Shift"))
        self.setModal(True)
        self.setMinimumSize(720, 560)
        self._context, self._numbers, self._user = context, numbers, user
        self.state: ShiftState | None = None
        self.report: PrintoutDialog | None = None
        self.override: OverrideDialog | None = None
        self.pages = QStackedWidget()
        self.summary = QLabel()
        self.summary.setStyleSheet("font-size: 14pt;")
        self.summary.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.floats: dict[Currency, QLineEdit] = {}
        self.amount, self.reason = QLineEdit(), QLineEdit()
        self.currency = QComboBox()
        self.sheets: list[CashCountSheet] = []
        self.open_page, self.moves_page, self.count_page = QWidget(), QWidget(), QWidget()
        for page in (self.open_page, self.moves_page, self.count_page):
            self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.message)
        self._build_moves()
        self.reload()

    # -- pages -------------------------------------------------------------------------------

    def _build_open(self, currencies: tuple[Currency, Currency]) -> None:
        form = QFormLayout(self.open_page)
        for currency in currencies:
            field = QLineEdit("0")
            field.setStyleSheet(FIELD_STYLE)
            field.returnPressed.connect(self.open_shift)
            self.floats[currency] = field
            form.addRow(self.tr("Float {currency}").format(currency=currency.value), field)
        form.addRow(self._button(self.tr("Enter Open the shift"), self.open_shift))

    def _build_moves(self) -> None:
        layout = QVBoxLayout(self.moves_page)
        keys = QHBoxLayout()
        for text, action in ((self.tr("F1 Cash in"), self.cash_in),
                             (self.tr("F2 Cash out"), self.cash_out),
                             (self.tr("F3 X report"), self.x_report),
                             (self.tr("F4 Count and close"), self.start_count)):  # fmt: skip
            keys.addWidget(self._button(text, action))
        form = QFormLayout()
        for field in (self.amount, self.reason):
            field.setStyleSheet(FIELD_STYLE)
        self.reason.setPlaceholderText(self.tr("why: change for the drawer, a supplier paid…"))
        form.addRow(self.tr("Amount"), self.amount)
        form.addRow(self.tr("Currency"), self.currency)
        form.addRow(self.tr("Reason"), self.reason)
        layout.addLayout(keys)
        layout.addLayout(form)
        layout.addStretch(1)

    def _build_count(self, currencies: tuple[Currency, Currency]) -> None:
        layout = QVBoxLayout(self.count_page)
        sheets = QHBoxLayout()
        for currency in currencies:
            sheet = CashCountSheet(currency, self._numbers)
            self.sheets.append(sheet)
            sheets.addWidget(sheet)
        layout.addLayout(sheets)
        layout.addWidget(self._button(self.tr("F12 Close the shift"), self.close_shift))

    def _button(self, text: str, action: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setAutoDefault(False)
        button.setMinimumHeight(44)
        button.clicked.connect(action)
        return button

    # -- actions -----------------------------------------------------------------------------

    def reload(self) -> None:
        context = self._context

        def read() -> ShiftState:
            sale = context.store.settings().sale
            shift = context.shifts.open_shift(context.device.device_id)
            currencies = (sale.reference_currency, sale.local_currency)
            if shift is None or context.x_report is None:
                return ShiftState(shift, currencies)
            cash = context.x_report(shift.shift_id).cash
            return ShiftState(shift, currencies, tuple(line.expected for line in cash))

        self._run(read, self._show)

    def open_shift(self) -> None:
        try:
            drawer = tuple(Money(parse_amount(field.text()), currency)
                           for currency, field in self.floats.items())  # fmt: skip
        except DomainError as error:
            self.message.setText(error.message)
            return
        bus, user_id = self._context.bus, self._user.user_id
        self._run(lambda: bus.handle(OpenShift(user_id, drawer)), lambda _id: self.reload())

    def cash_in(self) -> None:
        self._move_cash(CashIn)

    def cash_out(self) -> None:
        self._move_cash(CashOut)

    def x_report(self) -> None:
        shift, x_report = self._open_shift(), self._context.x_report
        if shift is None or x_report is None:
            return
        words, numbers, width = shift_report_words(), self._numbers, self._context.printer_width
        name = self._name_of(shift.cashier_id)

        def make() -> Printout:
            return x_report_printout(x_report(shift.shift_id), name(), words, numbers, width)

        self._run(make, lambda printout: self._show_report(printout, shift.shift_id))

    def start_count(self) -> None:
        if self._open_shift() is not None:
            self.pages.setCurrentWidget(self.count_page)
            self.message.setText(self.tr("Count the drawer, then F12 closes the shift."))

    def close_shift(self) -> None:
        shift = self._open_shift()
        if shift is None or self.pages.currentWidget() is not self.count_page:
            return
        counted = tuple(sheet.count() for sheet in self.sheets)
        bus, user_id = self._context.bus, self._user.user_id
        words, numbers, width = shift_report_words(), self._numbers, self._context.printer_width
        name = self._name_of(shift.cashier_id)

        def close() -> Printout:
            report = bus.handle(CloseShift(user_id, shift.shift_id, counted))
            assert isinstance(report, ZReport)
            return z_report_printout(report, name(), words, numbers, width)

        self._run(close, lambda printout: self._closed(printout, shift.shift_id))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        actions: dict[int, Callable[[], None]] = {
            Key.Key_F1: self.cash_in, Key.Key_F2: self.cash_out, Key.Key_F3: self.x_report,
            Key.Key_F4: self.start_count, Key.Key_F12: self.close_shift,
        }  # fmt: skip
        action = actions.get(event.key())
        if action is None:
            super().keyPressEvent(event)
            return
        event.accept()
        action()

    # -- showing -----------------------------------------------------------------------------

    def _show(self, state: ShiftState) -> None:
        first = self.state is None
        self.state = state
        if first:
            self._build_open(state.currencies)
            self._build_count(state.currencies)
            for currency in state.currencies:
                self.currency.addItem(currency.value, currency.value)
        shift = state.shift
        if shift is None:
            text = self.tr("No shift is open on this till. Count the float and open one.")
            self.summary.setText(text)
            self.pages.setCurrentWidget(self.open_page)
            next(iter(self.floats.values())).setFocus()
        else:
            opened = shift.opened_at.astimezone().strftime(shift_report_words().when)
            text = self.tr("Shift open since {at}.").format(at=opened)
            if state.expected_cash:
                cash = " · ".join(self._numbers.money(money) for money in state.expected_cash)
                text += " " + self.tr("The drawer should hold {cash}.").format(cash=cash)
            self.summary.setText(text)
            self.pages.setCurrentWidget(self.moves_page)
            self.amount.setFocus()

    def _show_report(self, printout: Printout, shift_id: str) -> None:
        context = self._context
        folder = context.pdf_dir
        name = "".join(c if c.isalnum() else "-" for c in printout.title.lower())
        path = None if folder is None else folder / f"{name}-{shift_id[-8:]}.pdf"
        self.report = PrintoutDialog(printout, context.printer, context.print_runner, path, self)
        self.report.open()

    def _closed(self, printout: Printout, shift_id: str) -> None:
        self.reload()  # ready for the next shift; it clears the message, so it goes first
        self.message.setText(self.tr("Shift closed."))
        self._show_report(printout, shift_id)
        if self.report is not None:
            self.report.print_now()  # the Z report is printed at once; the dialog offers again

    # -- plumbing ----------------------------------------------------------------------------

    def _move_cash(self, kind: type[CashIn] | type[CashOut]) -> None:
        shift = self._open_shift()
        if shift is None:
            return
        try:
            currency = Currency(str(self.currency.currentData()))
            amount = Money(parse_amount(self.amount.text()), currency)
        except DomainError as error:
            self.message.setText(error.message)
            return
        reason, bus, user = self.reason.text().strip(), self._context.bus, self._user

        def move(override: Credentials | None) -> None:
            bus.handle(kind(user.user_id, shift.shift_id, amount, reason, override))

        def moved(_none: object) -> None:
            self.amount.clear()
            self.reason.clear()
            self.reload()  # the drawer's figures; it clears the message, so it goes first
            self.message.setText(self.tr("Recorded {amount}.").format(
                amount=self._numbers.money(amount)))  # fmt: skip

        if Permission.CASH_IN_OUT in ROLE_PERMISSIONS[user.role]:
            self._run(lambda: move(None), moved)
            return
        why = self.tr("Moving cash needs a supervisor's PIN.")
        self.override = OverrideDialog(self._context.runner, why, move, moved, self)
        self.override.open()

    def _open_shift(self) -> ShiftView | None:
        shift = self.state.shift if self.state is not None else None
        if shift is None:
            self.message.setText(explain(InvalidState("no shift is open on this till")))
        return shift

    def _name_of(self, user_id: str) -> Callable[[], str]:
        users = self._context.users

        def name() -> str:  # runs on the runner with the report
            user = users.get(user_id)
            return user.display_name if user is not None else user_id

        return name

    def _run(self, work: Callable[[], T], done: Callable[[T], Any]) -> None:
        self.message.clear()
        self._context.runner.run(work).on_success(done).on_failure(self._failed)

    def _failed(self, error: Exception) -> None:
        self.message.setText(explain(error))
