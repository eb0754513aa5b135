"""`Money.total` sums in one go; it must equal adding the amounts one by one."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fluxion_desktop.domain.errors import InvalidType
from fluxion_desktop.domain.money import Currency, Money

amounts = st.decimals(min_value=-(10**6), max_value=10**6, places=4, allow_nan=False)


@given(st.lists(amounts, max_size=12))
def test_total_equals_stepwise_addition(values: list[Decimal]) -> None:
    moneys = [Money(v, Currency.VES) for v in values]
    stepwise = Money.zero(Currency.VES)
    for money in moneys:
        stepwise = stepwise + money

    total = Money.total(moneys, Currency.VES)

    assert total == stepwise
    assert str(total) == str(stepwise)  # same digits, and never "-0"


def test_total_refuses_what_is_not_money_or_a_currency() -> None:
    with pytest.raises(TypeError):
        Money.total([Money.of("1", "USD"), Decimal(1)], Currency.USD)  # type: ignore[list-item]
    with pytest.raises(InvalidType):
        Money.total([], "USD")  # type: ignore[arg-type]


def test_quantum_is_the_smallest_unit() -> None:
    assert [c.quantum for c in Currency] == [Decimal("0.01")] * len(Currency)
    assert Money.of("1.005", "USD").rounded() == Money.of("1.01", "USD")
