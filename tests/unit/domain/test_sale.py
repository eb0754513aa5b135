"""The Sale aggregate: lines, overrides, voids, parking, tenders, completion and cancellation."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from fluxion_desktop.domain.errors import (
    CurrencyMismatch,
    DomainError,
    InvalidState,
    InvalidType,
    InvalidValue,
    NotFound,
    PermissionDenied,
)
from fluxion_desktop.domain.money import Currency, ExchangeRate, Money
from fluxion_desktop.domain.sale import Sale, SaleStatus
from fluxion_desktop.domain.sale_events import (
    SaleCompleted,
    SaleLinePriceOverridden,
    SaleLineQuantityChanged,
    SaleLineVoided,
)
from fluxion_desktop.domain.sale_settings import SaleSettings
from fluxion_desktop.domain.tax import TaxCategory
from fluxion_desktop.domain.tenders import Tender, TenderMethod

D = Decimal
USD, VES = Currency.USD, Currency.VES
AT = datetime(2024, 3, 1, 15, 30, tzinfo=UTC)
RATE = ExchangeRate(USD, VES, D("36.50"), date(2024, 3, 1), "BCV")
STORE = SaleSettings(special_taxpayer=True, discount_threshold_percent=D(10))


def usd(amount: str) -> Money:
    return Money.of(amount, "USD")


def ves(amount: str) -> Money:
    return Money.of(amount, "VES")


def new_sale(store: SaleSettings = STORE, rate: ExchangeRate = RATE) -> Sale:
    return Sale.open("sale-1", "cashier-1", "shift-1", rate, store, AT)


def groceries(store: SaleSettings = STORE) -> Sale:
    sale = new_sale(store)
    sale.add_line(
        "harina", "p-1", "7591002000011", "Harina PAN 1 kg", usd("1.25"), TaxCategory.GENERAL, D(4)
    )
    sale.add_line(
        "aceite", "p-2", "7591002000028", "Aceite 1 L", usd("3.99"), TaxCategory.GENERAL, D(2)
    )
    sale.add_line("jabon", "p-3", "7591002000035", "Jabón", usd("2.35"), TaxCategory.GENERAL, D(1))
    sale.add_line(
        "arroz", "p-4", "7591002000042", "Arroz 1 kg", usd("1.10"), TaxCategory.EXEMPT, D(3)
    )
    return sale


def cash(amount: Money, tender_id: str = "cash") -> Tender:
    return Tender(tender_id, TenderMethod.CASH, amount)


def debit(amount: str, tender_id: str = "debit", reference: str = "004512") -> Tender:
    return Tender(tender_id, TenderMethod.DEBIT_CARD, ves(amount), reference)


def raises(error: type[DomainError], field: str, action: Callable[[], object]) -> None:
    with pytest.raises(error) as caught:
        action()
    assert caught.value.field == field


def test_worked_example_completes_with_change_in_bolivares() -> None:
    sale = groceries()
    sale.add_tender(cash(usd("11.00")))
    sale.add_tender(debit("400.00"))

    sale.complete(VES, AT)

    completed = sale.pending_events[-1]
    assert isinstance(completed, SaleCompleted)
    assert completed.totals.reference.total == usd("21.09")  # 18.63 + IVA 2.46
    assert completed.igtf == usd("0.33")  # 11.00 x 3 %
    assert completed.totals.local.due == ves("781.83")  # (21.09 + 0.33) x 36.50
    assert completed.change == ves("19.67")  # 400.00 + 401.50 - 781.83
    assert completed.change_currency is VES
    assert completed.tenders == (cash(usd("11.00")), debit("400.00"))
    assert (completed.sale_id, completed.cashier_id, completed.shift_id) == (
        "sale-1",
        "cashier-1",
        "shift-1",
    )
    assert completed.rate == RATE
    assert [line.line_id for line in completed.totals.lines] == [
        "harina",
        "aceite",
        "jabon",
        "arroz",
    ]
    assert sale.status is SaleStatus.COMPLETED
    assert sale.state.change == ves("19.67")


def test_change_in_dollars() -> None:
    sale = groceries()
    sale.add_tender(cash(usd("25.00")))

    sale.complete(USD, AT)

    completed = sale.pending_events[-1]
    assert isinstance(completed, SaleCompleted)
    assert completed.igtf == usd("0.63")  # min(25.00, 21.09) x 3 % = 0.6327
    assert completed.change == usd("3.28")  # 25.00 - 21.72


@pytest.mark.parametrize(
    ("kwargs", "error", "field"),
    [
        ({"line_id": "harina"}, InvalidValue, "line_id"),
        ({"product_id": ""}, InvalidValue, "product_id"),
        ({"name": " "}, InvalidValue, "name"),
        ({"sku": None}, InvalidType, "sku"),
        ({"unit_price": ves("45.00")}, CurrencyMismatch, "unit_price"),
        ({"unit_price": usd("-1.00")}, InvalidValue, "unit_price"),
        ({"unit_price": D("1.00")}, InvalidType, "unit_price"),
        ({"tax_category": "zero"}, InvalidValue, "tax_category"),
        ({"quantity": D(0)}, InvalidValue, "quantity"),
        ({"quantity": D("1.5")}, InvalidValue, "quantity"),  # pieces are whole
        ({"quantity": 1.5}, InvalidType, "quantity"),
        ({"quantity": D("0.2505"), "is_weighed": True}, InvalidValue, "quantity"),
        ({"is_weighed": "yes"}, InvalidType, "is_weighed"),
    ],
)
def test_bad_lines(kwargs: dict[str, Any], error: type[DomainError], field: str) -> None:
    sale = groceries()
    values: dict[str, Any] = {
        "line_id": "new",
        "product_id": "p-9",
        "sku": "9",
        "name": "Queso",
        "unit_price": usd("6.49"),
        "tax_category": TaxCategory.GENERAL,
        "quantity": D(1),
        "is_weighed": False,
    }
    values.update(kwargs)

    raises(error, field, lambda: sale.add_line(**values))


def test_weighed_lines_take_grams() -> None:
    sale = new_sale()
    sale.add_line(
        "queso",
        "p-9",
        "2000123",
        "Queso blanco",
        usd("6.49"),
        TaxCategory.GENERAL,
        D("0.735"),
        is_weighed=True,
    )

    assert sale.totals().reference.subtotal == usd("4.77")  # 6.49 x 0.735 = 4.77015


def test_changing_a_quantity_records_both_quantities() -> None:
    sale = groceries()

    sale.change_quantity("harina", D(6))

    assert sale.pending_events[-1] == SaleLineQuantityChanged("harina", D(6), D(4))
    assert sale.line("harina").quantity == D(6)
    assert sale.totals().reference.subtotal == usd("21.13")  # 18.63 + 2 x 1.25
    raises(NotFound, "line_id", lambda: sale.change_quantity("nope", D(1)))
    raises(InvalidValue, "quantity", lambda: sale.change_quantity("harina", D(-1)))


def test_a_price_override_needs_a_supervisor() -> None:
    sale = groceries()

    raises(
        PermissionDenied, "override_by", lambda: sale.override_price("aceite", usd("3.50"), None)
    )
    raises(
        PermissionDenied, "override_by", lambda: sale.override_price("aceite", usd("3.50"), "  ")
    )
    assert sale.line("aceite").price == usd("3.99")

    sale.override_price("aceite", usd("3.50"), "supervisor-7")

    assert sale.pending_events[-1] == SaleLinePriceOverridden(
        "aceite", usd("3.50"), usd("3.99"), "supervisor-7"
    )
    assert sale.line("aceite").override_by == "supervisor-7"
    assert sale.totals().reference.subtotal == usd("17.65")  # 18.63 - 2 x 0.49
    raises(CurrencyMismatch, "price", lambda: sale.override_price("aceite", ves("100"), "s"))


def test_discounts_above_the_threshold_need_a_supervisor() -> None:
    sale = groceries()

    sale.discount_line("aceite", D(10))  # at the threshold: the cashier may
    raises(PermissionDenied, "override_by", lambda: sale.discount_line("aceite", D("10.01")))
    raises(PermissionDenied, "override_by", lambda: sale.discount_order(D(15)))
    raises(InvalidValue, "percent", lambda: sale.discount_line("aceite", D(101), "sup"))
    sale.discount_order(D(15), override_by="supervisor-7")

    assert sale.line("aceite").discount_percent == D(10)
    assert sale.state.order_discount_by == "supervisor-7"
    totals = sale.totals()
    assert totals.line_discounts == usd("0.80")  # 7.98 x 10 % = 0.798
    assert totals.order_discount == usd("2.67")  # (18.63 - 0.80) x 15 % = 2.6745


def test_a_voided_line_leaves_the_totals_but_not_the_history() -> None:
    sale = groceries()

    sale.void_line("jabon", "customer changed their mind", "cashier-1")

    assert [line.line_id for line in sale.lines] == ["harina", "aceite", "arroz"]
    (voided,) = sale.voided_lines
    assert (voided.line.line_id, voided.reason, voided.by) == (
        "jabon",
        "customer changed their mind",
        "cashier-1",
    )
    assert sale.totals().reference.subtotal == usd("16.28")  # 18.63 - 2.35
    assert (
        SaleLineVoided("jabon", "customer changed their mind", "cashier-1") in sale.pending_events
    )
    replayed = Sale.replay("sale-1", sale.pending_events)
    assert replayed.voided_lines == sale.voided_lines
    raises(InvalidState, "line_id", lambda: sale.change_quantity("jabon", D(2)))
    raises(
        InvalidValue,
        "line_id",
        lambda: sale.add_line("jabon", "p", "s", "n", usd("1"), TaxCategory.GENERAL, D(1)),
    )
    raises(InvalidValue, "reason", lambda: sale.void_line("arroz", "", "cashier-1"))


def test_a_parked_sale_refuses_changes_until_recalled() -> None:
    sale = groceries()
    before = (sale.lines, sale.totals())

    sale.park()

    assert sale.state.status is SaleStatus.PARKED
    raises(InvalidState, "status", lambda: sale.change_quantity("harina", D(1)))
    raises(InvalidState, "status", lambda: sale.add_tender(cash(usd("1.00"))))
    raises(InvalidState, "status", lambda: sale.complete(USD, AT))
    raises(InvalidState, "status", sale.park)
    sale.recall()
    assert sale.status is SaleStatus.OPEN
    assert (sale.lines, sale.totals()) == before
    raises(InvalidState, "status", sale.recall)


def test_parking_needs_lines_and_no_money_taken() -> None:
    raises(InvalidState, "lines", new_sale().park)
    sale = groceries()
    sale.add_tender(cash(usd("5.00")))
    raises(InvalidState, "tenders", sale.park)


def test_tenders_can_be_removed_before_completion() -> None:
    sale = groceries()
    sale.add_tender(debit("200.00", "d1", "111"))
    sale.add_tender(debit("569.79", "d2", "222"))

    sale.remove_tender("d1")

    assert [t.tender_id for t in sale.tenders] == ["d2"]
    assert sale.totals().local.balance == ves("200.00")  # 769.79 - 569.79
    raises(NotFound, "tender_id", lambda: sale.remove_tender("d1"))
    raises(InvalidValue, "tender_id", lambda: sale.add_tender(debit("1.00", "d2", "333")))
    raises(InvalidValue, "reference", lambda: sale.add_tender(debit("1.00", "d3", "222")))
    raises(
        CurrencyMismatch,
        "currency",
        lambda: sale.add_tender(Tender("e", TenderMethod.CASH, Money.of("5", "EUR"))),
    )
    raises(InvalidType, "tender", lambda: sale.add_tender("cash"))  # type: ignore[arg-type]


def test_amount_to_settle_tells_the_cashier_what_to_charge() -> None:
    sale = groceries()
    sale.add_tender(cash(usd("10.00")))

    # Due 21.09 + IGTF 0.30 = 21.39 -> Bs 780.74 (21.39 x 36.50 = 780.735); cash counts 365.00
    assert sale.amount_to_settle(TenderMethod.PAGO_MOVIL, VES) == ves("415.74")
    # Paid all in dollars, IGTF is on the whole 21.09 (0.63), so 21.72 in all: 11.72 more
    assert sale.amount_to_settle(TenderMethod.CASH, USD) == usd("11.72")
    sale.add_tender(cash(usd("11.72"), "more"))
    assert sale.totals().local.balance == ves("0.00")


def test_the_dollar_rest_is_grossed_up_for_its_own_igtf() -> None:
    sale = groceries()
    sale.add_tender(debit("400.00"))  # worth 400 / 36.50 = 10.958904 dollars

    needed = sale.amount_to_settle(TenderMethod.CASH, USD)

    # x must cover 21.09 - 10.958904 = 10.131096 plus 3 % of x: x >= 10.4444...
    # 10.44: IGTF 0.3132 -> 0.31, due (21.09 + 0.31) x 36.50 = 781.10; paid 400 + 381.06 short
    # 10.45: IGTF 0.3135 -> 0.31, due 781.10; paid 400 + 381.425 -> 381.43 = 781.43: settles
    assert needed == usd("10.45")
    sale.add_tender(cash(needed))
    totals = sale.totals()
    assert totals.reference.igtf == usd("0.31")
    assert totals.local.change == ves("0.33")  # 781.43 - 781.10: a fraction of a dollar cent


def test_completion_refusals() -> None:
    raises(InvalidState, "lines", lambda: new_sale().complete(USD, AT))
    sale = groceries()
    sale.add_tender(debit("700.00"))
    raises(InvalidState, "tenders", lambda: sale.complete(VES, AT))  # Bs 69.79 short
    raises(CurrencyMismatch, "change_currency", lambda: sale.complete(Currency.EUR, AT))
    raises(InvalidType, "change_currency", lambda: sale.complete("VES", AT))  # type: ignore[arg-type]
    raises(InvalidValue, "at", lambda: sale.complete(VES, datetime(2024, 3, 1)))


def test_a_completed_sale_refuses_everything() -> None:
    sale = groceries()
    sale.add_tender(debit("769.79"))
    sale.complete(VES, AT)

    for action in (
        lambda: sale.add_line("x", "p", "s", "n", usd("1"), TaxCategory.GENERAL, D(1)),
        lambda: sale.void_line("harina", "r", "b"),
        lambda: sale.remove_tender("debit"),
        lambda: sale.discount_order(D(1)),
        lambda: sale.complete(VES, AT),
        lambda: sale.cancel("r", "b"),
        sale.park,
        sale.recall,
    ):
        raises(InvalidState, "status", action)


def test_cancelling() -> None:
    sale = groceries()
    sale.add_tender(cash(usd("5.00")))
    raises(InvalidState, "tenders", lambda: sale.cancel("customer left", "cashier-1"))
    sale.remove_tender("cash")
    sale.park()  # a parked sale may be abandoned too
    raises(InvalidValue, "reason", lambda: sale.cancel(" ", "cashier-1"))

    sale.cancel("customer left", "cashier-1")

    assert sale.status is SaleStatus.CANCELLED
    assert (sale.state.cancelled_reason, sale.state.cancelled_by) == ("customer left", "cashier-1")
    raises(InvalidState, "status", lambda: sale.add_tender(cash(usd("1.00"))))
    raises(InvalidState, "status", lambda: sale.cancel("again", "cashier-1"))


def test_an_unopened_sale_knows_nothing() -> None:
    sale = Sale("sale-9")

    raises(InvalidState, "status", lambda: sale.status)
    raises(InvalidState, "status", sale.totals)
    raises(InvalidState, "status", lambda: sale.add_tender(cash(usd("1.00"))))
