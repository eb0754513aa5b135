"""The catalog as a Qt table that loads as it scrolls: a page of products at a time.

`fetchMore` (asked by the view when the last rows come into sight) reads the next page by key on
the runner and appends it, so a 300,000-product catalog opens at once and scrolls without ever
reading it whole. Typing a search replaces the rows with the best matches instead.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from fluxion_desktop.application.queries import ProductView
from fluxion_desktop.domain.catalog import ProductOrigin
from fluxion_desktop.ui.back_office.common import alive
from fluxion_desktop.ui.back_office.context import BackOfficeContext
from fluxion_desktop.ui.formatting import NumberFormat

PAGE = 100  # small pages: a scroll that reaches the bottom reads and formats little at once
SEARCH_LIMIT = 200
SKU, NAME, PRICE, TAX, UNIT, BARCODES, ORIGIN, ACTIVE = range(8)
Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)


class ProductsModel(QAbstractTableModel):
    failed = Signal(object)  # the Exception a read raised, for the screen to show

    def __init__(
        self, context: BackOfficeContext, numbers: NumberFormat, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._numbers = numbers
        self._rows: list[ProductView] = []
        self._texts: dict[int, tuple[str, ...]] = {}  # row -> its cells, formatted once
        self._exhausted = False
        self._loading = False
        self._generation = 0  # a page asked for before a reset is dropped when it arrives
        self.search_text = ""
        self._headers = (self.tr("SKU"), self.tr("Name"), self.tr("Price"), self.tr("Tax"),
                         self.tr("Unit"), self.tr("Barcodes"), self.tr("Origin"),
                         self.tr("Active"))  # fmt: skip

    @property
    def loading(self) -> bool:
        return self._loading

    def product(self, row: int) -> ProductView | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, product_id: str) -> int | None:
        return next((n for n, p in enumerate(self._rows) if p.product_id == product_id), None)

    def search(self, text: str) -> None:
        """Show the products matching `text`, or the whole catalog page by page if it is empty."""
        self.search_text = text.strip()
        self._reset()
        if not self.search_text:
            self.fetchMore(_ROOT)
            return
        self._loading = True
        generation, catalog, text = self._generation, self._context.catalog, self.search_text
        task = self._context.runner.run(lambda: catalog.search(text, SEARCH_LIMIT))
        task.on_success(alive(self, lambda found: self._append(generation, found, True)))
        task.on_failure(alive(self, lambda error: self._failed(generation, error)))

    def replace(self, product: ProductView) -> None:
        """Show a product as it is after an edit (it stays where it is in the list)."""
        row = self.row_of(product.product_id)
        if row is None:
            return
        self._rows[row] = product
        self._texts.pop(row, None)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self._headers) - 1))

    def canFetchMore(self, parent: Index = _ROOT) -> bool:
        return not parent.isValid() and not self._exhausted and not self._loading

    def fetchMore(self, parent: Index = _ROOT) -> None:
        if not self.canFetchMore(parent):
            return
        self._loading = True
        last = self._rows[-1] if self._rows else None
        sku, product_id = (last.sku, last.product_id) if last else (None, None)
        generation, pages = self._generation, self._context.catalog_pages
        task = self._context.runner.run(lambda: pages.page_after(sku, product_id, PAGE))
        task.on_success(alive(self, lambda page: self._append(generation, page, len(page) < PAGE)))
        task.on_failure(alive(self, lambda error: self._failed(generation, error)))

    def _append(self, generation: int, page: list[ProductView], exhausted: bool) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self._exhausted = exhausted
        if page:
            first = len(self._rows)
            self.beginInsertRows(_ROOT, first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    def _failed(self, generation: int, error: Exception) -> None:
        if generation == self._generation:
            self._loading = False
            self._exhausted = True  # a new search starts over
            self.failed.emit(error)

    def _reset(self) -> None:
        self.beginResetModel()
        self._generation += 1
        self._rows = []
        self._texts = {}
        self._exhausted = False
        self._loading = False
        self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        # Called thousands of times a repaint: the role is checked first, and a row's texts are
        # formatted once, when it is first shown.
        if role == _DISPLAY:
            row = index.row()
            if not 0 <= row < len(self._rows):
                return None
            texts = self._texts.get(row)
            if texts is None:
                product = self._rows[row]
                texts = self._texts[row] = tuple(
                    self.text(product, column) for column in range(len(self._headers))
                )
            return texts[index.column()]
        if role == _ALIGNMENT and index.column() == PRICE:
            return _RIGHT
        return None

    def text(self, product: ProductView, column: int) -> str:
        match column:
            case 0:
                return product.sku
            case 1:
                return product.name
            case 2:
                return self._numbers.money(product.price)
            case 3:
                return tax_name(product.tax_category.value)
            case 4:
                return product.unit.value
            case 5:
                return " ".join(product.barcodes)
            case 6:
                return origin_name(product.origin)
        return self.tr("yes") if product.active else self.tr("no")


def tax_name(category: str) -> str:
    names = {
        "general": QCoreApplication.translate("ProductsModel", "general 16 %"),
        "reduced": QCoreApplication.translate("ProductsModel", "reduced 8 %"),
        "luxury": QCoreApplication.translate("ProductsModel", "luxury 31 %"),
        "exempt": QCoreApplication.translate("ProductsModel", "exempt"),
    }
    return names.get(category, category)


def origin_name(origin: ProductOrigin) -> str:
    names = {
        ProductOrigin.LOCAL: QCoreApplication.translate("ProductsModel", "local"),
        ProductOrigin.HQ: QCoreApplication.translate("ProductsModel", "HQ"),
        ProductOrigin.IMPORTED: QCoreApplication.translate("ProductsModel", "imported"),
    }
    return names[origin]
