"""A missing printer never loses the sale: it says so, and F3 prints the receipt again once the
printer is back; F3 also saves the receipt as a PDF through Qt with the same figures."""

from __future__ import annotations

from pathlib import Path

from escpos.printer import File
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument

from fluxion_desktop.adapters.printing.escpos_printer import EscposPrinter
from fluxion_desktop.ui.formatting import NumberFormat
from fluxion_desktop.ui.main_window import MainWindow
from fluxion_desktop.ui.screens.printout_dialog import PrintoutDialog
from tests.support.app import open_shift
from tests.ui.conftest import CAFE, log_in, sell_for_dollars, till_context

Key = Qt.Key


def test_a_jammed_printer_keeps_the_sale_and_f3_prints_it_again(qtbot, till, runner, tmp_path):
    device = tmp_path / "lp0" / "printer"  # the printer's device is not there yet
    printer = EscposPrinter(lambda: File(str(device)), str(device))
    window = MainWindow(till_context(till.services, runner, printer, tmp_path / "pdf"),
                        NumberFormat(".", ","))  # fmt: skip
    qtbot.addWidget(window)
    open_shift(till)
    log_in(qtbot, window, "jose", "1111")

    sell_for_dollars(qtbot, window, CAFE)

    screen = window.sale
    assert screen.receipt_status.text().startswith("Receipt not printed: the printer")
    assert "F3 prints it again" in screen.receipt_status.text()
    found = till.services.queries.sales.find("00000001")
    assert [sale.status for sale in found] == ["completed"]  # the sale is safe

    qtbot.keyClick(screen.scan_field, Key.Key_F3)
    dialog = screen.active_dialog
    assert isinstance(dialog, PrintoutDialog)
    qtbot.keyClick(dialog, Key.Key_Return)  # still jammed: said in the dialog
    assert "did not print" in dialog.status.text()
    assert dialog.buttons["print"].text() == "Enter Print again"

    device.parent.mkdir()  # the printer is back
    qtbot.keyClick(dialog, Key.Key_Return)
    assert dialog.status.text() == "Printed."
    printed = device.read_bytes().decode("cp437")
    assert f"Receipt {found[0].receipt_no}" in printed
    assert "TOTAL                  $ 3.48    Bs 127.02" in printed
    assert printed.count("TOTAL ") == 1


def test_f3_saves_the_receipt_as_a_pdf_with_the_figures(qtbot, till, window, tmp_path):
    open_shift(till)
    log_in(qtbot, window, "jose", "1111")
    sell_for_dollars(qtbot, window, CAFE)
    qtbot.keyClick(window.sale.scan_field, Key.Key_F3)
    dialog = window.sale.active_dialog
    assert isinstance(dialog, PrintoutDialog)

    qtbot.keyClick(dialog, Key.Key_F5)

    pdfs = list((tmp_path / "receipts").glob("*.pdf"))
    assert len(pdfs) == 1 and dialog.status.text() == f"Saved as {pdfs[0]}"
    document = QPdfDocument()
    assert document.load(str(pdfs[0])) == QPdfDocument.Error.None_
    text = document.getAllText(0).text()
    assert "Bs 127.02" in text and "$ 3.48" in text
    assert "IGTF 3 % on $ 3.48" in text
    assert Path(pdfs[0]).stat().st_size > 0
