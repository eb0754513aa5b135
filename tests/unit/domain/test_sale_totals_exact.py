"""Sale totals are computed on plain Decimals: each figure must be the one the rules give when
worked Money by Money, to the last stored digit (events and receipts keep "1.50", not "1.5").

The reference below is the rules of `sale_totals` and `tenders.settle` written the plain way,
one Money operation per step; the fast path must give the same plain form (payload text).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any, NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fluxion_desktop.domain.errors import CurrencyMismatch
from fluxion_desktop.domain.money import Currency, ExchangeRate, Money
from fluxion_desktop.domain.plain_data import to_plain
from fluxion_desktop.domain.sale_lines import SaleLine
from fluxion_desktop.domain.sale_settings import SaleSettings
from fluxion_desktop.domain.sale_totals import allocate, compute_totals, price_lines, totals_of
from fluxion_desktop.domain.tax import TaxCategory
from fluxion_desktop.domain.tenders import (
    Tender,
    TenderMethod,
    amount_to_settle,
    is_igtf_taxable,
    settle,
)
from tests.unit.domain.test_sale_totals_properties import (
    bcv,
    percents,
    rates,
    sale_lines,
    tender_lists,
)

D = Decimal
USD, VES, EUR = Currency.USD, Currency.VES, Currency.EUR
HUNDRED = D(100)


def _positive(money: Money) -> Money:
    return money if money.is_positive else Money.zero(money.currency).rounded()


def reference_settlement(
    total: Money, tenders: Sequence[Tender], store: SaleSettings, rate: ExchangeRate
) -> dict[str, Money]:
    reference, local = rate.base, rate.quote
    in_reference = Money.total((t.amount for t in tenders if t.amount.currency is reference), USD)
    in_local = Money.total((t.amount for t in tenders if t.amount.currency is local), local)
    taxable = Money.total((t.amount for t in tenders if is_igtf_taxable(t, store)), reference)
    igtf_base = min(taxable, total)
    igtf = (igtf_base * store.igtf_rate).rounded()
    due = total + igtf
    due_local = rate.convert(due).rounded()
    paid_local = in_local + rate.convert(in_reference).rounded()
    paid_exact = in_reference + rate.convert(in_local)
    change_local = _positive(paid_local - due_local)
    change = _positive(paid_exact - due).rounded()
    if not change_local.is_positive:
        change = Money.zero(reference).rounded()
    return {
        "igtf_base": igtf_base,
        "igtf": igtf,
        "due": due,
        "due_local": due_local,
        "paid": paid_exact.rounded(),
        "paid_local": paid_local,
        "balance": _positive(due - paid_exact).rounded(),
        "balance_local": _positive(due_local - paid_local),
        "change": change,
        "change_local": change_local,
    }


class Row(NamedTuple):
    line: SaleLine
    rate: Decimal
    gross: Money
    discount: Money
    share: Money
    net: Money
    tax: Money
    total: Money


def reference_totals(
    lines: Sequence[SaleLine],
    order_percent: Decimal,
    tenders: Sequence[Tender],
    store: SaleSettings,
    rate: ExchangeRate,
) -> dict[str, Any]:
    grosses = [(line.price * line.quantity).rounded() for line in lines]
    discounts = [
        (gross * (line.discount_percent / HUNDRED)).rounded()
        for gross, line in zip(grosses, lines, strict=True)
    ]
    nets = [gross - discount for gross, discount in zip(grosses, discounts, strict=True)]
    order_total = (Money.total(nets, USD) * (order_percent / HUNDRED)).rounded()
    minor = [int(m.amount.scaleb(2)) for m in (order_total, *nets)]
    shares = allocate(minor[0], minor[1:])
    rows: list[Row] = []
    for line, gross, discount, net, share in zip(
        lines, grosses, discounts, nets, shares, strict=True
    ):
        order_share = Money(D(share).scaleb(-2), USD)
        base = net - order_share
        tax_rate = store.tax_rates.rate_for(line.tax_category)
        tax = (base * tax_rate).rounded()
        rows.append(Row(line, tax_rate, gross, discount, order_share, base, tax, base + tax))
    subtotal = Money.total((row.gross for row in rows), USD)
    line_discounts = Money.total((row.discount for row in rows), USD)
    order_discount = Money.total((row.share for row in rows), USD)
    net = Money.total((row.net for row in rows), USD)
    tax = Money.total((row.tax for row in rows), USD)
    total = net + tax
    settled = reference_settlement(total, tenders, store, rate)

    def local(money: Money) -> Money:
        return rate.convert(money).rounded()

    amounts = {
        "subtotal": subtotal,
        "discounts": line_discounts + order_discount,
        "net": net,
        "tax": tax,
        "total": total,
        "igtf": settled["igtf"],
    }
    taxes = []
    for category in TaxCategory:
        in_category = [row for row in rows if row.line.tax_category is category]
        if in_category:
            base = Money.total((row.net for row in in_category), USD)
            on_base = Money.total((row.tax for row in in_category), USD)
            taxes.append(
                [
                    category.value,
                    store.tax_rates.rate_for(category),
                    base,
                    on_base,
                    local(base),
                    local(on_base),
                ]
            )
    return {
        "lines": [[row.line.line_id, row.line.price, *row[1:]] for row in rows],
        "taxes": taxes,
        "line_discounts": line_discounts,
        "order_discount": order_discount,
        "reference": {**amounts, **{k: settled[k] for k in ("due", "paid", "balance", "change")}},
        "local": {
            **{name: local(money) for name, money in amounts.items()},
            **{k: settled[f"{k}_local"] for k in ("due", "paid", "balance", "change")},
        },
        "igtf_base": settled["igtf_base"],
        "settled": settled["balance_local"].amount <= store.change_tolerance,
    }


def fast_totals(
    lines: Sequence[SaleLine],
    order_percent: Decimal,
    tenders: Sequence[Tender],
    store: SaleSettings,
    rate: ExchangeRate,
) -> dict[str, Any]:
    result = compute_totals(lines, order_percent, tenders, store, rate)
    line_fields = ("tax_rate", "gross", "line_discount", "order_discount", "net", "tax", "total")
    return {
        "lines": [
            [x.line_id, x.unit_price, *(getattr(x, name) for name in line_fields)]
            for x in result.lines
        ],
        "taxes": [
            [t.category.value, t.rate, t.base, t.tax, t.base_local, t.tax_local]
            for t in result.taxes
        ],
        "line_discounts": result.line_discounts,
        "order_discount": result.order_discount,
        "reference": {name: getattr(result.reference, name) for name in result.reference.__slots__},
        "local": {name: getattr(result.local, name) for name in result.local.__slots__},
        "igtf_base": result.igtf_base,
        "settled": result.settled,
    }


@settings(max_examples=300, deadline=None)
@given(sale_lines(), percents, tender_lists(), rates, st.booleans())
def test_every_figure_is_the_money_by_money_one_digit_for_digit(
    lines: list[SaleLine],
    order_percent: Decimal,
    tenders: list[Tender],
    rate: ExchangeRate,
    special: bool,
) -> None:
    store = SaleSettings(special_taxpayer=special)
    expected = reference_totals(lines, order_percent, tenders, store, rate)

    assert to_plain(fast_totals(lines, order_percent, tenders, store, rate)) == to_plain(expected)
    priced = price_lines(lines, order_percent, store, rate)
    assert to_plain(priced.total) == to_plain(expected["reference"]["total"])
    assert totals_of(priced, tenders, store) == compute_totals(
        lines, order_percent, tenders, store, rate
    )


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 10_000_000), tender_lists(), rates, st.booleans())
def test_settle_is_the_money_by_money_settlement(
    cents: int, tenders: list[Tender], rate: ExchangeRate, special: bool
) -> None:
    store = SaleSettings(special_taxpayer=special)
    total = Money(D(cents).scaleb(-2), USD)

    result = settle(total, tenders, store, rate)

    fields = {name: getattr(result, name) for name in result.__slots__}
    assert to_plain(fields) == to_plain(reference_settlement(total, tenders, store, rate))


def test_settle_refuses_what_it_cannot_add_or_compare() -> None:
    store = SaleSettings(special_taxpayer=True)
    euros = Tender("eur", TenderMethod.CASH, Money.of("5.00", "EUR"))
    with pytest.raises(CurrencyMismatch, match="cannot add USD and EUR"):
        settle(Money.of("1.00", "USD"), [euros], store, bcv("36.50"))
    with pytest.raises(CurrencyMismatch, match="cannot compare VES and USD"):
        settle(Money.of("1.00", "VES"), [], store, bcv("36.50"))


def test_totals_refuse_a_line_or_a_rate_in_another_currency() -> None:
    store = SaleSettings(special_taxpayer=True)
    line = SaleLine("l1", "p1", "s1", "n1", Money.of("2.00", "EUR"), TaxCategory.GENERAL, D(1))
    with pytest.raises(CurrencyMismatch, match="cannot add USD and EUR") as caught:
        compute_totals([line], D(0), [], store, bcv("36.50"))
    assert caught.value.field == "currency"
    euro_rate = ExchangeRate(EUR, VES, D("40"), bcv("1").effective_date, "BCV")
    with pytest.raises(CurrencyMismatch, match="cannot compare USD and EUR"):
        compute_totals([], D(0), [], store, euro_rate)


def reference_amount_to_settle(
    total: Money,
    tenders: Sequence[Tender],
    store: SaleSettings,
    rate: ExchangeRate,
    method: TenderMethod,
) -> Money:
    """The dollar search as first written: a whole settlement, Money by Money, per probe."""

    def tender_of(cents: int) -> Tender:
        return Tender("settle", method, Money(D(cents).scaleb(-2), USD), "settle")

    def settles(cents: int) -> bool:
        figures = reference_settlement(total, [*tenders, tender_of(cents)], store, rate)
        return figures["balance_local"].is_zero

    balance_local = reference_settlement(total, tenders, store, rate)["balance_local"]
    if balance_local.is_zero:
        return Money.zero(USD).rounded()
    estimate = rate.convert(balance_local).amount
    if is_igtf_taxable(tender_of(1), store):
        estimate /= D(1) - store.igtf_rate
    low, high = 0, max(1, int(estimate.scaleb(2).to_integral_value(rounding="ROUND_CEILING")))
    while not settles(high):
        low, high = high, high * 2
    while high - low > 1:
        middle = (low + high) // 2
        if settles(middle):
            high = middle
        else:
            low = middle
    return tender_of(high).amount


@settings(max_examples=200, deadline=None)
@given(
    st.integers(0, 10_000_000),
    tender_lists(),
    rates,
    st.booleans(),
    st.sampled_from([TenderMethod.CASH, TenderMethod.ZELLE]),
)
def test_the_dollar_rest_is_the_one_the_money_by_money_search_finds(
    cents: int, tenders: list[Tender], rate: ExchangeRate, special: bool, method: TenderMethod
) -> None:
    store = SaleSettings(special_taxpayer=special)
    total = Money(D(cents).scaleb(-2), USD)

    found = amount_to_settle(total, tenders, store, rate, method, USD)

    assert to_plain(found) == to_plain(
        reference_amount_to_settle(total, tenders, store, rate, method)
    )
