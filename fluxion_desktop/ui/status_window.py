"""A minimal window showing the store's status (until the till screens land)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFormLayout, QLabel, QMainWindow, QWidget

from fluxion_desktop.application.device import DeviceIdentity
from fluxion_desktop.application.status import LocalStatus


class StatusWindow(QMainWindow):
    def __init__(self, status: Callable[[], LocalStatus], identity: DeviceIdentity) -> None:
        super().__init__()
        self.setWindowTitle("Fluxion POS")
        self._status = status
        body = QWidget(self)
        form = QFormLayout(body)
        self.labels: dict[str, QLabel] = {}
        rows = [
            ("store", self.tr("Store")),
            ("device", self.tr("Device")),
            ("events", self.tr("Events in the log")),
            ("pending_push", self.tr("Waiting to sync")),
            ("schema_version", self.tr("Database schema")),
        ]
        for key, title in rows:
            self.labels[key] = QLabel(body)
            form.addRow(title, self.labels[key])
        self.labels["store"].setText(f"{identity.tenant_id or '-'} / {identity.store_id or '-'}")
        self.labels["device"].setText(identity.device_id)
        self.setCentralWidget(body)
        self.refresh()

    def refresh(self) -> None:
        status = self._status()
        self.labels["events"].setText(str(status.events))
        self.labels["pending_push"].setText(str(status.pending_push))
        self.labels["schema_version"].setText(status.schema_version or "-")
