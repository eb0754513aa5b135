"""Returns and refunds against an earlier sale, in one atomic step: the return, the goods that
go back on the shelf, and the cash that leaves the drawer of the open shift."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from fluxion_desktop.application.authorization import Authorizer, Credentials, OverrideChecker
from fluxion_desktop.application.device import DeviceIdentity
from fluxion_desktop.application.event_store import EventStore
from fluxion_desktop.application.message_bus import MessageBus
from fluxion_desktop.application.ports import Clock, IdGenerator
from fluxion_desktop.application.queries import CatalogQueries, StockQueries
from fluxion_desktop.application.repository import Repository, save_together
from fluxion_desktop.domain.aggregate import Aggregate
from fluxion_desktop.domain.catalog import Unit
from fluxion_desktop.domain.errors import InvalidState, NotFound, PermissionDenied
from fluxion_desktop.domain.identity import Permission
from fluxion_desktop.domain.inventory import InventoryItem
from fluxion_desktop.domain.money import Currency
from fluxion_desktop.domain.returnable_sale import ReturnableSale
from fluxion_desktop.domain.sale_events import SaleCompleted
from fluxion_desktop.domain.sale_return import ReturnCompleted, SaleReturn
from fluxion_desktop.domain.shift import Shift
from fluxion_desktop.domain.shift_ledger import ShiftTender
from fluxion_desktop.domain.tenders import Tender, TenderMethod


@dataclass(frozen=True, slots=True)
class ReturnLine:
    line_id: str
    quantity: Decimal
    restock: bool = True


@dataclass(frozen=True, slots=True)
class ReturnItems:
    user_id: str
    sale_id: str
    lines: tuple[ReturnLine, ...]
    shift_id: str
    refund_method: TenderMethod = TenderMethod.CASH
    refund_currency: Currency = Currency.VES
    refund_reference: str | None = None
    override: Credentials | None = None


class CompletedSales(Protocol):
    def completion(self, sale_id: str) -> SaleCompleted | None: ...

    def returned_quantities(self, sale_id: str) -> dict[str, Decimal]: ...


@dataclass
class ReturnRepositories:
    returns: Repository[SaleReturn]
    items: Repository[InventoryItem]
    shifts: Repository[Shift]


class ReturnHandlers:
    def __init__(
        self,
        store: EventStore,
        repositories: ReturnRepositories,
        sales: CompletedSales,
        catalog: CatalogQueries,
        stock: StockQueries,
        authorizer: Authorizer,
        overrides: OverrideChecker,
        identity: DeviceIdentity,
        clock: Clock,
        ids: IdGenerator,
    ) -> None:
        self._store = store
        self._repos = repositories
        self._sales = sales
        self._catalog = catalog
        self._stock = stock
        self._authorizer = authorizer
        self._overrides = overrides
        self._identity = identity
        self._clock = clock
        self._ids = ids

    def register(self, bus: MessageBus) -> None:
        bus.register(ReturnItems, self.return_items)

    def return_items(self, command: ReturnItems) -> ReturnCompleted:
        """Take goods back and refund them; refused whole if any line asks too much."""
        by = self._approver(command)
        completed = self._sales.completion(command.sale_id)
        if completed is None:
            raise NotFound(f"no completed sale {command.sale_id!r}", "sale_id")
        returnable = ReturnableSale.from_completed(
            completed, self._sales.returned_quantities(command.sale_id)
        )
        now = self._clock.now()
        sale_return = SaleReturn.start(str(self._ids.new_id()), returnable, by, now)
        for line in command.lines:
            sale_return.add_item(line.line_id, line.quantity, line.restock)
        if sale_return.amount.is_positive:
            sale_return.refund([self._refund_tender(command, sale_return)])
        sale_return.complete(now)
        finished = sale_return.pending_events[-1]
        assert isinstance(finished, ReturnCompleted)
        parts = [(self._repos.returns, sale_return), *self._restock(finished)]
        if finished.tenders:
            # Money leaves a drawer: the shift must be open, or its Z report would miss it.
            shift = self._repos.shifts.get(command.shift_id)
            if shift is None or not shift.is_open:
                raise InvalidState("open a shift to pay the refund from its drawer", "shift_id")
            refunds = tuple(ShiftTender(t.method.value, t.amount) for t in finished.tenders)
            shift.record_refund(finished.return_id, refunds)
            parts.append((self._repos.shifts, shift))
        save_together(self._store, parts, command.user_id)
        return finished

    def _approver(self, command: ReturnItems) -> str:
        if self._authorizer.allows(command.user_id, Permission.REFUND):
            return command.user_id
        if command.override is None:
            raise PermissionDenied("a supervisor's PIN is needed for a refund", "override")
        return self._overrides.override(command.override, Permission.REFUND)

    def _refund_tender(self, command: ReturnItems, sale_return: SaleReturn) -> Tender:
        local = command.refund_currency is sale_return.rate.quote
        amount = sale_return.amount_local if local else sale_return.amount
        return Tender(str(self._ids.new_id()), command.refund_method, amount,
                      command.refund_reference)  # fmt: skip

    def _restock(self, finished: ReturnCompleted) -> list[tuple[Repository[Any], Aggregate]]:
        # Two lines of one product (scanned twice) go back as one movement: one stream each.
        quantities: dict[str, Decimal] = {}
        for item in finished.items:
            if item.restock:
                quantities[item.product_id] = quantities.get(item.product_id, Decimal(0)) + (
                    item.quantity
                )
        parts: list[tuple[Repository[Any], Aggregate]] = []
        for product_id, quantity in quantities.items():
            product = self._catalog.get(product_id)
            unit = Unit.PIECE if product is None else product.unit
            item_id = InventoryItem.id_for(product_id, self._identity.device_id)
            stock = self._repos.items.get(item_id) or InventoryItem.for_device(
                product_id, self._identity.device_id
            )
            stock.return_to_stock(quantity, self._stock.level(product_id), finished.sale_id,
                                  finished.return_id, unit=unit)  # fmt: skip
            parts.append((self._repos.items, stock))
        return parts
