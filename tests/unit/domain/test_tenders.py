"""Tenders and the store settings a sale freezes: every bad input names its field."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from fluxion_desktop.domain.errors import CurrencyMismatch, DomainError, InvalidType, InvalidValue
from fluxion_desktop.domain.money import Currency, ExchangeRate, Money
from fluxion_desktop.domain.sale_settings import SaleSettings, check_rate
from fluxion_desktop.domain.tax import TaxRates
from fluxion_desktop.domain.tenders import (
    Tender,
    TenderMethod,
    check_tender_currency,
    ensure_unique_tenders,
    is_igtf_taxable,
)

D = Decimal
USD, VES, EUR = Currency.USD, Currency.VES, Currency.EUR


def usd(amount: str) -> Money:
    return Money.of(amount, "USD")


def ves(amount: str) -> Money:
    return Money.of(amount, "VES")


def test_a_reference_is_kept_stripped() -> None:
    tender = Tender("t1", TenderMethod.PAGO_MOVIL, ves("120.00"), "  0102-5531 ")

    assert tender.reference == "0102-5531"
    assert Tender("t2", TenderMethod.CASH, usd("5.00"), "   ").reference is None


@pytest.mark.parametrize(
    ("kwargs", "error", "field"),
    [
        ({"tender_id": " "}, InvalidValue, "tender_id"),
        ({"method": "cash"}, InvalidType, "method"),
        ({"amount": D("5.00")}, InvalidType, "amount"),
        ({"amount": usd("0.00")}, InvalidValue, "amount"),
        ({"amount": usd("-1.00")}, InvalidValue, "amount"),
        ({"amount": usd("1.005")}, InvalidValue, "amount"),  # no half cents
        ({"method": TenderMethod.DEBIT_CARD, "amount": ves("10.00")}, InvalidValue, "reference"),
        ({"method": TenderMethod.PAGO_MOVIL, "amount": ves("10.00")}, InvalidValue, "reference"),
        ({"method": TenderMethod.ZELLE}, InvalidValue, "reference"),
        (
            {"method": TenderMethod.ZELLE, "reference": "z", "amount": ves("9")},
            CurrencyMismatch,
            "currency",
        ),
        ({"reference": 123}, InvalidType, "reference"),
    ],
)
def test_bad_tenders(kwargs: dict[str, Any], error: type[DomainError], field: str) -> None:
    values: dict[str, Any] = {
        "tender_id": "t1",
        "method": TenderMethod.CASH,
        "amount": usd("5.00"),
        "reference": None,
    }
    values.update(kwargs)

    with pytest.raises(error) as caught:
        Tender(**values)

    assert caught.value.field == field


def test_tender_currency_must_suit_the_sale_and_the_method() -> None:
    check_tender_currency(Tender("t", TenderMethod.CASH, usd("1.00")), USD, VES)
    check_tender_currency(Tender("t", TenderMethod.CASH, ves("1.00")), USD, VES)

    for tender in (
        Tender("t", TenderMethod.CASH, Money.of("1.00", "EUR")),  # no EUR rate on the sale
        Tender("t", TenderMethod.DEBIT_CARD, usd("1.00"), "r"),  # punto de venta is in VES
        Tender("t", TenderMethod.PAGO_MOVIL, usd("1.00"), "r"),
    ):
        with pytest.raises(CurrencyMismatch) as caught:
            check_tender_currency(tender, USD, VES)
        assert caught.value.field == "currency"


def test_repeated_ids_and_bank_references_are_refused() -> None:
    first = Tender("t1", TenderMethod.PAGO_MOVIL, ves("10.00"), "778812")

    with pytest.raises(InvalidValue) as caught:
        ensure_unique_tenders([first, Tender("t1", TenderMethod.CASH, usd("1.00"))])
    assert caught.value.field == "tender_id"
    with pytest.raises(InvalidValue) as caught:
        ensure_unique_tenders([first, Tender("t2", TenderMethod.PAGO_MOVIL, ves("5.00"), "778812")])
    assert caught.value.field == "reference"
    # The same number on a different method is a different transaction.
    ensure_unique_tenders([first, Tender("t2", TenderMethod.DEBIT_CARD, ves("5.00"), "778812")])


def test_igtf_needs_a_special_taxpayer_a_flagged_method_and_foreign_money() -> None:
    special = SaleSettings(special_taxpayer=True)
    dollars = Tender("t", TenderMethod.CASH, usd("5.00"))

    assert is_igtf_taxable(dollars, special)
    assert not is_igtf_taxable(dollars, SaleSettings(special_taxpayer=False))
    assert not is_igtf_taxable(Tender("t", TenderMethod.CASH, ves("5.00")), special)
    assert not is_igtf_taxable(Tender("t", TenderMethod.CUSTOMER_CREDIT, usd("5.00")), special)


def test_settings_defaults() -> None:
    store = SaleSettings()

    assert (store.reference_currency, store.local_currency) == (USD, VES)
    assert store.igtf_rate == D("0.03")
    assert store.igtf_methods == frozenset({TenderMethod.CASH, TenderMethod.ZELLE})
    assert store.change_tolerance == D("0.50")
    assert not store.special_taxpayer


def test_settings_round_trip_through_their_dict_form_deterministically() -> None:
    store = SaleSettings(
        tax_rates=TaxRates(general=D("0.15")),
        special_taxpayer=True,
        igtf_methods=frozenset(
            {TenderMethod.ZELLE, TenderMethod.CASH, TenderMethod.CUSTOMER_CREDIT}
        ),
        discount_threshold_percent=D("12.5"),
        change_tolerance=D("1.00"),
        max_rate_age_days=1,
    )
    data = store.to_dict()

    assert data["igtf_methods"] == ["cash", "customer_credit", "zelle"]
    assert SaleSettings.from_dict(data) == store


@pytest.mark.parametrize(
    ("kwargs", "error", "field"),
    [
        ({"local_currency": USD}, InvalidValue, "reference_currency"),
        ({"reference_currency": "USD"}, InvalidType, "reference_currency"),
        ({"tax_rates": {}}, InvalidType, "tax_rates"),
        ({"special_taxpayer": 1}, InvalidType, "special_taxpayer"),
        ({"igtf_rate": D(3)}, InvalidValue, "igtf_rate"),
        ({"igtf_rate": D(1)}, InvalidValue, "igtf_rate"),
        ({"igtf_rate": 0.03}, InvalidType, "igtf_rate"),
        ({"igtf_methods": frozenset({"cash"})}, InvalidType, "igtf_methods"),
        ({"discount_threshold_percent": D(101)}, InvalidValue, "discount_threshold_percent"),
        ({"change_tolerance": D("-0.01")}, InvalidValue, "change_tolerance"),
        ({"max_rate_age_days": -1}, InvalidValue, "max_rate_age_days"),
        ({"max_rate_age_days": D(1)}, InvalidType, "max_rate_age_days"),
    ],
)
def test_bad_settings(kwargs: dict[str, Any], error: type[DomainError], field: str) -> None:
    with pytest.raises(error) as caught:
        SaleSettings(**kwargs)

    assert caught.value.field == field


def test_the_rate_must_convert_reference_to_local() -> None:
    store = SaleSettings()
    check_rate(ExchangeRate(USD, VES, D("36.50"), date(2024, 3, 1), "BCV"), store)

    for rate in (
        ExchangeRate(VES, USD, D("0.0274"), date(2024, 3, 1), "BCV"),
        ExchangeRate(EUR, VES, D("39.80"), date(2024, 3, 1), "BCV"),
    ):
        with pytest.raises(CurrencyMismatch) as caught:
            check_rate(rate, store)
        assert caught.value.field == "rate"
    with pytest.raises(InvalidType) as type_error:
        check_rate(D("36.50"), store)
    assert type_error.value.field == "rate"


def test_stored_settings_missing_a_key_name_it() -> None:
    data = SaleSettings().to_dict()
    del data["igtf_rate"]

    with pytest.raises(InvalidValue) as caught:
        SaleSettings.from_dict(data)

    assert caught.value.field == "igtf_rate"
