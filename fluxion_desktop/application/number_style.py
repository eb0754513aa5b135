"""Numbers as people read them: 1.234,56 in es_VE, 1,234.56 in en_US (no Qt here).

The screens (`ui.formatting.NumberFormat`, which adds the system locale) and the printouts
(receipts, X and Z reports) format money the same way through this one class. Money stays
Decimal all the way (never a float); only the separators change.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from fluxion_desktop.domain.money import Currency, ExchangeRate, Money

SYMBOLS = {
    Currency.USD: "$",
    Currency.VES: "Bs",
    Currency.EUR: "€",
    Currency.COP: "COL$",
    Currency.BRL: "R$",
}


def symbol(currency: Currency) -> str:
    """ "$", "Bs"... or the ISO code of a currency without a symbol of its own."""
    return SYMBOLS.get(currency, currency.value)


@dataclass(frozen=True, slots=True)
class NumberStyle:
    decimal_point: str = "."
    group_separator: str = ","

    def amount(self, value: Decimal, places: int = 2, grouped: bool = True) -> str:
        """`value` to `places` decimals (half-up, as Money rounds), with the locale's marks."""
        value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        text = f"{value:,f}" if grouped else f"{value:f}"
        marks = {",": self.group_separator, ".": self.decimal_point}
        return "".join(marks.get(char, char) for char in text)

    def money(self, money: Money) -> str:
        """The symbol, then the rounded amount: "$ 9.14", "Bs 333,61"."""
        places = money.currency.minor_units
        return f"{symbol(money.currency)} {self.amount(money.rounded().amount, places)}"

    def plain(self, money: Money) -> str:
        """What a cashier would type for `money` (no grouping, no symbol): "156,59"."""
        return self.amount(money.rounded().amount, money.currency.minor_units, grouped=False)

    def rate(self, rate: ExchangeRate) -> str:
        """The rate with as many decimals as it has (at least two): "36,50 Bs/$"."""
        exponent = rate.rate.normalize().as_tuple().exponent
        places = max(2, -exponent if isinstance(exponent, int) else 2)
        return f"{self.amount(rate.rate, places)} {symbol(rate.quote)}/{symbol(rate.base)}"

    def quantity(self, value: Decimal) -> str:
        """3 for pieces, 1,250 for a weighed 1.25 kg (never grouped: it is typed back in)."""
        places = 0 if value == value.to_integral_value() else 3
        return self.amount(value, places, grouped=False)

    def percent(self, fraction: Decimal) -> str:
        """A fraction as a percentage without trailing zeros: 0.16 → "16", 0.085 → "8,5"."""
        value = (fraction * 100).normalize()
        exponent = value.as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        return self.amount(value, places, grouped=False)
