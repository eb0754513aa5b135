"""Turning outside input into exact Decimals, refusing floats on the way in.

Binary floats cannot hold 0.10 exactly, so a float reaching money or stock arithmetic is a bug
upstream; failing loudly here is cheaper than a cent missing from a Z report.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from fluxion_desktop.domain.errors import InvalidType, InvalidValue

# Plain positional notation only: locale forms ("12,50", "1.234,50") and exponents are ambiguous
# at a Venezuelan counter, so they are refused rather than guessed.
_PLAIN_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")


def require_decimal(value: object, field: str) -> Decimal:
    """Return `value` as a finite Decimal.

    Accepts Decimal and int (ints are exact). Refuses float and bool with `InvalidType`, and NaN or
    infinity with `InvalidValue`, both naming `field`.
    """
    if value.__class__ is Decimal:  # nearly always: checked first, and only for finiteness
        if value.is_finite():
            return value
    elif isinstance(value, bool):
        raise InvalidType(f"{field} must be a Decimal, not a bool", field)
    if isinstance(value, float):
        raise InvalidType(
            f"{field} must be a Decimal or int, not a float ({value!r}); "
            "pass a string such as '12.50' through a parser instead",
            field,
        )
    if isinstance(value, int):
        return Decimal(value)
    if not isinstance(value, Decimal):
        raise InvalidType(f"{field} must be a Decimal, not {type(value).__name__}", field)
    if not value.is_finite():
        raise InvalidValue(f"{field} must be a finite number, got {value}", field)
    return value


def parse_decimal(value: object, field: str) -> Decimal:
    """Parse a plain decimal string such as ``"12.50"`` or ``"-3"``; Decimal and int pass through.

    Surrounding whitespace is ignored. Commas, exponents, NaN and floats are refused, naming
    `field`.
    """
    if not isinstance(value, str):
        return require_decimal(value, field)
    text = value.strip()
    if not _PLAIN_DECIMAL.fullmatch(text):
        raise InvalidValue(f"{field} must be a plain decimal such as 12.50, got {value!r}", field)
    return Decimal(text)


def format_decimal(value: Decimal) -> str:
    """Write `value` in positional notation (never ``1E+2``), keeping every stored digit."""
    # str() is positional, and the same text as format "f", unless it has an exponent; it
    # costs a third of format, and a completed sale writes some 170 decimals.
    text = str(value)
    return format(value, "f") if "E" in text else text


def round_half_up(amount: Decimal, quantum: Decimal) -> Decimal:
    """`amount` rounded half away from zero to `quantum` (such as ``Decimal("0.01")``): what
    `Money.rounded` does, for sums kept as plain Decimals until they become Money."""
    return amount.quantize(quantum, rounding=ROUND_HALF_UP)
