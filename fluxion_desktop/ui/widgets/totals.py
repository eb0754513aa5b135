"""The sale's totals, big: USD and bolívares side by side with the rate of the day between."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from fluxion_desktop.domain.money import Currency, ExchangeRate, Money
from fluxion_desktop.domain.sale_totals import SaleAmounts
from fluxion_desktop.ui.formatting import NumberFormat
from fluxion_desktop.ui.sale_session import SaleSnapshot

BIG = "font-size: 34pt; font-weight: bold;"
CAPTION = "font-size: 12pt; color: #555;"
DETAIL = "font-size: 12pt;"


class TotalsPanel(QFrame):
    def __init__(self, numbers: NumberFormat, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._numbers = numbers
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.reference_total = _label(BIG)
        self.local_total = _label(BIG)
        self.rate = _label("font-size: 13pt;")
        self.details: dict[str, tuple[QLabel, QLabel]] = {}
        layout = QHBoxLayout(self)
        layout.addLayout(self._details_grid(), 2)
        layout.addLayout(_stacked(self.tr("Total"), self.reference_total), 3)
        rate_box = _stacked(self.tr("Rate of the day"), self.rate)
        layout.addLayout(rate_box, 2)
        layout.addLayout(_stacked(self.tr("Total in bolívares"), self.local_total), 4)
        self._day_rate: ExchangeRate | None = None
        self._shown: SaleSnapshot | None = None
        self.show_sale(None)

    def set_day_rate(self, rate: ExchangeRate | None) -> None:
        """The rate to show while no sale is open (a sale shows the one it froze)."""
        self._day_rate = rate
        if self._shown is None:
            self.show_sale(None)

    def show_sale(self, sale: SaleSnapshot | None) -> None:
        self._shown = sale
        if sale is None:
            reference, local = Currency.USD, Currency.VES
            if self._day_rate is not None:
                reference, local = self._day_rate.base, self._day_rate.quote
            self._show_amounts(_zero(reference), _zero(local))
            self.rate.setText(self._rate_text(self._day_rate))
            return
        totals = sale.totals
        self._show_amounts(totals.reference, totals.local)
        self.rate.setText(self._rate_text(totals.rate))

    def _show_amounts(self, reference: SaleAmounts, local: SaleAmounts) -> None:
        money = self._numbers.money
        rows = (("subtotal", True), ("discounts", False), ("tax", True), ("igtf", False),
                ("paid", False))  # fmt: skip
        for name, always in rows:
            ref, loc = getattr(reference, name), getattr(local, name)
            visible = always or ref.is_positive or loc.is_positive
            for label, amount in zip(self.details[name], (ref, loc), strict=True):
                label.setText(money(amount))
                label.setVisible(visible)
            self._captions[name].setVisible(visible)
        self.reference_total.setText(money(reference.total))
        self.local_total.setText(money(local.total))

    def _details_grid(self) -> QGridLayout:
        grid = QGridLayout()
        self._captions: dict[str, QLabel] = {}
        names = (("subtotal", self.tr("Subtotal")), ("discounts", self.tr("Discounts")),
                 ("tax", self.tr("IVA")), ("igtf", self.tr("IGTF")),
                 ("paid", self.tr("Paid")))  # fmt: skip
        grid.setHorizontalSpacing(16)
        for row, (name, caption) in enumerate(names):
            self._captions[name] = _label(CAPTION, caption)
            self.details[name] = (_label(DETAIL), _label(DETAIL))
            grid.addWidget(self._captions[name], row, 0)
            for column, label in enumerate(self.details[name], start=1):
                label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                grid.addWidget(label, row, column)
        grid.setRowStretch(len(names), 1)
        return grid

    def _rate_text(self, rate: ExchangeRate | None) -> str:
        if rate is None:
            return "—"
        return f"{self._numbers.rate(rate)}\n{rate.source} {rate.effective_date:%d/%m/%Y}"


def _zero(currency: Currency) -> SaleAmounts:
    zero = Money.zero(currency).rounded()
    return SaleAmounts(zero, zero, zero, zero, zero, zero, zero, zero, zero, zero)


def _label(style: str, text: str = "") -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(style)
    return label


def _stacked(caption: str, value: QLabel) -> QVBoxLayout:
    box = QVBoxLayout()
    box.addWidget(_label(CAPTION, caption), 0, Qt.AlignmentFlag.AlignHCenter)
    box.addWidget(value, 0, Qt.AlignmentFlag.AlignHCenter)
    return box
