"""Stock commands: receive, adjust, count, transfer and limits, as movements in this device's
own stream for each product (ARCHITECTURE §3, single-writer streams)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from fluxion_desktop.application.authorization import Authorizer
from fluxion_desktop.application.device import DeviceIdentity
from fluxion_desktop.application.message_bus import MessageBus
from fluxion_desktop.application.queries import CatalogQueries, ProductView, StockQueries
from fluxion_desktop.application.repository import Repository
from fluxion_desktop.domain.errors import NotFound
from fluxion_desktop.domain.identity import Permission
from fluxion_desktop.domain.inventory import AdjustmentReason, InventoryItem
from fluxion_desktop.domain.money import Money


@dataclass(frozen=True, slots=True)
class ReceiveStock:
    user_id: str
    product_id: str
    quantity: Decimal
    reference: str = ""
    unit_cost: Money | None = None


@dataclass(frozen=True, slots=True)
class AdjustStock:
    user_id: str
    product_id: str
    delta: Decimal
    reason: AdjustmentReason
    note: str = ""


@dataclass(frozen=True, slots=True)
class CountStock:
    user_id: str
    product_id: str
    counted: Decimal


@dataclass(frozen=True, slots=True)
class TransferStockOut:
    user_id: str
    product_id: str
    quantity: Decimal
    to_store: str
    transfer_id: str


@dataclass(frozen=True, slots=True)
class TransferStockIn:
    user_id: str
    product_id: str
    quantity: Decimal
    from_store: str
    transfer_id: str


@dataclass(frozen=True, slots=True)
class SetStockLimits:
    user_id: str
    product_id: str
    minimum: Decimal
    maximum: Decimal | None = None


StockCommand = ReceiveStock | AdjustStock | CountStock | TransferStockOut | TransferStockIn


class InventoryHandlers:
    def __init__(
        self,
        items: Repository[InventoryItem],
        catalog: CatalogQueries,
        stock: StockQueries,
        authorizer: Authorizer,
        identity: DeviceIdentity,
    ) -> None:
        self._items = items
        self._catalog = catalog
        self._stock = stock
        self._authorizer = authorizer
        self._identity = identity

    def register(self, bus: MessageBus) -> None:
        for command_type in (ReceiveStock, AdjustStock, CountStock, TransferStockOut,
                             TransferStockIn):  # fmt: skip
            bus.register(command_type, self.move_stock)
        bus.register(SetStockLimits, self.set_limits)

    def move_stock(self, command: StockCommand) -> None:
        """Record one movement against the store-wide level as this till knows it."""
        product, item = self._load(command.user_id, command.product_id)
        level = self._stock.level(product.product_id)
        unit = product.unit
        match command:
            case ReceiveStock():
                item.receive(command.quantity, level, command.reference, command.unit_cost,
                             unit=unit)  # fmt: skip
            case AdjustStock():
                item.adjust(command.delta, command.reason, command.note, level, unit=unit)
            case CountStock():
                item.count(command.counted, level, unit=unit)
            case TransferStockOut():
                item.transfer_out(command.quantity, command.to_store, command.transfer_id, level,
                                  unit=unit)  # fmt: skip
            case TransferStockIn():
                item.transfer_in(command.quantity, command.from_store, command.transfer_id, level,
                                 unit=unit)  # fmt: skip
        self._items.save(item, command.user_id)

    def set_limits(self, command: SetStockLimits) -> None:
        _, item = self._load(command.user_id, command.product_id)
        item.set_limits(command.minimum, command.maximum)
        self._items.save(item, command.user_id)

    def _load(self, user_id: str, product_id: str) -> tuple[ProductView, InventoryItem]:
        self._authorizer.require(user_id, Permission.MANAGE_STOCK)
        product = self._catalog.get(product_id)
        if product is None:
            raise NotFound(f"unknown product {product_id!r}", "product_id")
        item_id = InventoryItem.id_for(product_id, self._identity.device_id)
        item = self._items.get(item_id) or InventoryItem.for_device(
            product_id, self._identity.device_id
        )
        return product, item
