"""Store settings and the exchange rate of the day, set by a manager (or pulled from HQ)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from fluxion_desktop.application.authorization import Authorizer
from fluxion_desktop.application.device import DeviceIdentity
from fluxion_desktop.application.message_bus import MessageBus
from fluxion_desktop.application.repository import Repository
from fluxion_desktop.domain.exchange_rates import RateBoard
from fluxion_desktop.domain.identity import Permission
from fluxion_desktop.domain.money import Currency, ExchangeRate
from fluxion_desktop.domain.store_settings import StoreConfiguration, StoreSettings


@dataclass(frozen=True, slots=True)
class ChangeStoreSettings:
    user_id: str | None
    settings: StoreSettings


@dataclass(frozen=True, slots=True)
class RecordExchangeRate:
    user_id: str
    rate: ExchangeRate


class StoreQueries(Protocol):
    def settings(self) -> StoreSettings:
        """The store's settings (defaults until a manager or HQ sets them)."""
        ...

    def current_rate(self, base: Currency, quote: Currency) -> ExchangeRate | None:
        """The latest rate by effective date (the last recorded wins a tie)."""
        ...

    def rate_history(
        self, base: Currency, quote: Currency, limit: int = 60
    ) -> list[ExchangeRate]: ...


class StoreAdminHandlers:
    def __init__(
        self,
        configurations: Repository[StoreConfiguration],
        boards: Repository[RateBoard],
        authorizer: Authorizer,
        identity: DeviceIdentity,
    ) -> None:
        self._configurations = configurations
        self._boards = boards
        self._authorizer = authorizer
        self._identity = identity

    def register(self, bus: MessageBus) -> None:
        bus.register(ChangeStoreSettings, self.change_settings)
        bus.register(RecordExchangeRate, self.record_rate)

    def change_settings(self, command: ChangeStoreSettings) -> None:
        """`user_id` None only during first-run set-up, before any user exists."""
        if command.user_id is not None:
            self._authorizer.require(command.user_id, Permission.MANAGE_SETTINGS)
        # One stream per writer (ARCHITECTURE §3): this till's say on the store's settings; the
        # read model takes the latest from any writer (this till, another, or HQ).
        writer = f"{self._identity.store_id}@{self._identity.device_id}"
        configuration = self._configurations.get(writer) or StoreConfiguration(writer)
        configuration.change(command.settings, command.user_id)
        self._configurations.save(configuration, command.user_id)

    def record_rate(self, command: RecordExchangeRate) -> None:
        self._authorizer.require(command.user_id, Permission.MANAGE_SETTINGS)
        device = self._identity.device_id
        board = self._boards.get(device) or RateBoard(device)
        board.record(command.rate, command.user_id)
        self._boards.save(board, command.user_id)
