"""A real till on tmp_path for the screens, with the synchronous task runner."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from escpos.printer import Dummy
from PySide6.QtCore import Qt

from fluxion_desktop.adapters.printing.escpos_printer import EscposPrinter
from fluxion_desktop.adapters.read_models.sales_lookup import SqlSalesLookup
from fluxion_desktop.application.inventory import ReceiveStock
from fluxion_desktop.application.printouts import ReceiptPrinter
from fluxion_desktop.bootstrap import Services
from fluxion_desktop.domain.tax import TaxCategory
from fluxion_desktop.ui.context import TillContext
from fluxion_desktop.ui.formatting import NumberFormat
from fluxion_desktop.ui.main_window import MainWindow
from fluxion_desktop.ui.task_runner import SynchronousTaskRunner, TaskRunner
from tests.support.app import Till, configure_store, open_till

HARINA, CAFE, JABON = "7591002000011", "7591234567894", "7590000000016"


def till_context(
    services: Services,
    runner: TaskRunner,
    printer: ReceiptPrinter | None = None,
    pdf_dir: Path | None = None,
) -> TillContext:
    """The same context `cli.till_commands._till_context` builds, around a test till's services
    (with the printer given: escpos's Dummy or File printer behind the real adapter)."""
    q = services.queries
    return TillContext(
        bus=services.bus,
        catalog=q.catalog,
        store=q.store,
        shifts=q.shifts,
        users=q.users,
        load_sale=services.handlers.sales.load,
        status=services.status,
        device=services.identity,
        runner=runner,
        sales=SqlSalesLookup(services.engine, q.sales),
        x_report=services.handlers.shifts.x_report,
        printer=printer,
        pdf_dir=pdf_dir,
    )


@pytest.fixture
def till(tmp_path: Path) -> Iterator[Till]:
    """The store of the integration sale flow: special taxpayer at 36.50, three products."""
    till = open_till(tmp_path)
    configure_store(till, rate="36.50", special_taxpayer=True)
    products = (
        till.product("HAR-1", "Harina PAN 1 kg", "1.25", HARINA, TaxCategory.EXEMPT),
        till.product("CAF-1", "Café Fama 250 g", "3.00", CAFE),
        till.product("JAB-1", "Jabón Las Llaves", "0.80", JABON),
    )
    for product in products:
        till.services.bus.handle(ReceiveStock(till.manager, product, Decimal(10)))
    yield till
    till.services.close()


@pytest.fixture
def runner() -> Iterator[SynchronousTaskRunner]:
    runner = SynchronousTaskRunner()
    yield runner
    assert runner.unhandled_failures() == []


@pytest.fixture
def paper() -> Dummy:
    """What the till's receipt printer printed: escpos's own Dummy printer."""
    return Dummy()


@pytest.fixture
def window(
    qtbot, till: Till, runner: SynchronousTaskRunner, paper: Dummy, tmp_path: Path
) -> MainWindow:
    printer = EscposPrinter(lambda: paper, "dummy")
    context = till_context(till.services, runner, printer, tmp_path / "receipts")
    window = MainWindow(context, NumberFormat(".", ","))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def log_in(qtbot, window: MainWindow, username: str, pin: str) -> None:
    """As a person types it: the user name, Enter, the PIN, Enter."""
    login = window.login
    qtbot.keyClicks(login.username, username)
    qtbot.keyClick(login.username, Qt.Key.Key_Return)
    qtbot.keyClicks(login.pin, pin)
    qtbot.keyClick(login.pin, Qt.Key.Key_Return)


def scan(qtbot, window: MainWindow, code: str) -> None:
    """What a keyboard-wedge scanner sends: the digits, then Enter."""
    field = window.sale.scan_field
    qtbot.keyClicks(field, code)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def printed_text(paper: Dummy) -> str:
    """The printer's bytes as text (ESC/POS commands are control bytes; text is code page 437)."""
    return paper.output.decode("cp437", errors="replace")


def sell_for_dollars(qtbot, window: MainWindow, *codes: str) -> None:
    """Scan `codes` and pay the whole sale in dollars cash by keys: F12, F1, F6, Enter, Enter."""
    from fluxion_desktop.ui.screens.tender_dialog import TenderDialog

    for code in codes:
        scan(qtbot, window, code)
    qtbot.keyClick(window.sale.scan_field, Qt.Key.Key_F12)
    tender = window.sale.active_dialog
    assert isinstance(tender, TenderDialog)
    qtbot.keyClick(tender.amount, Qt.Key.Key_F1)
    qtbot.keyClick(tender.amount, Qt.Key.Key_F6)
    qtbot.keyClick(tender.amount, Qt.Key.Key_Return)  # adds the tender
    qtbot.keyClick(tender.amount, Qt.Key.Key_Return)  # completes the settled sale
    assert window.sale.active_dialog is None, tender.errors["general"].text()
