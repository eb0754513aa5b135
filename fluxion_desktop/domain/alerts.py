"""How urgent an alert is: shared by stock alerts and the intelligence agents."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from fluxion_desktop.domain.aggregate import Aggregate
from fluxion_desktop.domain.errors import InvalidValue, NotFound
from fluxion_desktop.domain.events import DomainEvent


class Severity(StrEnum):
    """The urgency of an alert, from a note for the record to "act now"."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"
    CRITICAL = "critical"


@dataclass(frozen=True, slots=True)
class AlertRaised(DomainEvent):
    """Something a person should look at. `key` says what it is about ("oversold:<product>"):
    the same key is not raised again while an alert with it is open."""

    event_type = "AlertRaised"
    alert_id: str
    key: str
    kind: str
    severity: Severity
    message: str
    product_id: str | None
    raised_at: datetime


@dataclass(frozen=True, slots=True)
class AlertAcknowledged(DomainEvent):
    event_type = "AlertAcknowledged"
    alert_id: str
    key: str
    by: str
    acknowledged_at: datetime


EVENT_TYPES: tuple[type[DomainEvent], ...] = (AlertRaised, AlertAcknowledged)


class AlertInbox(Aggregate):
    """The alerts one till raised (stream "alerts-<device_id>"), open until acknowledged."""

    stream_type = "alerts"

    def __init__(self, aggregate_id: str) -> None:
        super().__init__(aggregate_id)
        self.open: dict[str, str] = {}  # key -> alert id

    def raise_alert(
        self,
        alert_id: str,
        key: str,
        kind: str,
        severity: Severity,
        message: str,
        at: datetime,
        product_id: str | None = None,
    ) -> bool:
        """Raise unless an alert with `key` is still open; True if it was raised."""
        if not key.strip():
            raise InvalidValue("an alert needs a key", "key")
        if key in self.open:
            return False
        self._record(AlertRaised(alert_id, key, kind, severity, message, product_id, at))
        return True

    def acknowledge(self, alert_id: str, by: str, at: datetime) -> None:
        key = next((k for k, a in self.open.items() if a == alert_id), None)
        if key is None:
            raise NotFound(f"no open alert {alert_id}", "alert_id")
        self._record(AlertAcknowledged(alert_id, key, by, at))

    def _apply(self, event: DomainEvent) -> None:
        if isinstance(event, AlertRaised):
            self.open[event.key] = event.alert_id
        elif isinstance(event, AlertAcknowledged):
            self.open.pop(event.key, None)

    def snapshot_state(self) -> Mapping[str, Any]:
        return {"open": dict(self.open)}

    def restore_state(self, state: Mapping[str, Any]) -> None:
        self.open = dict(state["open"])
