"""The cart: the sale's lines as a Qt table (name, quantity, unit price, line total).

Prices are in the reference currency and net of IVA, as the catalog sets them; a line's total is
its quantity times its price less its own discount (taxes are added in the totals panel).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from fluxion_desktop.domain.sale_totals import LineTotals
from fluxion_desktop.ui.formatting import NumberFormat

_ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex
NAME, QUANTITY, UNIT_PRICE, LINE_TOTAL = range(4)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class CartModel(QAbstractTableModel):
    def __init__(self, numbers: NumberFormat, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._numbers = numbers
        self._lines: tuple[LineTotals, ...] = ()
        self._headers = (self.tr("Product"), self.tr("Qty"), self.tr("Price"), self.tr("Total"))

    def set_lines(self, lines: Sequence[LineTotals]) -> None:
        """Show `lines`; rows appended at the end are inserted, anything else resets."""
        new = tuple(lines)
        old = self._lines
        if len(new) > len(old) and new[: len(old)] == old:
            self.beginInsertRows(_ROOT, len(old), len(new) - 1)
            self._lines = new
            self.endInsertRows()
            return
        self.beginResetModel()
        self._lines = new
        self.endResetModel()

    def line(self, row: int) -> LineTotals | None:
        return self._lines[row] if 0 <= row < len(self._lines) else None

    def row_of(self, line_id: str) -> int | None:
        return next((r for r, line in enumerate(self._lines) if line.line_id == line_id), None)

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is not Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section != NAME:
            return int(_RIGHT.value)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        line = self.line(index.row()) if index.isValid() else None
        if line is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(line, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column != NAME:
            return int(_RIGHT.value)
        if role == Qt.ItemDataRole.ToolTipRole and column == NAME:
            return line.sku
        return None

    def _text(self, line: LineTotals, column: int) -> str:
        numbers = self._numbers
        if column == NAME:
            return line.name
        if column == QUANTITY:
            quantity = numbers.quantity(line.quantity)
            return f"{quantity} kg" if line.is_weighed else quantity
        if column == UNIT_PRICE:
            return numbers.money(line.unit_price)
        return numbers.money(line.gross - line.line_discount)
