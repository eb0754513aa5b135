"""Forecasts: pick a product (by search, or a double click on a reorder suggestion) to see its
chart (history, forecast, interval, stock-out days) with the model used and its accuracy; below,
what to reorder now, exportable to CSV."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from PySide6.QtCharts import QChart
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fluxion_desktop.application.queries import ProductView
from fluxion_desktop.ui.back_office.common import (
    BackOfficeScreen,
    Column,
    RowsModel,
    alive,
    table_view,
)
from fluxion_desktop.ui.back_office.context import (
    BackOfficeContext,
    ForecastView,
    Number,
    ReorderSuggestion,
)
from fluxion_desktop.ui.back_office.forecast_chart import chart_view, forecast_chart
from fluxion_desktop.ui.formatting import NumberFormat

PRODUCT_CHOICES = 30


class ForecastsScreen(BackOfficeScreen):
    kinds = frozenset({"forecast", "reorder", "stock", "saleshistory"})

    def __init__(
        self, context: BackOfficeContext, numbers: NumberFormat, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, numbers, parent)
        self.chart: QChart | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Find a product to forecast"))
        self.search.returnPressed.connect(self.find_products)
        self.products = QComboBox()
        self.products.activated.connect(lambda _: self._chosen())
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.forecast_button = QPushButton(self.tr("Forecast now"))
        self.forecast_button.clicked.connect(self.forecast_now)
        self.forecast_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: a forecast takes seconds and cannot say how far
        self.progress.setVisible(False)
        self.product_id: str | None = None
        self.title = ""
        self.chart_view = chart_view()
        q = self._units
        self.reorder: RowsModel[ReorderSuggestion] = RowsModel(
            [
                Column(self.tr("SKU"), lambda s: s.sku),
                Column(self.tr("Product"), lambda s: s.name),
                Column(self.tr("On hand"), lambda s: q(s.on_hand), numeric=True),
                Column(self.tr("Order"), lambda s: q(s.quantity), numeric=True),
                Column(self.tr("Runs out"), lambda s: self._day(s.stockout_day)),
            ],
            parent=self,
        )
        self.reorder_table = table_view(self.reorder)
        self.reorder_table.doubleClicked.connect(lambda index: self._suggested(index.row()))
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.export_button.clicked.connect(self._ask_export)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.products, 2)
        top.addWidget(self.forecast_button)
        top.addWidget(self.progress)
        reorder_bar = QHBoxLayout()
        reorder_bar.addWidget(QLabel(self.tr("Reorder suggestions")))
        reorder_bar.addStretch(1)
        reorder_bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.chart_view, 3)
        layout.addLayout(reorder_bar)
        layout.addWidget(self.reorder_table, 2)
        layout.addWidget(self.message)

    def _units(self, value: Number) -> str:
        return self.numbers.quantity(Decimal(str(value)))

    def _day(self, day: object) -> str:
        return "—" if day is None else str(day)

    def refresh(self) -> None:
        reorder = self.context.reorder
        if reorder is None:
            self.reorder.set_rows([])
            self.message.setText(self.tr("Reorder suggestions are not available on this till."))
            return
        self.read(lambda: list(reorder.suggestions()), self.reorder.set_rows)

    def find_products(self) -> None:
        catalog, text = self.context.catalog, self.search.text()
        self.read(lambda: catalog.search(text, PRODUCT_CHOICES), self._list_products)

    def _list_products(self, found: list[ProductView]) -> None:
        self.products.clear()
        for product in found:
            self.products.addItem(f"{product.sku} · {product.name}", product.product_id)
        if found:
            self._chosen()

    def _chosen(self) -> None:
        product_id = self.products.currentData()
        if isinstance(product_id, str):
            self.show_forecast(product_id, self.products.currentText())

    def _suggested(self, row: int) -> None:
        suggestion = self.reorder.row(row)
        if suggestion is not None:
            self.show_forecast(suggestion.product_id, f"{suggestion.sku} · {suggestion.name}")

    def show_forecast(self, product_id: str, title: str) -> None:
        """Read the product's forecast on the runner and draw it."""
        self.product_id, self.title = product_id, title
        self.forecast_button.setEnabled(self.context.forecast_now is not None)
        forecasts = self.context.forecasts
        if forecasts is None:
            self.show_error_text(self.tr("Forecasts are not available on this till."))
            return
        self.read(lambda: forecasts.forecast(product_id), lambda view: self._draw(view, title))

    def _draw(self, view: ForecastView | None, title: str) -> None:
        if view is None:
            self.summary.setText(self.tr("No sales and no forecast for this product yet."))
            self.chart = None
            self.chart_view.setChart(QChart())
            return
        self.chart = forecast_chart(view, title)
        self.chart_view.setChart(self.chart)
        if not view.forecast:
            self.summary.setText(self.tr("No forecast for this product yet."))
            return
        accuracy = "—" if view.mase is None else self.numbers.amount(Decimal(str(view.mase)))
        text = self.tr("Model: {model} · accuracy (MASE, below 1 beats naive): {mase}").format(
            model=view.model, mase=accuracy
        )
        if view.runs_out_on is not None:
            day = view.runs_out_on.isoformat()
            text += " · " + self.tr("stock runs out on {day}").format(day=day)
        self.summary.setText(text)

    def forecast_now(self) -> None:
        """Forecast the product shown, on the runner, with a busy bar; then draw it again."""
        make, product_id = self.context.forecast_now, self.product_id
        if make is None or product_id is None:
            return
        self.forecast_button.setEnabled(False)
        self.progress.setVisible(True)
        self.show_info(self.tr("Forecasting…"))
        task = self.context.runner.run(lambda: make(product_id))
        task.on_success(alive(self, self._forecasted))
        task.on_failure(alive(self, self._forecast_failed))

    def _forecasted(self, outcome: object) -> None:
        self._forecast_done()
        short = getattr(outcome, "message", None)
        if isinstance(short, str):  # too little history: the service says how much there is
            self.show_error_text(short)
            return
        self.show_info(self.tr("Forecast made."))
        if self.product_id is not None:
            self.show_forecast(self.product_id, self.title)

    def _forecast_failed(self, error: Exception) -> None:
        self._forecast_done()
        self.show_error(error)

    def _forecast_done(self) -> None:
        self.progress.setVisible(False)
        self.forecast_button.setEnabled(True)

    def _ask_export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export reorder suggestions"), "reorder.csv", "CSV (*.csv)"
        )
        if name:
            self.export_csv(Path(name))

    def export_csv(self, path: Path) -> None:
        """Write the suggestions shown to `path` (on the runner: it is file I/O)."""
        rows = list(self.reorder.rows)
        self.read(lambda: write_reorder_csv(path, rows), lambda _: self._exported(path))

    def _exported(self, path: Path) -> None:
        self.show_info(self.tr("Exported to {path}.").format(path=str(path)))


def write_reorder_csv(path: Path, suggestions: Sequence[ReorderSuggestion]) -> None:
    """One row per suggestion, plain numbers (a spreadsheet's own locale reads them)."""
    temporary = path.with_name(path.name + ".part")
    with temporary.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["product_id", "sku", "name", "on_hand", "order_quantity", "stockout_day"])
        for s in suggestions:
            day = "" if s.stockout_day is None else s.stockout_day.isoformat()
            writer.writerow([s.product_id, s.sku, s.name, s.on_hand, s.quantity, day])
    temporary.replace(path)  # never a half-written file under the name asked for
