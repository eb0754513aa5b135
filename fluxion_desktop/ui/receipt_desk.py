"""The receipt of the sale just completed (or the slip of a return): made on the runner from
what was committed, printed at once when the till has a printer, and kept for F3 (see it, print
it again, save it as PDF).

The sale is committed before any of this starts, so a printer that is missing or jammed only
gets a message with the way out (F3 reprints); nothing about the sale is lost or repeated.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from fluxion_desktop.application.printouts import Printout
from fluxion_desktop.domain.sale_return import ReturnCompleted
from fluxion_desktop.ui.context import TillContext
from fluxion_desktop.ui.errors import explain
from fluxion_desktop.ui.formatting import NumberFormat
from fluxion_desktop.ui.printout_words import receipt_words


class ReceiptDesk(QObject):
    told = Signal(str, str)  # kind ("info", "error"), message

    def __init__(
        self, context: TillContext, numbers: NumberFormat, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._numbers = numbers
        self.last: Printout | None = None
        self.last_sale_id: str | None = None

    def sale_completed(self, sale_id: str) -> None:
        """Make the receipt of `sale_id` and print it (when the till has a printer)."""
        receipts = self._context.receipts
        if receipts is None:
            return
        self.last_sale_id, self.last = sale_id, None
        words, numbers, width = receipt_words(), self._numbers, self._context.printer_width
        task = self._context.runner.run(lambda: receipts.printout(sale_id, words, numbers, width))
        task.on_success(self._made).on_failure(self._not_made)

    def return_completed(self, done: ReturnCompleted, names: Mapping[str, str]) -> None:
        """Make the slip of a return and print it (F3 shows it again)."""
        receipts = self._context.receipts
        if receipts is None:
            return
        self.last_sale_id, self.last = done.sale_id, None
        words, numbers, width = receipt_words(), self._numbers, self._context.printer_width
        task = self._context.runner.run(
            lambda: receipts.return_slip(done, names, words, numbers, width)
        )
        task.on_success(self._made).on_failure(self._not_made)

    def pdf_path(self, printout: Printout) -> Path | None:
        folder = self._context.pdf_dir
        if folder is None:
            return None
        name = "".join(c if c.isalnum() or c in "-_" else "-" for c in printout.title)
        return folder / f"{name}.pdf"

    def _made(self, printout: Printout) -> None:
        self.last = printout
        printer = self._context.printer
        if printer is None:
            text = self.tr("Receipt ready: F3 shows it, prints it or saves a PDF.")
            self.told.emit("info", text)
            return
        task = self._context.print_runner.run(lambda: printer.print(printout))
        task.on_success(lambda _none: self.told.emit("info", self.tr("Receipt printed.")))
        task.on_failure(self._not_printed)

    def _not_printed(self, error: Exception) -> None:
        text = self.tr("Receipt not printed: {error}. F3 prints it again.")
        self.told.emit("error", text.format(error=explain(error)))

    def _not_made(self, error: Exception) -> None:
        text = self.tr("The receipt could not be made ({error}); the sale is saved.")
        self.told.emit("error", text.format(error=explain(error)))
