"""Paying: split tenders in any currency and method, quick cash, change, IGTF, complete.

Each tender is recorded on the sale as soon as it is entered (`AddTender`), so what the drawer
holds is durable before the sale completes; the figures shown are always the sale's own
(`SaleSnapshot`, computed on the runner). Keys: F1-F5 pick the method, F6 fills the rest, Enter
adds the tender (or, on an empty amount, completes a settled sale), F7 switches the change
currency, F8 removes the selected tender, F12 completes, Esc goes back to the sale.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import partial
from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from fluxion_desktop.domain.errors import DomainError
from fluxion_desktop.domain.money import Currency, Money
from fluxion_desktop.domain.tenders import Tender, TenderMethod
from fluxion_desktop.ui.errors import explain, field_of
from fluxion_desktop.ui.formatting import SYMBOLS, NumberFormat, parse_amount
from fluxion_desktop.ui.sale_session import SaleSession, SaleSnapshot, TenderOption
from fluxion_desktop.ui.task_runner import TaskRunner

T = TypeVar("T")
Key = Qt.Key
METHOD_KEYS = (Key.Key_F1, Key.Key_F2, Key.Key_F3, Key.Key_F4, Key.Key_F5)
QUICK_CASH = (1, 5, 10, 20)
ERROR_STYLE = "color: #b00020; font-size: 11pt;"
METHOD_STYLE = (
    "QPushButton { font-size: 12pt; } "
    "QPushButton:checked { background: #1565c0; color: white; font-weight: bold; }"
)


class TenderDialog(QDialog):
    sale_changed = Signal(object)  # SaleSnapshot
    completed = Signal(object)  # SaleCompleted

    def __init__(
        self,
        runner: TaskRunner,
        session: SaleSession,
        sale: SaleSnapshot,
        numbers: NumberFormat,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Payment"))
        self.setModal(True)
        self.setMinimumWidth(720)
        self._runner, self._session, self._numbers = runner, session, numbers
        self._sale = sale
        self._busy = False
        self.options = sale.options
        self.due = _label("font-size: 26pt; font-weight: bold;")
        self.due_other = _label("font-size: 14pt;")
        self.igtf = _label("font-size: 12pt; color: #8a4b00;")
        self.amount = QLineEdit()
        self.amount.setStyleSheet("font-size: 20pt; padding: 4px;")
        self.amount.returnPressed.connect(self._amount_entered)
        self.reference = QLineEdit()
        self.reference.setStyleSheet("font-size: 14pt; padding: 4px;")
        self.reference.setPlaceholderText(self.tr("bank or terminal reference"))
        self.reference.returnPressed.connect(self.add_tender)
        self.errors = {name: _label(ERROR_STYLE) for name in ("amount", "reference", "general")}
        self.tenders = QListWidget()
        self.tenders.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tenders.setStyleSheet("font-size: 13pt;")
        self.methods = QButtonGroup(self)
        self.change_currency = QButtonGroup(self)
        self.change = _label("font-size: 16pt; font-weight: bold; color: #1b5e20;")
        self.buttons: dict[str, QPushButton] = {}
        self._build()
        self.select_method(0)
        self._show(sale)

    # -- layout ------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.due)
        layout.addWidget(self.due_other)
        layout.addWidget(self.igtf)
        layout.addLayout(self._methods_row())
        form = QGridLayout()
        form.addWidget(_label("font-size: 13pt;", self.tr("Amount")), 0, 0)
        form.addWidget(self.amount, 0, 1)
        form.addWidget(self._button(self.tr("F6 Rest"), self.fill_rest, "rest"), 0, 2)
        form.addWidget(self.errors["amount"], 1, 1, 1, 2)
        form.addWidget(_label("font-size: 13pt;", self.tr("Reference")), 2, 0)
        form.addWidget(self.reference, 2, 1)
        form.addWidget(self._button(self.tr("Enter Add"), self.add_tender, "add"), 2, 2)
        form.addWidget(self.errors["reference"], 3, 1, 1, 2)
        layout.addLayout(form)
        layout.addLayout(self._quick_row())
        layout.addWidget(self.tenders)
        layout.addLayout(self._change_row())
        layout.addWidget(self.errors["general"])
        actions = QHBoxLayout()
        actions.addWidget(self._button(self.tr("Esc Back to the sale"), self.reject, "back"))
        actions.addStretch(1)
        complete = self._button(self.tr("F12 Complete sale"), self.complete, "complete")
        complete.setStyleSheet("font-size: 14pt; font-weight: bold; padding: 10px 24px;")
        actions.addWidget(complete)
        layout.addLayout(actions)

    def _methods_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        for index, option in enumerate(self.options):
            button = self._button(f"F{index + 1}\n{self._caption(option)}", None)
            button.setCheckable(True)
            button.setMinimumHeight(72)
            button.setStyleSheet(METHOD_STYLE)
            button.clicked.connect(partial(self.select_method, index))
            self.methods.addButton(button, index)
            row.addWidget(button)
        return row

    def _quick_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        if self._quick_cash_option() is not None:
            row.addWidget(_label("font-size: 12pt;", self.tr("Quick cash")))
            for bill in QUICK_CASH:
                row.addWidget(self._button(f"$ {bill}", partial(self.quick_cash, bill), f"${bill}"))
        row.addStretch(1)
        row.addWidget(self._button(self.tr("F8 Remove tender"), self.remove_tender, "remove"))
        return row

    def _change_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(_label("font-size: 13pt;", self.tr("F7 Change in")))
        settings = self._sale.settings
        for index, currency in enumerate((settings.local_currency, settings.reference_currency)):
            radio = QRadioButton(SYMBOLS.get(currency, currency.value))
            radio.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            radio.setStyleSheet("font-size: 14pt;")
            radio.setProperty("currency", currency.value)
            radio.setChecked(index == 0)
            radio.toggled.connect(lambda _on: self._show(self._sale))
            self.change_currency.addButton(radio, index)
            row.addWidget(radio)
        row.addStretch(1)
        row.addWidget(self.change)
        return row

    def _button(self, text: str, action: Callable[[], None] | None, name: str = "") -> QPushButton:
        button = QPushButton(text)
        button.setAutoDefault(False)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setMinimumHeight(44)
        button.setStyleSheet("font-size: 12pt;")
        if action is not None:
            button.clicked.connect(action)
        if name:
            self.buttons[name] = button
        return button

    def _caption(self, option: TenderOption) -> str:
        symbol = SYMBOLS.get(option.currency, option.currency.value)
        text = f"{self._method_name(option.method)} {symbol}"
        igtf = self.tr("+IGTF")
        return f"{text}\n{igtf}" if option.igtf else text

    def _method_name(self, method: TenderMethod) -> str:
        names = {
            TenderMethod.CASH: self.tr("Cash"),
            TenderMethod.DEBIT_CARD: self.tr("Debit"),
            TenderMethod.PAGO_MOVIL: self.tr("Pago Móvil"),
            TenderMethod.ZELLE: self.tr("Zelle"),
            TenderMethod.CUSTOMER_CREDIT: self.tr("Store credit"),
        }
        return names[method]

    # -- actions -----------------------------------------------------------------------------

    @property
    def option(self) -> TenderOption:
        return self.options[max(self.methods.checkedId(), 0)]

    @property
    def chosen_change_currency(self) -> Currency:
        checked = self.change_currency.checkedButton() or self.change_currency.button(0)
        return Currency(str(checked.property("currency")))

    def select_method(self, index: int) -> None:
        if not 0 <= index < len(self.options):
            return
        self.methods.button(index).setChecked(True)
        needs_reference = self.option.method.needs_reference
        self.reference.setEnabled(needs_reference)
        if not needs_reference:
            self.reference.clear()
        self.amount.clear()
        if needs_reference:
            self.fill_rest()
        self._clear_errors()
        self.amount.setFocus()

    def fill_rest(self) -> None:
        option = self._sale.option(self.option.method, self.option.currency)
        if option is not None and option.to_settle.is_positive:
            self.amount.setText(self._numbers.plain(option.to_settle))
            self.amount.selectAll()

    def add_tender(self) -> None:
        self._clear_errors()
        option = self.option
        try:
            amount = Money(parse_amount(self.amount.text()), option.currency)
        except DomainError as error:
            self._failed(error)
            return
        reference = self.reference.text().strip() or None
        if option.method.needs_reference and reference is None:
            self._show_error("reference", self.tr("Type the reference of the payment"))
            self.reference.setFocus()
            return
        session = self._session
        self._run(lambda: session.add_tender(option.method, amount, reference), self._added)

    def quick_cash(self, bill: int) -> None:
        option = self._quick_cash_option()
        if option is not None:
            self._clear_errors()
            amount, session = Money(Decimal(bill), option.currency), self._session
            self._run(lambda: session.add_tender(TenderMethod.CASH, amount, None), self._added)

    def remove_tender(self) -> None:
        tenders = self._sale.tenders
        if not tenders:
            return
        row = self.tenders.currentRow()
        tender = tenders[row] if 0 <= row < len(tenders) else tenders[-1]
        session = self._session
        self._run(lambda: session.remove_tender(tender.tender_id), self._added)

    def complete(self) -> None:
        self._clear_errors()
        currency, session = self.chosen_change_currency, self._session
        self._run(lambda: session.complete(currency), self._completed)

    def reject(self) -> None:
        if not self._busy:  # never close under a command still running
            super().reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in METHOD_KEYS:
            self.select_method(METHOD_KEYS.index(Key(key)))
        elif key == Key.Key_F6:
            self.fill_rest()
        elif key == Key.Key_F7:
            other = 1 - max(self.change_currency.checkedId(), 0)
            self.change_currency.button(other).setChecked(True)
        elif key == Key.Key_F8:
            self.remove_tender()
        elif key == Key.Key_F12:
            self.complete()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _amount_entered(self) -> None:
        if self.amount.text().strip():
            if self.option.method.needs_reference and not self.reference.text().strip():
                self.reference.setFocus()
            else:
                self.add_tender()
        elif self._sale.totals.settled:
            self.complete()
        else:
            self.fill_rest()

    # -- showing -----------------------------------------------------------------------------

    def _added(self, sale: SaleSnapshot) -> None:
        self._idle()
        self.amount.clear()
        self.reference.clear()
        self._show(sale)
        self.sale_changed.emit(sale)
        self.amount.setFocus()

    def _completed(self, completed: object) -> None:
        self._idle()
        self.completed.emit(completed)
        self.accept()

    def _show(self, sale: SaleSnapshot) -> None:
        self._sale = sale
        money, totals = self._numbers.money, sale.totals
        ref, local = totals.reference, totals.local
        if totals.settled:
            self.due.setText(self.tr("Paid in full"))
            self.due_other.setText(self.tr("Total due {local} · {ref}").format(
                local=money(local.due), ref=money(ref.due)))  # fmt: skip
        else:
            self.due.setText(self.tr("Still due {amount}").format(amount=money(local.balance)))
            self.due_other.setText(self.tr("{ref} · total due {local}").format(
                ref=money(ref.balance), local=money(local.due)))  # fmt: skip
        self.igtf.setVisible(ref.igtf.is_positive)
        self.igtf.setText(self.tr("IGTF {rate} % on {base}: {igtf} ({local})").format(
            rate=self._numbers.amount(totals.igtf_rate * 100, 0), base=money(totals.igtf_base),
            igtf=money(ref.igtf), local=money(local.igtf)))  # fmt: skip
        self.tenders.clear()
        for tender in sale.tenders:
            self.tenders.addItem(self._tender_text(tender))
        change = totals.change_in(self.chosen_change_currency)
        self.change.setText(self.tr("Change {amount}").format(amount=money(change)))
        self.buttons["complete"].setEnabled(totals.settled)

    def _tender_text(self, tender: Tender) -> str:
        text = f"{self._method_name(tender.method)}  {self._numbers.money(tender.amount)}"
        return f"{text}  · {tender.reference}" if tender.reference else text

    def _quick_cash_option(self) -> TenderOption | None:
        cash = (o for o in self.options if o.method is TenderMethod.CASH)
        return next((o for o in cash if o.currency is Currency.USD), None)

    # -- plumbing ----------------------------------------------------------------------------

    def _run(self, work: Callable[[], T], done: Callable[[T], object]) -> None:
        if self._busy:
            return
        self._busy = True
        self._runner.run(work).on_success(done).on_failure(self._failed)

    def _idle(self) -> None:
        self._busy = False

    def _failed(self, error: Exception) -> None:
        self._idle()
        field = field_of(error)
        where = {"amount": "amount", "currency": "amount", "reference": "reference"}
        self._show_error(where.get(field or "", "general"), explain(error))
        (self.reference if field == "reference" else self.amount).setFocus()

    def _show_error(self, where: str, message: str) -> None:
        self.errors[where].setText(message)
        self.errors[where].setVisible(True)

    def _clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.setVisible(False)


def _label(style: str, text: str = "") -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(style)
    label.setWordWrap(True)
    return label
