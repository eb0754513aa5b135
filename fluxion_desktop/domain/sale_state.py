"""What a sale knows, rebuilt event by event: `Sale` decides, `SaleHistory` remembers.

`SaleHistory.apply` only mutates (it also runs on replay, so it never validates).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from fluxion_desktop.domain.events import DomainEvent
from fluxion_desktop.domain.money import Currency, ExchangeRate, Money
from fluxion_desktop.domain.sale_events import (
    SaleCancelled,
    SaleCompleted,
    SaleLineAdded,
    SaleLineDiscounted,
    SaleLinePriceOverridden,
    SaleLineQuantityChanged,
    SaleLineVoided,
    SaleOpened,
    SaleOrderDiscounted,
    SaleParked,
    SaleRecalled,
    SaleTenderAdded,
    SaleTenderRemoved,
)
from fluxion_desktop.domain.sale_lines import SaleLine, VoidedLine
from fluxion_desktop.domain.sale_settings import SaleSettings
from fluxion_desktop.domain.tenders import Tender


class SaleStatus(StrEnum):
    OPEN = "open"
    PARKED = "parked"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class SaleState:
    """Everything a sale knows, as one comparable value (a replay must equal the live sale)."""

    sale_id: str
    status: SaleStatus
    cashier_id: str
    shift_id: str
    rate: ExchangeRate
    settings: SaleSettings
    opened_at: datetime
    stale_rate_accepted: bool
    lines: tuple[SaleLine, ...]
    voided_lines: tuple[VoidedLine, ...]
    tenders: tuple[Tender, ...]
    order_discount_percent: Decimal
    order_discount_by: str | None
    completed_at: datetime | None
    change: Money | None
    change_currency: Currency | None
    cancelled_reason: str | None
    cancelled_by: str | None


class SaleHistory:
    """The mutable state of one sale, in the order things happened."""

    def __init__(self) -> None:
        self.status: SaleStatus | None = None
        self.opened: SaleOpened | None = None
        self.lines: dict[str, SaleLine] = {}
        self.voided: dict[str, VoidedLine] = {}
        self.tenders: dict[str, Tender] = {}
        self.order_discount = Decimal(0)
        self.order_discount_by: str | None = None
        self.completed: SaleCompleted | None = None
        self.cancelled: SaleCancelled | None = None

    def __deepcopy__(self, memo: dict[int, object]) -> SaleHistory:
        # All it holds are frozen values and events: copying the three dicts copies it all.
        # The cart reads a copy of the sale after every keystroke (`Repository.peek`), and a
        # generic deep copy walked every Money and Decimal of every line.
        twin = SaleHistory.__new__(SaleHistory)
        twin.__dict__.update(self.__dict__)
        twin.lines, twin.voided, twin.tenders = (
            dict(self.lines),
            dict(self.voided),
            dict(self.tenders),
        )
        return twin

    def apply(self, event: DomainEvent) -> None:
        match event:
            case SaleOpened():
                self.opened = event
                self.status = SaleStatus.OPEN
            case SaleOrderDiscounted():
                self.order_discount = event.percent
                self.order_discount_by = event.override_by
            case SaleParked():
                self.status = SaleStatus.PARKED
            case SaleRecalled():
                self.status = SaleStatus.OPEN
            case SaleTenderAdded():
                self.tenders[event.tender.tender_id] = event.tender
            case SaleTenderRemoved():
                del self.tenders[event.tender_id]
            case SaleCompleted():
                self.completed = event
                self.status = SaleStatus.COMPLETED
            case SaleCancelled():
                self.cancelled = event
                self.status = SaleStatus.CANCELLED
            case _:
                self._apply_to_lines(event)

    def _apply_to_lines(self, event: DomainEvent) -> None:
        match event:
            case SaleLineAdded():
                self.lines[event.line_id] = SaleLine(
                    line_id=event.line_id,
                    product_id=event.product_id,
                    sku=event.sku,
                    name=event.name,
                    unit_price=event.unit_price,
                    tax_category=event.tax_category,
                    quantity=event.quantity,
                    is_weighed=event.is_weighed,
                )
            case SaleLineQuantityChanged():
                self._update(event.line_id, lambda line: line.with_quantity(event.quantity))
            case SaleLinePriceOverridden():
                self._update(
                    event.line_id, lambda line: line.with_price(event.price, event.override_by)
                )
            case SaleLineDiscounted():
                self._update(
                    event.line_id,
                    lambda line: line.with_discount(event.percent, event.override_by),
                )
            case SaleLineVoided():
                line = self.lines.pop(event.line_id)
                self.voided[event.line_id] = VoidedLine(line, event.reason, event.by)
            case _:
                raise TypeError(f"a sale cannot apply {type(event).__name__}")

    def _update(self, line_id: str, change: Callable[[SaleLine], SaleLine]) -> None:
        self.lines[line_id] = change(self.lines[line_id])

    def state(self, opened: SaleOpened, status: SaleStatus) -> SaleState:
        completed, cancelled = self.completed, self.cancelled
        return SaleState(
            sale_id=opened.sale_id,
            status=status,
            cashier_id=opened.cashier_id,
            shift_id=opened.shift_id,
            rate=opened.rate,
            settings=opened.settings,
            opened_at=opened.opened_at,
            stale_rate_accepted=opened.stale_rate_accepted,
            lines=tuple(self.lines.values()),
            voided_lines=tuple(self.voided.values()),
            tenders=tuple(self.tenders.values()),
            order_discount_percent=self.order_discount,
            order_discount_by=self.order_discount_by,
            completed_at=completed.completed_at if completed else None,
            change=completed.change if completed else None,
            change_currency=completed.change_currency if completed else None,
            cancelled_reason=cancelled.reason if cancelled else None,
            cancelled_by=cancelled.by if cancelled else None,
        )
