"""A printout on screen (receipt, X or Z report) with its keys: Enter prints it on the till's
printer, F5 saves it as PDF, Esc closes. Printing and the PDF run on the runner; a printer that
fails says so here, and Enter tries again."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fluxion_desktop.application.printouts import Printout, ReceiptPrinter
from fluxion_desktop.ui.errors import explain
from fluxion_desktop.ui.pdf import write_pdf
from fluxion_desktop.ui.task_runner import TaskRunner

Key = Qt.Key
OK_STYLE = "color: #1b5e20; font-size: 12pt;"
ERROR_STYLE = "color: #b00020; font-size: 12pt; font-weight: bold;"


class PrintoutDialog(QDialog):
    def __init__(
        self,
        printout: Printout,
        printer: ReceiptPrinter | None,
        runner: TaskRunner,
        pdf_path: Path | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(printout.title)
        self.setModal(True)
        self.printout = printout
        self._printer, self._runner, self._pdf_path = printer, runner, pdf_path
        self._busy = False
        self.view = QPlainTextEdit(printout.text)
        self.view.setReadOnly(True)
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        font = QFont("Courier New")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(11)
        self.view.setFont(font)
        self.view.setMinimumSize(
            self.view.fontMetrics().horizontalAdvance("M" * (printout.width + 4)), 460
        )
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.buttons = {
            "print": QPushButton(self.tr("Enter Print")),
            "pdf": QPushButton(self.tr("F5 Save as PDF")),
            "close": QPushButton(self.tr("Esc Close")),
        }
        self.buttons["print"].clicked.connect(self.print_now)
        self.buttons["pdf"].clicked.connect(self.save_pdf)
        self.buttons["close"].clicked.connect(self.reject)
        if printer is None:
            self.buttons["print"].setEnabled(False)
            self.buttons["print"].setToolTip(self.tr("This till has no receipt printer set up"))
        self.buttons["pdf"].setEnabled(pdf_path is not None)
        row = QHBoxLayout()
        for button in self.buttons.values():
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(44)
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addLayout(row)

    def print_now(self) -> None:
        printer, printout = self._printer, self.printout
        if printer is None or self._busy:
            return
        self._start(self.tr("Printing…"))
        task = self._runner.run(lambda: printer.print(printout))
        task.on_success(lambda _none: self._done(self.tr("Printed."))).on_failure(self._failed)

    def save_pdf(self) -> None:
        path, printout = self._pdf_path, self.printout
        if path is None or self._busy:
            return
        self._start(self.tr("Saving the PDF…"))
        task = self._runner.run(lambda: write_pdf(printout, path))
        task.on_success(
            lambda written: self._done(self.tr("Saved as {path}").format(path=written))
        ).on_failure(self._failed)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Key.Key_Return, Key.Key_Enter):
            self.print_now()
        elif key == Key.Key_F5:
            self.save_pdf()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def reject(self) -> None:
        if not self._busy:
            super().reject()

    def _start(self, text: str) -> None:
        self._busy = True
        self.status.setStyleSheet(OK_STYLE)
        self.status.setText(text)

    def _done(self, text: str) -> None:
        self._busy = False
        self.status.setStyleSheet(OK_STYLE)
        self.status.setText(text)

    def _failed(self, error: Exception) -> None:
        self._busy = False
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText(self.tr("{error} (Enter tries again)").format(error=explain(error)))
        self.buttons["print"].setText(self.tr("Enter Print again"))
