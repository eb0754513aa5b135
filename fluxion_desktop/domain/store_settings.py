"""A store's settings: how it sells (taxes, IGTF, discounts, rates) and its stock policy.

Settings are events too, so they reach HQ and an audit shows who changed what and when. The
latest `StoreSettingsChanged` wins; a sale freezes the `SaleSettings` it opened with.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fluxion_desktop.domain.aggregate import Aggregate
from fluxion_desktop.domain.errors import InvalidValue
from fluxion_desktop.domain.events import DomainEvent
from fluxion_desktop.domain.inventory import DEFAULT_NEGATIVE_STOCK_POLICY, NegativeStockPolicy
from fluxion_desktop.domain.sale_settings import SaleSettings


@dataclass(frozen=True, slots=True)
class StoreSettings:
    store_name: str = "Mi tienda"
    rif: str = ""
    address: str = ""
    sale: SaleSettings = field(default_factory=SaleSettings)
    negative_stock_policy: NegativeStockPolicy = DEFAULT_NEGATIVE_STOCK_POLICY


@dataclass(frozen=True, slots=True)
class StoreSettingsChanged(DomainEvent):
    event_type = "StoreSettingsChanged"
    settings: StoreSettings
    by: str | None


EVENT_TYPES: tuple[type[DomainEvent], ...] = (StoreSettingsChanged,)


class StoreConfiguration(Aggregate):
    """One writer's settings of a store (stream "storeconfig-<store_id>@<writer>")."""

    stream_type = "storeconfig"

    def __init__(self, aggregate_id: str) -> None:
        super().__init__(aggregate_id)
        self.settings = StoreSettings()

    def change(self, settings: StoreSettings, by: str | None) -> None:
        """Replace the settings; the same settings again record nothing."""
        if not settings.store_name.strip():
            raise InvalidValue("the store needs a name", "store_name")
        if settings != self.settings or self.version == 0:
            self._record(StoreSettingsChanged(settings=settings, by=by))

    def _apply(self, event: DomainEvent) -> None:
        if isinstance(event, StoreSettingsChanged):
            self.settings = event.settings
