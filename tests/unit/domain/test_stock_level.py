"""Stock levels: thresholds, deductions and the negative-stock policy."""

from __future__ import annotations

from decimal import Decimal

import pytest

from fluxion_desktop.domain.errors import InsufficientStock, InvalidType, InvalidValue
from fluxion_desktop.domain.stock_level import StockLevel

D = Decimal


@pytest.mark.parametrize(
    ("current", "low", "critical", "high"),
    [
        ("12", False, False, False),
        ("5", True, False, False),  # at the minimum counts as low
        ("0.250", True, False, False),  # a quarter kilo left
        ("0", False, True, False),
        ("-3", False, True, False),
        ("50", False, False, False),  # at the maximum is not high
        ("50.001", False, False, True),
    ],
)
def test_thresholds(current: str, low: bool, critical: bool, high: bool) -> None:
    level = StockLevel(D(current), minimum=D(5), maximum=D(50))

    assert (level.is_low, level.is_critical, level.is_high) == (low, critical, high)


def test_without_a_maximum_nothing_is_high() -> None:
    assert not StockLevel(D(10_000), D(5)).is_high


def test_deducting_a_fraction_of_a_kilo() -> None:
    level = StockLevel(D("2.500"), D(1)).after_deduction(D("0.750"))

    assert level.current == D("1.750")
    assert level.minimum == D(1)


def test_deduction_below_zero_raises_naming_the_quantity() -> None:
    with pytest.raises(InsufficientStock) as caught:
        StockLevel(D(2), D(1)).after_deduction(D(3))

    assert caught.value.field == "quantity"
    assert "only 2 in stock" in str(caught.value)


def test_the_store_may_sell_into_negative_stock() -> None:
    level = StockLevel(D(2), D(1)).after_deduction(D(3), allow_negative=True)

    assert level.current == D(-1)
    assert level.is_critical


def test_deducting_everything_is_allowed() -> None:
    assert StockLevel(D(3), D(1)).after_deduction(D(3)).current == D(0)


def test_can_deduct() -> None:
    level = StockLevel(D(3), D(1))

    assert level.can_deduct(D(3))
    assert not level.can_deduct(D("3.001"))
    assert not level.can_deduct(D(0))
    assert not level.can_deduct(D(-1))


def test_addition() -> None:
    level = StockLevel(D(-2), D(5), D(40)).after_addition(D(24))

    assert level == StockLevel(D(22), D(5), D(40))


@pytest.mark.parametrize("qty", [D(0), D(-1)])
def test_movements_take_positive_quantities(qty: Decimal) -> None:
    level = StockLevel(D(10), D(1))

    for move in (level.after_addition, level.after_deduction):
        with pytest.raises(InvalidValue) as caught:
            move(qty)
        assert caught.value.field == "quantity"


def test_floats_are_refused_everywhere() -> None:
    with pytest.raises(InvalidType) as caught:
        StockLevel(1.5, D(1))  # type: ignore[arg-type]
    assert caught.value.field == "current"

    with pytest.raises(InvalidType) as caught:
        StockLevel(D(10), D(1)).after_deduction(0.5)  # type: ignore[arg-type]
    assert caught.value.field == "quantity"


def test_ints_are_accepted_as_exact_decimals() -> None:
    level = StockLevel(7, 2, 20)  # type: ignore[arg-type]

    assert level.current == D(7)
    assert isinstance(level.current, Decimal)


def test_minimum_must_not_be_negative() -> None:
    with pytest.raises(InvalidValue) as caught:
        StockLevel(D(1), D(-1))

    assert caught.value.field == "minimum"


def test_maximum_must_not_be_below_minimum() -> None:
    with pytest.raises(InvalidValue) as caught:
        StockLevel(D(1), D(10), D(5))

    assert caught.value.field == "maximum"


def test_maximum_equal_to_minimum_is_allowed() -> None:
    assert StockLevel(D(5), D(5), D(5)).maximum == D(5)
