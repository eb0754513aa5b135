"""The manager's back office: one tab per screen, each refreshed when the application reports a
change of the kinds it shows (at once if it is in view, else when it is next opened)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from fluxion_desktop.application.message_bus import ChangeSummary
from fluxion_desktop.ui.back_office.alerts import AlertsScreen
from fluxion_desktop.ui.back_office.common import BackOfficeScreen
from fluxion_desktop.ui.back_office.context import BackOfficeContext
from fluxion_desktop.ui.back_office.forecasts import ForecastsScreen
from fluxion_desktop.ui.back_office.products import ProductsScreen
from fluxion_desktop.ui.back_office.rates import RatesScreen
from fluxion_desktop.ui.back_office.reports import ReportsScreen
from fluxion_desktop.ui.back_office.stock import StockScreen
from fluxion_desktop.ui.back_office.store_settings import SettingsScreen
from fluxion_desktop.ui.back_office.sync_panel import SyncScreen
from fluxion_desktop.ui.back_office.users import UsersScreen
from fluxion_desktop.ui.formatting import NumberFormat

COALESCE_MS = 400


class _ChangeRelay(QObject):
    """Carries the bus's change summaries (told on a worker) to the GUI thread."""

    changed = Signal(object)  # ChangeSummary

    def relay(self, summary: ChangeSummary) -> None:
        self.changed.emit(summary)


class BackOffice(QTabWidget):
    def __init__(
        self,
        context: BackOfficeContext,
        numbers: NumberFormat | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        numbers = numbers or NumberFormat.system()
        self.products = ProductsScreen(context, numbers)
        self.stock = StockScreen(context, numbers)
        self.alerts = AlertsScreen(context, numbers)
        self.forecasts = ForecastsScreen(context, numbers)
        self.reports = ReportsScreen(context, numbers)
        self.rates = RatesScreen(context, numbers)
        self.settings = SettingsScreen(context, numbers)
        self.users = UsersScreen(context, numbers)
        self.sync = SyncScreen(context, numbers)
        for screen, title in ((self.products, self.tr("Products")),
                              (self.stock, self.tr("Stock")),
                              (self.alerts, self.tr("Alerts")),
                              (self.forecasts, self.tr("Forecasts")),
                              (self.reports, self.tr("Reports")),
                              (self.rates, self.tr("Exchange rate")),
                              (self.settings, self.tr("Settings")),
                              (self.users, self.tr("Users")),
                              (self.sync, self.tr("Sync"))):  # fmt: skip
            self.addTab(screen, title)
        self._stale: set[BackOfficeScreen] = set(self.screens)
        self._coalesce = QTimer(self)
        self._coalesce.setSingleShot(True)
        self._coalesce.setInterval(COALESCE_MS)
        self._coalesce.timeout.connect(self._refresh_current)
        self.currentChanged.connect(lambda _: self._refresh_current())
        # Without a parent, the relay lives as long as the bus that holds its `relay`; Qt drops
        # the connection when this widget goes.
        self._changes = _ChangeRelay()
        context.bus.on_change(self._changes.relay)
        self._changes.changed.connect(self.changed)
        self._refresh_current()

    @property
    def screens(self) -> tuple[BackOfficeScreen, ...]:
        return tuple(s for s in map(self.widget, range(self.count()))
                     if isinstance(s, BackOfficeScreen))  # fmt: skip

    def named_screens(self) -> list[tuple[str, BackOfficeScreen]]:
        """Each screen with a file-name-safe name ("products", "stock", ...): for screenshots."""
        names = ("products", "stock", "alerts", "forecasts", "reports", "exchange-rate",
                 "settings", "users", "sync")  # fmt: skip
        return list(zip(names, self.screens, strict=True))

    def show_screen(self, screen: BackOfficeScreen) -> None:
        self.setCurrentWidget(screen)

    def changed(self, summary: ChangeSummary) -> None:
        """Mark the screens showing what changed; the one in view re-reads shortly."""
        touched = {s for s in self.screens if s.kinds & summary.kinds}
        self._stale |= touched
        if self.currentWidget() in touched:
            self._coalesce.start()

    def _refresh_current(self) -> None:
        screen = self.currentWidget()
        if isinstance(screen, BackOfficeScreen) and screen in self._stale:
            self._stale.discard(screen)
            screen.refresh()


def build_back_office(context: BackOfficeContext, numbers: NumberFormat | None = None) -> QWidget:
    """The back office as one widget, for the main window to show to a manager."""
    return BackOffice(context, numbers)
