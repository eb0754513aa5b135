"""The count sheet of one currency at shift close: how many of each note and coin, and the total."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QSpinBox, QWidget

from fluxion_desktop.application.number_style import symbol
from fluxion_desktop.domain.money import Currency, Money
from fluxion_desktop.domain.shift_reports import CashCount, DenominationCount
from fluxion_desktop.ui.formatting import NumberFormat


class CashCountSheet(QGroupBox):
    def __init__(
        self, currency: Currency, numbers: NumberFormat, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.currency = currency
        self._numbers = numbers
        self.setTitle(self.tr("Cash {currency}").format(currency=symbol(currency)))
        blank = CashCount.blank(currency)
        self.counts: dict[Decimal, QSpinBox] = {}
        grid = QGridLayout(self)
        for row, line in enumerate(blank.denominations):
            spin = QSpinBox()
            spin.setRange(0, 99_999)
            spin.valueChanged.connect(self._recount)
            grid.addWidget(QLabel(numbers.money(Money(line.denomination, currency))), row, 0)
            grid.addWidget(spin, row, 1)
            self.counts[line.denomination] = spin
        self.total = QLabel()
        self.total.setStyleSheet("font-size: 14pt; font-weight: bold;")
        grid.addWidget(self.total, len(self.counts), 0, 1, 2)
        self._recount()

    def set_count(self, denomination: Decimal, count: int) -> None:
        self.counts[denomination].setValue(count)

    def count(self) -> CashCount:
        rows = tuple(DenominationCount(value, spin.value()) for value, spin in self.counts.items())
        return CashCount(self.currency, rows)

    def _recount(self) -> None:
        total = self._numbers.money(self.count().total)
        self.total.setText(self.tr("Counted {total}").format(total=total))
