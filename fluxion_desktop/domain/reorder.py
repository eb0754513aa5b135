"""How a store reorders a product: lead time, review period, target service level, pack size.

Settings are facts (`ReorderSettingsChanged`) so they sync to HQ and other tills like any other.
Each till writes its own stream per product (``<product_id>@<device_id>``, single writer); the read
model keeps the latest change for the store.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from fluxion_desktop.domain.aggregate import Aggregate
from fluxion_desktop.domain.decimals import require_decimal
from fluxion_desktop.domain.errors import InvalidValue
from fluxion_desktop.domain.events import DomainEvent

MAX_DAYS = 365


@dataclass(frozen=True, slots=True)
class ReorderSettings:
    """`lead_time_days` from order to shelf, `review_period_days` between two looks at the
    product, the `service_level` to reach (share of order cycles without a stock-out, 0.5-0.999)
    and the `pack_size` the supplier sells in."""

    lead_time_days: int = 7
    review_period_days: int = 7
    service_level: Decimal = Decimal("0.95")
    pack_size: Decimal = Decimal(1)

    def __post_init__(self) -> None:
        for name in ("lead_time_days", "review_period_days"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise InvalidValue(f"{name} must be a whole number of days", name)
            if not 0 <= value <= MAX_DAYS:
                raise InvalidValue(f"{name} must be within 0-{MAX_DAYS} days, got {value}", name)
        if self.lead_time_days + self.review_period_days < 1:
            raise InvalidValue("lead time and review period cannot both be 0", "lead_time_days")
        level = require_decimal(self.service_level, "service_level")
        if not Decimal("0.5") <= level <= Decimal("0.999"):
            raise InvalidValue(f"service_level must be within 0.5-0.999, got {level}",
                               "service_level")  # fmt: skip
        pack = require_decimal(self.pack_size, "pack_size")
        if pack <= 0:
            raise InvalidValue(f"pack_size must be positive, got {pack}", "pack_size")

    @property
    def protection_days(self) -> int:
        """Days one order must cover: until it arrives and until the next one can."""
        return self.lead_time_days + self.review_period_days


@dataclass(frozen=True, slots=True)
class ReorderSettingsChanged(DomainEvent):
    event_type = "ReorderSettingsChanged"
    product_id: str
    store_id: str
    lead_time_days: int
    review_period_days: int
    service_level: Decimal
    pack_size: Decimal
    changed_at: datetime

    @property
    def settings(self) -> ReorderSettings:
        return ReorderSettings(self.lead_time_days, self.review_period_days, self.service_level,
                               self.pack_size)  # fmt: skip


EVENT_TYPES: tuple[type[DomainEvent], ...] = (ReorderSettingsChanged,)


def reorder_policy_id(product_id: str, device_id: str) -> str:
    return f"{product_id}@{device_id}"


class ReorderPolicy(Aggregate):
    """One till's say on how one product is reordered (stream "reorder-<product>@<device>")."""

    stream_type = "reorder"

    def __init__(self, aggregate_id: str) -> None:
        super().__init__(aggregate_id)
        self.settings: ReorderSettings | None = None

    def change(
        self, product_id: str, store_id: str, settings: ReorderSettings, at: datetime
    ) -> bool:
        """Record new settings; False (nothing recorded) when they are what they already were."""
        if not product_id.strip() or not store_id.strip():
            raise InvalidValue("reorder settings need a product and a store", "product_id")
        if settings == self.settings:
            return False
        self._record(
            ReorderSettingsChanged(product_id, store_id, settings.lead_time_days,
                                   settings.review_period_days, settings.service_level,
                                   settings.pack_size, at)
        )  # fmt: skip
        return True

    def _apply(self, event: DomainEvent) -> None:
        if isinstance(event, ReorderSettingsChanged):
            self.settings = event.settings

    def snapshot_state(self) -> Mapping[str, Any]:
        s = self.settings
        if s is None:
            return {"settings": None}
        return {"settings": [s.lead_time_days, s.review_period_days, str(s.service_level),
                             str(s.pack_size)]}  # fmt: skip

    def restore_state(self, state: Mapping[str, Any]) -> None:
        raw = state["settings"]
        self.settings = None if raw is None else ReorderSettings(
            int(raw[0]), int(raw[1]), Decimal(raw[2]), Decimal(raw[3])
        )  # fmt: skip
