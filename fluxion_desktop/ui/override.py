"""A supervisor's PIN where the cashier's role is not enough (a big discount, a refund...).

`run_with_override` runs the work as the cashier; when the application answers that a
supervisor must authorise it, an `OverrideDialog` asks for a supervisor's user and PIN and runs
the same work again with them. A wrong PIN is said in the dialog (and counted by the PIN guard);
Esc gives up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QPushButton, QWidget

from fluxion_desktop.application.authorization import Credentials
from fluxion_desktop.domain.errors import PermissionDenied
from fluxion_desktop.ui.errors import explain
from fluxion_desktop.ui.task_runner import TaskRunner

T = TypeVar("T")
Work = Callable[[Credentials | None], T]
_OVERRIDE_FIELDS = ("override", "override_by")


def needs_override(error: Exception) -> bool:
    """True when `error` asks for a supervisor's PIN (not when a PIN was wrong)."""
    return isinstance(error, PermissionDenied) and error.field in _OVERRIDE_FIELDS


def run_with_override(
    runner: TaskRunner,
    work: Work[T],
    done: Callable[[T], object],
    failed: Callable[[Exception], object],
    show: Callable[[QDialog], object],
    parent: QWidget | None = None,
) -> None:
    """Run `work(None)`; if a supervisor must authorise it, `show` an OverrideDialog that runs
    `work(credentials)`. `done` gets the outcome, `failed` any other error."""

    def first_failed(error: Exception) -> None:
        if not needs_override(error):
            failed(error)
            return
        show(OverrideDialog(runner, explain(error), work, done, parent))

    runner.run(lambda: work(None)).on_success(done).on_failure(first_failed)


class OverrideDialog(QDialog):
    def __init__(
        self,
        runner: TaskRunner,
        reason: str,
        work: Work[Any],
        done: Callable[[Any], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Supervisor authorisation"))
        self.setModal(True)
        self.setMinimumWidth(420)
        self._runner, self._work, self._done = runner, work, done
        self._busy = False
        self.reason = QLabel(reason)
        self.reason.setWordWrap(True)
        self.reason.setStyleSheet("font-size: 13pt;")
        self.username = QLineEdit()
        self.username.setPlaceholderText(self.tr("supervisor's user"))
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,12}"), self))
        for field in (self.username, self.pin):
            field.setStyleSheet("font-size: 16pt; padding: 4px;")
        self.username.returnPressed.connect(self.pin.setFocus)
        self.pin.returnPressed.connect(self.authorise)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020; font-size: 11pt;")
        self.error.setWordWrap(True)
        ok = QPushButton(self.tr("Authorise (Enter)"))
        back = QPushButton(self.tr("Back (Esc)"))
        for button in (ok, back):
            button.setAutoDefault(False)
        ok.clicked.connect(self.authorise)
        back.clicked.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.reason)
        form.addRow(self.tr("User"), self.username)
        form.addRow(self.tr("PIN"), self.pin)
        form.addRow(self.error)
        form.addRow(ok, back)
        self.username.setFocus()

    def authorise(self) -> None:
        if self._busy:
            return
        username = self.username.text().strip().lower()
        if not username or not self.pin.text():
            self.error.setText(self.tr("Type the supervisor's user and PIN"))
            return
        credentials = Credentials(username, self.pin.text())
        self._busy = True
        work = self._work
        task = self._runner.run(lambda: work(credentials))
        task.on_success(self._succeeded).on_failure(self._failed)

    def reject(self) -> None:
        if not self._busy:
            super().reject()

    def _succeeded(self, value: object) -> None:
        self._busy = False
        self.accept()
        self._done(value)

    def _failed(self, error: Exception) -> None:
        self._busy = False
        self.error.setText(explain(error))
        self.pin.clear()
        self.pin.setFocus()
