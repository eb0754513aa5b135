"""IVA categories, store tax rates and the tax on a line."""

from __future__ import annotations

from decimal import Decimal

import pytest

from fluxion_desktop.domain.errors import InvalidType, InvalidValue
from fluxion_desktop.domain.money import Money
from fluxion_desktop.domain.tax import DEFAULT_IGTF_RATE, TaxCategory, TaxRates, tax_on

RATES = TaxRates()


def test_default_rates_are_the_venezuelan_ones() -> None:
    assert RATES.rate_for(TaxCategory.GENERAL) == Decimal("0.16")
    assert RATES.rate_for(TaxCategory.REDUCED) == Decimal("0.08")
    assert RATES.rate_for(TaxCategory.LUXURY) == Decimal("0.31")
    assert RATES.rate_for(TaxCategory.EXEMPT) == Decimal(0)
    assert Decimal("0.03") == DEFAULT_IGTF_RATE


@pytest.mark.parametrize(
    ("net", "category", "tax"),
    [
        ("3.99", TaxCategory.GENERAL, "0.64"),  # 0.6384
        ("10.00", TaxCategory.GENERAL, "1.60"),
        ("3.15", TaxCategory.GENERAL, "0.50"),  # 0.504
        ("1.5625", TaxCategory.REDUCED, "0.13"),  # 0.125 exactly: half-up, not to even
        ("100.00", TaxCategory.LUXURY, "31.00"),
        ("19.99", TaxCategory.EXEMPT, "0.00"),
        ("-3.99", TaxCategory.GENERAL, "-0.64"),  # a return mirrors the sale
    ],
)
def test_tax_on_is_rounded_half_up_to_cents(net: str, category: TaxCategory, tax: str) -> None:
    result = tax_on(Money.of(net, "USD"), category, RATES)

    assert result == Money.of(tax, "USD")
    assert result.amount.as_tuple().exponent == -2


def test_tax_keeps_the_currency() -> None:
    assert tax_on(Money.of("365.00", "VES"), TaxCategory.GENERAL, RATES) == Money.of("58.40", "VES")


def test_store_rates_override_the_defaults() -> None:
    rates = TaxRates(general=Decimal("0.15"))

    assert tax_on(Money.of("10.00", "USD"), TaxCategory.GENERAL, rates) == Money.of("1.50", "USD")
    assert rates.reduced == Decimal("0.08")


@pytest.mark.parametrize("rate", [Decimal("16"), Decimal("1"), Decimal("-0.01")])
def test_rates_must_be_fractions(rate: Decimal) -> None:
    with pytest.raises(InvalidValue) as caught:
        TaxRates(general=rate)

    assert caught.value.field == "general"


def test_a_float_rate_is_refused() -> None:
    with pytest.raises(InvalidType) as caught:
        TaxRates(luxury=0.31)  # type: ignore[arg-type]

    assert caught.value.field == "luxury"


def test_a_zero_rate_is_allowed() -> None:
    assert TaxRates(reduced=Decimal(0)).rate_for(TaxCategory.REDUCED) == Decimal(0)


def test_category_parse() -> None:
    assert TaxCategory.parse(" General ") is TaxCategory.GENERAL
    with pytest.raises(InvalidValue) as caught:
        TaxCategory.parse("iva")
    assert caught.value.field == "tax_category"
