"""Money's shortcuts keep its rules: zero still checks its currency, sums still refuse a mix."""

from __future__ import annotations

from decimal import Decimal

import pytest

from fluxion_desktop.domain.errors import CurrencyMismatch, InvalidType
from fluxion_desktop.domain.money import Currency, Money


def test_zero_is_a_plain_zero_in_a_real_currency_only() -> None:
    zero = Money.zero(Currency.VES)
    assert zero.to_dict() == {"amount": "0", "currency": "VES"}
    assert zero == Money(Decimal(0), Currency.VES) and zero.currency is Currency.VES
    with pytest.raises(InvalidType) as caught:
        Money.zero("USD")  # type: ignore[arg-type]
    assert caught.value.field == "currency"


@pytest.mark.parametrize(
    ("operation", "word"), [(Money.__add__, "add"), (Money.__sub__, "subtract")]
)
def test_adding_or_subtracting_two_currencies_is_refused(operation: object, word: str) -> None:
    usd, ves = Money.of("1.00", "USD"), Money.of("1.00", "VES")
    with pytest.raises(CurrencyMismatch, match=f"cannot {word} USD and VES"):
        operation(usd, ves)  # type: ignore[operator]
    assert Money.of("1.50", "USD") + usd == Money.of("2.50", "USD")
    assert (Money.of("1.50", "USD") - usd).to_dict()["amount"] == "0.50"
