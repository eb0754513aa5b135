"""Returns against a completed sale: partial quantities, refunds at the sale's own rate."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fluxion_desktop.application.event_registry import EventRegistry
from fluxion_desktop.domain.errors import (
    CurrencyMismatch,
    DomainError,
    InvalidState,
    InvalidType,
    InvalidValue,
    NotFound,
)
from fluxion_desktop.domain.money import Currency, ExchangeRate, Money
from fluxion_desktop.domain.sale import Sale
from fluxion_desktop.domain.sale_events import SaleCompleted
from fluxion_desktop.domain.sale_return import (
    EVENT_TYPES,
    RefundIssued,
    ReturnableLine,
    ReturnableSale,
    ReturnCompleted,
    ReturnStatus,
    SaleReturn,
)
from fluxion_desktop.domain.sale_settings import SaleSettings
from fluxion_desktop.domain.tax import TaxCategory
from fluxion_desktop.domain.tenders import Tender, TenderMethod

D = Decimal
USD, VES = Currency.USD, Currency.VES
AT = datetime(2024, 3, 1, 15, 30, tzinfo=UTC)
LATER = datetime(2024, 3, 4, 10, 0, tzinfo=UTC)
RATE = ExchangeRate(USD, VES, D("36.50"), date(2024, 3, 1), "BCV")


def usd(amount: str) -> Money:
    return Money.of(amount, "USD")


def ves(amount: str) -> Money:
    return Money.of(amount, "VES")


def raises(error: type[DomainError], field: str, action: Callable[[], object]) -> None:
    with pytest.raises(error) as caught:
        action()
    assert caught.value.field == field


def completed_sale() -> SaleCompleted:
    sale = Sale.open(
        "sale-1", "cashier-1", "shift-1", RATE, SaleSettings(special_taxpayer=True), AT
    )
    sale.add_line("harina", "p-1", "001", "Harina PAN 1 kg", usd("1.25"), TaxCategory.GENERAL, D(4))
    sale.add_line("aceite", "p-2", "002", "Aceite 1 L", usd("3.99"), TaxCategory.GENERAL, D(2))
    sale.add_line(
        "queso", "p-5", "2000", "Queso", usd("6.49"), TaxCategory.GENERAL, D("0.735"), True
    )
    sale.add_line("arroz", "p-4", "004", "Arroz 1 kg", usd("1.10"), TaxCategory.EXEMPT, D(3))
    sale.add_tender(Tender("c", TenderMethod.CASH, usd("30.00")))
    sale.complete(USD, AT)
    event = sale.pending_events[-1]
    assert isinstance(event, SaleCompleted)
    return event


def start(returned: dict[str, Decimal] | None = None) -> SaleReturn:
    view = ReturnableSale.from_completed(completed_sale(), returned)
    return SaleReturn.start("return-1", view, "cashier-2", LATER)


def test_returning_one_of_two_bottles_refunds_half_the_line_at_the_sale_rate() -> None:
    sale_return = start()

    sale_return.add_item("aceite", D(1), restock=True)

    # The line was 7.98 + IVA 1.28 = 9.26; half of it is 4.63, with 0.64 of IVA in it.
    (item,) = sale_return.items
    assert (item.refund, item.tax_refund) == (usd("4.63"), usd("0.64"))
    assert item.refund_local == ves("169.00")  # 4.63 x 36.50 (the sale's rate) = 168.995
    assert sale_return.amount == usd("4.63")
    assert sale_return.amount_local == ves("169.00")

    sale_return.refund([Tender("r1", TenderMethod.CASH, ves("169.00"))])
    sale_return.complete(LATER)

    completed = sale_return.pending_events[-1]
    assert isinstance(completed, ReturnCompleted)
    assert (completed.sale_id, completed.rate) == ("sale-1", RATE)
    assert (completed.amount, completed.amount_local) == (usd("4.63"), ves("169.00"))
    assert completed.tax_refund == usd("0.64")
    assert [(i.line_id, i.product_id, i.quantity, i.restock) for i in completed.items] == [
        ("aceite", "p-2", D(1), True)
    ]
    assert sale_return.status is ReturnStatus.COMPLETED


def test_partial_returns_of_a_line_add_up_to_what_was_paid() -> None:
    line = ReturnableLine(
        "l", "p", "s", "n", TaxCategory.GENERAL, False, D(3), usd("10.00"), usd("1.38")
    )

    # round(10.00 x 1/3) = 3.33; round(10.00 x 2/3) - 3.33 = 6.67 - 3.33 = 3.34; 10.00 - 6.67
    assert [line.refund_for(D(n), D(1))[0] for n in range(3)] == [
        usd("3.33"),
        usd("3.34"),
        usd("3.33"),
    ]
    assert line.refund_for(D(0), D(3)) == (usd("10.00"), usd("1.38"))


def test_a_return_cannot_take_back_more_than_is_left() -> None:
    sale_return = start(returned={"harina": D(3)})  # 3 of 4 came back last week

    raises(InvalidValue, "quantity", lambda: sale_return.add_item("harina", D(2), restock=True))
    sale_return.add_item("harina", D(1), restock=False)
    raises(InvalidValue, "quantity", lambda: sale_return.add_item("harina", D(1), restock=True))
    assert sale_return.amount == usd("1.45")  # 4 x 1.25 + IVA 0.80 = 5.80; the last quarter


def test_weighed_goods_come_back_by_weight() -> None:
    sale_return = start()

    sale_return.add_item("queso", D("0.500"), restock=False)
    raises(InvalidValue, "quantity", lambda: sale_return.add_item("queso", D("0.2355"), False))
    raises(InvalidValue, "quantity", lambda: sale_return.add_item("queso", D("0.236"), False))

    # The line was 6.49 x 0.735 = 4.77015 -> 4.77 + IVA 0.76 = 5.53; 0.5 / 0.735 of it
    # is 3.7619... -> 3.76
    assert sale_return.amount == usd("3.76")


def test_bad_items() -> None:
    sale_return = start()

    raises(NotFound, "line_id", lambda: sale_return.add_item("nope", D(1), True))
    raises(InvalidValue, "quantity", lambda: sale_return.add_item("arroz", D("1.5"), True))
    raises(InvalidValue, "quantity", lambda: sale_return.add_item("arroz", D(0), True))
    raises(InvalidType, "restock", lambda: sale_return.add_item("arroz", D(1), "yes"))  # type: ignore[arg-type]


def test_the_refund_tenders_must_match_the_refund_exactly() -> None:
    sale_return = start()
    raises(
        InvalidState,
        "items",
        lambda: sale_return.refund([Tender("r", TenderMethod.CASH, usd("1.00"))]),
    )
    sale_return.add_item("aceite", D(2), restock=True)  # 9.26, Bs 337.99 (9.26 x 36.50)

    raises(InvalidValue, "tenders", lambda: sale_return.refund([]))
    raises(
        InvalidValue,
        "tenders",
        lambda: sale_return.refund([Tender("r", TenderMethod.CASH, usd("9.27"))]),
    )
    raises(
        InvalidValue,
        "tenders",
        lambda: sale_return.refund([Tender("r", TenderMethod.CASH, ves("337.98"))]),
    )
    raises(
        CurrencyMismatch,
        "currency",
        lambda: sale_return.refund([Tender("r", TenderMethod.DEBIT_CARD, usd("9.26"), "x")]),
    )

    # USD 5.00 counts for Bs 182.50; the rest is 337.99 - 182.50 = 155.49
    tenders = (
        Tender("r1", TenderMethod.CASH, usd("5.00")),
        Tender("r2", TenderMethod.PAGO_MOVIL, ves("155.49"), "0102-55"),
    )
    sale_return.refund(tenders)

    assert sale_return.pending_events[-1] == RefundIssued(tenders, usd("9.26"), ves("337.99"))
    assert sale_return.status is ReturnStatus.REFUNDED
    raises(InvalidState, "status", lambda: sale_return.add_item("harina", D(1), True))
    raises(InvalidState, "status", lambda: sale_return.cancel("oops", "cashier-2"))


def test_a_refund_in_dollars_matches_too() -> None:
    sale_return = start()
    sale_return.add_item("harina", D(1), restock=True)  # 5.80 / 4 = 1.45

    sale_return.refund([Tender("r1", TenderMethod.CASH, usd("1.45"))])

    assert sale_return.tenders[0].amount == usd("1.45")


def test_completion_needs_items_and_the_refund() -> None:
    sale_return = start()
    raises(InvalidState, "items", lambda: sale_return.complete(LATER))
    sale_return.add_item("arroz", D(1), restock=True)
    raises(InvalidState, "tenders", lambda: sale_return.complete(LATER))
    raises(InvalidValue, "at", lambda: sale_return.complete(datetime(2024, 3, 4)))


def test_free_goods_come_back_without_a_refund() -> None:
    view = ReturnableSale(
        "sale-2",
        RATE,
        (
            ReturnableLine(
                "l", "p", "s", "gift", TaxCategory.EXEMPT, False, D(1), usd("0"), usd("0")
            ),
        ),
    )
    sale_return = SaleReturn.start("return-2", view, "cashier-2", LATER)
    sale_return.add_item("l", D(1), restock=True)
    raises(
        InvalidState,
        "tenders",
        lambda: sale_return.refund([Tender("r", TenderMethod.CASH, usd("1.00"))]),
    )

    sale_return.complete(LATER)

    assert sale_return.status is ReturnStatus.COMPLETED


def test_cancelling_before_the_refund() -> None:
    sale_return = start()
    sale_return.add_item("arroz", D(1), restock=True)

    sale_return.cancel("customer kept it", "cashier-2")

    assert sale_return.status is ReturnStatus.CANCELLED
    raises(InvalidState, "status", lambda: sale_return.add_item("arroz", D(1), True))
    raises(InvalidState, "status", lambda: sale_return.complete(LATER))


def test_bad_starts() -> None:
    everything = {"harina": D(4), "aceite": D(2), "queso": D("0.735"), "arroz": D(3)}

    raises(InvalidState, "sale", lambda: start(returned=everything))
    raises(InvalidType, "sale", lambda: SaleReturn.start("r", completed_sale(), "c", LATER))  # type: ignore[arg-type]
    raises(
        InvalidValue,
        "at",
        lambda: SaleReturn.start(
            "r", ReturnableSale.from_completed(completed_sale()), "c", datetime(2024, 3, 4)
        ),
    )
    raises(
        InvalidValue,
        "return_id",
        lambda: SaleReturn.start(" ", ReturnableSale.from_completed(completed_sale()), "c", LATER),
    )
    raises(
        InvalidValue,
        "returned",
        lambda: ReturnableSale.from_completed(completed_sale(), {"x": D(1)}),
    )
    raises(
        InvalidValue,
        "quantity_returned",
        lambda: ReturnableSale.from_completed(completed_sale(), {"arroz": D(4)}),
    )
    raises(InvalidState, "status", lambda: SaleReturn("r").status)


def test_the_view_must_be_in_the_rate_s_reference_currency() -> None:
    line = ReturnableLine(
        "l", "p", "s", "n", TaxCategory.EXEMPT, False, D(1), ves("10.00"), ves("0")
    )

    raises(CurrencyMismatch, "amount_paid", lambda: ReturnableSale("s", RATE, (line,)))
    raises(InvalidValue, "lines", lambda: ReturnableSale("s", RATE, ()))
    raises(
        InvalidValue,
        "tax_paid",
        lambda: ReturnableLine(
            "l", "p", "s", "n", TaxCategory.GENERAL, False, D(1), usd("1"), usd("2")
        ),
    )


def full_return() -> SaleReturn:
    sale_return = start(returned={"harina": D(1)})
    sale_return.add_item("harina", D(2), restock=True)
    sale_return.add_item("queso", D("0.235"), restock=False)
    sale_return.refund([Tender("r1", TenderMethod.CASH, sale_return.amount)])
    sale_return.complete(LATER)
    return sale_return


def test_every_return_event_round_trips_and_replays() -> None:
    registry = EventRegistry()
    registry.register_all(EVENT_TYPES)
    cancelled = start()
    cancelled.cancel("changed mind", "cashier-2")
    live = full_return()
    events = [*live.pending_events, *cancelled.pending_events]

    assert {type(e) for e in events} == set(EVENT_TYPES)
    for event in events:
        payload = registry.to_payload(event)
        assert registry.from_payload(event.event_type, event.schema_version, payload) == event
    replayed = SaleReturn.replay("return-1", live.pending_events)
    assert (replayed.status, replayed.items, replayed.tenders, replayed.amount) == (
        live.status,
        live.items,
        live.tenders,
        live.amount,
    )


# -- properties -----------------------------------------------------------------------------


@st.composite
def returnable_sales(draw: st.DrawFn) -> ReturnableSale:
    lines = []
    for index in range(draw(st.integers(1, 4))):
        weighed = draw(st.booleans())
        sold = D(draw(st.integers(1, 5000))).scaleb(-3) if weighed else D(draw(st.integers(1, 12)))
        paid = D(draw(st.integers(0, 500_000))).scaleb(-2)
        tax = (paid * draw(st.sampled_from([D(0), D("0.08"), D("0.16")]))).quantize(D("0.01"))
        lines.append(
            ReturnableLine(
                f"l{index}",
                f"p{index}",
                "s",
                "n",
                TaxCategory.GENERAL,
                weighed,
                sold,
                usd(str(paid)),
                usd(str(tax)),
            )
        )
    return ReturnableSale("sale-9", RATE, tuple(lines))


@settings(max_examples=150, deadline=None)
@given(
    returnable_sales(), st.lists(st.tuples(st.integers(0, 3), st.integers(1, 6000)), max_size=20)
)
def test_returns_never_exceed_the_sale_in_quantity_or_amount(
    sale: ReturnableSale, attempts: list[tuple[int, int]]
) -> None:
    returned = {line.line_id: D(0) for line in sale.lines}
    refunded = {line.line_id: usd("0") for line in sale.lines}
    for number, (position, units) in enumerate(attempts):
        line = sale.lines[position % len(sale.lines)]
        quantity = D(units).scaleb(-3) if line.is_weighed else D(units % 7 + 1)
        view = _view(sale, returned)
        if all(each.quantity_returnable == 0 for each in view.lines):
            break
        sale_return = SaleReturn.start(f"r{number}", view, "c", LATER)
        if returned[line.line_id] + quantity > line.quantity_sold:
            with pytest.raises(InvalidValue) as caught:
                sale_return.add_item(line.line_id, quantity, restock=True)
            assert caught.value.field == "quantity"
            continue
        sale_return.add_item(line.line_id, quantity, restock=True)
        returned[line.line_id] += quantity
        refunded[line.line_id] += sale_return.amount

    for line in sale.lines:
        assert returned[line.line_id] <= line.quantity_sold
        assert refunded[line.line_id] <= line.amount_paid
        if returned[line.line_id] == line.quantity_sold:
            assert refunded[line.line_id] == line.amount_paid


def _view(sale: ReturnableSale, returned: dict[str, Decimal]) -> ReturnableSale:
    """The sale as the next return sees it, after what earlier returns took back."""
    return replace(
        sale,
        lines=tuple(replace(line, quantity_returned=returned[line.line_id]) for line in sale.lines),
    )
