"""Money and exchange rates: exact Decimal amounts that never mix currencies silently.

Amounts keep full precision through arithmetic (a line's tax, a converted price) and are rounded
only when the caller says so with `Money.rounded()`, so every rounding in a sale is visible in the
code that does it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from fluxion_desktop.domain.decimals import format_decimal, parse_decimal, require_decimal
from fluxion_desktop.domain.errors import (
    CurrencyMismatch,
    InvalidType,
    InvalidValue,
    StaleExchangeRate,
    UnknownCurrency,
)


class Currency(StrEnum):
    """A currency the store trades in, by its ISO 4217 code."""

    USD = "USD"
    EUR = "EUR"
    VES = "VES"
    COP = "COP"
    BRL = "BRL"

    @property
    def minor_units(self) -> int:
        """Decimal places of the currency's smallest unit (ISO 4217 exponent)."""
        return _MINOR_UNITS[self]

    @property
    def quantum(self) -> Decimal:
        """The smallest unit as a Decimal exponent template, e.g. ``Decimal("0.01")``."""
        return _QUANTA[self]

    @classmethod
    def parse(cls, text: object) -> Currency:
        """Read a code such as ``"usd"`` or ``" VES "``.

        Anything else raises `UnknownCurrency` naming the field "currency".
        """
        if isinstance(text, cls):
            return text
        if isinstance(text, str):
            try:
                return cls(text.strip().upper())
            except ValueError:
                pass
        known = ", ".join(member.value for member in cls)
        raise UnknownCurrency(f"unknown currency {text!r}; expected one of {known}", "currency")


_ZERO = Decimal(0)

# ISO 4217 gives COP two minor units even though centavos are no longer in circulation.
_MINOR_UNITS: dict[Currency, int] = {
    Currency.USD: 2,
    Currency.EUR: 2,
    Currency.VES: 2,
    Currency.COP: 2,
    Currency.BRL: 2,
}
# Every rounding asks for its currency's quantum: built once, not per call.
_QUANTA: dict[Currency, Decimal] = {
    c: Decimal(1).scaleb(-places) for c, places in _MINOR_UNITS.items()
}


@dataclass(frozen=True, slots=True)
class Money:
    """An exact amount in one currency.

    The constructor takes a Decimal or an int (never a float); `Money.of` parses strings.
    Equality is numeric within a currency: ``Money(Decimal("1.0"), USD) == Money(Decimal("1.00"),
    USD)`` is true and both hash alike, while equal numbers in different currencies are simply
    unequal. Ordering, addition and subtraction across currencies raise `CurrencyMismatch`.
    """

    amount: Decimal
    currency: Currency

    def __post_init__(self) -> None:
        amount = require_decimal(self.amount, "amount")
        # -0 would print as "USD -0.00" after negating or rounding a tiny refund.
        if amount.is_zero() and amount.is_signed():
            amount = amount.copy_abs()
        object.__setattr__(self, "amount", amount)
        if not isinstance(self.currency, Currency):
            raise InvalidType(
                f"currency must be a Currency, not {type(self.currency).__name__}; "
                "use Money.of() or Currency.parse() for text",
                "currency",
            )

    @classmethod
    def of(cls, amount: str | int | Decimal, currency: str | Currency) -> Money:
        """Build from outside input: ``Money.of("12.50", "USD")``. Floats are refused."""
        return cls(parse_decimal(amount, "amount"), Currency.parse(currency))

    @classmethod
    def zero(cls, currency: Currency) -> Money:
        """Zero in `currency`, the start value for totals."""
        if currency.__class__ is Currency and cls is Money:
            return exact_money(_ZERO, currency)  # every empty ledger line starts with a few
        return cls(Decimal(0), currency)

    @classmethod
    def total(cls, amounts: Iterable[Money], currency: Currency) -> Money:
        """Sum `amounts`, all in `currency`; an empty iterable gives zero in that currency."""
        if currency.__class__ is not Currency:
            return cls.zero(currency)  # refuses what is not a Currency, as before
        # One Decimal sum and one Money, not a Money per step (totals sum hundreds of amounts).
        total = Decimal(0)
        for amount in amounts:
            if not isinstance(amount, Money):
                raise TypeError(
                    f"unsupported operand type(s) for +: 'Money' and '{type(amount).__name__}'"
                )
            if amount.currency is not currency:
                raise CurrencyMismatch(
                    f"cannot add {currency} and {amount.currency} without an exchange rate",
                    "currency",
                )
            total += amount.amount
        return exact_money(total, currency)

    @property
    def is_zero(self) -> bool:
        """True when the amount is exactly zero."""
        return self.amount.is_zero()

    @property
    def is_negative(self) -> bool:
        """True when the amount is below zero (refunds, change owed)."""
        return self.amount < 0

    @property
    def is_positive(self) -> bool:
        """True when the amount is above zero."""
        return self.amount > 0

    def rounded(self, rounding: str = ROUND_HALF_UP) -> Money:
        """Round to the currency's minor units, half away from zero by default.

        ROUND_HALF_UP is symmetric, so a refund rounds to the mirror image of its sale:
        0.125 becomes 0.13 and -0.125 becomes -0.13.
        """
        return exact_money(
            self.amount.quantize(self.currency.quantum, rounding=rounding), self.currency
        )

    def _same_currency(self, other: Money, operation: str) -> None:
        if other.currency is not self.currency:
            raise CurrencyMismatch(
                f"cannot {operation} {self.currency} and {other.currency} without an exchange rate",
                "currency",
            )

    def __add__(self, other: object) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        if other.currency is not self.currency:
            self._same_currency(other, "add")
        return exact_money(self.amount + other.amount, self.currency)

    def __sub__(self, other: object) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        if other.currency is not self.currency:
            self._same_currency(other, "subtract")
        return exact_money(self.amount - other.amount, self.currency)

    def __mul__(self, factor: Decimal | int) -> Money:
        # Checked at run time too: a float typed by a caller without mypy must still fail loudly.
        if isinstance(factor, Money):
            return NotImplemented
        return exact_money(self.amount * require_decimal(factor, "factor"), self.currency)

    __rmul__ = __mul__

    def __neg__(self) -> Money:
        return exact_money(-self.amount, self.currency)

    def __abs__(self) -> Money:
        return exact_money(abs(self.amount), self.currency)

    def _compare(self, other: object, operation: str) -> tuple[Decimal, Decimal]:
        if not isinstance(other, Money):
            raise InvalidType(f"cannot compare Money with {type(other).__name__}", "amount")
        self._same_currency(other, operation)
        return self.amount, other.amount

    def __lt__(self, other: object) -> bool:
        mine, theirs = self._compare(other, "compare")
        return mine < theirs

    def __le__(self, other: object) -> bool:
        mine, theirs = self._compare(other, "compare")
        return mine <= theirs

    def __gt__(self, other: object) -> bool:
        mine, theirs = self._compare(other, "compare")
        return mine > theirs

    def __ge__(self, other: object) -> bool:
        mine, theirs = self._compare(other, "compare")
        return mine >= theirs

    def __str__(self) -> str:
        amount = self.amount
        padded = amount.quantize(self.currency.quantum)
        # Pad to the currency's places for display, but never hide unrounded digits.
        if padded == amount:
            amount = padded
        return f"{self.currency} {format_decimal(amount)}"

    def to_dict(self) -> dict[str, str]:
        """The wire and event form: ``{"amount": "12.50", "currency": "USD"}``, never a float."""
        # `_value_`, not `.value`: the enum property costs four times the attribute (a
        # completed sale writes ~100 Money values).
        return {"amount": format_decimal(self.amount), "currency": self.currency._value_}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Money:
        """Read the `to_dict` form; the amount must be a decimal string, not a JSON number."""
        amount = _required(data, "amount")
        if not isinstance(amount, str):
            raise InvalidType("amount must be a decimal string in stored money", "amount")
        return cls.of(amount, Currency.parse(_required(data, "currency")))


# A sale's totals make hundreds of Money values from others by arithmetic; their amounts are
# finite Decimals and their currencies Currency already, so the checks of __post_init__ (a third
# of the totals' time) are not repeated. Only the -0 rule applies.
_SET_AMOUNT = getattr(Money, "amount").__set__  # the slots' own setters  # noqa: B009
_SET_CURRENCY = getattr(Money, "currency").__set__  # noqa: B009


def exact_money(amount: Decimal, currency: Currency) -> Money:
    """The Money of arithmetic on valid Money: `amount` finite, `currency` a Currency.

    For the domain's own sums and roundings of amounts that were Money already (a sale's
    totals); it skips the constructor's checks, so never pass it outside input.
    """
    if amount.is_zero() and amount.is_signed():
        amount = amount.copy_abs()
    money: Money = object.__new__(Money)
    _SET_AMOUNT(money, amount)
    _SET_CURRENCY(money, currency)
    return money


@dataclass(frozen=True, slots=True)
class ExchangeRate:
    """One `base` is worth `rate` `quote`, from `source` (e.g. "BCV") on `effective_date`.

    A typical BCV rate is ``ExchangeRate(USD, VES, Decimal("36.50"), date(2024, 3, 1), "BCV")``.
    The rate converts both ways, so a sale needs only the one rate it froze.
    """

    base: Currency
    quote: Currency
    rate: Decimal
    effective_date: date
    source: str

    def __post_init__(self) -> None:
        for name in ("base", "quote"):
            if not isinstance(getattr(self, name), Currency):
                raise InvalidType(f"{name} must be a Currency", name)
        if self.base is self.quote:
            raise InvalidValue(
                f"an exchange rate needs two currencies, got {self.base} twice", "quote"
            )
        rate = require_decimal(self.rate, "rate")
        if rate <= 0:
            raise InvalidValue(f"rate must be positive, got {rate}", "rate")
        object.__setattr__(self, "rate", rate)
        # A datetime would make date arithmetic raise later, far from where it came in.
        if isinstance(self.effective_date, datetime) or not isinstance(self.effective_date, date):
            raise InvalidType("effective_date must be a date (not a datetime)", "effective_date")
        if not isinstance(self.source, str) or not self.source.strip():
            raise InvalidValue("source must name where the rate came from, e.g. BCV", "source")

    def convert(self, money: Money) -> Money:
        """Convert base→quote (multiply) or quote→base (divide); the result is NOT rounded.

        Leaving rounding to the caller lets a sale convert its lines and round once, at the
        total it prints. Money in any other currency raises `CurrencyMismatch`.
        """
        if money.currency is self.base:
            return Money(money.amount * self.rate, self.quote)
        if money.currency is self.quote:
            return Money(money.amount / self.rate, self.base)
        raise CurrencyMismatch(
            f"a {self.base}/{self.quote} rate cannot convert {money.currency}", "currency"
        )

    def inverse(self) -> ExchangeRate:
        """The same rate seen from the other side (quote→base).

        1/rate is computed at the Decimal context's precision (28 digits), so inverting twice can
        differ from the original in the last digits; prefer `convert`, which divides exactly.
        """
        return ExchangeRate(
            self.quote, self.base, Decimal(1) / self.rate, self.effective_date, self.source
        )

    def age_in_days(self, today: date) -> int:
        """Days since the rate took effect; negative when BCV published it ahead of time."""
        return (today - self.effective_date).days

    def is_stale(self, today: date, max_age_days: int) -> bool:
        """True when the rate is older than `max_age_days` (a store setting)."""
        if max_age_days < 0:
            raise InvalidValue("max_age_days must not be negative", "max_age_days")
        return self.age_in_days(today) > max_age_days

    def ensure_fresh(self, today: date, max_age_days: int) -> None:
        """Raise `StaleExchangeRate` (field "exchange_rate") when the rate is stale.

        The till must show this to a person rather than silently price a sale at an old rate.
        """
        if self.is_stale(today, max_age_days):
            raise StaleExchangeRate(
                f"the {self.source} {self.base}/{self.quote} rate of {self.effective_date} is "
                f"{self.age_in_days(today)} days old; the store allows {max_age_days}",
                "exchange_rate",
            )

    def to_dict(self) -> dict[str, str]:
        """The wire and event form, with the rate as a decimal string."""
        return {
            "base": self.base.value,
            "quote": self.quote.value,
            "rate": format_decimal(self.rate),
            "effective_date": self.effective_date.isoformat(),
            "source": self.source,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> ExchangeRate:
        """Read the `to_dict` form."""
        rate = _required(data, "rate")
        if not isinstance(rate, str):
            raise InvalidType("rate must be a decimal string in a stored rate", "rate")
        raw_date = _required(data, "effective_date")
        try:
            effective = date.fromisoformat(str(raw_date))
        except ValueError:
            raise InvalidValue(
                f"effective_date must be YYYY-MM-DD, got {raw_date!r}", "effective_date"
            ) from None
        source = _required(data, "source")
        return cls(
            Currency.parse(_required(data, "base")),
            Currency.parse(_required(data, "quote")),
            parse_decimal(rate, "rate"),
            effective,
            source if isinstance(source, str) else "",
        )


def _required(data: Mapping[str, object], key: str) -> object:
    try:
        return data[key]
    except KeyError:
        raise InvalidValue(f"{key} is missing", key) from None
