"""Which products changed enough since their last forecast to forecast them again now.

Subscribed to the bus (after commit), it only collects product ids: the scheduler asks
`take_if_large` every few minutes and queues an incremental forecast when enough products moved
(sales, returns, receipts, counts) or history was imported, instead of forecasting after every sale.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from fluxion_desktop.application.event_store import StoredEvent
from fluxion_desktop.application.message_bus import MessageBus
from fluxion_desktop.domain.inventory import EVENT_TYPES, LowStockAlertRaised, StockLimitsSet
from fluxion_desktop.domain.sales_history import SalesHistoryImported

_CHANGES = frozenset(
    t.event_type for t in EVENT_TYPES if t not in (StockLimitsSet, LowStockAlertRaised)
) | {SalesHistoryImported.event_type}


class ChangedProducts:
    def __init__(self) -> None:
        self._changed: set[str] = set()
        self._imported: set[str] = set()
        self._lock = threading.Lock()  # the bus publishes from whichever thread committed

    def register(self, bus: MessageBus) -> None:
        bus.subscribe(self.on_committed)

    def on_committed(self, events: Sequence[StoredEvent]) -> None:
        moved = {str(e.payload["product_id"]) for e in events if e.event_type in _CHANGES}
        imported = {str(e.payload["product_id"]) for e in events
                    if e.event_type == SalesHistoryImported.event_type}  # fmt: skip
        if moved:
            with self._lock:
                self._changed |= moved
                self._imported |= imported

    def take_if_large(self, at_least: int) -> list[str]:
        """The changed products (and forget them) when there are `at_least` of them or any
        history was imported; else nothing (they keep accumulating)."""
        with self._lock:
            if len(self._changed) < at_least and not self._imported:
                return []
            taken = sorted(self._changed)
            self._changed.clear()
            self._imported.clear()
            return taken
