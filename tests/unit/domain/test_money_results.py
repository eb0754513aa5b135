"""Money made by arithmetic skips the constructor's checks; it must be the same value as one
built through it, in every respect a caller can see."""

from __future__ import annotations

import copy
import pickle
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fluxion_desktop.domain.errors import CurrencyMismatch
from fluxion_desktop.domain.money import Currency, Money

amounts = st.decimals(min_value=-(10**6), max_value=10**6, places=3, allow_nan=False)


@given(amounts, amounts, st.integers(min_value=-50, max_value=50))
def test_results_equal_the_same_amount_built_by_the_constructor(
    a: Decimal, b: Decimal, factor: int
) -> None:
    x, y = Money(a, Currency.VES), Money(b, Currency.VES)
    for result, amount in (
        (x + y, a + b), (x - y, a - b), (x * factor, a * factor), (-x, -a), (abs(x), abs(a)),
        (x.rounded(), a.quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")),
    ):  # fmt: skip
        built = Money(amount, Currency.VES)
        assert type(result) is Money
        assert result == built and hash(result) == hash(built)
        assert str(result) == str(built)
        assert result.amount.is_signed() == built.amount.is_signed()  # never a -0
        assert copy.deepcopy(result) == built == pickle.loads(pickle.dumps(result))
        assert result.to_dict() == built.to_dict()


def test_results_stay_frozen_and_refuse_mixed_currencies() -> None:
    total = Money.of("1.50", "USD") + Money.of("2.25", "USD")
    with pytest.raises(AttributeError):
        total.amount = Decimal(0)  # type: ignore[misc]
    with pytest.raises(CurrencyMismatch):
        total + Money.of("1", "VES")
    assert str(-Money.of("0.00", "USD")) == "USD 0.00"
