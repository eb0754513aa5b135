"""The events of the `Sale` aggregate (stream type "sale").

Money is in the sale's reference currency unless a field says `_local`. Who did something is a
user id; `override_by` is the supervisor whose PIN the application checked before the command.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from fluxion_desktop.domain.events import DomainEvent
from fluxion_desktop.domain.money import Currency, ExchangeRate, Money
from fluxion_desktop.domain.sale_settings import SaleSettings
from fluxion_desktop.domain.sale_totals import SaleTotals
from fluxion_desktop.domain.tax import TaxCategory
from fluxion_desktop.domain.tenders import Tender


@dataclass(frozen=True, slots=True)
class SaleOpened(DomainEvent):
    """A cashier opened a sale; the rate and the settings are frozen on it from now on.

    `stale_rate_accepted` is true when the rate was older than the store allows and the opener
    chose to sell at it anyway.
    """

    event_type = "SaleOpened"
    sale_id: str
    cashier_id: str
    shift_id: str
    rate: ExchangeRate
    settings: SaleSettings
    opened_at: datetime
    stale_rate_accepted: bool


@dataclass(frozen=True, slots=True)
class SaleLineAdded(DomainEvent):
    """A product was rung up at its catalog `unit_price` (net of IVA)."""

    event_type = "SaleLineAdded"
    line_id: str
    product_id: str
    sku: str
    name: str
    unit_price: Money
    tax_category: TaxCategory
    quantity: Decimal
    is_weighed: bool


@dataclass(frozen=True, slots=True)
class SaleLineQuantityChanged(DomainEvent):
    event_type = "SaleLineQuantityChanged"
    line_id: str
    quantity: Decimal
    previous_quantity: Decimal


@dataclass(frozen=True, slots=True)
class SaleLinePriceOverridden(DomainEvent):
    """The line's unit price was replaced by `price`, authorised by `override_by`."""

    event_type = "SaleLinePriceOverridden"
    line_id: str
    price: Money
    previous_price: Money
    override_by: str


@dataclass(frozen=True, slots=True)
class SaleLineDiscounted(DomainEvent):
    """The line's discount is now `percent` (0 removes it); `override_by` when authorised."""

    event_type = "SaleLineDiscounted"
    line_id: str
    percent: Decimal
    override_by: str | None


@dataclass(frozen=True, slots=True)
class SaleOrderDiscounted(DomainEvent):
    """The whole sale's discount is now `percent` (0 removes it); `override_by` when authorised."""

    event_type = "SaleOrderDiscounted"
    percent: Decimal
    override_by: str | None


@dataclass(frozen=True, slots=True)
class SaleLineVoided(DomainEvent):
    """A line was taken off the sale; it stays in the history, out of the totals."""

    event_type = "SaleLineVoided"
    line_id: str
    reason: str
    by: str


@dataclass(frozen=True, slots=True)
class SaleParked(DomainEvent):
    event_type = "SaleParked"


@dataclass(frozen=True, slots=True)
class SaleRecalled(DomainEvent):
    event_type = "SaleRecalled"


@dataclass(frozen=True, slots=True)
class SaleTenderAdded(DomainEvent):
    event_type = "SaleTenderAdded"
    tender: Tender


@dataclass(frozen=True, slots=True)
class SaleTenderRemoved(DomainEvent):
    """A tender was voided before completion (a declined card, a mistyped amount)."""

    event_type = "SaleTenderRemoved"
    tender_id: str


@dataclass(frozen=True, slots=True)
class SaleCompleted(DomainEvent):
    """The sale is paid and final. Self-contained for read models and the Z report.

    `totals` holds every line sold (with product, quantity and amounts), the tax per category,
    and the amounts in both currencies; `igtf` repeats `totals.reference.igtf`; `change` is in
    `change_currency`, the currency the cashier gave it in.
    """

    event_type = "SaleCompleted"
    sale_id: str
    cashier_id: str
    shift_id: str
    completed_at: datetime
    rate: ExchangeRate
    stale_rate_accepted: bool
    totals: SaleTotals
    tenders: tuple[Tender, ...]
    igtf: Money
    change: Money
    change_currency: Currency


@dataclass(frozen=True, slots=True)
class SaleCancelled(DomainEvent):
    event_type = "SaleCancelled"
    reason: str
    by: str


EVENT_TYPES: tuple[type[DomainEvent], ...] = (
    SaleOpened,
    SaleLineAdded,
    SaleLineQuantityChanged,
    SaleLinePriceOverridden,
    SaleLineDiscounted,
    SaleOrderDiscounted,
    SaleLineVoided,
    SaleParked,
    SaleRecalled,
    SaleTenderAdded,
    SaleTenderRemoved,
    SaleCompleted,
    SaleCancelled,
)
