"""Products: the whole catalog, searched as you type; edit a local product or create one.

The editor sends one command per changed field (rename, reprice, tax category, barcodes added
or removed, active); the domain validates each. HQ's products are changed at HQ, so here they
are read-only.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fluxion_desktop.application import catalog as c
from fluxion_desktop.application.queries import ProductView
from fluxion_desktop.domain.catalog import ProductOrigin, Unit
from fluxion_desktop.domain.errors import DomainError
from fluxion_desktop.domain.money import Money
from fluxion_desktop.domain.tax import TaxCategory
from fluxion_desktop.ui.back_office.common import (
    BackOfficeScreen,
    alive,
    selected_row,
    table_view,
)
from fluxion_desktop.ui.back_office.context import BackOfficeContext
from fluxion_desktop.ui.back_office.product_model import (
    ACTIVE,
    BARCODES,
    NAME,
    ORIGIN,
    PRICE,
    SKU,
    TAX,
    UNIT,
    ProductsModel,
    tax_name,
)
from fluxion_desktop.ui.formatting import NumberFormat, parse_amount

SEARCH_DELAY_MS = 150
COLUMN_WIDTHS = {SKU: 100, PRICE: 80, TAX: 95, UNIT: 55, BARCODES: 120, ORIGIN: 65, ACTIVE: 50}


@dataclass(frozen=True, slots=True)
class ProductForm:
    """What the editor holds, parsed (prices as Decimal in the store's reference currency)."""

    sku: str
    name: str
    price: Decimal
    tax_category: TaxCategory
    unit: Unit
    barcodes: tuple[str, ...]
    active: bool


def edit_commands(user: str, before: ProductView, after: ProductForm) -> list[Any]:
    """The commands that turn `before` into `after`, one per change; new barcodes first, as the
    likeliest to be refused (taken by another product) before anything else is written."""
    pid = before.product_id
    commands: list[Any] = [c.AddBarcode(user, pid, b) for b in after.barcodes
                           if b not in before.barcodes]  # fmt: skip
    if after.name != before.name:
        commands.append(c.RenameProduct(user, pid, after.name))
    if after.price != before.price.amount:
        commands.append(c.RepriceProduct(user, pid, Money(after.price, before.price.currency)))
    if after.tax_category is not before.tax_category:
        commands.append(c.ChangeTaxCategory(user, pid, after.tax_category))
    if after.unit is not before.unit:
        commands.append(c.ChangeProductUnit(user, pid, after.unit))
    commands += [c.RemoveBarcode(user, pid, b) for b in before.barcodes if b not in after.barcodes]
    if after.active != before.active:
        commands.append(c.SetProductActive(user, pid, after.active))
    return commands


class ProductsScreen(BackOfficeScreen):
    kinds = frozenset({"product"})

    def __init__(
        self, context: BackOfficeContext, numbers: NumberFormat, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, numbers, parent)
        self.model = ProductsModel(context, numbers, self)
        self.model.failed.connect(self.show_error)
        self.table = table_view(self.model, stretch=-1)
        # Sizing columns to their contents would read every row: fixed, user-resizable widths.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search by name, SKU or barcode"))
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(lambda: self.model.search(self.search.text()))
        self.search.textChanged.connect(lambda _: self._search_timer.start())
        self.editing: ProductView | None = None
        self.editor = self._editor()
        left = QVBoxLayout()
        left.addWidget(self.search)
        left.addWidget(self.table, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 5)
        layout.addWidget(self.editor, 2)
        self.new_product()

    def _editor(self) -> QWidget:
        box = QWidget()
        self.sku = QLineEdit()
        self.name = QLineEdit()
        self.price = QLineEdit()
        self.tax = QComboBox()
        for category in TaxCategory:
            self.tax.addItem(tax_name(category.value), category)
        self.unit = QComboBox()
        self.unit.addItem(self.tr("piece"), Unit.PIECE)
        self.unit.addItem(self.tr("kg (weighed)"), Unit.KG)
        self.barcodes = QLineEdit()
        self.barcodes.setPlaceholderText(self.tr("barcodes, separated by spaces"))
        self.active = QCheckBox(self.tr("Sold at the till"))
        self.save = QPushButton(self.tr("Save changes"))
        self.save.clicked.connect(self.save_product)
        self.add_new = QPushButton(self.tr("New product"))
        self.add_new.clicked.connect(self.new_product)
        self.review = QPushButton(self.tr("Mark reviewed"))
        self.review.setToolTip(self.tr("An imported product waits for a manager to check it"))
        self.review.clicked.connect(self.mark_reviewed)
        self.review.setEnabled(False)
        form = QFormLayout()
        form.addRow(self.tr("SKU"), self.sku)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Price (net of IVA)"), self.price)
        form.addRow(self.tr("Tax"), self.tax)
        form.addRow(self.tr("Unit"), self.unit)
        form.addRow(self.tr("Barcodes"), self.barcodes)
        form.addRow("", self.active)
        layout = QVBoxLayout(box)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save)
        buttons.addWidget(self.add_new)
        buttons.addWidget(self.review)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addStretch(1)
        return box

    def refresh(self) -> None:
        self.model.search(self.search.text())

    def select(self, row: int) -> None:
        self.table.selectRow(row)

    def _selected(self, *_: object) -> None:
        row = selected_row(self.table)
        product = None if row is None else self.model.product(row)
        if product is not None:
            self.show_product(product)

    def show_product(self, product: ProductView) -> None:
        self.editing = product
        self.sku.setText(product.sku)
        self.sku.setReadOnly(True)
        self.name.setText(product.name)
        self.price.setText(self.numbers.plain(product.price))
        self.tax.setCurrentIndex(self.tax.findData(product.tax_category))
        self.unit.setCurrentIndex(self.unit.findData(product.unit))
        self.barcodes.setText(" ".join(product.barcodes))
        self.active.setChecked(product.active)
        editable = product.origin is not ProductOrigin.HQ
        for field in (self.name, self.price, self.barcodes):
            field.setReadOnly(not editable)
        for widget in (self.tax, self.unit, self.active, self.save):
            widget.setEnabled(editable)
        self.review.setEnabled(product.needs_review)
        self.message.clear()
        if not editable:
            self.show_info(self.tr("HQ sets this product: change it at HQ."))

    def mark_reviewed(self) -> None:
        product = self.editing
        if product is None:
            return
        bus, catalog = self.context.bus, self.context.catalog

        def review(user: str) -> ProductView | None:
            bus.handle(c.ReviewProduct(user, product.product_id))
            return catalog.get(product.product_id)

        self.as_user(review, self._saved)

    def new_product(self) -> None:
        self.editing = None
        self.review.setEnabled(False)
        self.table.clearSelection()
        for field in (self.sku, self.name, self.price, self.barcodes):
            field.clear()
            field.setReadOnly(False)
        self.tax.setCurrentIndex(self.tax.findData(TaxCategory.GENERAL))
        self.unit.setCurrentIndex(0)
        self.active.setChecked(True)
        for widget in (self.tax, self.unit, self.active, self.save):
            widget.setEnabled(True)
        self.message.clear()

    def form(self) -> ProductForm:
        """The editor's fields, parsed; InvalidValue names a field typed wrong."""
        return ProductForm(
            sku=self.sku.text().strip(),
            name=self.name.text().strip(),
            price=parse_amount(self.price.text(), "price"),
            tax_category=TaxCategory(self.tax.currentData()),
            unit=Unit(self.unit.currentData()),
            barcodes=tuple(dict.fromkeys(self.barcodes.text().split())),
            active=self.active.isChecked(),
        )

    def save_product(self) -> None:
        try:
            form = self.form()
        except DomainError as error:  # a typing mistake: said beside the editor, nothing sent
            self.show_error(error)
            return
        before = self.editing
        if before is None:
            self.command(lambda user: self._created(user, form), self._saved)
            return
        bus, catalog = self.context.bus, self.context.catalog

        def apply(user: str) -> ProductView | None:
            for command in edit_commands(user, before, form):
                bus.handle(command)
            return catalog.get(before.product_id)

        user = self.acting_user()
        if user is None:
            return
        task = self.context.runner.run(lambda: apply(user))
        task.on_success(alive(self, self._saved))
        task.on_failure(alive(self, lambda error: self._save_failed(before, error)))

    def _save_failed(self, before: ProductView, error: Exception) -> None:
        """Say why; the list shows what was saved before the refused change (each is a command)."""
        self.show_error(error)
        catalog = self.context.catalog
        task = self.context.runner.run(lambda: catalog.get(before.product_id))
        task.on_success(alive(self, lambda now: self.model.replace(now) if now else None))

    def _created(self, user: str, form: ProductForm) -> c.CreateProduct:
        currency = self.context.store.settings().sale.reference_currency
        return c.CreateProduct(user, form.sku, form.name, Money(form.price, currency),
                               form.tax_category, form.unit, form.barcodes)  # fmt: skip

    def _saved(self, result: object) -> None:
        if isinstance(result, ProductView):
            self.model.replace(result)
            self.show_product(result)
            self.show_info(self.tr("Saved {name}.").format(name=result.name))
            return
        self.show_info(self.tr("Product created."))
        self.refresh()
