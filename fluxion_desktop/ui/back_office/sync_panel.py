"""The sync panel: online or offline, events waiting for HQ, the last success and the last
error, an alarm if HQ and this till disagree, and "sync now" (which asks the sync client for a
push and pull soon; it never waits for the network)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFormLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from fluxion_desktop.application.sync_status import SyncStatus
from fluxion_desktop.ui.back_office.common import BackOfficeScreen
from fluxion_desktop.ui.back_office.context import BackOfficeContext
from fluxion_desktop.ui.formatting import NumberFormat

REFRESH_EVERY_MS = 5_000


class SyncScreen(BackOfficeScreen):
    kinds = frozenset({"sync"})

    def __init__(
        self, context: BackOfficeContext, numbers: NumberFormat, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, numbers, parent)
        self.connection = QLabel("—")
        self.connection.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.pending = QLabel("—")
        self.last_success = QLabel("—")
        self.last_error = QLabel("—")
        self.last_error.setWordWrap(True)
        self.alarm = QLabel()
        self.alarm.setWordWrap(True)
        self.alarm.setStyleSheet("color: #b00020; font-weight: bold;")
        self.sync_now_button = QPushButton(self.tr("Sync now"))
        self.sync_now_button.clicked.connect(self.sync_now)
        self.diagnostics_button = QPushButton(self.tr("Copy diagnostics"))
        self.diagnostics_button.setToolTip(
            self.tr("Logs and status for support, without PINs, tokens or passwords")
        )
        self.diagnostics_button.clicked.connect(self.copy_diagnostics)
        self.diagnostics_button.setEnabled(context.diagnostics is not None)
        form = QFormLayout()
        form.addRow(self.tr("Connection"), self.connection)
        form.addRow(self.tr("Events waiting for HQ"), self.pending)
        form.addRow(self.tr("Last success"), self.last_success)
        form.addRow(self.tr("Last error"), self.last_error)
        form.addRow("", self.alarm)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.sync_now_button)
        layout.addWidget(self.diagnostics_button)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_EVERY_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        if context.sync is None:
            self.sync_now_button.setEnabled(False)
            self.connection.setText(self.tr("Sync is not set up on this till"))

    def _tick(self) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        sync = self.context.sync
        if sync is not None:
            self.read(sync.sync_status, self._show)

    def _show(self, status: SyncStatus) -> None:
        if not status.enrolled:
            self.connection.setText(self.tr("Not enrolled with HQ"))
            self.connection.setStyleSheet("font-size: 16pt; font-weight: bold;")
        elif status.online:
            self.connection.setText(self.tr("● Online"))
            self.connection.setStyleSheet("font-size: 16pt; font-weight: bold; color: #1b5e20;")
        else:
            self.connection.setText(self.tr("● Offline"))
            self.connection.setStyleSheet("font-size: 16pt; font-weight: bold; color: #b00020;")
        self.pending.setText(str(status.pending))
        self.last_success.setText(_when(status.last_success) or self.tr("never"))
        self.last_error.setText(status.last_error or self.tr("none"))
        self.alarm.setText(status.alarm or "")

    def sync_now(self) -> None:
        sync = self.context.sync
        if sync is None:
            return
        self.read(sync.request_sync, lambda _: self._requested())

    def copy_diagnostics(self) -> None:
        if self.context.diagnostics is not None:
            self.read(self.context.diagnostics, self._copied)

    def _copied(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self.show_info(self.tr("Diagnostics copied: paste them into your message to support."))

    def _requested(self) -> None:
        self.show_info(self.tr("Sync requested; the figures above update as it runs."))
        self.refresh()


def _when(moment: datetime | None) -> str:
    return "" if moment is None else moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")
