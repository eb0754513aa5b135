"""The `SaleReturn` aggregate (stream type "return"): goods coming back against a completed sale.

Flow: `start` from a `ReturnableSale` view, `add_item` per line (partial quantities allowed),
`refund` with the tenders the money goes back in, then `complete`. A return never takes back
more than was sold minus what earlier returns took, so it can never refund more than was paid
(see `returnable_sale` for the refund rounding). Amounts are in the sale's reference currency,
and in the local currency at the ORIGINAL sale's frozen rate, never today's.

`ReturnStarted` records the view it was checked against. Two returns of one sale started on
two devices while offline could still together exceed it; projections must flag that.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from fluxion_desktop.domain.aggregate import Aggregate
from fluxion_desktop.domain.errors import InvalidState, InvalidType, InvalidValue
from fluxion_desktop.domain.events import DomainEvent
from fluxion_desktop.domain.money import ExchangeRate, Money
from fluxion_desktop.domain.returnable_sale import ReturnableLine, ReturnableSale
from fluxion_desktop.domain.sale_lines import check_quantity, require_aware, require_text
from fluxion_desktop.domain.tenders import Tender, check_tender_currency, ensure_unique_tenders

__all__ = [
    "EVENT_TYPES",
    "RefundIssued",
    "ReturnCancelled",
    "ReturnCompleted",
    "ReturnItem",
    "ReturnItemAdded",
    "ReturnStarted",
    "ReturnStatus",
    "ReturnableLine",
    "ReturnableSale",
    "SaleReturn",
]


class ReturnStatus(StrEnum):
    OPEN = "open"
    REFUNDED = "refunded"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class ReturnItem:
    """Units of one sale line coming back; `restock` says whether they go back on the shelf.

    `refund` and `tax_refund` (the IVA inside `refund`) are in the reference currency;
    `refund_local` is `refund` at the sale's rate, rounded half-up.
    """

    line_id: str
    product_id: str
    sku: str
    quantity: Decimal
    restock: bool
    refund: Money
    tax_refund: Money
    refund_local: Money


@dataclass(frozen=True, slots=True)
class ReturnStarted(DomainEvent):
    event_type = "ReturnStarted"
    return_id: str
    sale: ReturnableSale
    by: str
    started_at: datetime


@dataclass(frozen=True, slots=True)
class ReturnItemAdded(DomainEvent):
    event_type = "ReturnItemAdded"
    item: ReturnItem


@dataclass(frozen=True, slots=True)
class RefundIssued(DomainEvent):
    """The money went back: `amount` (reference) is `amount_local` at the sale's rate."""

    event_type = "RefundIssued"
    tenders: tuple[Tender, ...]
    amount: Money
    amount_local: Money


@dataclass(frozen=True, slots=True)
class ReturnCompleted(DomainEvent):
    """The return is final. Items with `restock` go back into stock; the rest are written off."""

    event_type = "ReturnCompleted"
    return_id: str
    sale_id: str
    completed_at: datetime
    rate: ExchangeRate
    items: tuple[ReturnItem, ...]
    tenders: tuple[Tender, ...]
    amount: Money
    amount_local: Money
    tax_refund: Money


@dataclass(frozen=True, slots=True)
class ReturnCancelled(DomainEvent):
    """Abandoned before any money went back."""

    event_type = "ReturnCancelled"
    reason: str
    by: str


EVENT_TYPES: tuple[type[DomainEvent], ...] = (
    ReturnStarted,
    ReturnItemAdded,
    RefundIssued,
    ReturnCompleted,
    ReturnCancelled,
)


class SaleReturn(Aggregate):
    """A return of goods from one completed sale; its id is the stream's id."""

    stream_type = "return"

    def __init__(self, aggregate_id: str) -> None:
        super().__init__(aggregate_id)
        self._started: ReturnStarted | None = None
        self._status: ReturnStatus | None = None
        self._items: list[ReturnItem] = []
        self._tenders: tuple[Tender, ...] = ()

    @classmethod
    def start(cls, return_id: str, sale: ReturnableSale, by: str, at: datetime) -> SaleReturn:
        """Start a return against `sale`; `InvalidState` (field "sale") if nothing is left."""
        return_id = require_text(return_id, "return_id")
        if not isinstance(sale, ReturnableSale):
            raise InvalidType("sale must be a ReturnableSale", "sale")
        if all(line.quantity_returnable == 0 for line in sale.lines):
            raise InvalidState(f"everything on sale {sale.sale_id} was returned", "sale")
        started = ReturnStarted(
            return_id=return_id, sale=sale, by=require_text(by, "by"), started_at=require_aware(at)
        )
        sale_return = cls(return_id)
        sale_return._record(started)
        return sale_return

    def add_item(self, line_id: str, quantity: Decimal, restock: bool) -> None:
        """Take back `quantity` of a sale line; more than is left raises (field "quantity")."""
        self._require(ReturnStatus.OPEN)
        line = self.sale.line(line_id)
        quantity = check_quantity(quantity, line.is_weighed)
        if not isinstance(restock, bool):
            raise InvalidType("restock must be a bool", "restock")
        already = line.quantity_returned + self._quantity_in_return(line.line_id)
        if already + quantity > line.quantity_sold:
            raise InvalidValue(
                f"only {line.quantity_sold - already} of line {line.line_id} can come back",
                "quantity",
            )
        refund, tax = line.refund_for(already, quantity)
        item = ReturnItem(
            line_id=line.line_id,
            product_id=line.product_id,
            sku=line.sku,
            quantity=quantity,
            restock=restock,
            refund=refund,
            tax_refund=tax,
            refund_local=self.rate.convert(refund).rounded(),
        )
        self._record(ReturnItemAdded(item=item))

    def refund(self, tenders: Sequence[Tender]) -> None:
        """Pay the refund back with `tenders` (reference or local currency).

        Their value in local units (the local tenders plus the reference ones at the sale's rate,
        rounded half-up) must equal `amount_local` exactly: never more than the goods were worth,
        never less. So paying `amount` in the reference currency, or `amount_local` in the local
        one, always matches.
        """
        self._require(ReturnStatus.OPEN)
        if not self._items:
            raise InvalidState("add the items coming back first", "items")
        if not self.amount.is_positive:
            raise InvalidState("nothing is owed to the customer", "tenders")
        tenders = tuple(tenders)
        if not tenders:
            raise InvalidValue("name the tenders the refund is paid with", "tenders")
        for tender in tenders:
            if not isinstance(tender, Tender):
                raise InvalidType("tenders must be Tender values", "tenders")
            check_tender_currency(tender, self.rate.base, self.rate.quote)
        ensure_unique_tenders(tenders)
        value = self._local_value(tenders)
        if value != self.amount_local:
            raise InvalidValue(
                f"the tenders come to {value}; the refund is {self.amount_local}", "tenders"
            )
        self._record(
            RefundIssued(tenders=tenders, amount=self.amount, amount_local=self.amount_local)
        )

    def complete(self, at: datetime) -> None:
        """Close the return once refunded (or with nothing to refund, for zero-priced goods)."""
        started = self._require_started()
        at = require_aware(at)
        if self._status is ReturnStatus.OPEN:
            if not self._items:
                raise InvalidState("nothing is coming back", "items")
            if self.amount.is_positive:
                raise InvalidState("issue the refund first", "tenders")
        elif self._status is not ReturnStatus.REFUNDED:
            raise InvalidState(f"the return is {self._status}", "status")
        self._record(
            ReturnCompleted(
                return_id=started.return_id,
                sale_id=started.sale.sale_id,
                completed_at=at,
                rate=started.sale.rate,
                items=self.items,
                tenders=self._tenders,
                amount=self.amount,
                amount_local=self.amount_local,
                tax_refund=self.tax_refund,
            )
        )

    def cancel(self, reason: str, by: str) -> None:
        """Abandon the return; only before the refund."""
        self._require(ReturnStatus.OPEN)
        self._record(
            ReturnCancelled(reason=require_text(reason, "reason"), by=require_text(by, "by"))
        )

    # -- reading -------------------------------------------------------------------------------

    @property
    def status(self) -> ReturnStatus:
        self._require_started()
        assert self._status is not None
        return self._status

    @property
    def sale(self) -> ReturnableSale:
        return self._require_started().sale

    @property
    def rate(self) -> ExchangeRate:
        """The original sale's frozen rate."""
        return self.sale.rate

    @property
    def items(self) -> tuple[ReturnItem, ...]:
        return tuple(self._items)

    @property
    def tenders(self) -> tuple[Tender, ...]:
        """How the refund was paid (empty until `refund`)."""
        return self._tenders

    @property
    def amount(self) -> Money:
        """The refund in the reference currency: the sum of the items' refunds."""
        return Money.total((item.refund for item in self._items), self.rate.base)

    @property
    def amount_local(self) -> Money:
        """The refund in the local currency: `amount` at the sale's rate, rounded half-up."""
        return self.rate.convert(self.amount).rounded()

    @property
    def tax_refund(self) -> Money:
        return Money.total((item.tax_refund for item in self._items), self.rate.base)

    # -- rules ---------------------------------------------------------------------------------

    def _require_started(self) -> ReturnStarted:
        if self._started is None:
            raise InvalidState("the return has not been started", "status")
        return self._started

    def _require(self, status: ReturnStatus) -> None:
        self._require_started()
        if self._status is not status:
            raise InvalidState(f"the return is {self._status}, not {status}", "status")

    def _quantity_in_return(self, line_id: str) -> Decimal:
        return sum((i.quantity for i in self._items if i.line_id == line_id), Decimal(0))

    def _local_value(self, tenders: Sequence[Tender]) -> Money:
        reference, local = self.rate.base, self.rate.quote
        in_reference = Money.total(
            (t.amount for t in tenders if t.amount.currency is reference), reference
        )
        in_local = Money.total((t.amount for t in tenders if t.amount.currency is local), local)
        return in_local + self.rate.convert(in_reference).rounded()

    def _apply(self, event: DomainEvent) -> None:
        match event:
            case ReturnStarted():
                self._started = event
                self._status = ReturnStatus.OPEN
            case ReturnItemAdded():
                self._items.append(event.item)
            case RefundIssued():
                self._tenders = event.tenders
                self._status = ReturnStatus.REFUNDED
            case ReturnCompleted():
                self._status = ReturnStatus.COMPLETED
            case ReturnCancelled():
                self._status = ReturnStatus.CANCELLED
            case _:
                raise TypeError(f"a return cannot apply {type(event).__name__}")
