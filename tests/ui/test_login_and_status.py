"""Logging in (errors beside their field), the status bar, logging out; the window stays thin."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt

from fluxion_desktop.application.sync_status import SyncStatus
from fluxion_desktop.ui import main_window
from fluxion_desktop.ui.formatting import NumberFormat
from fluxion_desktop.ui.main_window import MainWindow
from tests.ui.conftest import CAFE, log_in, scan, till_context


def test_a_wrong_pin_shows_the_error_beside_the_pin_and_stays_on_login(qtbot, window):
    log_in(qtbot, window, "jose", "0000")

    assert window.current_screen is window.login
    assert window.user is None
    error = window.login.errors["pin"]
    assert not error.isHidden()
    assert error.text() == "wrong PIN; 4 attempts left"
    assert window.login.errors["username"].isHidden()
    assert window.login.pin.text() == ""  # typed again, never kept
    assert window.login.pin.echoMode() is window.login.pin.EchoMode.Password


def test_an_unknown_user_is_shown_beside_the_user_name(qtbot, window):
    log_in(qtbot, window, "nadie", "1111")

    assert window.current_screen is window.login
    assert window.login.errors["username"].text() == "unknown user or wrong PIN"
    assert window.login.errors["pin"].isHidden()


def test_enter_on_the_user_name_moves_to_the_pin_then_logs_in(qtbot, window):
    login = window.login
    qtbot.keyClicks(login.username, "jose")
    qtbot.keyClick(login.username, Qt.Key.Key_Return)
    assert login.pin.hasFocus()
    qtbot.keyClicks(login.pin, "1111")
    qtbot.keyClick(login.pin, Qt.Key.Key_Return)

    assert window.current_screen is window.sale
    assert window.user is not None and window.user.username == "jose"
    assert window.sale.scan_field.hasFocus()


def test_the_status_bar_shows_offline_the_rate_pending_events_and_the_user(qtbot, till, window):
    bar = window.status
    pending = till.services.status().pending_push
    assert pending > 0
    assert bar.connection.text() == "● Offline"
    assert bar.rate.text() == "BCV 36.50 Bs/$"
    assert bar.pending.text() == f"{pending} events to sync"
    assert bar.user.text() == "Nobody logged in"

    log_in(qtbot, window, "jose", "1111")
    assert bar.user.text() == "José · cashier"
    scan(qtbot, window, CAFE)  # opens a shift and a sale: more events to sync
    now = till.services.status().pending_push
    assert now > pending
    qtbot.waitUntil(lambda: bar.pending.text() == f"{now} events to sync", timeout=3000)


def test_log_out_with_f10_returns_to_an_empty_login(qtbot, window):
    log_in(qtbot, window, "jose", "1111")
    qtbot.keyClick(window.sale.scan_field, Qt.Key.Key_F10)

    assert window.current_screen is window.login
    assert window.login.username.text() == ""
    assert window.status.user.text() == "Nobody logged in"


def test_the_main_window_stays_a_thin_shell():
    source = Path(main_window.__file__).read_text(encoding="utf-8")
    assert len(source.splitlines()) < 300


class SyncJobStandIn:
    """What the status bar reads from the sync job (a real one needs HQ: tests/sync/e2e)."""

    def __init__(self, status: SyncStatus) -> None:
        self.status = status

    def sync_status(self) -> SyncStatus:
        return self.status

    def request_sync(self) -> None:
        return None


def test_the_status_bar_shows_what_the_sync_job_says(qtbot, till, runner, tmp_path):
    job = SyncJobStandIn(SyncStatus(True, 3, None, None, None, "keyring"))
    context = replace(till_context(till.services, runner, pdf_dir=tmp_path), sync=job)
    window = MainWindow(context, NumberFormat(".", ","))
    qtbot.addWidget(window)
    bar = window.status
    bar.refresh()
    assert (bar.connection.text(), bar.pending.text()) == ("● Online", "3 events to sync")

    job.status = SyncStatus(False, 5, None, "HQ unreachable: timed out", None, "keyring")
    bar.refresh()
    assert (bar.connection.text(), bar.connection.toolTip()) == (
        "● Offline",
        "HQ unreachable: timed out",
    )
    job.status = SyncStatus(False, 5, None, None, "HQ holds more of this till than it does",
                            "keyring")  # fmt: skip
    bar.refresh()
    assert bar.connection.text() == "⚠ Sync stopped"
