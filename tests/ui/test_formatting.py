"""Amounts as cashiers read and type them, in either locale's separators."""

from __future__ import annotations

from decimal import Decimal

import pytest

from fluxion_desktop.domain.errors import InvalidValue
from fluxion_desktop.domain.money import Money
from fluxion_desktop.ui.formatting import NumberFormat, parse_amount, parse_quantity

ES_VE = NumberFormat(",", ".")
EN_US = NumberFormat(".", ",")


def test_money_is_shown_with_the_locale_separators_and_rounded_half_up():
    assert ES_VE.money(Money.of("1234.565", "VES")) == "Bs 1.234,57"
    assert EN_US.money(Money.of("1234.565", "VES")) == "Bs 1,234.57"
    assert EN_US.money(Money.of("9.14", "USD")) == "$ 9.14"
    assert ES_VE.plain(Money.of("1156.59", "VES")) == "1156,59"


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("5", "5"),
        ("5.00", "5.00"),
        ("5,00", "5.00"),
        ("1.234,56", "1234.56"),
        ("1,234.56", "1234.56"),
        ("1.234", "1234"),
        ("Bs 156,59", "156.59"),
        (" $ 20 ", "20"),
    ],
)
def test_amounts_are_read_in_either_locale(typed, amount):
    assert parse_amount(typed) == Decimal(amount)


@pytest.mark.parametrize("typed", ["", "abc", "--"])
def test_what_is_not_an_amount_names_the_field(typed):
    with pytest.raises(InvalidValue) as raised:
        parse_amount(typed)
    assert raised.value.field == "amount"


def test_quantities_take_either_decimal_mark():
    assert parse_quantity("1,5") == Decimal("1.5")
    assert parse_quantity("0.750") == Decimal("0.750")
    assert ES_VE.quantity(Decimal("1.25")) == "1,250"
    assert ES_VE.quantity(Decimal("1200")) == "1200"
