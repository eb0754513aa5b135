"""A manager sets how a product is reordered: lead time, review period, service level, pack size."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from fluxion_desktop.application.authorization import Authorizer
from fluxion_desktop.application.device import DeviceIdentity
from fluxion_desktop.application.message_bus import MessageBus
from fluxion_desktop.application.ports import Clock
from fluxion_desktop.application.queries import CatalogQueries
from fluxion_desktop.application.repository import Repository
from fluxion_desktop.domain.errors import NotFound
from fluxion_desktop.domain.identity import Permission
from fluxion_desktop.domain.reorder import ReorderPolicy, ReorderSettings, reorder_policy_id


@dataclass(frozen=True, slots=True)
class SetReorderSettings:
    user_id: str
    product_id: str
    settings: ReorderSettings


class ReorderSettingsQueries(Protocol):
    def settings_for(self, product_id: str, store_id: str) -> ReorderSettings | None:
        """The latest settings of the product in the store, None when nobody set any."""
        ...


class ReorderSettingsHandlers:
    def __init__(
        self,
        policies: Repository[ReorderPolicy],
        catalog: CatalogQueries,
        authorizer: Authorizer,
        identity: DeviceIdentity,
        clock: Clock,
    ) -> None:
        self._policies = policies
        self._catalog = catalog
        self._authorizer = authorizer
        self._identity = identity
        self._clock = clock

    def register(self, bus: MessageBus) -> None:
        bus.register(SetReorderSettings, self.set_settings)

    def set_settings(self, command: SetReorderSettings) -> bool:
        """Record the settings for this till's store; False when they were already so."""
        self._authorizer.require(command.user_id, Permission.MANAGE_STOCK)
        if self._catalog.get(command.product_id) is None:
            raise NotFound(f"unknown product {command.product_id!r}", "product_id")
        policy_id = reorder_policy_id(command.product_id, self._identity.device_id)
        policy = self._policies.get(policy_id) or ReorderPolicy(policy_id)
        changed = policy.change(command.product_id, self._identity.store_id, command.settings,
                                self._clock.now())  # fmt: skip
        self._policies.save(policy, command.user_id)
        return changed
