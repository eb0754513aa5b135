"""The status bar every screen shows: online/offline, events pending, rate of the day, user.

What it shows is read on the runner (never on the GUI thread); `refresh_soon` coalesces the burst
of changes a sale makes into one read.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from fluxion_desktop.application.authorization import UserView
from fluxion_desktop.application.status import LocalStatus
from fluxion_desktop.application.sync_status import SyncStatus
from fluxion_desktop.domain.identity import Role
from fluxion_desktop.domain.money import ExchangeRate
from fluxion_desktop.ui.context import TillContext
from fluxion_desktop.ui.formatting import NumberFormat

REFRESH_EVERY_MS = 30_000
COALESCE_MS = 400


@dataclass(frozen=True, slots=True)
class TillStatus:
    local: LocalStatus
    rate: ExchangeRate | None
    sync: SyncStatus | None = None


def read_status(context: TillContext) -> TillStatus:
    """What the bar shows (runs on the runner: it reads the database)."""
    sale = context.store.settings().sale
    rate = context.store.current_rate(sale.reference_currency, sale.local_currency)
    sync = None if context.sync is None else context.sync.sync_status()
    return TillStatus(context.status(), rate, sync)


class TillStatusBar(QStatusBar):
    rate_changed = Signal(object)  # ExchangeRate | None

    def __init__(
        self, context: TillContext, numbers: NumberFormat, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._numbers = numbers
        self.setSizeGripEnabled(False)
        self.setStyleSheet("QStatusBar QLabel { font-size: 11pt; padding: 0 8px; }")
        self.connection = QLabel(self.tr("● Offline"))
        self.connection.setStyleSheet("color: #b00020;")
        self.connection.setToolTip(self.tr("Not synchronising with HQ (sync is not set up yet)"))
        self.pending = QLabel("—")
        self.rate = QLabel("—")
        self.user = QLabel(self.tr("Nobody logged in"))
        for label in (self.connection, self.pending, self.rate):
            self.addWidget(label)
        self.addPermanentWidget(self.user)
        self._in_flight = False
        self._again = False
        self._coalesce = QTimer(self)
        self._coalesce.setSingleShot(True)
        self._coalesce.setInterval(COALESCE_MS)
        self._coalesce.timeout.connect(self.refresh)
        self._periodic = QTimer(self)
        self._periodic.setInterval(REFRESH_EVERY_MS)
        self._periodic.timeout.connect(self.refresh)
        self._periodic.start()

    def set_user(self, user: UserView | None) -> None:
        if user is None:
            self.user.setText(self.tr("Nobody logged in"))
        else:
            role = self._role_name(user.role)
            self.user.setText(self.tr("{name} · {role}").format(name=user.display_name, role=role))

    def _role_name(self, role: Role) -> str:
        names = {
            Role.CASHIER: self.tr("cashier"),
            Role.SUPERVISOR: self.tr("supervisor"),
            Role.MANAGER: self.tr("manager"),
            Role.ADMIN: self.tr("administrator"),
        }
        return names.get(role, role.value)

    def refresh_soon(self) -> None:
        """Refresh shortly (a sale writes many events in a row: one read for the lot)."""
        self._coalesce.start()

    def refresh(self) -> None:
        if self._in_flight:
            self._again = True
            return
        self._in_flight = True
        task = self._context.runner.run(lambda: read_status(self._context))
        task.on_success(self._show).on_failure(self._failed)

    def _show(self, status: TillStatus) -> None:
        self._done()
        pending = status.local.pending_push if status.sync is None else status.sync.pending
        self._show_connection(status.sync)
        self.pending.setText(self.tr("{count} events to sync").format(count=pending))
        if status.rate is None:
            self.rate.setText(self.tr("No rate of the day"))
            self.rate.setStyleSheet("color: #b00020;")
        else:
            self.rate.setText(f"{status.rate.source} {self._numbers.rate(status.rate)}")
            self.rate.setStyleSheet("")
        self.rate_changed.emit(status.rate)

    def _show_connection(self, sync: SyncStatus | None) -> None:
        if sync is None or not sync.enrolled:
            return  # as built: offline, sync not set up
        if sync.alarm:
            text, colour, tip = self.tr("⚠ Sync stopped"), "#b00020", sync.alarm
        elif sync.online:
            text, colour, tip = self.tr("● Online"), "#1b5e20", self.tr("Synchronising with HQ")
        else:
            text, colour = self.tr("● Offline"), "#b00020"
            tip = sync.last_error or self.tr("HQ not reached yet")
        self.connection.setText(text)
        self.connection.setStyleSheet(f"color: {colour};")
        self.connection.setToolTip(tip)

    def _failed(self, error: Exception) -> None:
        self._done()
        self.pending.setText(self.tr("status unavailable"))
        self.pending.setToolTip(str(error))

    def _done(self) -> None:
        self._in_flight = False
        if self._again:
            self._again = False
            self.refresh_soon()
