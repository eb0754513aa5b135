"""What the till's screens need, handed to them explicitly (there is no global app object).

`cli.till_commands._till_context` builds it from the composition root's services; tests build it
from a test till. Everything here that reads or writes the database, or talks to a printer, is
called only inside `runner` tasks, never on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QWidget

from fluxion_desktop.application.authorization import UserQueries, UserView
from fluxion_desktop.application.device import DeviceIdentity
from fluxion_desktop.application.first_run import FirstRun
from fluxion_desktop.application.message_bus import MessageBus
from fluxion_desktop.application.printouts import ReceiptPrinter
from fluxion_desktop.application.queries import CatalogQueries
from fluxion_desktop.application.receipts import Receipts
from fluxion_desktop.application.sale_lookup import SaleLookup
from fluxion_desktop.application.shifts import ShiftQueries
from fluxion_desktop.application.status import LocalStatus
from fluxion_desktop.application.store_admin import StoreQueries
from fluxion_desktop.application.sync_status import SyncStatusSource
from fluxion_desktop.domain.sale import Sale
from fluxion_desktop.domain.shift_reports import XReport
from fluxion_desktop.ui.task_runner import TaskRunner


@dataclass(frozen=True)
class TillContext:
    bus: MessageBus
    catalog: CatalogQueries
    store: StoreQueries
    shifts: ShiftQueries
    users: UserQueries
    load_sale: Callable[[str], Sale]  # reads a sale as it stands; never changes it
    status: Callable[[], LocalStatus]
    device: DeviceIdentity
    runner: TaskRunner
    printing: TaskRunner | None = None  # printers and PDFs, so a slow printer never holds a scan
    sales: SaleLookup | None = None  # completed sales: receipts, reprints, returns
    x_report: Callable[[str], XReport] | None = None  # the open shift's figures now
    printer: ReceiptPrinter | None = None  # None: this till has no receipt printer
    printer_width: int = 42
    pdf_dir: Path | None = None  # where receipts saved as PDF go (asked each time when None)
    # The manager's screens (Ctrl+M), built for the user who asked: `back_office(user)`.
    back_office: Callable[[UserView], QWidget] | None = None
    # The first-run wizard's work, with HQ enrolment when the CLI offers it; None: the wizard
    # sets up this till as it stands (no enrolment).
    first_run: FirstRun | None = None
    login_as: str | None = None  # the user name the login screen starts with
    sync: SyncStatusSource | None = None  # the background sync job, None until enrolled

    @property
    def print_runner(self) -> TaskRunner:
        """Where printing runs: its own worker when there is one, else the till's runner."""
        return self.printing or self.runner

    @property
    def receipts(self) -> Receipts | None:
        if self.sales is None:
            return None
        return Receipts(self.sales, self.store, self.users)
