"""The alerts inbox: what needs a person's eye, most recent first, with its severity and what
raised it; acknowledging one takes it out of the open list."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from fluxion_desktop.application.alert_handling import AcknowledgeAlert
from fluxion_desktop.application.report_queries import AlertEntry
from fluxion_desktop.domain.alerts import Severity
from fluxion_desktop.ui.back_office.common import (
    CRITICAL_COLOUR,
    LOW_COLOUR,
    BackOfficeScreen,
    Column,
    RowsModel,
    selected_row,
    table_view,
)
from fluxion_desktop.ui.back_office.context import BackOfficeContext
from fluxion_desktop.ui.formatting import NumberFormat


def alert_colour(alert: AlertEntry) -> QColor | None:
    if alert.acknowledged:
        return None
    if alert.severity in (Severity.ERROR, Severity.CRITICAL):
        return CRITICAL_COLOUR
    return LOW_COLOUR if alert.severity is Severity.WARNING else None


class AlertsScreen(BackOfficeScreen):
    kinds = frozenset({"alerts"})

    def __init__(
        self, context: BackOfficeContext, numbers: NumberFormat, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, numbers, parent)
        severities = {Severity.INFO: self.tr("info"), Severity.WARNING: self.tr("warning"),
                      Severity.ERROR: self.tr("error"),
                      Severity.CRITICAL: self.tr("critical")}  # fmt: skip
        kinds = {"oversold": self.tr("oversold"), "low_stock": self.tr("low stock"),
                 "threshold": self.tr("rule"), "anomaly_spike": self.tr("sales spike"),
                 "anomaly_drop": self.tr("sales drop"),
                 "anomaly_zero_run": self.tr("no sales for days"),
                 "anomaly_level_shift_up": self.tr("sales rose"),
                 "anomaly_level_shift_down": self.tr("sales fell")}  # fmt: skip
        self.model: RowsModel[AlertEntry] = RowsModel(
            [
                Column(self.tr("Severity"), lambda a: severities.get(a.severity, a.severity)),
                Column(self.tr("Raised"), lambda a: a.raised_at[:16].replace("T", " ")),
                Column(self.tr("What"), lambda a: kinds.get(a.kind, a.kind)),
                Column(self.tr("Message"), lambda a: a.message),
                Column(self.tr("Status"), self._status),
            ],
            alert_colour,
            self,
        )
        self.table = table_view(self.model, stretch=3)
        self.show_all = QCheckBox(self.tr("Show acknowledged too"))
        self.show_all.toggled.connect(lambda _: self.refresh())
        self.acknowledge_button = QPushButton(self.tr("Acknowledge"))
        self.acknowledge_button.clicked.connect(self.acknowledge)
        bar = QHBoxLayout()
        bar.addWidget(self.show_all)
        bar.addStretch(1)
        bar.addWidget(self.acknowledge_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)

    def _status(self, alert: AlertEntry) -> str:
        return self.tr("acknowledged") if alert.acknowledged else self.tr("open")

    def refresh(self) -> None:
        alerts, everything = self.context.alerts, self.show_all.isChecked()
        self.read(lambda: alerts.inbox(everything), self._show)

    def _show(self, rows: Sequence[AlertEntry]) -> None:
        self.model.set_rows(rows)

    def acknowledge(self) -> None:
        row = selected_row(self.table)
        alert = None if row is None else self.model.row(row)
        if alert is None or alert.acknowledged:
            self.show_error_text(self.tr("Select an open alert first."))
            return
        alert_id = alert.alert_id
        self.command(lambda user: AcknowledgeAlert(user, alert_id), lambda _: self._done())

    def _done(self) -> None:
        self.show_info(self.tr("Alert acknowledged."))
        self.refresh()
