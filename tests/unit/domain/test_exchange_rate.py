"""Exchange rates: two-way conversion, explicit rounding, and visible staleness."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fluxion_desktop.domain.errors import (
    CurrencyMismatch,
    InvalidType,
    InvalidValue,
    StaleExchangeRate,
)
from fluxion_desktop.domain.money import Currency, ExchangeRate, Money

USD, VES, EUR = Currency.USD, Currency.VES, Currency.EUR
MARCH_1 = date(2024, 3, 1)


def bcv(rate: str, effective: date = MARCH_1) -> ExchangeRate:
    return ExchangeRate(USD, VES, Decimal(rate), effective, "BCV")


def test_usd_to_ves_and_back_at_36_50() -> None:
    rate = bcv("36.50")

    in_ves = rate.convert(Money.of("10.00", "USD"))
    assert in_ves == Money.of("365.00", "VES")
    assert rate.convert(in_ves) == Money.of("10.00", "USD")


def test_conversion_is_not_rounded_until_the_caller_says_so() -> None:
    rate = bcv("45.7231")

    # 12.99 x 45.7231 = 593.943069 exactly
    in_ves = rate.convert(Money.of("12.99", "USD"))
    assert in_ves.amount == Decimal("593.943069")
    assert in_ves.rounded() == Money.of("593.94", "VES")


def test_ves_to_usd_divides() -> None:
    # 1000 / 36.50 = 27.3972602739... which rounds half-up to 27.40
    in_usd = bcv("36.50").convert(Money.of("1000.00", "VES"))

    assert in_usd.currency is USD
    assert Decimal("27.397260") < in_usd.amount < Decimal("27.397261")
    assert in_usd.rounded() == Money.of("27.40", "USD")


def test_money_in_a_third_currency_is_refused() -> None:
    with pytest.raises(CurrencyMismatch) as caught:
        bcv("36.50").convert(Money.of("5.00", "EUR"))

    assert caught.value.field == "currency"


def test_a_float_rate_is_refused() -> None:
    with pytest.raises(InvalidType) as caught:
        ExchangeRate(USD, VES, 36.5, MARCH_1, "BCV")  # type: ignore[arg-type]

    assert caught.value.field == "rate"


@pytest.mark.parametrize("rate", ["0", "-36.50"])
def test_the_rate_must_be_positive(rate: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        bcv(rate)

    assert caught.value.field == "rate"


def test_a_rate_needs_two_different_currencies() -> None:
    with pytest.raises(InvalidValue) as caught:
        ExchangeRate(USD, USD, Decimal(1), MARCH_1, "BCV")

    assert caught.value.field == "quote"


def test_a_datetime_is_not_an_effective_date() -> None:
    with pytest.raises(InvalidType) as caught:
        bcv("36.50", datetime(2024, 3, 1, 9, 0))

    assert caught.value.field == "effective_date"


def test_the_source_must_be_named() -> None:
    with pytest.raises(InvalidValue) as caught:
        ExchangeRate(USD, VES, Decimal("36.50"), MARCH_1, "  ")

    assert caught.value.field == "source"


def test_inverse_converts_the_other_way() -> None:
    inverse = bcv("36.50").inverse()

    assert (inverse.base, inverse.quote) == (VES, USD)
    assert inverse.convert(Money.of("365.00", "VES")).rounded() == Money.of("10.00", "USD")
    assert inverse.convert(Money.of("10.00", "USD")).rounded() == Money.of("365.00", "VES")


def test_age_counts_days_and_may_be_negative_for_rates_published_ahead() -> None:
    rate = bcv("36.50", effective=date(2024, 3, 4))

    assert rate.age_in_days(date(2024, 3, 6)) == 2
    assert rate.age_in_days(date(2024, 3, 3)) == -1
    assert not rate.is_stale(date(2024, 3, 3), max_age_days=0)


def test_staleness_boundary() -> None:
    rate = bcv("36.50")  # effective 1 March
    today = date(2024, 3, 3)

    assert not rate.is_stale(today, max_age_days=2)
    assert rate.is_stale(today, max_age_days=1)


def test_ensure_fresh_raises_a_visible_error_naming_the_rate() -> None:
    rate = bcv("36.50")

    rate.ensure_fresh(date(2024, 3, 2), max_age_days=1)  # fresh: no error
    with pytest.raises(StaleExchangeRate) as caught:
        rate.ensure_fresh(date(2024, 3, 5), max_age_days=1)

    assert caught.value.field == "exchange_rate"
    assert "4 days old" in str(caught.value)


def test_a_negative_max_age_is_a_mistake() -> None:
    with pytest.raises(InvalidValue):
        bcv("36.50").is_stale(MARCH_1, max_age_days=-1)


def test_dict_round_trip() -> None:
    rate = bcv("45.7231")

    assert rate.to_dict() == {
        "base": "USD",
        "quote": "VES",
        "rate": "45.7231",
        "effective_date": "2024-03-01",
        "source": "BCV",
    }
    assert ExchangeRate.from_dict(rate.to_dict()) == rate


def test_from_dict_names_a_bad_date() -> None:
    data = {**bcv("36.50").to_dict(), "effective_date": "01/03/2024"}

    with pytest.raises(InvalidValue) as caught:
        ExchangeRate.from_dict(data)

    assert caught.value.field == "effective_date"


def test_from_dict_refuses_a_json_number_rate() -> None:
    data: dict[str, object] = {**bcv("36.50").to_dict(), "rate": 36.5}

    with pytest.raises(InvalidType) as caught:
        ExchangeRate.from_dict(data)

    assert caught.value.field == "rate"


usd_cents = st.decimals(min_value=Decimal("0"), max_value=Decimal("100000"), places=2)
rates_of_one_or_more = st.decimals(min_value=Decimal("1"), max_value=Decimal("1000000"), places=4)
any_rates = st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("1000000"), places=4)


@given(usd_cents, rates_of_one_or_more)
def test_round_trip_through_rounded_bolivars_is_exact(amount: Decimal, rate: Decimal) -> None:
    # Rounding VES moves it at most half a céntimo, i.e. at most 0.005/rate USD back, which is
    # under half a cent whenever rate >= 1, so rounding the way back lands on the start.
    exchange = ExchangeRate(USD, VES, rate, MARCH_1, "BCV")
    start = Money(amount, USD)

    in_ves = exchange.convert(start).rounded()
    back = exchange.convert(in_ves).rounded()

    assert back == start


@given(usd_cents, any_rates)
def test_unrounded_round_trip_is_within_a_hair(amount: Decimal, rate: Decimal) -> None:
    exchange = ExchangeRate(EUR, USD, rate, MARCH_1, "ECB")

    back = exchange.convert(exchange.convert(Money(amount, EUR)))

    assert back.currency is EUR
    assert abs(back.amount - amount) < Decimal("1e-15")
