"""Search-as-you-type under the scan field: the catalog's matches while the cashier types a name.

Typing letters (two or more) searches after a short pause, on the runner, so typing never
waits for the database; F2 searches whatever is typed, digits too. The list never takes the
focus: ↑/↓ in the scan field move through it and Enter rings up the product chosen. A
keyboard-wedge scanner types digits and Enter faster than the pause, so a scan is never taken
for a search, and Enter rings up the code unless a product was chosen with ↑/↓. A click or a
touch on a product rings it up too.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from fluxion_desktop.application.queries import CatalogQueries, ProductView
from fluxion_desktop.ui.formatting import NumberFormat
from fluxion_desktop.ui.models.search_model import SearchModel
from fluxion_desktop.ui.task_runner import TaskRunner

PAUSE_MS = 150
LIMIT = 12
MIN_LETTERS = 2


class ProductSearch(QListView):
    searched = Signal(str, int)  # the text searched, how many products were found
    picked = Signal(object)  # ProductView: a product touched or clicked in the list

    def __init__(
        self,
        catalog: CatalogQueries,
        runner: TaskRunner,
        numbers: NumberFormat,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._runner = runner
        self.results = SearchModel(numbers, self)
        self.setModel(self.results)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setStyleSheet("font-size: 14pt;")
        self.setMaximumHeight(260)
        self.hide()
        self.text = ""  # what the field holds now
        self.chosen = False  # the cashier moved into the list with ↑/↓
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(PAUSE_MS)
        self._pause.timeout.connect(self.search_now)
        self.clicked.connect(self._clicked)

    def typed(self, text: str) -> None:
        """The scan field changed: search after a pause when it looks like a name."""
        self.text = text.strip()
        self.chosen = False
        if len(self.text) >= MIN_LETTERS and not self.text.isdigit():
            self._pause.start()
        else:
            self.close_list()

    def search_now(self) -> None:
        self._pause.stop()
        text = self.text
        if not text:
            self.close_list()
            return
        catalog = self._catalog
        self._runner.run(lambda: catalog.search(text, LIMIT)).on_success(
            lambda found: self._found(text, found)
        )

    def step(self, step: int) -> bool:
        """↑/↓ while the list is shown: choose the next product; False when it is hidden."""
        if self.isHidden() or self.results.rowCount() == 0:
            return False
        rows = self.selectionModel().selectedRows()
        current = rows[0].row() if rows and self.chosen else -1 if step > 0 else 0
        row = min(max(current + step, 0), self.results.rowCount() - 1)
        self.setCurrentIndex(self.results.index(row))
        self.chosen = True
        return True

    def chosen_product(self) -> ProductView | None:
        if self.isHidden() or not self.chosen:
            return None
        rows = self.selectionModel().selectedRows()
        return self.results.product(rows[0].row()) if rows else None

    def close_list(self) -> None:
        self._pause.stop()
        self.chosen = False
        self.results.set_products(())
        self.hide()

    def _clicked(self, index: QModelIndex) -> None:
        product = self.results.product(index.row())
        if product is not None:
            self.picked.emit(product)

    def _found(self, text: str, products: Sequence[ProductView]) -> None:
        if text != self.text:
            return  # the cashier typed on (or scanned) meanwhile: a newer search will answer
        self.results.set_products(products)
        self.setVisible(bool(products))
        self.searched.emit(text, len(products))
