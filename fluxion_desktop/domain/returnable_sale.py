"""What can still be returned from a completed sale, and how much each return refunds.

A refund is worked out per line from what the customer actually paid for it (its total with
IVA, after line and order discounts), never from today's catalog price, and in the sale's
reference currency at the sale's own frozen rate.

Rounding: returning quantity q of a line after p units were already returned refunds
``round(paid * (p + q) / sold) - round(paid * p / sold)`` (ROUND_HALF_UP, minor units). The
refunds of one line telescope to ``round(paid * returned / sold)``: returning everything, in any
number of steps, refunds exactly what was paid, and never more. IVA refunded is split the same
way. IGTF is not refunded: it taxed the payment, not the goods.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from fluxion_desktop.domain.decimals import require_decimal
from fluxion_desktop.domain.errors import CurrencyMismatch, InvalidType, InvalidValue, NotFound
from fluxion_desktop.domain.money import ExchangeRate, Money
from fluxion_desktop.domain.sale_events import SaleCompleted
from fluxion_desktop.domain.sale_lines import require_text
from fluxion_desktop.domain.tax import TaxCategory


@dataclass(frozen=True, slots=True)
class ReturnableLine:
    """One line of a completed sale, with what was paid for it and how much came back already.

    `amount_paid` and `tax_paid` are the line's total (IVA included, discounts taken off) and its
    IVA, in the sale's reference currency; `quantity_returned` counts earlier returns.
    """

    line_id: str
    product_id: str
    sku: str
    name: str
    tax_category: TaxCategory
    is_weighed: bool
    quantity_sold: Decimal
    amount_paid: Money
    tax_paid: Money
    quantity_returned: Decimal = Decimal(0)

    def __post_init__(self) -> None:
        require_text(self.line_id, "line_id")
        sold = require_decimal(self.quantity_sold, "quantity_sold")
        returned = require_decimal(self.quantity_returned, "quantity_returned")
        if sold <= 0:
            raise InvalidValue(f"quantity_sold must be positive, got {sold}", "quantity_sold")
        if not 0 <= returned <= sold:
            raise InvalidValue(
                f"quantity_returned must be between 0 and {sold}, got {returned}",
                "quantity_returned",
            )
        for name in ("amount_paid", "tax_paid"):
            money = getattr(self, name)
            if not isinstance(money, Money):
                raise InvalidType(f"{name} must be Money", name)
            if money.is_negative:
                raise InvalidValue(f"{name} must not be negative", name)
        if self.tax_paid.currency is not self.amount_paid.currency:
            raise CurrencyMismatch("tax_paid and amount_paid differ in currency", "tax_paid")
        if self.tax_paid > self.amount_paid:
            raise InvalidValue("tax_paid cannot exceed amount_paid", "tax_paid")

    @property
    def quantity_returnable(self) -> Decimal:
        return self.quantity_sold - self.quantity_returned

    @property
    def unit_refund(self) -> Money:
        """What one unit refunds, IVA included, unrounded (for display; see `refund_for`)."""
        return Money(self.amount_paid.amount / self.quantity_sold, self.amount_paid.currency)

    def refund_for(self, already: Decimal, quantity: Decimal) -> tuple[Money, Money]:
        """(refund, IVA in it) for `quantity` units after `already` units came back in total."""
        return (
            _share(self.amount_paid, already + quantity, self.quantity_sold)
            - _share(self.amount_paid, already, self.quantity_sold),
            _share(self.tax_paid, already + quantity, self.quantity_sold)
            - _share(self.tax_paid, already, self.quantity_sold),
        )


@dataclass(frozen=True, slots=True)
class ReturnableSale:
    """A completed sale as a return sees it: its lines and its frozen rate (reference→local)."""

    sale_id: str
    rate: ExchangeRate
    lines: tuple[ReturnableLine, ...]

    def __post_init__(self) -> None:
        require_text(self.sale_id, "sale_id")
        if not isinstance(self.rate, ExchangeRate):
            raise InvalidType("rate must be an ExchangeRate", "rate")
        if not isinstance(self.lines, tuple) or not self.lines:
            raise InvalidValue("a returnable sale needs its lines, as a tuple", "lines")
        ids = [line.line_id for line in self.lines]
        if len(set(ids)) != len(ids):
            raise InvalidValue("line ids repeat", "lines")
        for line in self.lines:
            if line.amount_paid.currency is not self.rate.base:
                raise CurrencyMismatch(
                    f"line {line.line_id} is not in {self.rate.base}", "amount_paid"
                )

    @classmethod
    def from_completed(
        cls, event: SaleCompleted, returned: Mapping[str, Decimal] | None = None
    ) -> ReturnableSale:
        """Build from a `SaleCompleted` and the quantities earlier returns took back, by line."""
        returned = dict(returned or {})
        unknown = set(returned) - {line.line_id for line in event.totals.lines}
        if unknown:
            raise InvalidValue(f"no such lines on the sale: {sorted(unknown)}", "returned")
        return cls(
            sale_id=event.sale_id,
            rate=event.rate,
            lines=tuple(
                ReturnableLine(
                    line_id=line.line_id,
                    product_id=line.product_id,
                    sku=line.sku,
                    name=line.name,
                    tax_category=line.tax_category,
                    is_weighed=line.is_weighed,
                    quantity_sold=line.quantity,
                    amount_paid=line.total,
                    tax_paid=line.tax,
                    quantity_returned=returned.get(line.line_id, Decimal(0)),
                )
                for line in event.totals.lines
            ),
        )

    def line(self, line_id: str) -> ReturnableLine:
        """The line by id; `NotFound` (field "line_id") when the sale has no such line."""
        for line in self.lines:
            if line.line_id == line_id:
                return line
        raise NotFound(f"sale {self.sale_id} has no line {line_id!r}", "line_id")


def _share(amount: Money, part: Decimal, whole: Decimal) -> Money:
    # Multiply before dividing, so a whole line (part == whole) comes back exactly.
    return Money(amount.amount * part / whole, amount.currency).rounded()
