"""Starting the Qt application on the till's main window (login first)."""

from __future__ import annotations

import signal
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from fluxion_desktop.ui.context import TillContext
from fluxion_desktop.ui.i18n import choose_language, install_language
from fluxion_desktop.ui.main_window import MainWindow

EXIT_RESTART = 1000  # run_app's answer when the window must reopen on the till's new services


def start_qt(language: str | None = None) -> QApplication:
    """The QApplication (made once), speaking `language` or the one `choose_language` picks."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    install_language(choose_language(language), app)
    return app


def run_app(context: TillContext) -> int:
    """Show the till until it is closed; the runner's work is finished before returning.

    EXIT_RESTART when the window asked to be reopened on new services (after the first-run
    set-up, e.g. an enrolment with HQ): the caller builds a new context and runs it again."""
    app = QApplication.instance() or QApplication(sys.argv)
    window = MainWindow(context)
    window.restart_requested.connect(lambda: app.exit(EXIT_RESTART))
    window.show()
    # Ctrl+C in the terminal closes the app (Python sees signals only while its code runs).
    previous = signal.signal(signal.SIGINT, lambda *_: app.quit())
    wake = QTimer()
    wake.timeout.connect(lambda: None)
    wake.start(250)
    try:
        return int(app.exec())
    finally:
        wake.stop()
        signal.signal(signal.SIGINT, previous)
        context.runner.shutdown()
        if context.printing is not None:
            context.printing.shutdown()
