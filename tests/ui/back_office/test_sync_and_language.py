"""The sync panel reads the sync client's status and asks it to sync; the back office speaks
Spanish or English (its strings go through tr())."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QLocale, Qt

from fluxion_desktop.application.sync_status import SyncStatus
from fluxion_desktop.ui.back_office.back_office import BackOffice
from fluxion_desktop.ui.formatting import NumberFormat
from fluxion_desktop.ui.i18n import install_language, uninstall_language
from tests.ui.back_office.conftest import make_context


class SyncClient:
    """Stands in for the sync job (a real one needs an HQ server; its own tests have one)."""

    def __init__(self) -> None:
        self.requests = 0
        self.current = SyncStatus(False, 12, None, "HQ unreachable: connection refused", None,
                                  "keyring")  # fmt: skip

    def sync_status(self) -> SyncStatus:
        return self.current

    def request_sync(self) -> None:
        self.requests += 1
        self.current = SyncStatus(True, 0, datetime(2026, 11, 25, 12, 5, tzinfo=UTC), None, None,
                                  "keyring")  # fmt: skip


def test_the_sync_panel_shows_the_status_and_syncs_now(qtbot, till, runner):
    client = SyncClient()
    office = BackOffice(make_context(till, runner, sync=client), NumberFormat(".", ","))
    qtbot.addWidget(office)
    panel = office.sync
    office.show_screen(panel)

    assert panel.connection.text() == "● Offline"
    assert panel.pending.text() == "12"
    assert panel.last_success.text() == "never"
    assert panel.last_error.text() == "HQ unreachable: connection refused"

    panel.sync_now_button.click()

    assert client.requests == 1
    assert panel.connection.text() == "● Online"
    assert panel.pending.text() == "0"
    assert panel.last_error.text() == "none"
    assert panel.last_success.text() != "never"


def test_without_a_sync_client_the_panel_says_so(office):
    office.show_screen(office.sync)
    assert office.sync.connection.text() == "Sync is not set up on this till"
    assert not office.sync.sync_now_button.isEnabled()


@pytest.fixture
def language_restored(qapp) -> Iterator[None]:
    locale = QLocale()
    yield
    uninstall_language(qapp)
    QLocale.setDefault(locale)


def test_the_back_office_switches_language(qtbot, context, language_restored):
    assert install_language("es")
    spanish = BackOffice(context)
    qtbot.addWidget(spanish)
    assert spanish.tabText(0) == "Productos"
    assert spanish.stock.buttons["receive"].text() == "Recibir"
    assert spanish.alerts.acknowledge_button.text() == "Marcar como vista"
    assert spanish.products.model.headerData(1, Qt.Orientation.Horizontal) == "Nombre"
    assert spanish.products.model.data(spanish.products.model.index(0, 2)) == "$ 3,00"

    install_language("en")
    english = BackOffice(context)
    qtbot.addWidget(english)
    assert english.tabText(0) == "Products"
    assert english.stock.buttons["receive"].text() == "Receive"
    assert english.products.model.data(english.products.model.index(0, 2)) == "$ 3.00"


def test_copy_diagnostics_puts_logs_and_status_on_the_clipboard(office, till):
    from PySide6.QtGui import QGuiApplication

    QGuiApplication.clipboard().setText("")
    office.show_screen(office.sync)
    office.sync.diagnostics_button.click()

    copied = QGuiApplication.clipboard().text()
    assert till.services.identity.device_id in copied
    assert "Diagnostics copied" in office.sync.message.text()
