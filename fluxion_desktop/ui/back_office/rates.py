"""The exchange rate of the day (BCV) and its history; a manager records the day's rate."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fluxion_desktop.application.store_admin import RecordExchangeRate
from fluxion_desktop.domain.errors import DomainError
from fluxion_desktop.domain.money import Currency, ExchangeRate
from fluxion_desktop.ui.back_office.common import BackOfficeScreen, Column, RowsModel, table_view
from fluxion_desktop.ui.back_office.context import BackOfficeContext
from fluxion_desktop.ui.formatting import NumberFormat, parse_amount

HISTORY_DAYS = 90


@dataclass(frozen=True, slots=True)
class RateBoardView:
    base: Currency
    quote: Currency
    history: list[ExchangeRate]


class RatesScreen(BackOfficeScreen):
    kinds = frozenset({"rates", "storeconfig"})

    def __init__(
        self, context: BackOfficeContext, numbers: NumberFormat, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, numbers, parent)
        self.pair = (Currency.USD, Currency.VES)
        self.current = QLabel("—")
        self.current.setStyleSheet("font-size: 20pt; font-weight: bold;")
        self.history: RowsModel[ExchangeRate] = RowsModel(
            [
                Column(self.tr("Date"), lambda r: r.effective_date.isoformat()),
                Column(self.tr("Rate"), numbers.rate, numeric=True),
                Column(self.tr("Source"), lambda r: r.source),
            ],
            parent=self,
        )
        self.rate = QLineEdit()
        self.rate.setPlaceholderText("36,50")
        self.day = QDateEdit(QDate.currentDate())
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.source = QLineEdit("BCV")
        record = QPushButton(self.tr("Record rate"))
        record.clicked.connect(self.record)
        form = QFormLayout()
        form.addRow(self.tr("Rate (bolívares per dollar)"), self.rate)
        form.addRow(self.tr("Effective date"), self.day)
        form.addRow(self.tr("Source"), self.source)
        form.addRow("", record)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Rate of the day")))
        right.addWidget(self.current)
        right.addLayout(form)
        right.addWidget(self.message)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(table_view(self.history, stretch=1), 1)
        layout.addLayout(right, 1)

    def refresh(self) -> None:
        store = self.context.store

        def read() -> RateBoardView:
            sale = store.settings().sale
            base, quote = sale.reference_currency, sale.local_currency
            return RateBoardView(base, quote, store.rate_history(base, quote, HISTORY_DAYS))

        self.read(read, self._show)

    def _show(self, board: RateBoardView) -> None:
        self.pair = (board.base, board.quote)
        self.history.set_rows(board.history)
        if board.history:
            latest = board.history[0]
            rate = self.numbers.rate(latest)
            self.current.setText(f"{latest.source} {rate} · {latest.effective_date.isoformat()}")
        else:
            self.current.setText(self.tr("No rate recorded"))

    def record(self) -> None:
        qdate = self.day.date()
        day = date(qdate.year(), qdate.month(), qdate.day())
        try:
            value = parse_amount(self.rate.text(), "rate")
            rate = ExchangeRate(*self.pair, value, day, self.source.text().strip() or "BCV")
        except DomainError as error:  # typed wrong: said here, nothing recorded
            self.show_error(error)
            return
        self.command(lambda user: RecordExchangeRate(user, rate), lambda _: self._recorded())

    def _recorded(self) -> None:
        self.rate.clear()
        self.show_info(self.tr("Rate recorded."))
        self.refresh()
