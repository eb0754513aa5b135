"""The sale saga: reserve stock, charge cards, complete; compensate in reverse on failure.

Each step is its own durable transaction and the saga's state is an event stream, so after a
crash `recover()` finds every saga left half-done and either finishes it (all its card charges
were approved: the customer has paid) or compensates it (stock released, charges refunded; the
sale stays open for the cashier). The UI says "done" only after the final step committed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from fluxion_desktop.application.authorization import Authorizer, Credentials, OverrideChecker
from fluxion_desktop.application.device import DeviceIdentity
from fluxion_desktop.application.event_store import EventStore
from fluxion_desktop.application.message_bus import MessageBus
from fluxion_desktop.application.oversell import OversellMonitor
from fluxion_desktop.application.ports import Clock, IdGenerator
from fluxion_desktop.application.queries import CatalogQueries, StockQueries
from fluxion_desktop.application.repository import Repository, save_together
from fluxion_desktop.application.store_admin import StoreQueries
from fluxion_desktop.domain.aggregate import Aggregate
from fluxion_desktop.domain.catalog import Unit
from fluxion_desktop.domain.errors import DomainError, NotFound
from fluxion_desktop.domain.identity import Permission
from fluxion_desktop.domain.inventory import InventoryItem
from fluxion_desktop.domain.money import Currency, Money
from fluxion_desktop.domain.sale import Sale
from fluxion_desktop.domain.sale_events import SaleCompleted
from fluxion_desktop.domain.sale_saga import Reservation, SagaStatus, SaleSaga
from fluxion_desktop.domain.sale_state import SaleStatus
from fluxion_desktop.domain.shift import Shift
from fluxion_desktop.domain.shift_ledger import ShiftTender
from fluxion_desktop.domain.tenders import TenderMethod

log = logging.getLogger(__name__)


class PaymentDeclined(DomainError):
    """The card terminal declined (or could not reach the bank); nothing was charged."""


class CardTerminal(Protocol):
    """A punto de venta. `refund` must be idempotent per approval (recovery may repeat it)."""

    def charge(self, tender_id: str, amount: Money, reference: str | None) -> str:
        """Charge `amount`; the approval code, or PaymentDeclined."""
        ...

    def refund(self, approval: str, amount: Money) -> None: ...


class SagaQueries(Protocol):
    def unfinished(self) -> list[str]:
        """Ids of this till's sagas neither completed nor compensated."""
        ...

    def unfinished_for(self, sale_id: str) -> str | None:
        """The id of the sale's saga left half-done (a failed earlier attempt), if any."""
        ...


@dataclass(frozen=True, slots=True)
class CompleteSale:
    user_id: str
    sale_id: str
    change_currency: Currency
    override: Credentials | None = None  # a supervisor allowing negative stock, if needed


@dataclass
class Repositories:
    sales: Repository[Sale]
    items: Repository[InventoryItem]
    shifts: Repository[Shift]
    sagas: Repository[SaleSaga]


class SaleCompletion:
    """Runs and recovers sale sagas. `after_step` is told each step's name once it committed."""

    def __init__(
        self,
        store: EventStore,
        repositories: Repositories,
        catalog: CatalogQueries,
        stock: StockQueries,
        store_queries: StoreQueries,
        sagas: SagaQueries,
        authorizer: Authorizer,
        overrides: OverrideChecker,
        identity: DeviceIdentity,
        clock: Clock,
        ids: IdGenerator,
        oversell: OversellMonitor,
        terminal: CardTerminal | None = None,
        after_step: Callable[[str], None] | None = None,
    ) -> None:
        self._store = store
        self._repos = repositories
        self._catalog = catalog
        self._stock = stock
        self._store_queries = store_queries
        self._sagas = sagas
        self._authorizer = authorizer
        self._overrides = overrides
        self._identity = identity
        self._clock = clock
        self._ids = ids
        self._terminal = terminal
        self._after_step = after_step or (lambda _step: None)
        self._oversell = oversell

    def register(self, bus: MessageBus) -> None:
        bus.register(CompleteSale, self.complete)

    def complete(self, command: CompleteSale) -> SaleCompleted:
        """Complete the sale durably; its SaleCompleted (totals, change) when committed."""
        self._authorizer.require(command.user_id, Permission.SELL)
        sale = self._repos.sales.get(command.sale_id)
        if sale is None:
            raise NotFound(f"unknown sale {command.sale_id!r}", "sale_id")
        now = self._clock.now()
        sale.complete(command.change_currency, now)  # validates before anything is written
        cards = tuple(
            t.tender_id
            for t in sale.tenders
            if t.method is TenderMethod.DEBIT_CARD and self._terminal is not None
        )
        earlier = self._sagas.unfinished_for(sale.id)
        if cards or earlier is not None:
            # The cart goes to the log before any card is charged: a restart must find the sale
            # the charges were for, as the customer left it (without cards, the one final
            # transaction writes it with the completion).
            self._repos.sales.write_held(sale.id)
        if earlier is not None:
            # An earlier attempt reserved the stock (and maybe charged cards): go on with it,
            # never reserve or charge twice.
            saga = self._repos.sagas.get(earlier)
            assert saga is not None
            self._charge_cards(saga, sale, command.user_id)
            return self._finish(saga, sale, command.user_id)
        override_by = self._negative_stock_override(command.override)
        items, reservations, levels_after = self._reserve(sale, override_by)
        saga = SaleSaga.start(
            str(self._ids.new_id()), sale.id, command.change_currency, now, command.user_id,
            reservations, cards,
        )  # fmt: skip
        reserved: list[tuple[Repository[Any], Aggregate]] = [
            *((self._repos.items, item) for item in items)
        ]
        if not cards:
            # Nothing external can fail between the steps: one durable transaction does it all,
            # with the alert for a product this sale oversells (not a commit of its own after).
            alerts = self._oversell.alerts_for(levels_after)
            return self._finish(saga, sale, command.user_id, [*reserved, *alerts])
        save_together(self._store, [*reserved, (self._repos.sagas, saga)], command.user_id)
        self._after_step("stock_reserved")
        self._charge_cards(saga, sale, command.user_id)
        return self._finish(saga, sale, command.user_id)

    def recover(self) -> list[tuple[str, SagaStatus]]:
        """Finish or compensate every saga a crash left half-done; what became of each."""
        outcomes: list[tuple[str, SagaStatus]] = []
        for saga_id in self._sagas.unfinished():
            try:
                outcome = self._recover_one(saga_id)
            except Exception:
                # One saga that cannot be settled must not stop the till from starting; it
                # stays unfinished and is tried again at the next start.
                log.exception("saga %s could not be recovered; it stays open", saga_id)
                continue
            if outcome is not None:
                outcomes.append(outcome)
        return outcomes

    def _recover_one(self, saga_id: str) -> tuple[str, SagaStatus] | None:
        saga = self._repos.sagas.get(saga_id)
        if saga is None or saga.status is not SagaStatus.STOCK_RESERVED:
            return None
        sale = self._repos.sales.get(saga.sale_id)
        started = saga.started
        assert started is not None
        if saga.can_finish and sale is not None and sale.status is SaleStatus.OPEN:
            try:
                sale.complete(started.change_currency, started.requested_at)
                self._finish(saga, sale, started.requested_by)
            except DomainError:
                log.exception("saga %s could not finish; compensating", saga_id)
                fresh = self._repos.sagas.get(saga_id)  # the failed attempt changed the old one
                assert fresh is not None
                saga = fresh
                self._compensate(saga, "could not finish after a restart", None)
        else:
            self._compensate(saga, "interrupted before every card was charged", None)
        return saga.sale_id, saga.status

    def _negative_stock_override(self, override: Credentials | None) -> str | None:
        if override is None:
            return None
        return self._overrides.override(override, Permission.ALLOW_NEGATIVE_STOCK)

    def _reserve(
        self, sale: Sale, override_by: str | None
    ) -> tuple[list[InventoryItem], tuple[Reservation, ...], dict[str, Decimal]]:
        """The stock items sold from, the reservations, and each product's store-wide level
        after the sale."""
        policy = self._store_queries.settings().negative_stock_policy
        wanted: dict[str, Decimal] = {}
        units: dict[str, Unit] = {}
        for line in sale.lines:
            wanted[line.product_id] = wanted.get(line.product_id, Decimal(0)) + line.quantity
            units[line.product_id] = Unit.KG if line.is_weighed else Unit.PIECE
        levels = self._stock.levels_of(list(wanted))
        items = self._items(list(wanted))
        for item, (product_id, quantity) in zip(items, wanted.items(), strict=True):
            item.sell(quantity, levels[product_id], sale.id, policy, override_by,
                      unit=units[product_id])  # fmt: skip
        after = {p: levels[p].current - q for p, q in wanted.items()}
        return items, tuple(Reservation(p, q) for p, q in wanted.items()), after

    def _charge_cards(self, saga: SaleSaga, sale: Sale, user_id: str) -> None:
        tenders = {t.tender_id: t for t in sale.tenders}
        for tender_id in saga.uncharged_cards:
            assert self._terminal is not None
            tender = tenders[tender_id]
            try:
                approval = self._terminal.charge(tender_id, tender.amount, tender.reference)
            except PaymentDeclined as declined:
                self._compensate(saga, f"card declined: {declined}", user_id)
                raise
            saga.record_charge(tender_id, approval)
            self._repos.sagas.save(saga, user_id)
            self._after_step(f"charged:{tender_id}")

    def _finish(
        self,
        saga: SaleSaga,
        sale: Sale,
        user_id: str,
        reserved: list[tuple[Repository[Any], Aggregate]] | None = None,
    ) -> SaleCompleted:
        completed = sale.pending_events[-1]
        assert isinstance(completed, SaleCompleted)
        parts: list[tuple[Repository[Any], Aggregate]] = [
            *(reserved or ()),
            (self._repos.sales, sale),
            (self._repos.sagas, saga),
        ]
        shift = self._repos.shifts.get(completed.shift_id)
        if shift is not None and shift.is_open:
            shift.record_sale(sale.id, _shift_tenders(completed), _change(completed))
            parts.append((self._repos.shifts, shift))
        else:
            log.warning("sale %s completed outside an open shift", sale.id)
        saga.complete()  # last: whatever failed above left the saga as it was
        save_together(self._store, parts, user_id)
        self._after_step("completed")
        return completed

    def _compensate(self, saga: SaleSaga, reason: str, user_id: str | None) -> None:
        started = saga.started
        assert started is not None
        if saga.approvals and self._terminal is None:
            # Approved charges can only be refunded through the terminal: without it the saga
            # stays open (and the stock reserved) until a start with the terminal attached.
            raise PaymentDeclined(
                f"sale {started.sale_id} has card charges to refund but no card terminal is "
                "attached; attach it and restart",
                "tenders",
            )
        if self._terminal is not None:
            for tender_id, approval in saga.approvals.items():
                self._terminal.refund(approval, self._tender_amount(started.sale_id, tender_id))
        items = []
        for reservation in started.reservations:
            item = self._item(reservation.product_id)
            item.release_sale(reservation.quantity, self._stock.level(reservation.product_id),
                              started.sale_id, unit=self._unit(reservation.product_id))  # fmt: skip
            items.append(item)
        saga.compensate(reason)
        save_together(
            self._store,
            [*((self._repos.items, item) for item in items), (self._repos.sagas, saga)],
            user_id,
        )
        self._after_step("compensated")

    def _tender_amount(self, sale_id: str, tender_id: str) -> Money:
        sale = self._repos.sales.get(sale_id)
        assert sale is not None
        return next(t.amount for t in sale.tenders if t.tender_id == tender_id)

    def _items(self, product_ids: list[str]) -> list[InventoryItem]:
        device = self._identity.device_id
        ids = [InventoryItem.id_for(p, device) for p in product_ids]
        loaded = self._repos.items.get_many(ids)
        return [item or InventoryItem.for_device(p, device)
                for item, p in zip(loaded, product_ids, strict=True)]  # fmt: skip

    def _item(self, product_id: str) -> InventoryItem:
        item_id = InventoryItem.id_for(product_id, self._identity.device_id)
        return self._repos.items.get(item_id) or InventoryItem.for_device(
            product_id, self._identity.device_id
        )

    def _unit(self, product_id: str) -> Unit:
        product = self._catalog.get(product_id)
        return Unit.PIECE if product is None else product.unit


def _shift_tenders(completed: SaleCompleted) -> tuple[ShiftTender, ...]:
    return tuple(ShiftTender(t.method.value, t.amount) for t in completed.tenders)


def _change(completed: SaleCompleted) -> tuple[Money, ...]:
    return (completed.change,) if completed.change.is_positive else ()
