"""Numbers as the cashier reads and types them: 1.234,56 in es_VE, 1,234.56 in en_US.

Money stays Decimal all the way (never a float); only the separators come from the locale. The
formatting itself is `application.number_style.NumberStyle`, shared with the printouts.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QCoreApplication, QLocale

from fluxion_desktop.application.number_style import SYMBOLS, NumberStyle
from fluxion_desktop.domain.errors import InvalidValue

__all__ = ["SYMBOLS", "NumberFormat", "parse_amount", "parse_quantity"]


class NumberFormat(NumberStyle):
    """`NumberStyle` with the system locale's marks (what the screens use)."""

    __slots__ = ()

    @classmethod
    def system(cls) -> NumberFormat:
        locale = QLocale()
        return cls(locale.decimalPoint() or ".", locale.groupSeparator() or ",")


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
