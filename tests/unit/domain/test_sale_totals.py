"""Sale totals: IVA per line, discounts, both currencies, IGTF, balance and change, worked out."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fluxion_desktop.domain.errors import CurrencyMismatch
from fluxion_desktop.domain.money import Currency, ExchangeRate, Money
from fluxion_desktop.domain.sale_lines import SaleLine
from fluxion_desktop.domain.sale_settings import SaleSettings
from fluxion_desktop.domain.sale_totals import SaleTotals, allocate, compute_totals
from fluxion_desktop.domain.tax import TaxCategory
from fluxion_desktop.domain.tenders import Tender, TenderMethod, amount_to_settle

D = Decimal
USD, VES = Currency.USD, Currency.VES
GENERAL, REDUCED, EXEMPT = TaxCategory.GENERAL, TaxCategory.REDUCED, TaxCategory.EXEMPT
SPECIAL = SaleSettings(special_taxpayer=True)
ORDINARY = SaleSettings(special_taxpayer=False)


def usd(amount: str) -> Money:
    return Money.of(amount, "USD")


def ves(amount: str) -> Money:
    return Money.of(amount, "VES")


def bcv(rate: str) -> ExchangeRate:
    return ExchangeRate(USD, VES, D(rate), date(2024, 3, 1), "BCV")


def line(
    line_id: str,
    price: str,
    quantity: str,
    category: TaxCategory = GENERAL,
    *,
    discount: str = "0",
    weighed: bool = False,
) -> SaleLine:
    return SaleLine(
        line_id=line_id,
        product_id=f"p-{line_id}",
        sku=f"sku-{line_id}",
        name=f"product {line_id}",
        unit_price=usd(price),
        tax_category=category,
        quantity=D(quantity),
        is_weighed=weighed,
        discount_percent=D(discount),
    )


def cash(amount: Money, tender_id: str = "cash") -> Tender:
    return Tender(tender_id, TenderMethod.CASH, amount)


def debit(amount: str, tender_id: str = "debit") -> Tender:
    return Tender(tender_id, TenderMethod.DEBIT_CARD, ves(amount), "004512")


# Three items at IVA 16 % and one exempt item, prices net of IVA (USD):
GROCERIES = [
    line("harina", "1.25", "4"),  # 5.00; IVA 5.00 x 0.16 = 0.80
    line("aceite", "3.99", "2"),  # 7.98; IVA 7.98 x 0.16 = 1.2768 -> 1.28
    line("jabon", "2.35", "1"),  # 2.35; IVA 2.35 x 0.16 = 0.376 -> 0.38
    line("arroz", "1.10", "3", EXEMPT),  # 3.30; no IVA
]


def totals(
    tenders: list[Tender] | None = None,
    store: SaleSettings = SPECIAL,
    rate: str = "36.50",
    lines: list[SaleLine] | None = None,
    order_percent: str = "0",
) -> SaleTotals:
    return compute_totals(
        GROCERIES if lines is None else lines, D(order_percent), tenders or [], store, bcv(rate)
    )


def test_worked_example_half_usd_cash_half_ves_debit_at_36_50() -> None:
    # The customer hands over USD 11.00 in cash and puts Bs 400.00 on the debit card.
    result = totals([cash(usd("11.00")), debit("400.00")])
    ref, local = result.reference, result.local

    assert ref.subtotal == usd("18.63")  # 5.00 + 7.98 + 2.35 + 3.30
    assert ref.discounts == usd("0.00")
    # IVA per line, then summed: 0.80 + 1.28 + 0.38 = 2.46. (Taxing the 15.33 general base at
    # once would give 2.4528 -> 2.45: per-line rounding is the rule, and the receipt adds up.)
    assert ref.tax == usd("2.46")
    assert ref.total == usd("21.09")  # 18.63 + 2.46
    # IGTF on the cash dollars: min(11.00, 21.09) x 0.03 = 0.33
    assert result.igtf_base == usd("11.00")
    assert ref.igtf == usd("0.33")
    assert ref.due == usd("21.42")  # 21.09 + 0.33
    # Paid: 11.00 + 400.00 / 36.50 (= 10.958904...) = 21.958904... -> 21.96
    assert ref.paid == usd("21.96")
    assert ref.balance == usd("0.00")
    assert ref.change == usd("0.54")  # 21.958904 - 21.42 = 0.538904 -> 0.54

    # The same figures in VES, each converted at 36.50 and rounded half-up:
    assert local.subtotal == ves("680.00")  # 18.63 x 36.50 = 679.995 -> 680.00
    assert local.tax == ves("89.79")  # 2.46 x 36.50 = 89.79
    assert local.total == ves("769.79")  # 21.09 x 36.50 = 769.785 -> 769.79
    assert local.igtf == ves("12.05")  # 0.33 x 36.50 = 12.045 -> 12.05
    assert local.due == ves("781.83")  # 21.42 x 36.50 = 781.83
    assert local.paid == ves("801.50")  # 400.00 + 11.00 x 36.50 (= 401.50)
    assert local.balance == ves("0.00")
    assert local.change == ves("19.67")  # 801.50 - 781.83
    assert result.settled
    assert result.change_in(VES) == ves("19.67")


def test_worked_example_tax_per_category() -> None:
    general, exempt = totals().taxes

    assert (general.category, general.rate) == (GENERAL, D("0.16"))
    assert general.base == usd("15.33")  # 5.00 + 7.98 + 2.35
    assert general.tax == usd("2.46")
    assert general.base_local == ves("559.55")  # 15.33 x 36.50 = 559.545 -> 559.55
    assert general.tax_local == ves("89.79")
    assert (exempt.category, exempt.rate) == (EXEMPT, D(0))
    assert exempt.base == usd("3.30")
    assert exempt.tax == usd("0.00")
    assert exempt.base_local == ves("120.45")  # 3.30 x 36.50


def test_change_in_usd_when_everything_is_paid_in_dollar_bills() -> None:
    result = totals([cash(usd("25.00"))])

    # IGTF base is capped at the sale total: min(25.00, 21.09) x 0.03 = 0.6327 -> 0.63
    assert result.igtf_base == usd("21.09")
    assert result.reference.igtf == usd("0.63")
    assert result.reference.due == usd("21.72")  # 21.09 + 0.63
    assert result.change_in(USD) == usd("3.28")  # 25.00 - 21.72: the excess is not taxed
    assert result.local.due == ves("792.78")  # 21.72 x 36.50
    assert result.change_in(VES) == ves("119.72")  # 25 x 36.50 = 912.50; 912.50 - 792.78


def test_no_igtf_when_the_store_is_not_a_special_taxpayer() -> None:
    result = totals([cash(usd("25.00"))], store=ORDINARY)

    assert result.igtf_rate == D(0)
    assert result.reference.igtf == usd("0.00")
    assert result.reference.due == usd("21.09")
    assert result.change_in(USD) == usd("3.91")  # 25.00 - 21.09


def test_no_igtf_when_paying_in_bolivares() -> None:
    result = totals([debit("769.79")])  # exactly the VES total shown

    assert result.igtf_base == usd("0.00")
    assert result.reference.igtf == usd("0.00")
    assert result.local.due == ves("769.79")
    assert result.local.balance == ves("0.00")
    assert result.local.change == ves("0.00")
    assert result.settled


def test_igtf_only_on_flagged_methods() -> None:
    zelle = Tender("z", TenderMethod.ZELLE, usd("21.72"), "ZL-991")
    credit = Tender("c", TenderMethod.CUSTOMER_CREDIT, usd("21.09"))
    zelle_exempt = SaleSettings(special_taxpayer=True, igtf_methods=frozenset({TenderMethod.CASH}))

    assert totals([zelle]).reference.igtf == usd("0.63")  # Zelle is flagged by default
    assert totals([zelle], store=zelle_exempt).reference.igtf == usd("0.00")
    assert totals([credit]).reference.igtf == usd("0.00")  # store credit is not foreign money


def test_paying_exactly_the_shown_ves_amount_completes_at_a_four_decimal_rate() -> None:
    # 21.09 x 45.7231 = 964.300179 -> the screen shows Bs 964.30
    shown = totals(rate="45.7231").local.due
    assert shown == ves("964.30")

    result = totals([debit("964.30")], rate="45.7231")

    assert result.local.balance == ves("0.00")
    assert result.local.change == ves("0.00")
    assert result.reference.change == usd("0.00")


def test_mixed_payment_rest_in_ves_completes_exactly_at_45_7231() -> None:
    first = totals([cash(usd("10.00"))], rate="45.7231")

    assert first.reference.igtf == usd("0.30")  # 10.00 x 0.03
    assert first.local.due == ves("978.02")  # 21.39 x 45.7231 = 978.017109 -> 978.02
    # USD 10.00 counts for 10 x 45.7231 = 457.231 -> Bs 457.23; 978.02 - 457.23 = 520.79
    assert first.local.balance == ves("520.79")

    pago_movil = Tender("pm", TenderMethod.PAGO_MOVIL, ves("520.79"), "0102-778812")
    done = totals([cash(usd("10.00")), pago_movil], rate="45.7231")

    assert done.local.balance == ves("0.00")
    assert done.local.change == ves("0.00")


def test_amount_to_settle_in_dollars_includes_the_igtf_it_attracts() -> None:
    rate = bcv("45.7231")
    args: tuple[Money, list[Tender], SaleSettings, ExchangeRate] = (usd("21.09"), [], SPECIAL, rate)

    # 21.09 + 3 % of 21.09 (0.6327 -> 0.63) = 21.72
    assert amount_to_settle(*args, TenderMethod.CASH, USD) == usd("21.72")
    # A VES tender attracts no IGTF: 21.09 x 45.7231 = 964.300179 -> 964.30
    assert amount_to_settle(*args, TenderMethod.DEBIT_CARD, VES) == ves("964.30")
    # Store credit in dollars is not taxed either.
    assert amount_to_settle(*args, TenderMethod.CUSTOMER_CREDIT, USD) == usd("21.09")


def test_an_underpayment_within_the_tolerance_still_settles() -> None:
    short = totals([debit("769.40")])  # 0.39 short of Bs 769.79
    too_short = totals([debit("769.20")])  # 0.59 short

    assert short.local.balance == ves("0.39")
    assert short.settled
    assert short.reference.balance == usd("0.01")  # 21.09 - 769.40 / 36.50 = 0.0106...
    assert not too_short.settled


def test_order_discount_is_allocated_before_tax_so_each_category_gets_its_base() -> None:
    lines = [
        line("a", "10.00", "1", GENERAL),
        line("b", "5.00", "1", EXEMPT),
        line("c", "2.50", "1", REDUCED),
    ]
    result = totals(lines=lines, order_percent="10")
    a, b, c = result.lines

    assert result.order_discount == usd("1.75")  # 17.50 x 10 %
    # Shares in proportion to the nets 10.00 : 5.00 : 2.50
    assert (a.order_discount, b.order_discount, c.order_discount) == (
        usd("1.00"),
        usd("0.50"),
        usd("0.25"),
    )
    assert (a.net, a.tax) == (usd("9.00"), usd("1.44"))  # 9.00 x 0.16
    assert (b.net, b.tax) == (usd("4.50"), usd("0.00"))
    assert (c.net, c.tax) == (usd("2.25"), usd("0.18"))  # 2.25 x 0.08
    assert result.reference.discounts == usd("1.75")
    assert result.reference.total == usd("17.37")  # 15.75 + 1.62


def test_order_discount_cents_add_up_by_largest_remainder() -> None:
    lines = [line("a", "3.33", "1"), line("b", "3.33", "1"), line("c", "3.34", "1")]
    result = totals(lines=lines, order_percent="10")

    # 1.00 split 333:333:334 -> 33.3, 33.3, 33.4 cents; floors 33+33+33 = 99; the cent left
    # goes to the largest remainder, line c.
    assert [x.order_discount for x in result.lines] == [usd("0.33"), usd("0.33"), usd("0.34")]
    assert result.order_discount == usd("1.00")


def test_order_discount_ties_go_to_the_earlier_line() -> None:
    lines = [line("a", "0.10", "1"), line("b", "0.10", "1"), line("c", "0.10", "1")]
    result = totals(lines=lines, order_percent="5")

    # 0.30 x 5 % = 0.015 -> 0.02: two cents over three equal lines
    assert [x.order_discount for x in result.lines] == [usd("0.01"), usd("0.01"), usd("0.00")]


def test_line_discount_and_weighed_line() -> None:
    lines = [
        line("aceite", "3.99", "3", discount="15"),
        line("queso", "6.49", "0.735", weighed=True),
    ]
    aceite, queso = totals(lines=lines).lines

    assert aceite.gross == usd("11.97")  # 3.99 x 3
    assert aceite.line_discount == usd("1.80")  # 11.97 x 15 % = 1.7955 -> 1.80
    assert aceite.net == usd("10.17")
    assert aceite.tax == usd("1.63")  # 10.17 x 0.16 = 1.6272 -> 1.63
    assert queso.gross == usd("4.77")  # 6.49 x 0.735 kg = 4.77015 -> 4.77
    assert queso.tax == usd("0.76")  # 4.77 x 0.16 = 0.7632 -> 0.76
    assert queso.total == usd("5.53")


def test_a_price_override_is_what_gets_charged() -> None:
    overridden = GROCERIES[0].with_price(usd("1.00"), "supervisor-7")
    harina = totals(lines=[overridden]).lines[0]

    assert harina.unit_price == usd("1.00")
    assert harina.gross == usd("4.00")  # 1.00 x 4


def test_amounts_in_a_third_currency_are_refused() -> None:
    result = totals()

    assert result.amounts_in(USD) is result.reference
    assert result.amounts_in(VES) is result.local
    with pytest.raises(CurrencyMismatch) as caught:
        result.change_in(Currency.EUR)
    assert caught.value.field == "change_currency"
    with pytest.raises(CurrencyMismatch) as caught:
        result.amounts_in(Currency.COP)
    assert caught.value.field == "currency"


def test_an_empty_sale_totals_zero() -> None:
    result = totals(lines=[])

    assert result.reference.total == usd("0")
    assert result.local.due == ves("0")
    assert result.taxes == ()
    assert result.settled


@pytest.mark.parametrize(
    ("amount", "weights", "shares"),
    [
        (100, [333, 333, 334], [33, 33, 34]),
        (2, [10, 10, 10], [1, 1, 0]),
        (7, [0, 5, 0], [0, 7, 0]),
        (5, [0, 0], [0, 0]),
        (0, [3, 4], [0, 0]),
    ],
)
def test_allocate(amount: int, weights: list[int], shares: list[int]) -> None:
    assert allocate(amount, weights) == shares
