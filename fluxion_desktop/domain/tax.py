"""Venezuelan IVA categories and rates, and the tax on a net amount."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from fluxion_desktop.domain.decimals import require_decimal
from fluxion_desktop.domain.errors import InvalidValue
from fluxion_desktop.domain.money import Money

# Impuesto a las Grandes Transacciones Financieras, charged by "contribuyentes especiales" on the
# part of a sale paid in foreign currency. A store setting may override it when the law changes.
DEFAULT_IGTF_RATE = Decimal("0.03")


class TaxCategory(StrEnum):
    """The IVA treatment of a product, set in the catalog."""

    GENERAL = "general"
    REDUCED = "reduced"
    LUXURY = "luxury"
    EXEMPT = "exempt"

    @classmethod
    def parse(cls, text: object) -> TaxCategory:
        """Read a name such as ``"general"``; raise `InvalidValue` (field "tax_category")."""
        if isinstance(text, str):
            try:
                return cls(text.strip().lower())
            except ValueError:
                pass
        known = ", ".join(member.value for member in cls)
        raise InvalidValue(
            f"unknown tax category {text!r}; expected one of {known}", "tax_category"
        )


@dataclass(frozen=True, slots=True)
class TaxRates:
    """The IVA rate of each category, as fractions (0.16 is 16 %): a store setting.

    Defaults are the rates in force: general 16 %, reduced 8 %, luxury 31 % (the general rate
    plus the 15 % additional rate on luxury goods). Exempt goods carry no IVA by definition, so
    their rate is not a setting. Each rate must lie in [0, 1).
    """

    general: Decimal = Decimal("0.16")
    reduced: Decimal = Decimal("0.08")
    luxury: Decimal = Decimal("0.31")

    def __post_init__(self) -> None:
        for name in ("general", "reduced", "luxury"):
            rate = require_decimal(getattr(self, name), name)
            # A rate of 1 or more is almost always a percentage typed where a fraction belongs.
            if not 0 <= rate < 1:
                raise InvalidValue(f"{name} rate must be a fraction in [0, 1), got {rate}", name)
            object.__setattr__(self, name, rate)

    def rate_for(self, category: TaxCategory) -> Decimal:
        """The fraction of the net price charged as IVA for `category`."""
        match category:
            case TaxCategory.GENERAL:
                return self.general
            case TaxCategory.REDUCED:
                return self.reduced
            case TaxCategory.LUXURY:
                return self.luxury
            case TaxCategory.EXEMPT:
                return Decimal(0)
        raise InvalidValue(f"unknown tax category {category!r}", "tax_category")


def tax_on(net: Money, category: TaxCategory, rates: TaxRates) -> Money:
    """The IVA on `net` for `category`, rounded half-up to the currency's minor units.

    The result is already rounded, so whatever the caller taxes (one line, or the sum of the
    lines at one rate) is rounded exactly once and the receipt adds up to the cent.
    """
    return (net * rates.rate_for(category)).rounded()
