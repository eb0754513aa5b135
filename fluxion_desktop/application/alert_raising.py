"""Raising alerts from the background agents, and telling the UI at once about urgent ones.

Alerts go into this till's inbox stream (the one `AcknowledgeAlert` closes) through the bus, so
they queue behind the till's own commands instead of racing them for the stream.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from fluxion_desktop.application.device import DeviceIdentity
from fluxion_desktop.application.event_registry import EventRegistry
from fluxion_desktop.application.event_store import StoredEvent
from fluxion_desktop.application.message_bus import MessageBus
from fluxion_desktop.application.ports import Clock, IdGenerator
from fluxion_desktop.application.repository import Repository
from fluxion_desktop.domain.alerts import AlertInbox, AlertRaised, Severity

log = logging.getLogger(__name__)
URGENT = frozenset({Severity.ERROR, Severity.CRITICAL})


@dataclass(frozen=True, slots=True)
class AlertDraft:
    """An alert an agent wants raised; `key` says what it is about and dedups it."""

    key: str
    kind: str
    severity: Severity
    message: str
    product_id: str | None = None


@dataclass(frozen=True, slots=True)
class RaiseAlerts:
    drafts: tuple[AlertDraft, ...]


@dataclass(frozen=True, slots=True)
class ThresholdRule:
    """A tenant's rule: alert at `severity` for each product whose metrics match `expression`
    (the rule language of intelligence/alerting/rules.py)."""

    rule_id: str
    name: str
    expression: str
    severity: Severity = Severity.WARNING
    enabled: bool = True


@dataclass(frozen=True, slots=True)
class KeyHistory:
    """Whether an alert with a key is open (on any till), and when one was last raised."""

    open: bool
    last_raised_at: datetime | None


class RuleSource(Protocol):
    def rules(self, tenant_id: str) -> list[ThresholdRule]:
        """The tenant's threshold rules, enabled or not."""
        ...


class AlertLedger(Protocol):
    def history(self, key: str) -> KeyHistory:
        """What the alerts read model knows of `key` (alerts of every till of the store)."""
        ...


class AlertRaising:
    """Handles `RaiseAlerts`: each draft whose key is not open on this till is raised; returns
    the ids of the alerts raised. (Which keys to skip because they were seen before is the
    agent's call: it knows whether a key names a one-off anomaly or a standing condition.)"""

    def __init__(
        self, inboxes: Repository[AlertInbox], identity: DeviceIdentity, clock: Clock,
        ids: IdGenerator,
    ) -> None:  # fmt: skip
        self._inboxes = inboxes
        self._identity = identity
        self._clock = clock
        self._ids = ids

    def register(self, bus: MessageBus) -> None:
        bus.register(RaiseAlerts, self.raise_alerts)

    def raise_alerts(self, command: RaiseAlerts) -> tuple[str, ...]:
        if not command.drafts:
            return ()
        device = self._identity.device_id
        inbox = self._inboxes.get(device) or AlertInbox(device)
        raised = []
        for draft in command.drafts:
            alert_id = str(self._ids.new_id())
            if inbox.raise_alert(alert_id, draft.key, draft.kind, draft.severity, draft.message,
                                 self._clock.now(), draft.product_id):  # fmt: skip
                raised.append(alert_id)
        self._inboxes.save(inbox, None)
        return tuple(raised)


class UrgentAlertNotifier:
    """Calls `notify` with each committed ERROR or CRITICAL `AlertRaised` (from this till or
    pulled from another), right after its commit. The UI passes a callback that hops to the GUI
    thread (a Qt signal); the call itself happens on whatever thread committed."""

    def __init__(self, registry: EventRegistry, notify: Callable[[AlertRaised], None]) -> None:
        self._registry = registry
        self._notify = notify

    def register(self, bus: MessageBus) -> None:
        bus.subscribe(self.on_committed)

    def on_committed(self, events: Sequence[StoredEvent]) -> None:
        for stored in events:
            if stored.event_type != AlertRaised.event_type:
                continue
            event = stored.domain_event or self._registry.from_payload(
                stored.event_type, stored.schema_version, stored.payload
            )
            if isinstance(event, AlertRaised) and event.severity in URGENT:
                self._notify(event)
