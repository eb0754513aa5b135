"""Sale totals, properties: never negative, taxes add up, the shown balance settles exactly."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from fluxion_desktop.domain.money import Currency, ExchangeRate, Money
from fluxion_desktop.domain.sale_lines import SaleLine
from fluxion_desktop.domain.sale_settings import SaleSettings
from fluxion_desktop.domain.sale_totals import compute_totals
from fluxion_desktop.domain.tax import TaxCategory
from fluxion_desktop.domain.tenders import Tender, TenderMethod, amount_to_settle

D = Decimal
USD, VES = Currency.USD, Currency.VES
SPECIAL = SaleSettings(special_taxpayer=True)


def usd(amount: str) -> Money:
    return Money.of(amount, "USD")


def bcv(rate: str) -> ExchangeRate:
    return ExchangeRate(USD, VES, D(rate), date(2024, 3, 1), "BCV")


# -- properties -----------------------------------------------------------------------------

prices = st.integers(0, 100_000).map(lambda cents: Money(D(cents).scaleb(-2), USD))
percents = st.integers(0, 10_000).map(lambda bp: D(bp).scaleb(-2))
rates = st.integers(10_000, 5_000_000).map(lambda r: bcv(str(D(r).scaleb(-4))))


@st.composite
def sale_lines(draw: st.DrawFn) -> list[SaleLine]:
    count = draw(st.integers(0, 6))
    result = []
    for index in range(count):
        weighed = draw(st.booleans())
        quantity = (
            D(draw(st.integers(1, 20_000))).scaleb(-3) if weighed else D(draw(st.integers(1, 50)))
        )
        result.append(
            SaleLine(
                line_id=f"l{index}",
                product_id=f"p{index}",
                sku=f"s{index}",
                name=f"n{index}",
                unit_price=draw(prices),
                tax_category=draw(st.sampled_from(TaxCategory)),
                quantity=quantity,
                is_weighed=weighed,
                discount_percent=draw(percents),
            )
        )
    return result


@st.composite
def tender_lists(draw: st.DrawFn) -> list[Tender]:
    result = []
    for index in range(draw(st.integers(0, 3))):
        cents = D(draw(st.integers(1, 10_000_000))).scaleb(-2)
        method = draw(st.sampled_from(TenderMethod))
        if method in (TenderMethod.DEBIT_CARD, TenderMethod.PAGO_MOVIL):
            currency = VES
        elif method is TenderMethod.ZELLE:
            currency = USD
        else:
            currency = draw(st.sampled_from([USD, VES]))
        result.append(Tender(f"t{index}", method, Money(cents, currency), f"ref-{index}"))
    return result


@settings(max_examples=200, deadline=None)
@given(sale_lines(), percents, tender_lists(), rates, st.booleans())
def test_totals_are_never_negative_and_add_up(
    lines: list[SaleLine],
    order_percent: Decimal,
    tenders: list[Tender],
    rate: ExchangeRate,
    special: bool,
) -> None:
    result = compute_totals(
        lines, order_percent, tenders, SaleSettings(special_taxpayer=special), rate
    )
    ref = result.reference

    for amounts in (result.reference, result.local):
        assert all(not getattr(amounts, name).is_negative for name in amounts.__slots__)
    for each in result.lines:
        assert not each.net.is_negative
        assert each.gross - each.line_discount - each.order_discount == each.net
    assert Money.total((x.tax for x in result.lines), USD) == ref.tax
    assert Money.total((t.tax for t in result.taxes), USD) == ref.tax
    assert Money.total((x.order_discount for x in result.lines), USD) == result.order_discount
    assert ref.subtotal - ref.discounts == ref.net
    assert ref.net + ref.tax == ref.total
    assert ref.total + ref.igtf == ref.due
    assert result.igtf_base <= ref.total


@settings(max_examples=200, deadline=None)
@given(sale_lines(), tender_lists(), rates, st.booleans())
def test_paying_the_shown_balance_settles_exactly(
    lines: list[SaleLine], tenders: list[Tender], rate: ExchangeRate, special: bool
) -> None:
    store = SaleSettings(special_taxpayer=special, change_tolerance=D(0))
    before = compute_totals(lines, D(0), tenders, store, rate)
    if before.local.balance.is_zero:
        return
    in_ves = Tender("rest", TenderMethod.PAGO_MOVIL, before.local.balance, "rest-ref")

    after = compute_totals(lines, D(0), [*tenders, in_ves], store, rate)

    assert after.local.balance.is_zero
    assert after.local.change.is_zero
    assert after.settled


@settings(max_examples=150, deadline=None)
@given(
    sale_lines(), tender_lists(), rates, st.sampled_from([TenderMethod.CASH, TenderMethod.ZELLE])
)
def test_amount_to_settle_in_dollars_is_the_least_that_settles(
    lines: list[SaleLine], tenders: list[Tender], rate: ExchangeRate, method: TenderMethod
) -> None:
    total = compute_totals(lines, D(0), [], SPECIAL, rate).reference.total
    needed = amount_to_settle(total, tenders, SPECIAL, rate, method, USD)
    if needed.is_zero:
        return

    def balance_after(amount: Money) -> Money:
        paid = [*tenders, Tender("rest", method, amount, "rest-ref")]
        return compute_totals(lines, D(0), paid, SPECIAL, rate).local.balance

    assert balance_after(needed).is_zero
    if needed > usd("0.01"):
        assert balance_after(needed - usd("0.01")).is_positive
