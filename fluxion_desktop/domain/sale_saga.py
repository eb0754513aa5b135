"""The state of completing one sale: reserve stock, charge cards, complete (or compensate).

Its events are persisted, so after a crash or a power cut the app can see how far each sale got
and either finish it (every card charge it needs was approved) or undo what was done.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from fluxion_desktop.domain.aggregate import Aggregate
from fluxion_desktop.domain.errors import InvalidState, InvalidValue
from fluxion_desktop.domain.events import DomainEvent
from fluxion_desktop.domain.money import Currency


class SagaStatus(StrEnum):
    NEW = "new"
    STOCK_RESERVED = "stock_reserved"
    COMPLETED = "completed"
    COMPENSATED = "compensated"


@dataclass(frozen=True, slots=True)
class Reservation:
    product_id: str
    quantity: Decimal


@dataclass(frozen=True, slots=True)
class SaleSagaStarted(DomainEvent):
    """Stock for the sale was reserved (in the same transaction); cards are still to charge."""

    event_type = "SaleSagaStarted"
    sale_id: str
    change_currency: Currency
    requested_at: datetime
    requested_by: str
    reservations: tuple[Reservation, ...]
    card_tenders: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SaleSagaTenderCharged(DomainEvent):
    event_type = "SaleSagaTenderCharged"
    tender_id: str
    approval: str


@dataclass(frozen=True, slots=True)
class SaleSagaCompleted(DomainEvent):
    event_type = "SaleSagaCompleted"


@dataclass(frozen=True, slots=True)
class SaleSagaCompensated(DomainEvent):
    """Stock was released and approved charges refunded; the sale stays open."""

    event_type = "SaleSagaCompensated"
    reason: str
    refunded: tuple[str, ...]


EVENT_TYPES: tuple[type[DomainEvent], ...] = (
    SaleSagaStarted,
    SaleSagaTenderCharged,
    SaleSagaCompleted,
    SaleSagaCompensated,
)


class SaleSaga(Aggregate):
    """One attempt to complete a sale (stream "salesaga-<sale_id>-<attempt>")."""

    stream_type = "salesaga"

    def __init__(self, aggregate_id: str) -> None:
        super().__init__(aggregate_id)
        self.status = SagaStatus.NEW
        self.started: SaleSagaStarted | None = None
        self.approvals: dict[str, str] = {}

    @classmethod
    def start(
        cls,
        saga_id: str,
        sale_id: str,
        change_currency: Currency,
        requested_at: datetime,
        requested_by: str,
        reservations: tuple[Reservation, ...],
        card_tenders: tuple[str, ...],
    ) -> SaleSaga:
        saga = cls(saga_id)
        saga._record(
            SaleSagaStarted(
                sale_id=sale_id,
                change_currency=change_currency,
                requested_at=requested_at,
                requested_by=requested_by,
                reservations=reservations,
                card_tenders=card_tenders,
            )
        )
        return saga

    @property
    def sale_id(self) -> str:
        return self._started().sale_id

    @property
    def uncharged_cards(self) -> tuple[str, ...]:
        return tuple(t for t in self._started().card_tenders if t not in self.approvals)

    @property
    def is_closed(self) -> bool:
        return self.status in (SagaStatus.COMPLETED, SagaStatus.COMPENSATED)

    @property
    def can_finish(self) -> bool:
        """Every card was charged: the money is taken, so the sale must complete."""
        return self.status is SagaStatus.STOCK_RESERVED and not self.uncharged_cards

    def record_charge(self, tender_id: str, approval: str) -> None:
        self._require_running()
        if tender_id not in self.uncharged_cards:
            raise InvalidValue(f"tender {tender_id} has no charge pending", "tender_id")
        self._record(SaleSagaTenderCharged(tender_id=tender_id, approval=approval))

    def complete(self) -> None:
        if not self.can_finish:
            raise InvalidState("cards are still to be charged", "tenders")
        self._record(SaleSagaCompleted())

    def compensate(self, reason: str) -> None:
        self._require_running()
        self._record(SaleSagaCompensated(reason=reason, refunded=tuple(self.approvals)))

    def _started(self) -> SaleSagaStarted:
        if self.started is None:
            raise InvalidState("the saga has not started", "sale_id")
        return self.started

    def _require_running(self) -> None:
        if self.status is not SagaStatus.STOCK_RESERVED:
            raise InvalidState(f"the saga is {self.status}", "status")

    def _apply(self, event: DomainEvent) -> None:
        match event:
            case SaleSagaStarted():
                self.started = event
                self.status = SagaStatus.STOCK_RESERVED
            case SaleSagaTenderCharged():
                self.approvals[event.tender_id] = event.approval
            case SaleSagaCompleted():
                self.status = SagaStatus.COMPLETED
            case SaleSagaCompensated():
                self.status = SagaStatus.COMPENSATED
