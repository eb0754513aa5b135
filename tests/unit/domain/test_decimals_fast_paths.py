"""The shortcuts in `decimals`: str() stands in for format "f" only where they agree, and a
Decimal's fast path through `require_decimal` still refuses NaN and infinity."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fluxion_desktop.domain.decimals import format_decimal, require_decimal
from fluxion_desktop.domain.errors import InvalidType, InvalidValue

any_decimal = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True),
    st.builds(
        lambda sign, digits, exponent: Decimal((sign, tuple(map(int, str(digits))), exponent)),
        st.integers(0, 1),
        st.integers(0, 10**30),
        st.integers(-40, 40),
    ),
)


@given(any_decimal)
def test_format_decimal_is_format_f_for_every_decimal(value: Decimal) -> None:
    assert format_decimal(value) == format(value, "f")
    assert "E" not in format_decimal(value)


@pytest.mark.parametrize("text", ["1E+2", "1E-7", "0E-8", "-0E+3", "12.50", "-0.00"])
def test_format_decimal_writes_exponents_out(text: str) -> None:
    assert format_decimal(Decimal(text)) == format(Decimal(text), "f")


class DecimalSubclass(Decimal):
    pass


@pytest.mark.parametrize(
    ("value", "error"),
    [
        (Decimal("NaN"), InvalidValue),
        (Decimal("-Infinity"), InvalidValue),
        (Decimal("sNaN"), InvalidValue),
        (DecimalSubclass("Infinity"), InvalidValue),
        (1.5, InvalidType),
        (True, InvalidType),
        ("1", InvalidType),
    ],
)
def test_require_decimal_refuses_what_is_not_a_finite_decimal(value: object, error: type) -> None:
    with pytest.raises(error) as caught:
        require_decimal(value, "amount")
    assert caught.value.field == "amount"  # type: ignore[attr-defined]


def test_require_decimal_passes_finite_decimals_and_ints() -> None:
    value = Decimal("12.50")
    assert require_decimal(value, "amount") is value
    assert require_decimal(DecimalSubclass("3"), "amount") == 3
    assert require_decimal(7, "amount") == Decimal(7)
