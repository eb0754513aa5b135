"""Acknowledging an alert: a manager saw it and took it in hand.

Each till raises alerts in its own inbox stream (single writer, ARCHITECTURE §3), so a till
acknowledges the alerts it raised; one raised on another till is acknowledged there.
"""

from __future__ import annotations

from dataclasses import dataclass

from fluxion_desktop.application.authorization import Authorizer
from fluxion_desktop.application.device import DeviceIdentity
from fluxion_desktop.application.message_bus import MessageBus
from fluxion_desktop.application.ports import Clock
from fluxion_desktop.application.repository import Repository
from fluxion_desktop.domain.alerts import AlertInbox
from fluxion_desktop.domain.errors import NotFound
from fluxion_desktop.domain.identity import Permission


@dataclass(frozen=True, slots=True)
class AcknowledgeAlert:
    user_id: str
    alert_id: str


class AlertHandlers:
    def __init__(
        self,
        inboxes: Repository[AlertInbox],
        authorizer: Authorizer,
        identity: DeviceIdentity,
        clock: Clock,
    ) -> None:
        self._inboxes = inboxes
        self._authorizer = authorizer
        self._identity = identity
        self._clock = clock

    def register(self, bus: MessageBus) -> None:
        bus.register(AcknowledgeAlert, self.acknowledge)

    def acknowledge(self, command: AcknowledgeAlert) -> None:
        """Close an open alert of this till's inbox; NotFound names "alert_id" otherwise."""
        self._authorizer.require(command.user_id, Permission.MANAGE_STOCK)
        inbox = self._inboxes.get(self._identity.device_id)
        if inbox is None or command.alert_id not in inbox.open.values():
            raise NotFound(
                "this alert is not open on this till (already acknowledged, or raised on "
                "another till: acknowledge it there)",
                "alert_id",
            )
        inbox.acknowledge(command.alert_id, command.user_id, self._clock.now())
        self._inboxes.save(inbox, command.user_id)
