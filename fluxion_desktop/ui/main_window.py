"""The main window: a thin shell over the screens, with the status bar every screen shows.

Screens get the `TillContext` passed in; the window only switches between them (first-run set-up
→ log in → sale → log out), tells the status bar when the application reports a change, and
mounts the manager's back office (`context.back_office`) on Ctrl+M for those allowed to see it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from fluxion_desktop.application.authorization import UserView
from fluxion_desktop.application.first_run import FirstRunDone
from fluxion_desktop.application.message_bus import ChangeSummary
from fluxion_desktop.domain.identity import ROLE_PERMISSIONS, Permission
from fluxion_desktop.ui.context import TillContext
from fluxion_desktop.ui.formatting import NumberFormat
from fluxion_desktop.ui.screens.first_run_wizard import FirstRunWizard
from fluxion_desktop.ui.screens.login import LoginScreen
from fluxion_desktop.ui.screens.sale import SaleScreen
from fluxion_desktop.ui.widgets.status_bar import TillStatusBar

BACK_OFFICE_KEY = (Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)  # Ctrl+M


class ChangeRelay(QObject):
    """Carries the bus's change summaries (told on the worker) to the GUI thread as a signal."""

    changed = Signal(object)  # ChangeSummary

    def relay(self, summary: ChangeSummary) -> None:
        self.changed.emit(summary)


class MainWindow(QMainWindow):
    # The till was set up (and perhaps enrolled with HQ) on services this window does not hold:
    # whoever runs the window reopens it on them (`app.run_app` exits with EXIT_RESTART).
    restart_requested = Signal()

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
        self._context = context
        self.user: UserView | None = None
        self.wizard: FirstRunWizard | None = None
        self.back_office: QWidget | None = None
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
        if context.login_as:
            self.login.username.setText(context.login_as)
            self.login.pin.setFocus()
        self.status.refresh()
        users = context.users
        context.runner.run(lambda: not users.all()).on_success(self._first_run)

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
        self._drop_back_office()
        self.sale.stop()
        self.user = None
        self.status.set_user(None)
        self.show_login()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Keys the screens leave alone reach the window (the scan field ignores Ctrl+M).
        if (event.key(), event.modifiers()) == BACK_OFFICE_KEY:
            event.accept()
            self.toggle_back_office()
            return
        super().keyPressEvent(event)

    def toggle_back_office(self) -> None:
        """Ctrl+M: the back office for a supervisor, manager or admin; again, back to the till."""
        if self.back_office is not None and self.current_screen is self.back_office:
            self.screens.setCurrentWidget(self.sale)
            self.sale.scan_field.setFocus()
            return
        user, factory = self.user, self._context.back_office
        if user is None or self.current_screen is not self.sale or self.sale.active_dialog:
            return
        if factory is None:
            self.status.showMessage(self.tr("The back office is not available here."), 5000)
        elif Permission.VIEW_REPORTS not in ROLE_PERMISSIONS[user.role]:
            self.status.showMessage(self.tr("The back office is for supervisors and managers."),
                                    5000)  # fmt: skip
        else:
            if self.back_office is None:
                self.back_office = factory(user)
                self.screens.addWidget(self.back_office)
            self.screens.setCurrentWidget(self.back_office)

    def _drop_back_office(self) -> None:
        if self.back_office is not None:
            self.screens.removeWidget(self.back_office)
            self.back_office.deleteLater()
            self.back_office = None

    def _first_run(self, no_users: bool) -> None:
        if not no_users:
            return
        self.wizard = FirstRunWizard(self._context, self)
        self.wizard.set_up.connect(self._set_up)
        self.wizard.rejected.connect(self._wizard_closed)
        self.wizard.open()

    def _set_up(self, done: FirstRunDone) -> None:
        self.wizard = None
        self.show_login()
        self.login.username.setText(done.admin_username)
        self.login.pin.setFocus()
        if done.restart:
            self.restart_requested.emit()

    def _wizard_closed(self) -> None:
        # Closed after HQ enrolled the till but before the rest was written: this window's
        # services are the old store's, so it reopens on the enrolled till (the wizard again).
        first_run = self._context.first_run
        self.wizard = None
        if first_run is not None and first_run.enrolled is not None:
            self.restart_requested.emit()
