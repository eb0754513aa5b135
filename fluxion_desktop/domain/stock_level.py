"""How much of a product a store holds, against its minimum and maximum."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from fluxion_desktop.domain.decimals import require_decimal
from fluxion_desktop.domain.errors import InsufficientStock, InvalidValue


@dataclass(frozen=True, slots=True)
class StockLevel:
    """Stock on hand with the store's thresholds for one product.

    Quantities are Decimals because weighed goods sell in fractions of a kilo; floats are refused.
    `current` may be negative: a till never refuses a physical sale because its offline view of
    stock is stale, and the store's policy may let it sell into negative stock until a count or a
    late receipt catches up. `minimum` is at least zero and `maximum` (optional) at least
    `minimum`.
    """

    current: Decimal
    minimum: Decimal
    maximum: Decimal | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "current", require_decimal(self.current, "current"))
        minimum = require_decimal(self.minimum, "minimum")
        if minimum < 0:
            raise InvalidValue(f"minimum must not be negative, got {minimum}", "minimum")
        object.__setattr__(self, "minimum", minimum)
        if self.maximum is not None:
            maximum = require_decimal(self.maximum, "maximum")
            if maximum < minimum:
                raise InvalidValue(
                    f"maximum {maximum} must not be below minimum {minimum}", "maximum"
                )
            object.__setattr__(self, "maximum", maximum)

    @property
    def is_critical(self) -> bool:
        """Nothing left to sell (or less than nothing): current <= 0."""
        return self.current <= 0

    @property
    def is_low(self) -> bool:
        """Some left but at or below the minimum; critical stock is not also counted as low."""
        return 0 < self.current <= self.minimum

    @property
    def is_high(self) -> bool:
        """Above the maximum, when the store set one (overstock ties up cash)."""
        return self.maximum is not None and self.current > self.maximum

    def can_deduct(self, quantity: Decimal) -> bool:
        """True when `quantity` is positive and taking it leaves stock at zero or above."""
        qty = require_decimal(quantity, "quantity")
        return qty > 0 and self.current - qty >= 0

    def after_deduction(self, quantity: Decimal, *, allow_negative: bool = False) -> StockLevel:
        """The level after taking `quantity` out (a sale, a transfer out, a write-off).

        Raises `InsufficientStock` (field "quantity") when stock would go below zero, unless
        `allow_negative` says the store's policy permits it for this movement.
        """
        qty = _positive_quantity(quantity)
        remaining = self.current - qty
        if remaining < 0 and not allow_negative:
            raise InsufficientStock(f"cannot take {qty}: only {self.current} in stock", "quantity")
        return StockLevel(remaining, self.minimum, self.maximum)

    def after_addition(self, quantity: Decimal) -> StockLevel:
        """The level after putting `quantity` in (a receipt, a return, a transfer in)."""
        return StockLevel(self.current + _positive_quantity(quantity), self.minimum, self.maximum)


def _positive_quantity(quantity: Decimal) -> Decimal:
    # Direction comes from the method called, so a signed quantity is always a caller's mistake.
    qty = require_decimal(quantity, "quantity")
    if qty <= 0:
        raise InvalidValue(f"quantity must be positive, got {qty}", "quantity")
    return qty
