"""Numbers as the cashier reads and types them: 1.234,56 in es_VE, 1,234.56 in en_US.

Money stays Decimal all the way (never a float); only the separators come from the locale.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from PySide6.QtCore import QCoreApplication, QLocale

from fluxion_desktop.domain.errors import InvalidValue
from fluxion_desktop.domain.money import Currency, ExchangeRate, Money

SYMBOLS = {
    Currency.USD: "$",
    Currency.VES: "Bs",
    Currency.EUR: "€",
    Currency.COP: "COL$",
    Currency.BRL: "R$",
}


@dataclass(frozen=True, slots=True)
class NumberFormat:
    decimal_point: str = "."
    group_separator: str = ","

    @classmethod
    def system(cls) -> NumberFormat:
        locale = QLocale()
        return cls(locale.decimalPoint() or ".", locale.groupSeparator() or ",")

    def amount(self, value: Decimal, places: int = 2, grouped: bool = True) -> str:
        """`value` to `places` decimals (half-up, as Money rounds), with the locale's marks."""
        value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        text = f"{value:,f}" if grouped else f"{value:f}"
        marks = {",": self.group_separator, ".": self.decimal_point}
        return "".join(marks.get(char, char) for char in text)

    def money(self, money: Money) -> str:
        """The symbol, then the rounded amount: "$ 9.14", "Bs 333,61"."""
        symbol = SYMBOLS.get(money.currency, money.currency.value)
        return f"{symbol} {self.amount(money.rounded().amount, money.currency.minor_units)}"

    def plain(self, money: Money) -> str:
        """What a cashier would type for `money` (no grouping, no symbol): "156,59"."""
        return self.amount(money.rounded().amount, money.currency.minor_units, grouped=False)

    def rate(self, rate: ExchangeRate) -> str:
        """The rate with as many decimals as it has (at least two): "36,50 Bs/$"."""
        exponent = rate.rate.normalize().as_tuple().exponent
        places = max(2, -exponent if isinstance(exponent, int) else 2)
        quote = SYMBOLS.get(rate.quote, rate.quote.value)
        base = SYMBOLS.get(rate.base, rate.base.value)
        return f"{self.amount(rate.rate, places)} {quote}/{base}"

    def quantity(self, value: Decimal) -> str:
        """3 for pieces, 1,250 for a weighed 1.25 kg (never grouped: it is typed back in)."""
        places = 0 if value == value.to_integral_value() else 3
        return self.amount(value, places, grouped=False)


def parse_amount(text: str, field: str = "amount") -> Decimal:
    """What a cashier typed: "5", "5.00", "5,00", "1.234,56" or "1,234.56".

    The last separator followed by one or two digits is the decimal mark, any other is grouping,
    so the same keys work whatever the locale. Anything else raises `InvalidValue` for `field`.
    """
    cleaned = "".join(ch for ch in text if ch.isdigit() or ch in ",.-")
    last = max(cleaned.rfind(","), cleaned.rfind("."))
    if last >= 0 and 1 <= len(cleaned) - last - 1 <= 2:
        whole, fraction = cleaned[:last], cleaned[last + 1 :]
        cleaned = f"{_digits(whole)}.{fraction}"
    else:
        cleaned = _digits(cleaned)
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise InvalidValue(_not_a("amount", text), field) from None
    if not value.is_finite():
        raise InvalidValue(_not_a("amount", text), field)
    return value


def parse_quantity(text: str) -> Decimal:
    """A quantity: "2", "1,5" or "0.750" (the one separator is always the decimal mark)."""
    cleaned = text.strip().replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise InvalidValue(_not_a("quantity", text), "quantity") from None
    if not value.is_finite():
        raise InvalidValue(_not_a("quantity", text), "quantity")
    return value


def _not_a(kind: str, text: str) -> str:
    if kind == "amount":
        message = QCoreApplication.translate("formatting", "“{text}” is not an amount")
    else:
        message = QCoreApplication.translate("formatting", "“{text}” is not a quantity")
    return message.format(text=text.strip())


def _digits(text: str) -> str:
    return text.replace(",", "").replace(".", "")
