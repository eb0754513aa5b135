"""Detects oversold products: when movements (often pulled from another till of the store) take
the store-wide stock below zero, an alert is raised once, for a person to resolve.

A physical sale is never refused because the local view of stock was stale (ARCHITECTURE §3);
this is where the conflict surfaces instead.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Protocol

from fluxion_desktop.application.device import DeviceIdentity
from fluxion_desktop.application.event_store import StoredEvent
from fluxion_desktop.application.message_bus import MessageBus
from fluxion_desktop.application.ports import Clock, IdGenerator
from fluxion_desktop.application.queries import CatalogQueries, StockQueries
from fluxion_desktop.application.repository import Repository
from fluxion_desktop.domain.alerts import AlertInbox, Severity
from fluxion_desktop.domain.inventory import EVENT_TYPES, LowStockAlertRaised, StockLimitsSet

log = logging.getLogger(__name__)
_MOVEMENTS = frozenset(
    t.event_type for t in EVENT_TYPES if t not in (StockLimitsSet, LowStockAlertRaised)
)


class OpenAlerts(Protocol):
    def has_open(self, key: str) -> bool:
        """Whether any till of the store has an unacknowledged alert with `key`."""
        ...


class OversellMonitor:
    def __init__(
        self,
        inboxes: Repository[AlertInbox],
        open_alerts: OpenAlerts,
        stock: StockQueries,
        catalog: CatalogQueries,
        identity: DeviceIdentity,
        clock: Clock,
        ids: IdGenerator,
    ) -> None:
        self._inboxes = inboxes
        self._open_alerts = open_alerts
        self._stock = stock
        self._catalog = catalog
        self._identity = identity
        self._clock = clock
        self._ids = ids

    def register(self, bus: MessageBus) -> None:
        bus.subscribe(self.on_committed)

    def on_committed(self, events: Sequence[StoredEvent]) -> None:
        products = {str(e.payload["product_id"]) for e in events if e.event_type in _MOVEMENTS}
        if not products:
            return
        # One read for the whole sale's products: this runs after every sale's commit.
        levels = self._stock.levels_of(sorted(products))
        parts = self.alerts_for({p: level.current for p, level in levels.items()})
        for repository, inbox in parts:
            repository.save(inbox, None)

    def alerts_for(
        self, levels: Mapping[str, Decimal]
    ) -> list[tuple[Repository[AlertInbox], AlertInbox]]:
        """This till's inbox, to save, with an alert raised for each product whose store-wide
        level in `levels` is below zero and that no till has an open alert for; nothing when
        there is none to raise.

        A sale's completion saves it in the sale's own transaction (its alert commits with the
        sale, without a commit of its own); `on_committed` catches every other movement.
        """
        # Another till may have raised it already (its alert came with its sales): once a store.
        oversold = [p for p, level in levels.items()
                    if level < 0 and not self._open_alerts.has_open(_key(p))]  # fmt: skip
        if not oversold:
            return []
        inbox = self._inboxes.get(self._identity.device_id) or AlertInbox(self._identity.device_id)
        for product_id in oversold:
            self._raise(inbox, product_id, levels[product_id])
        return [(self._inboxes, inbox)] if inbox.pending_events else []

    def _raise(self, inbox: AlertInbox, product_id: str, level: Decimal) -> None:
        """Raise on this till's inbox (which also skips a key it already has open)."""
        product = self._catalog.get(product_id)
        name = product.name if product else product_id
        inbox.raise_alert(
            str(self._ids.new_id()),
            _key(product_id),
            "oversold",
            Severity.ERROR,
            f"{name}: the store sold more than it had (stock {level}); count it and adjust",
            self._clock.now(),
            product_id,
        )


def _key(product_id: str) -> str:
    return f"oversold:{product_id}"
