"""The cart's table: never takes the focus (the scanner types into the scan field), fixed
columns wide enough for big amounts, so nothing jumps as lines are scanned."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from fluxion_desktop.ui.models.cart_model import LINE_TOTAL, NAME, QUANTITY, UNIT_PRICE, CartModel


def cart_table(model: CartModel) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(34)
    table.setStyleSheet("font-size: 14pt;")
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
    # Fixed widths, wide enough for "Bs 99.999,99": resizing to contents on every scan costs
    # time and makes the columns jump.
    metrics = table.fontMetrics()
    widths = {QUANTITY: "9.999 kg", UNIT_PRICE: "$ 9.999,99", LINE_TOTAL: "$ 99.999,99"}
    for column, sample in widths.items():
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)
    return table
