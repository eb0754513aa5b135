"""Money: exact amounts, explicit rounding, and no silent mixing of currencies."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fluxion_desktop.domain.errors import (
    CurrencyMismatch,
    DomainError,
    InvalidType,
    InvalidValue,
    UnknownCurrency,
)
from fluxion_desktop.domain.money import Currency, Money

USD = Currency.USD
VES = Currency.VES


def usd(text: str) -> Money:
    return Money.of(text, "USD")


def test_a_three_line_receipt_adds_up_to_the_cent() -> None:
    # 2 x soda at 1.25, 1 x rice at 3.99, 0.750 kg of cheese at 4.20/kg; IVA 16 % per line.
    lines = [usd("1.25") * 2, usd("3.99") * 1, usd("4.20") * Decimal("0.750")]
    taxes = [(line * Decimal("0.16")).rounded() for line in lines]

    assert [t.amount for t in taxes] == [Decimal("0.40"), Decimal("0.64"), Decimal("0.50")]
    net = Money.total(lines, USD)
    assert net == usd("9.64")
    assert (net + Money.total(taxes, USD)).rounded() == usd("11.18")


def test_amounts_keep_full_precision_until_rounded() -> None:
    tax = usd("3.99") * Decimal("0.16")

    assert tax.amount == Decimal("0.6384")
    assert str(tax) == "USD 0.6384"
    assert tax.rounded().amount == Decimal("0.64")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0.125", "0.13"),  # banker's rounding would give 0.12
        ("-0.125", "-0.13"),  # a refund rounds to the mirror image of its sale
        ("2.675", "2.68"),  # the float 2.675 would round to 2.67
        ("0.124999", "0.12"),
        ("10", "10.00"),
    ],
)
def test_rounding_is_half_up_to_two_places(raw: str, expected: str) -> None:
    rounded = usd(raw).rounded()

    assert rounded.amount == Decimal(expected)
    assert rounded.amount.as_tuple().exponent == -2


def test_equality_is_numeric_and_hashes_agree() -> None:
    assert Money(Decimal("1.0"), USD) == Money(Decimal("1.00"), USD)
    assert hash(Money(Decimal("1.0"), USD)) == hash(Money(Decimal("1.00"), USD))
    assert Money(Decimal(1), USD) == usd("1.000")


def test_equal_numbers_in_different_currencies_are_not_equal() -> None:
    assert usd("1.00") != Money.of("1.00", "VES")


def test_the_constructor_refuses_floats_naming_the_amount() -> None:
    with pytest.raises(InvalidType) as caught:
        Money(0.1, USD)  # type: ignore[arg-type]

    assert caught.value.field == "amount"
    assert isinstance(caught.value, TypeError)


def test_of_refuses_floats_too() -> None:
    with pytest.raises(InvalidType) as caught:
        Money.of(12.5, "USD")  # type: ignore[arg-type]

    assert caught.value.field == "amount"


@pytest.mark.parametrize("text", ["12,50", "1.234,50", "1e3", "NaN", "Infinity", "", "12.5 USD"])
def test_of_refuses_anything_but_a_plain_decimal_string(text: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        Money.of(text, "USD")

    assert caught.value.field == "amount"


@pytest.mark.parametrize("bad", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")])
def test_non_finite_decimals_are_refused(bad: Decimal) -> None:
    with pytest.raises(InvalidValue) as caught:
        Money(bad, USD)

    assert caught.value.field == "amount"


def test_bools_are_not_amounts() -> None:
    with pytest.raises(InvalidType):
        Money(True, USD)  # type: ignore[arg-type]


def test_ints_and_padded_strings_are_accepted() -> None:
    assert Money(5, USD).amount == Decimal(5)  # type: ignore[arg-type]
    assert Money.of(" 12.50 ", " usd ") == Money(Decimal("12.50"), USD)


def test_unknown_currency_names_the_currency_field() -> None:
    with pytest.raises(UnknownCurrency) as caught:
        Money.of("1.00", "XYZ")

    assert caught.value.field == "currency"
    assert "XYZ" in str(caught.value)


def test_currency_parse_is_forgiving_about_case_and_spaces() -> None:
    assert Currency.parse(" ves ") is VES
    assert Currency.parse(Currency.BRL) is Currency.BRL


def test_a_plain_string_is_not_a_currency_in_the_constructor() -> None:
    with pytest.raises(InvalidType) as caught:
        Money(Decimal(1), "USD")  # type: ignore[arg-type]

    assert caught.value.field == "currency"


def test_every_currency_has_two_minor_units() -> None:
    assert {c.minor_units for c in Currency} == {2}
    assert {c.value for c in Currency} == {"USD", "EUR", "VES", "COP", "BRL"}


@pytest.mark.parametrize(
    "operation",
    [
        lambda a, b: a + b,
        lambda a, b: a - b,
        lambda a, b: a < b,
        lambda a, b: a <= b,
        lambda a, b: a > b,
        lambda a, b: a >= b,
    ],
)
def test_mixing_currencies_raises(operation: object) -> None:
    with pytest.raises(CurrencyMismatch) as caught:
        operation(usd("1.00"), Money.of("36.50", "VES"))  # type: ignore[operator]

    assert caught.value.field == "currency"


def test_comparisons_within_a_currency() -> None:
    assert usd("1.99") < usd("2.00")
    assert usd("2.00") <= usd("2.0")
    assert usd("2.01") > usd("2")
    assert max(usd("3"), usd("7.5"), usd("1")) == usd("7.50")


def test_multiplication_takes_decimals_and_ints_only() -> None:
    assert usd("1.25") * 3 == usd("3.75")
    assert Decimal("0.5") * usd("3.00") == usd("1.50")
    with pytest.raises(InvalidType) as caught:
        usd("1.25") * 1.5  # type: ignore[operator]
    assert caught.value.field == "factor"
    with pytest.raises(TypeError):
        usd("1.25") * usd("2.00")  # type: ignore[operator]


def test_negation_and_signs() -> None:
    refund = -usd("4.50")

    assert refund == usd("-4.50")
    assert refund.is_negative
    assert not refund.is_positive
    assert abs(refund) == usd("4.50")
    assert Money.zero(USD).is_zero


def test_negative_zero_prints_as_zero() -> None:
    assert str(-Money.zero(USD)) == "USD 0.00"
    assert str(usd("-0.001").rounded()) == "USD 0.00"


def test_str_pads_to_the_currency_places() -> None:
    assert str(usd("12.5")) == "USD 12.50"
    assert str(Money.of("365", "VES")) == "VES 365.00"


def test_dict_round_trip_keeps_every_digit() -> None:
    original = usd("0.6384")

    assert original.to_dict() == {"amount": "0.6384", "currency": "USD"}
    assert Money.from_dict(original.to_dict()) == original
    assert Money(Decimal("1E+2"), USD).to_dict()["amount"] == "100"


def test_from_dict_refuses_json_numbers() -> None:
    with pytest.raises(InvalidType) as caught:
        Money.from_dict({"amount": 12.5, "currency": "USD"})

    assert caught.value.field == "amount"


def test_from_dict_names_a_missing_field() -> None:
    with pytest.raises(InvalidValue) as caught:
        Money.from_dict({"amount": "1.00"})

    assert caught.value.field == "currency"


def test_total_of_nothing_is_zero_and_mixed_totals_raise() -> None:
    assert Money.total([], VES) == Money.zero(VES)
    with pytest.raises(CurrencyMismatch):
        Money.total([usd("1.00")], VES)


def test_all_money_errors_are_domain_errors() -> None:
    with pytest.raises(DomainError):
        usd("1") + Money.of("1", "EUR")


amounts = st.decimals(
    min_value=Decimal("-1000000000"),
    max_value=Decimal("1000000000"),
    places=6,
    allow_nan=False,
    allow_infinity=False,
)
cents = st.decimals(min_value=Decimal("-1000000"), max_value=Decimal("1000000"), places=2)


@given(amounts, amounts)
def test_addition_commutes(a: Decimal, b: Decimal) -> None:
    assert Money(a, USD) + Money(b, USD) == Money(b, USD) + Money(a, USD)


@given(amounts, amounts, amounts)
def test_addition_associates(a: Decimal, b: Decimal, c: Decimal) -> None:
    x, y, z = Money(a, USD), Money(b, USD), Money(c, USD)

    assert (x + y) + z == x + (y + z)


@given(amounts, amounts)
def test_adding_then_subtracting_gives_back_the_start(a: Decimal, b: Decimal) -> None:
    assert Money(a, VES) + Money(b, VES) - Money(b, VES) == Money(a, VES)


@given(amounts)
def test_rounding_is_idempotent_and_within_half_a_cent(a: Decimal) -> None:
    once = Money(a, USD).rounded()

    assert once.rounded() == once
    assert abs(once.amount - a) <= Decimal("0.005")


@given(cents)
def test_amounts_already_in_cents_do_not_move_when_rounded(a: Decimal) -> None:
    assert Money(a, USD).rounded() == Money(a, USD)


@given(amounts)
def test_an_amount_plus_its_negation_is_zero(a: Decimal) -> None:
    assert (Money(a, USD) + -Money(a, USD)).is_zero
