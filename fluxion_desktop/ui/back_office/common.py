"""What every back-office screen shares: running reads and commands on the runner, a message
line for outcomes and errors, and a simple table model over a list of rows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QWidget

from fluxion_desktop.ui.back_office.context import BackOfficeContext
from fluxion_desktop.ui.errors import explain
from fluxion_desktop.ui.formatting import NumberFormat

T = TypeVar("T")
R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
STYLES = {"info": "color: #1b5e20;", "error": "color: #b00020; font-weight: bold;"}
LOW_COLOUR = QColor("#fff3cd")  # amber: at or below the minimum
CRITICAL_COLOUR = QColor("#f8d7da")  # red: out of stock


def alive(owner: QObject, callback: Callable[[T], object]) -> Callable[[T], None]:
    """`callback`, unless `owner` was deleted meanwhile (a screen closed while its read ran)."""

    def call(value: T) -> None:
        if shiboken6.isValid(owner):
            callback(value)

    return call


class BackOfficeScreen(QWidget):
    """A screen of the back office. `kinds` are the change kinds (stream types) it shows."""

    kinds: frozenset[str] = frozenset()

    def __init__(
        self, context: BackOfficeContext, numbers: NumberFormat, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.numbers = numbers
        self.message = QLabel()
        self.message.setWordWrap(True)

    def refresh(self) -> None:
        """Read what the screen shows again (on the runner)."""

    def read(self, fn: Callable[[], T], show: Callable[[T], object]) -> None:
        """`fn` on the runner, `show` with its result on the GUI thread; errors in `message`."""
        task = self.context.runner.run(fn)
        task.on_success(alive(self, show)).on_failure(alive(self, self.show_error))

    def acting_user(self) -> str | None:
        """Who is logged in; if nobody, the screen says so and None is returned."""
        user = self.context.acting_user()
        if user is None:
            # Translated in this class's own context (PySide's tr() would use the subclass's).
            self.show_error_text(
                QCoreApplication.translate("BackOfficeScreen", "Log in as a manager first.")
            )
        return user

    def as_user(self, work: Callable[[str], T], done: Callable[[T], object]) -> None:
        """`work(acting user id)` on the runner, `done` with its result; refused if nobody is in."""
        user = self.acting_user()
        if user is not None:
            self.read(lambda: work(user), done)

    def command(self, make: Callable[[str], Any], done: Callable[[Any], object]) -> None:
        """Send `make(acting user id)` to the bus on the runner; `done` gets what it returns."""
        bus = self.context.bus
        self.as_user(lambda user: bus.handle(make(user)), done)

    def show_info(self, text: str) -> None:
        self.message.setStyleSheet(STYLES["info"])
        self.message.setText(text)

    def show_error(self, error: Exception) -> None:
        self.show_error_text(explain(error))

    def show_error_text(self, text: str) -> None:
        self.message.setStyleSheet(STYLES["error"])
        self.message.setText(text)


@dataclass(frozen=True)
class Column(Generic[R]):
    header: str
    text: Callable[[R], str]
    numeric: bool = False


class RowsModel(QAbstractTableModel, Generic[R]):
    """A table over a list of rows, one `Column` each; `colour` may shade a whole row."""

    def __init__(
        self,
        columns: Sequence[Column[R]],
        colour: Callable[[R], QColor | None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._colour = colour
        self.rows: tuple[R, ...] = ()

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self.rows = tuple(rows)
        self.endResetModel()

    def row(self, number: int) -> R | None:
        return self.rows[number] if 0 <= number < len(self.rows) else None

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return _RIGHT
        if role == Qt.ItemDataRole.BackgroundRole and self._colour is not None:
            return self._colour(row)
        return None

    def text(self, row: int, column: int) -> str:
        """What a cell shows (tests and CSV export read it)."""
        found = self.row(row)
        return "" if found is None else self._columns[column].text(found)


def table_view(model: QAbstractTableModel, stretch: int = 1) -> QTableView:
    """A read-only, row-selecting table whose column `stretch` takes the spare width."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(26)
    view.setAlternatingRowColors(True)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if 0 <= stretch < model.columnCount():
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


def selected_row(view: QTableView) -> int | None:
    rows = view.selectionModel().selectedRows()
    return rows[0].row() if rows else None
