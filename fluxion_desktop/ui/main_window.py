"""The main window: a thin shell over the screens, with the status bar every screen shows.

Screens get the `TillContext` passed in; the window only switches between them (log in → sale →
log out) and tells the status bar when the application reports a change.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from fluxion_desktop.application.authorization import UserView
from fluxion_desktop.application.message_bus import ChangeSummary
from fluxion_desktop.ui.context import TillContext
from fluxion_desktop.ui.formatting import NumberFormat
from fluxion_desktop.ui.screens.login import LoginScreen
from fluxion_desktop.ui.screens.sale import SaleScreen
from fluxion_desktop.ui.widgets.status_bar import TillStatusBar


class ChangeRelay(QObject):
    """Carries the bus's change summaries (told on the worker) to the GUI thread as a signal."""

    changed = Signal(object)  # ChangeSummary

    def relay(self, summary: ChangeSummary) -> None:
        self.changed.emit(summary)


class MainWindow(QMainWindow):
    def __init__(
        self,
        context: TillContext,
        numbers: NumberFormat | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Fluxion POS"))
        self.resize(1280, 800)
        numbers = numbers or NumberFormat.system()
        self.user: UserView | None = None
        self.login = LoginScreen(context)
        self.sale = SaleScreen(context, numbers)
        self.screens = QStackedWidget()
        for screen in self.all_screens:
            self.screens.addWidget(screen)
        self.setCentralWidget(self.screens)
        self.status = TillStatusBar(context, numbers)
        self.setStatusBar(self.status)
        self.status.rate_changed.connect(self.sale.set_day_rate)
        self.login.logged_in.connect(self.logged_in)
        self.sale.logout_requested.connect(self.log_out)
        # Without a parent, the relay lives as long as the bus that holds its `relay`.
        self._changes = ChangeRelay()
        context.bus.on_change(self._changes.relay)
        self._changes.changed.connect(self.status.refresh_soon)
        self.show_login()
        self.status.refresh()

    @property
    def all_screens(self) -> Sequence[QWidget]:
        return (self.login, self.sale)

    @property
    def current_screen(self) -> QWidget | None:
        return self.screens.currentWidget()

    def show_login(self) -> None:
        self.screens.setCurrentWidget(self.login)
        self.login.reset()

    def logged_in(self, user: UserView) -> None:
        self.user = user
        self.status.set_user(user)
        self.sale.start(user)
        self.screens.setCurrentWidget(self.sale)
        self.sale.scan_field.setFocus()
        self.status.refresh()

    def log_out(self) -> None:
        self.sale.stop()
        self.user = None
        self.status.set_user(None)
        self.show_login()
