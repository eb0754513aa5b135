"""The minimal window shows the store's status (offscreen)."""

from __future__ import annotations

from fluxion_desktop.application.device import DeviceIdentity
from fluxion_desktop.application.status import LocalStatus
from fluxion_desktop.ui.status_window import StatusWindow


def test_the_window_shows_the_store_and_its_log(qtbot):
    counts = iter([3, 4])

    def status() -> LocalStatus:
        return LocalStatus("0002_stream_summary", next(counts), 3, 3, 2)

    window = StatusWindow(status, DeviceIdentity("demo-tenant", "demo-store", "dev-1"))
    qtbot.addWidget(window)

    assert window.labels["store"].text() == "demo-tenant / demo-store"
    assert window.labels["events"].text() == "3"
    assert window.labels["pending_push"].text() == "2"
    window.refresh()
    assert window.labels["events"].text() == "4"
