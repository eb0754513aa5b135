"""Sale lines and the checks on what a cashier types into them.

Prices are NET of IVA: a line's tax is added on top of its net amount (see `sale_totals`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal

from fluxion_desktop.domain.decimals import require_decimal
from fluxion_desktop.domain.errors import CurrencyMismatch, InvalidType, InvalidValue
from fluxion_desktop.domain.money import Currency, Money
from fluxion_desktop.domain.tax import TaxCategory

# A scale can weigh to the gram; more digits would be noise from a misread label.
WEIGHED_PLACES = 3
_HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class SaleLine:
    """One product on a sale.

    `unit_price` is the catalog price when scanned, in the reference currency and net of IVA;
    `override_price`, when set, replaces it (authorised by `override_by`). `discount_percent`
    (0-100) is the line discount, authorised by `discount_by` when it was above the threshold.
    `quantity` is positive; whole for pieces, up to 3 decimals for weighed goods.
    """

    line_id: str
    product_id: str
    sku: str
    name: str
    unit_price: Money
    tax_category: TaxCategory
    quantity: Decimal
    is_weighed: bool = False
    override_price: Money | None = None
    override_by: str | None = None
    discount_percent: Decimal = Decimal(0)
    discount_by: str | None = None

    @property
    def price(self) -> Money:
        """The unit price charged: the override when there is one, else the catalog price."""
        return self.override_price if self.override_price is not None else self.unit_price

    def with_quantity(self, quantity: Decimal) -> SaleLine:
        return replace(self, quantity=quantity)

    def with_price(self, price: Money, override_by: str) -> SaleLine:
        return replace(self, override_price=price, override_by=override_by)

    def with_discount(self, percent: Decimal, discount_by: str | None) -> SaleLine:
        return replace(self, discount_percent=percent, discount_by=discount_by)


@dataclass(frozen=True, slots=True)
class VoidedLine:
    """A line taken off the sale: kept, with why and by whom, but out of the totals."""

    line: SaleLine
    reason: str
    by: str


def check_quantity(quantity: object, is_weighed: bool, field: str = "quantity") -> Decimal:
    """A positive quantity: whole for pieces, at most 3 decimals for weighed goods."""
    value = require_decimal(quantity, field)
    if value <= 0:
        raise InvalidValue(f"{field} must be positive, got {value}", field)
    if is_weighed:
        if value != value.quantize(Decimal(1).scaleb(-WEIGHED_PLACES)):
            raise InvalidValue(
                f"a weighed {field} has at most {WEIGHED_PLACES} decimals, got {value}", field
            )
    elif value != value.to_integral_value():
        raise InvalidValue(f"{field} must be a whole number of pieces, got {value}", field)
    return value


def check_price(price: object, currency: Currency, field: str) -> Money:
    """A price of zero or more in `currency` (the sale's reference currency)."""
    if not isinstance(price, Money):
        raise InvalidType(f"{field} must be Money", field)
    if price.currency is not currency:
        raise CurrencyMismatch(f"{field} must be in {currency}, not {price.currency}", field)
    if price.is_negative:
        raise InvalidValue(f"{field} must not be negative, got {price}", field)
    return price


def check_percent(percent: object, field: str = "percent") -> Decimal:
    """A discount percentage in [0, 100]."""
    value = require_decimal(percent, field)
    if not 0 <= value <= _HUNDRED:
        raise InvalidValue(f"{field} must be between 0 and 100, got {value}", field)
    return value


def require_text(value: object, field: str) -> str:
    """Non-blank text, stripped."""
    if not isinstance(value, str):
        raise InvalidType(f"{field} must be text", field)
    text = value.strip()
    if not text:
        raise InvalidValue(f"{field} must not be empty", field)
    return text


def optional_text(value: object, field: str) -> str | None:
    """Stripped text, or None when missing or blank."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidType(f"{field} must be text", field)
    return value.strip() or None


def require_aware(at: object, field: str = "at") -> datetime:
    """A timezone-aware datetime (the domain never reads the clock, and never guesses a zone)."""
    if not isinstance(at, datetime):
        raise InvalidType(f"{field} must be a datetime", field)
    if at.tzinfo is None or at.utcoffset() is None:
        raise InvalidValue(f"{field} must be timezone-aware (UTC)", field)
    return at
