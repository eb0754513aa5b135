"""Stock: every product's level (in SKU order, a page at a time, or those a search finds, or
only the low and out-of-stock ones), low and out-of-stock rows shaded; receive, adjust with a
reason, count, transfer to or from another store, and set the minimum of the selected product.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fluxion_desktop.application import inventory as inv
from fluxion_desktop.application.queries import StockStatus, StockView
from fluxion_desktop.domain.errors import InvalidValue
from fluxion_desktop.domain.inventory import AdjustmentReason
from fluxion_desktop.ui.back_office.common import (
    CRITICAL_COLOUR,
    LOW_COLOUR,
    BackOfficeScreen,
    Column,
    RowsModel,
    selected_row,
    table_view,
)
from fluxion_desktop.ui.back_office.context import BackOfficeContext
from fluxion_desktop.ui.formatting import NumberFormat, parse_quantity

PAGE = 500
SEARCH_LIMIT = 200


def stock_colour(view: StockView) -> QColor | None:
    status = view.status
    if status is StockStatus.CRITICAL:
        return CRITICAL_COLOUR
    return LOW_COLOUR if status is StockStatus.LOW else None


def _matching(context: BackOfficeContext, text: str) -> list[StockView]:
    """The stock of the products a search finds, best match first (runs on the runner)."""
    found = context.catalog.search(text, SEARCH_LIMIT)
    levels = context.stock.levels_of([p.product_id for p in found])
    return [StockView(p.product_id, p.sku, p.name, levels[p.product_id]) for p in found]


class StockScreen(BackOfficeScreen):
    kinds = frozenset({"stock", "product"})

    def __init__(
        self, context: BackOfficeContext, numbers: NumberFormat, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, numbers, parent)
        q = numbers.quantity
        status_names = {StockStatus.OK: self.tr("ok"), StockStatus.LOW: self.tr("low"),
                        StockStatus.CRITICAL: self.tr("out of stock"),
                        StockStatus.HIGH: self.tr("overstock")}  # fmt: skip
        self.model: RowsModel[StockView] = RowsModel(
            [
                Column(self.tr("SKU"), lambda v: v.sku),
                Column(self.tr("Product"), lambda v: v.name),
                Column(self.tr("On hand"), lambda v: q(v.level.current), numeric=True),
                Column(self.tr("Minimum"), lambda v: q(v.level.minimum), numeric=True),
                Column(self.tr("Status"), lambda v: status_names[v.status]),
            ],
            stock_colour,
            self,
        )
        self.table = table_view(self.model)
        self.low_only = QCheckBox(self.tr("Only low and out of stock"))
        self.low_only.toggled.connect(lambda _: self.refresh())
        self.more = QPushButton(self.tr("Show more"))
        self.more.clicked.connect(self.show_more)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search by name, SKU or barcode, then Enter"))
        self.search.returnPressed.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.search, 2)
        top.addWidget(self.low_only)
        top.addStretch(1)
        top.addWidget(self.more)
        left = QVBoxLayout()
        left.addLayout(top)
        left.addWidget(self.table, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addWidget(self._actions(), 2)

    def _actions(self) -> QWidget:
        box = QWidget()
        self.selected = QLabel(self.tr("Select a product"))
        self.selected.setWordWrap(True)
        self.quantity = QLineEdit()
        self.quantity.setPlaceholderText(self.tr("quantity (negative to take out)"))
        self.reason = QComboBox()
        reasons = {AdjustmentReason.DAMAGE: self.tr("damaged"),
                   AdjustmentReason.THEFT: self.tr("theft"),
                   AdjustmentReason.EXPIRY: self.tr("expired"),
                   AdjustmentReason.CORRECTION: self.tr("correction"),
                   AdjustmentReason.OTHER: self.tr("other (say why)")}  # fmt: skip
        for reason, caption in reasons.items():
            self.reason.addItem(caption, reason)
        self.note = QLineEdit()
        self.other_store = QLineEdit()
        self.transfer_ref = QLineEdit()
        self.transfer_ref.setPlaceholderText(self.tr("the sender's transfer number"))
        form = QFormLayout()
        form.addRow(self.tr("Quantity"), self.quantity)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.tr("Note / reference"), self.note)
        form.addRow(self.tr("Other store"), self.other_store)
        form.addRow(self.tr("Transfer number"), self.transfer_ref)
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        actions: list[tuple[str, str, Callable[[], None]]] = [
            ("receive", self.tr("Receive"), self.receive),
            ("adjust", self.tr("Adjust"), self.adjust),
            ("count", self.tr("Count (set on hand)"), self.count),
            ("minimum", self.tr("Set minimum"), self.set_minimum),
            ("transfer_out", self.tr("Transfer out"), self.transfer_out),
            ("transfer_in", self.tr("Transfer in"), self.transfer_in),
        ]
        for n, (key, caption, action) in enumerate(actions):
            button = QPushButton(caption)
            button.clicked.connect(action)
            self.buttons[key] = button
            grid.addWidget(button, n // 2, n % 2)
        layout = QVBoxLayout(box)
        layout.addWidget(self.selected)
        layout.addLayout(form)
        layout.addLayout(grid)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.table.selectionModel().selectionChanged.connect(self._show_selected)
        return box

    def refresh(self) -> None:
        context, text = self.context, self.search.text().strip()
        if self.low_only.isChecked():
            self.read(context.stock.low_stock, self._show)
        elif text:
            self.read(lambda: _matching(context, text), self._show)
        else:
            self.read(lambda: context.catalog_pages.stock_after(None, None, PAGE), self._show)

    def show_more(self) -> None:
        last = self.model.rows[-1] if self.model.rows else None
        if last is None or self.low_only.isChecked() or self.search.text().strip():
            return
        pages, sku, product_id = self.context.catalog_pages, last.sku, last.product_id
        self.read(
            lambda: pages.stock_after(sku, product_id, PAGE),
            lambda more: self._show([*self.model.rows, *more], len(more)),
        )

    def _show(self, rows: list[StockView], page: int | None = None) -> None:
        chosen = self.current()
        self.model.set_rows(rows)
        paging = not self.low_only.isChecked() and not self.search.text().strip()
        self.more.setEnabled(paging and (len(rows) if page is None else page) == PAGE)
        if chosen is not None:
            self.select(chosen.product_id)

    def select(self, product_id: str) -> None:
        row = next((n for n, v in enumerate(self.model.rows) if v.product_id == product_id), None)
        if row is not None:
            self.table.selectRow(row)

    def current(self) -> StockView | None:
        row = selected_row(self.table)
        return None if row is None else self.model.row(row)

    def _show_selected(self, *_: object) -> None:
        view = self.current()
        if view is not None:
            self.selected.setText(f"{view.sku} · {view.name}")

    def receive(self) -> None:
        reference = self.note.text().strip()
        self._move(lambda u, p, q: inv.ReceiveStock(u, p, q, reference))

    def adjust(self) -> None:
        reason = AdjustmentReason(self.reason.currentData())
        note = self.note.text().strip()
        self._move(lambda u, p, q: inv.AdjustStock(u, p, q, reason, note))

    def count(self) -> None:
        self._move(lambda u, p, q: inv.CountStock(u, p, q))

    def set_minimum(self) -> None:
        self._move(lambda u, p, q: inv.SetStockLimits(u, p, q))

    def transfer_out(self) -> None:
        store, transfer = self.other_store.text().strip(), self.context.new_id()
        if not store:
            self.show_error(InvalidValue(self.tr("Say which store it goes to."), "to_store"))
            return
        said = self.tr("Transfer number for the other store: {number}").format(number=transfer)
        self._move(lambda u, p, q: inv.TransferStockOut(u, p, q, store, transfer), said)

    def transfer_in(self) -> None:
        store, transfer = self.other_store.text().strip(), self.transfer_ref.text().strip()
        if not store or not transfer:
            message = self.tr("Say which store sent it and its transfer number.")
            self.show_error(InvalidValue(message, "transfer_id"))
            return
        self._move(lambda u, p, q: inv.TransferStockIn(u, p, q, store, transfer))

    def _move(self, make: Callable[[str, str, Decimal], Any], said: str = "") -> None:
        view = self.current()
        if view is None:
            self.show_error_text(self.tr("Select a product first."))
            return
        try:
            quantity = parse_quantity(self.quantity.text())
        except InvalidValue as error:
            self.show_error(error)
            return
        product = view.product_id
        self.command(lambda user: make(user, product, quantity), lambda _: self._done(view, said))

    def _done(self, view: StockView, said: str) -> None:
        self.quantity.clear()
        recorded = self.tr("Recorded for {name}.").format(name=view.name)
        self.show_info(f"{recorded} {said}".strip())
        self.refresh()
