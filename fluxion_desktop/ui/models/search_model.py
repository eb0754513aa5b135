"""Products found by search-as-you-type, as a Qt list: "name · SKU · price"."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from fluxion_desktop.application.queries import ProductView
from fluxion_desktop.ui.formatting import NumberFormat

_ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex


class SearchModel(QAbstractListModel):
    def __init__(self, numbers: NumberFormat, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._numbers = numbers
        self._products: tuple[ProductView, ...] = ()

    def set_products(self, products: Sequence[ProductView]) -> None:
        self.beginResetModel()
        self._products = tuple(products)
        self.endResetModel()

    def product(self, row: int) -> ProductView | None:
        return self._products[row] if 0 <= row < len(self._products) else None

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._products)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        product = self.product(index.row()) if index.isValid() else None
        if product is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            price = self._numbers.money(product.price)
            return f"{product.name}  ·  {product.sku}  ·  {price}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return ", ".join(product.barcodes)
        return None
