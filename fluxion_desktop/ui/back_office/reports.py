"""Reports: sales by day and by product over a period (net of taxes, in the reference
currency; history imported from an older system in columns of its own), and the history of
shifts with their cashier and number of sales."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fluxion_desktop.application.report_queries import DaySales, ProductSales, ShiftSummary
from fluxion_desktop.domain.money import Currency, Money
from fluxion_desktop.ui.back_office.common import (
    BackOfficeScreen,
    Column,
    RowsModel,
    alive,
    table_view,
)
from fluxion_desktop.ui.back_office.context import BackOfficeContext
from fluxion_desktop.ui.formatting import NumberFormat

DEFAULT_DAYS = 30


@dataclass(frozen=True, slots=True)
class Reports:
    currency: Currency
    by_day: list[DaySales]
    by_product: list[ProductSales]
    shifts: list[ShiftSummary]


class ReportsScreen(BackOfficeScreen):
    kinds = frozenset({"sale", "shift", "return", "saleshistory"})

    def __init__(
        self, context: BackOfficeContext, numbers: NumberFormat, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, numbers, parent)
        self.currency = Currency.USD
        q = numbers.quantity
        today = QDate.currentDate()
        self.start = QDateEdit(today.addDays(-DEFAULT_DAYS + 1))
        self.end = QDateEdit(today)
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        show = QPushButton(self.tr("Show"))
        show.clicked.connect(self.refresh)
        self.by_day: RowsModel[DaySales] = RowsModel(
            [
                Column(self.tr("Day"), lambda d: d.day.isoformat()),
                Column(self.tr("Net sales"), lambda d: self._money(d.net), numeric=True),
                Column(self.tr("Units"), lambda d: q(d.units), numeric=True),
                Column(self.tr("Products sold"), lambda d: str(d.products), numeric=True),
                Column(
                    self.tr("Imported sales"),
                    lambda d: self._money(d.imported_revenue),
                    numeric=True,
                ),
                Column(self.tr("Imported units"), lambda d: q(d.imported_units), numeric=True),
            ],
            parent=self,
        )
        self.by_product: RowsModel[ProductSales] = RowsModel(
            [
                Column(self.tr("SKU"), lambda p: p.sku),
                Column(self.tr("Product"), lambda p: p.name),
                Column(self.tr("Units"), lambda p: q(p.units), numeric=True),
                Column(self.tr("Net sales"), lambda p: self._money(p.net), numeric=True),
                Column(self.tr("Imported units"), lambda p: q(p.imported_units), numeric=True),
                Column(
                    self.tr("Imported sales"),
                    lambda p: self._money(p.imported_revenue),
                    numeric=True,
                ),
            ],
            parent=self,
        )
        self.shifts: RowsModel[ShiftSummary] = RowsModel(
            [
                Column(self.tr("Opened"), lambda s: s.opened_at.strftime("%Y-%m-%d %H:%M")),
                Column(self.tr("Closed"), lambda s: _when(s.closed_at)),
                Column(self.tr("Cashier"), lambda s: s.cashier),
                Column(self.tr("Status"), self._shift_status),
                Column(self.tr("Sales"), lambda s: _count(s.sales_count), numeric=True),
            ],
            parent=self,
        )
        self.tabs = QTabWidget()
        self.tabs.addTab(table_view(self.by_day, stretch=-1), self.tr("Sales by day"))
        self.tabs.addTab(table_view(self.by_product), self.tr("Sales by product"))
        self.tabs.addTab(table_view(self.shifts, stretch=2), self.tr("Shifts"))
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("From")))
        bar.addWidget(self.start)
        bar.addWidget(QLabel(self.tr("to")))
        bar.addWidget(self.end)
        bar.addWidget(show)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: a long period takes a moment to add up
        self.progress.setMaximumWidth(160)
        self.progress.setVisible(False)
        bar.addWidget(self.progress)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)

    def _money(self, amount: Decimal) -> str:
        return self.numbers.money(Money(amount, self.currency))

    def _shift_status(self, shift: ShiftSummary) -> str:
        return self.tr("open") if shift.status == "open" else self.tr("closed")

    def set_period(self, start: date, end: date) -> None:
        self.start.setDate(QDate(start.year, start.month, start.day))
        self.end.setDate(QDate(end.year, end.month, end.day))

    def period(self) -> tuple[date, date]:
        start, end = self.start.date(), self.end.date()
        return (date(start.year(), start.month(), start.day()),
                date(end.year(), end.month(), end.day()))  # fmt: skip

    def refresh(self) -> None:
        start, end = self.period()
        if end < start:
            self.show_error_text(self.tr("The period ends before it starts."))
            return
        reports, store = self.context.reports, self.context.store

        def read() -> Reports:
            currency = store.settings().sale.reference_currency
            by_day = reports.sales_by_day(start, end)
            by_product = reports.sales_by_product(start, end)
            return Reports(currency, by_day, by_product, reports.shift_history())

        self.progress.setVisible(True)
        task = self.context.runner.run(read)
        task.on_success(alive(self, self._show)).on_failure(alive(self, self._failed))

    def _failed(self, error: Exception) -> None:
        self.progress.setVisible(False)
        self.show_error(error)

    def _show(self, found: Reports) -> None:
        self.progress.setVisible(False)
        self.currency = found.currency
        self.by_day.set_rows(found.by_day)
        self.by_product.set_rows(found.by_product)
        self.shifts.set_rows(found.shifts)
        self.message.clear()


def _when(moment: datetime | None) -> str:
    return "—" if moment is None else moment.strftime("%Y-%m-%d %H:%M")


def _count(value: int | None) -> str:
    return "—" if value is None else str(value)
