"""Starting the Qt application."""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtWidgets import QApplication

from fluxion_desktop.application.device import DeviceIdentity
from fluxion_desktop.application.status import LocalStatus
from fluxion_desktop.ui.status_window import StatusWindow


def run_app(status: Callable[[], LocalStatus], identity: DeviceIdentity) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    window = StatusWindow(status, identity)
    window.show()
    return int(app.exec())
