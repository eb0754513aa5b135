"""Shifts: the drawer per currency, tender totals, X and Z reports, and refusals."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from enum import StrEnum

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fluxion_desktop.application.event_registry import EventRegistry
from fluxion_desktop.domain.errors import DomainError, InvalidState, InvalidType, InvalidValue
from fluxion_desktop.domain.money import Currency, Money
from fluxion_desktop.domain.shift import (
    EVENT_TYPES,
    Shift,
    ShiftCashMovedIn,
    ShiftCashMovedOut,
    ShiftClosed,
    ShiftOpened,
    ShiftRefundRecorded,
    ShiftSaleRecorded,
    ShiftStatus,
)
from fluxion_desktop.domain.shift_ledger import CashLine, ShiftLedger, ShiftTender, TenderLine
from fluxion_desktop.domain.shift_reports import (
    DEFAULT_DENOMINATIONS,
    CashCount,
    CashReconciliation,
    CurrencyTotal,
    DenominationCount,
    ShiftInfo,
    TenderReconciliation,
    reconcile,
)

D = Decimal
USD, VES = Currency.USD, Currency.VES
OPENED = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
MIDDAY = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
CLOSING = datetime(2026, 11, 25, 17, 30, tzinfo=UTC)


def usd(text: str) -> Money:
    return Money.of(text, "USD")


def ves(text: str) -> Money:
    return Money.of(text, "VES")


def cash(amount: Money) -> ShiftTender:
    return ShiftTender("cash", amount)


def count(currency: Currency, *rows: tuple[str, int]) -> CashCount:
    return CashCount(currency, tuple(DenominationCount(D(value), n) for value, n in rows))


def opened() -> Shift:
    shift = Shift.open("s-1", "cashier-7", "till-2", (usd("20.00"), ves("500.00")), OPENED)
    shift.mark_committed()
    return shift


# -- the worked example ------------------------------------------------------------------------
# Rate of the day 36.50 VES/USD (only the sale knows it; the shift just records what moved).
#   open            float USD 20.00 and VES 500.00
#   sale s-1        USD 10.00 paid with a USD 12.00 note-and-coins; change USD 2.00 = VES 73.00
#   sale s-2        debit card (punto de venta) VES 1,234.56
#   cash in         VES 300.00 of small notes from the bank
#   -- X report at noon --
#   sale s-3        mixed: cash USD 5.00 + Pago Móvil VES 365.00 + cash VES 200.00, change VES 10
#   cash out        USD 10.00 to pay the ice supplier
#   return r-1      VES 100.00 back to the customer's debit card
#   close           counted USD 26.00 (one dollar short) and VES 917.50 (fifty céntimos over);
#                   card batch VES 1,130.56 (4.00 short); Pago Móvil not given: taken as expected


def worked_example() -> Shift:
    """The shift as it stands at the X report."""
    shift = Shift.open("s-1", "cashier-7", "till-2", (usd("20.00"), ves("500.00")), OPENED)
    shift.record_sale("s-1", (cash(usd("12.00")),), (ves("73.00"),))
    shift.record_sale("s-2", (ShiftTender("debit_card", ves("1234.56")),))
    shift.cash_in(ves("300.00"), "small notes from the bank", by="sup-1")
    return shift


def carry_on_to_close(shift: Shift) -> None:
    shift.record_sale(
        "s-3",
        (cash(usd("5.00")), ShiftTender("pago_movil", ves("365.00")), cash(ves("200.00"))),
        (ves("10.00"),),
    )
    shift.cash_out(usd("10.00"), "paid the ice supplier", by="sup-1")
    shift.record_refund("r-1", (ShiftTender("debit_card", ves("100.00")),))
    shift.close(
        (
            count(USD, ("1", 1), ("20", 1), ("5", 1)),
            count(VES, ("0.50", 5), ("500", 1), ("200", 2), ("10", 1), ("1", 5)),
        ),
        by="sup-1",
        at=CLOSING,
        counted_other=(ShiftTender("debit_card", ves("1130.56")),),
    )


def test_x_report_mid_shift() -> None:
    shift = worked_example()
    before = len(shift.pending_events)

    report = shift.x_report(MIDDAY)

    assert len(shift.pending_events) == before  # an X report records nothing
    assert report.shift == ShiftInfo("s-1", "cashier-7", "till-2", OPENED)
    assert (report.at, report.sales_count, report.refunds_count) == (MIDDAY, 2, 0)
    usd_line, ves_line = report.cash
    assert usd_line == CashLine(
        USD, usd("20.00"), usd("12.00"), usd("0"), usd("0"), usd("0"), usd("0")
    )
    assert usd_line.expected == usd("32.00")
    assert ves_line == CashLine(
        VES, ves("500.00"), ves("0"), ves("73.00"), ves("300.00"), ves("0"), ves("0")
    )
    assert ves_line.expected == ves("727.00")  # 500 - 73 + 300
    assert report.tenders == (
        TenderLine("cash", USD, 1, usd("12.00"), 0, usd("0")),
        TenderLine("debit_card", VES, 1, ves("1234.56"), 0, ves("0")),
    )
    assert shift.is_open


def test_z_report_of_the_worked_example() -> None:
    shift = worked_example()
    carry_on_to_close(shift)

    z = shift.z_report()

    assert (z.closed_at, z.closed_by, z.sales_count, z.refunds_count) == (CLOSING, "sup-1", 3, 1)
    # Drawer: USD 20 + 12 + 5 - 10 = 27.00; VES 500 + 200 - 73 - 10 + 300 = 917.00.
    assert [(line.currency, line.expected) for line in z.cash] == [
        (USD, usd("27.00")),
        (VES, ves("917.00")),
    ]
    assert z.cash[1] == CashLine(
        VES, ves("500"), ves("200"), ves("83.00"), ves("300"), ves("0"), ves("0")
    )
    assert z.tenders == (
        TenderLine("cash", USD, 2, usd("17.00"), 0, usd("0")),
        TenderLine("cash", VES, 1, ves("200.00"), 0, ves("0")),
        TenderLine("debit_card", VES, 1, ves("1234.56"), 1, ves("100.00")),
        TenderLine("pago_movil", VES, 1, ves("365.00"), 0, ves("0")),
    )
    assert z.counted_cash == (
        CashReconciliation(
            USD,
            expected=usd("27.00"),
            counted=usd("26.00"),
            variance=usd("-1.00"),
            denominations=(
                DenominationCount(D("20"), 1),
                DenominationCount(D("5"), 1),
                DenominationCount(D("1"), 1),
            ),
        ),
        CashReconciliation(
            VES,
            expected=ves("917.00"),
            counted=ves("917.50"),  # 500 + 400 + 10 + 5 + 2.50
            variance=ves("0.50"),
            denominations=(
                DenominationCount(D("500"), 1),
                DenominationCount(D("200"), 2),
                DenominationCount(D("10"), 1),
                DenominationCount(D("1"), 5),
                DenominationCount(D("0.50"), 5),
            ),
        ),
    )
    assert z.counted_tenders == (
        TenderReconciliation("debit_card", VES, ves("1134.56"), ves("1130.56"), ves("-4.00")),
        TenderReconciliation("pago_movil", VES, ves("365.00"), ves("365.00"), ves("0")),
    )
    # VES: 917.00 + 1134.56 + 365.00 expected, 917.50 + 1130.56 + 365.00 counted.
    assert z.totals == (
        CurrencyTotal(USD, usd("27.00"), usd("26.00"), usd("-1.00")),
        CurrencyTotal(VES, ves("2416.56"), ves("2413.06"), ves("-3.50")),
    )


def test_the_close_event_carries_the_z_figures() -> None:
    shift = worked_example()
    carry_on_to_close(shift)
    z = shift.z_report()

    closed = shift.pending_events[-1]

    assert closed == ShiftClosed(
        closed_by="sup-1",
        closed_at=CLOSING,
        cash=z.counted_cash,
        tenders=z.counted_tenders,
        totals=z.totals,
    )
    assert shift.status is ShiftStatus.CLOSED


def test_the_worked_example_events_in_order() -> None:
    shift = worked_example()
    carry_on_to_close(shift)

    assert [type(event) for event in shift.pending_events] == [
        ShiftOpened,
        ShiftSaleRecorded,
        ShiftSaleRecorded,
        ShiftCashMovedIn,
        ShiftSaleRecorded,
        ShiftCashMovedOut,
        ShiftRefundRecorded,
        ShiftClosed,
    ]
    assert shift.pending_events[0] == ShiftOpened(
        "s-1", "cashier-7", "till-2", (usd("20.00"), ves("500.00")), OPENED
    )
    assert shift.pending_events[3] == ShiftCashMovedIn(
        ves("300.00"), "small notes from the bank", "sup-1"
    )


# -- cash movements, sales and refunds -------------------------------------------------------------


def test_cash_refunds_leave_the_drawer() -> None:
    shift = opened()
    shift.record_sale("s-1", (cash(usd("15.00")),))

    shift.record_refund("r-1", (cash(usd("4.50")), ShiftTender("zelle", usd("3.00"))))

    line = shift.x_report(MIDDAY).cash[0]
    assert (line.cash_refunds, line.expected) == (usd("4.50"), usd("30.50"))
    assert shift.ledger.tender_line(("zelle", USD)) == TenderLine(
        "zelle", USD, 0, usd("0"), 1, usd("3.00")
    )


def test_two_payments_of_one_type_in_a_sale_count_as_one_sale() -> None:
    shift = opened()

    card = ShiftTender("debit_card", ves("100.00"))
    shift.record_sale("s-1", (card, ShiftTender("debit_card", ves("50.25"))))

    assert shift.ledger.tender_line(("debit_card", VES)).sales_count == 1
    assert shift.ledger.tender_line(("debit_card", VES)).sales_total == ves("150.25")


def test_a_sale_with_no_tenders_still_counts_as_a_sale() -> None:
    shift = opened()

    shift.record_sale("s-0", ())  # a fully discounted sale

    assert (shift.ledger.sales_count, shift.ledger.tenders) == (1, ())


def test_a_tender_method_enum_becomes_plain_text() -> None:
    class TenderMethod(StrEnum):  # the sale module's enum, as far as the shift can tell
        CASH = "cash"

    tender = ShiftTender(TenderMethod.CASH, usd("1"))

    assert type(tender.method) is str and tender.is_cash
    assert ShiftTender(" zelle ", usd("1")).method == "zelle"


def test_cash_in_a_currency_without_a_float_opens_its_line() -> None:
    shift = opened()

    shift.record_sale("s-1", (cash(Money.of("10.00", "EUR")),))

    assert [line.currency for line in shift.x_report(MIDDAY).cash] == [
        USD,
        Currency.EUR,
        VES,
    ]


def test_cash_out_may_take_everything_the_drawer_holds() -> None:
    shift = opened()

    shift.cash_out(usd("20.00"), "bank drop", by="sup-1")

    assert shift.expected_cash(USD) == usd("0")


def test_cash_out_above_the_expected_cash_is_refused() -> None:
    shift = opened()
    shift.record_sale("s-1", (cash(usd("5.00")),))

    with pytest.raises(InvalidValue) as caught:
        shift.cash_out(usd("25.01"), "bank drop", by="sup-1")

    assert caught.value.field == "amount"
    assert "USD 25.00" in str(caught.value)
    assert shift.pending_events[-1] == ShiftSaleRecorded("s-1", (cash(usd("5.00")),), ())


def test_cash_out_of_a_currency_never_in_the_drawer_is_refused() -> None:
    with pytest.raises(InvalidValue) as caught:
        opened().cash_out(Money.of("1", "EUR"), "bank drop", by="sup-1")

    assert caught.value.field == "amount"


def test_a_currency_expected_but_not_counted_counts_as_zero() -> None:
    shift = opened()

    shift.close((count(USD, ("20", 1)), count(Currency.EUR, ("5", 1))), by="sup-1", at=CLOSING)

    z = shift.z_report()
    assert [(c.currency, c.expected, c.counted, c.variance) for c in z.counted_cash] == [
        (USD, usd("20.00"), usd("20"), usd("0")),
        (Currency.EUR, Money.of("0", "EUR"), Money.of("5", "EUR"), Money.of("5", "EUR")),
        (VES, ves("500.00"), ves("0"), ves("-500.00")),
    ]
    assert z.counted_cash[2].denominations == ()


def test_a_counted_tender_type_never_sold_shows_as_a_variance() -> None:
    shift = opened()

    shift.close((), by="sup-1", at=CLOSING, counted_other=(ShiftTender("zelle", usd("8.00")),))

    assert shift.z_report().counted_tenders == (
        TenderReconciliation("zelle", USD, usd("0"), usd("8.00"), usd("8.00")),
    )


# -- refusals ------------------------------------------------------------------------------------

Command = Callable[[Shift], object]


@pytest.mark.parametrize(
    ("args", "error", "field"),
    [
        (("", "c", "d", (), OPENED), InvalidValue, "shift_id"),
        (("s", " ", "d", (), OPENED), InvalidValue, "cashier_id"),
        (("s", "c", "", (), OPENED), InvalidValue, "device_id"),
        (("s", "c", "d", (usd("-1"),), OPENED), InvalidValue, "opening_float"),
        (("s", "c", "d", (usd("1"), usd("2")), OPENED), InvalidValue, "opening_float"),
        (("s", "c", "d", (usd("1.005"),), OPENED), InvalidValue, "opening_float"),
        (("s", "c", "d", (D("20"),), OPENED), InvalidType, "opening_float"),
        (("s", "c", "d", usd("20"), OPENED), InvalidType, "opening_float"),
        (("s", "c", "d", (), datetime(2026, 11, 25, 8)), InvalidValue, "at"),
        (("s", "c", "d", (), "2026-11-25"), InvalidType, "at"),
    ],
)
def test_open_refuses(args: tuple[object, ...], error: type[DomainError], field: str) -> None:
    with pytest.raises(error) as caught:
        Shift.open(*args)  # type: ignore[arg-type]

    assert caught.value.field == field


def test_a_zero_float_and_an_empty_float_are_fine() -> None:
    assert Shift.open("s", "c", "d", (usd("0"),), OPENED).expected_cash(USD) == usd("0")
    assert Shift.open("s", "c", "d", (), OPENED).x_report(MIDDAY).cash == ()


@pytest.mark.parametrize(
    ("command", "error", "field"),
    [
        (lambda s: s.cash_in(usd("0"), "r", "b"), InvalidValue, "amount"),
        (lambda s: s.cash_in(usd("-5"), "r", "b"), InvalidValue, "amount"),
        (lambda s: s.cash_in(D("5"), "r", "b"), InvalidType, "amount"),
        (lambda s: s.cash_in(usd("5"), " ", "b"), InvalidValue, "reason"),
        (lambda s: s.cash_in(usd("5"), "r", ""), InvalidValue, "by"),
        (lambda s: s.cash_out(usd("5"), "", "b"), InvalidValue, "reason"),
        (lambda s: s.cash_out(usd("0.001"), "r", "b"), InvalidValue, "amount"),
        (lambda s: s.record_sale("", (cash(usd("1")),)), InvalidValue, "sale_id"),
        (lambda s: s.record_sale("x", (cash(usd("0")),)), InvalidValue, "tenders"),
        (lambda s: s.record_sale("x", (usd("1"),)), InvalidType, "tenders"),
        (lambda s: s.record_sale("x", cash(usd("1"))), InvalidType, "tenders"),
        (lambda s: s.record_sale("x", (), (ves("-1"),)), InvalidValue, "change"),
        (lambda s: s.record_sale("x", (), (ves("1"), ves("2"))), InvalidValue, "change"),
        (lambda s: s.record_sale("x", (), ("1",)), InvalidType, "change"),
        (lambda s: s.record_refund("", (cash(usd("1")),)), InvalidValue, "return_id"),
        (lambda s: s.record_refund("r", ()), InvalidValue, "refunds"),
        (lambda s: s.record_refund("r", (cash(usd("-1")),)), InvalidValue, "refunds"),
        (lambda s: s.close((), "", CLOSING), InvalidValue, "by"),
        (lambda s: s.close((), "b", OPENED - timedelta(seconds=1)), InvalidValue, "at"),
        (lambda s: s.close((), "b", datetime(2026, 11, 25, 17)), InvalidValue, "at"),
        (lambda s: s.close(count(USD), "b", CLOSING), InvalidType, "counted"),
        (lambda s: s.close((usd("20"),), "b", CLOSING), InvalidType, "counted"),
        (lambda s: s.close((count(USD), count(USD)), "b", CLOSING), InvalidValue, "counted"),
        (
            lambda s: s.close((), "b", CLOSING, (cash(usd("1")),)),
            InvalidValue,
            "counted_other",
        ),
        (
            lambda s: s.close(
                (), "b", CLOSING, (ShiftTender("zelle", usd("1")), ShiftTender("zelle", usd("2")))
            ),
            InvalidValue,
            "counted_other",
        ),
        (lambda s: s.close((), "b", CLOSING, (usd("1"),)), InvalidType, "counted_other"),
    ],
)
def test_commands_refuse_bad_input(command: Command, error: type[DomainError], field: str) -> None:
    shift = opened()

    with pytest.raises(error) as caught:
        command(shift)

    assert caught.value.field == field
    assert shift.pending_events == ()


def test_a_sale_or_return_is_recorded_only_once() -> None:
    shift = opened()
    shift.record_sale("s-1", (cash(usd("1")),))
    shift.record_refund("r-1", (cash(usd("1")),))

    with pytest.raises(InvalidState) as sale:
        shift.record_sale(" s-1 ", (cash(usd("1")),))
    with pytest.raises(InvalidState) as refund:
        shift.record_refund("r-1", (cash(usd("1")),))

    assert (sale.value.field, refund.value.field) == ("sale_id", "return_id")


ALL_COMMANDS: list[Command] = [
    lambda s: s.cash_in(usd("1"), "r", "b"),
    lambda s: s.cash_out(usd("1"), "r", "b"),
    lambda s: s.record_sale("s-9", (cash(usd("1")),)),
    lambda s: s.record_refund("r-9", (cash(usd("1")),)),
    lambda s: s.close((), "b", CLOSING),
    lambda s: s.x_report(CLOSING),
]


@pytest.mark.parametrize("command", ALL_COMMANDS)
def test_everything_is_refused_after_close(command: Command) -> None:
    shift = opened()
    shift.close((count(USD, ("20", 1)),), by="sup-1", at=CLOSING)
    shift.mark_committed()

    with pytest.raises(InvalidState) as caught:
        command(shift)

    assert caught.value.field is None
    assert "closed" in str(caught.value)
    assert shift.pending_events == ()


@pytest.mark.parametrize("command", ALL_COMMANDS)
def test_everything_is_refused_before_open(command: Command) -> None:
    with pytest.raises(InvalidState) as caught:
        command(Shift("s-1"))

    assert "not been opened" in str(caught.value)


def test_a_z_report_needs_a_closed_shift() -> None:
    with pytest.raises(InvalidState):
        opened().z_report()


# -- counts and denominations --------------------------------------------------------------------


def test_a_count_is_ordered_largest_first_and_sums_its_rows() -> None:
    counted = count(VES, ("0.50", 3), ("100", 2), ("5", 1))

    assert [row.denomination for row in counted.denominations] == [D(100), D(5), D("0.50")]
    assert counted.total == ves("206.50")


def test_any_positive_denomination_is_accepted_but_unusual_ones_are_flagged() -> None:
    counted = count(VES, ("0.25", 4), ("100", 1))

    assert counted.total == ves("101.00")
    assert counted.unusual_denominations() == (D("0.25"),)


def test_a_blank_count_sheet_uses_the_default_denominations() -> None:
    sheet = CashCount.blank(VES)

    assert [row.denomination for row in sheet.denominations] == list(DEFAULT_DENOMINATIONS[VES])
    assert DEFAULT_DENOMINATIONS[VES] == tuple(
        D(v) for v in ("500", "200", "100", "50", "20", "10", "5", "1", "0.50")
    )
    assert DEFAULT_DENOMINATIONS[USD] == tuple(
        D(v) for v in ("100", "50", "20", "10", "5", "2", "1")
    )
    assert sheet.total == ves("0")


@pytest.mark.parametrize(
    ("make", "error", "field"),
    [
        (lambda: DenominationCount(D(0), 1), InvalidValue, "denomination"),
        (lambda: DenominationCount(D("-5"), 1), InvalidValue, "denomination"),
        (lambda: DenominationCount(5.0, 1), InvalidType, "denomination"),  # type: ignore[arg-type]
        (lambda: DenominationCount(D(5), -1), InvalidValue, "count"),
        (lambda: DenominationCount(D(5), True), InvalidType, "count"),
        (lambda: DenominationCount(D(5), D(2)), InvalidType, "count"),  # type: ignore[arg-type]
        (lambda: count(VES, ("10", 1), ("10.00", 2)), InvalidValue, "denominations"),
        (lambda: count(VES, ("0.005", 1)), InvalidValue, "denomination"),
        (lambda: CashCount("USD", ()), InvalidType, "currency"),  # type: ignore[arg-type]
        (lambda: CashCount(USD, (("20", 1),)), InvalidType, "denominations"),  # type: ignore[arg-type]
        (lambda: ShiftTender("", usd("1")), InvalidValue, "method"),
        (lambda: ShiftTender("cash", D(1)), InvalidType, "amount"),  # type: ignore[arg-type]
    ],
)
def test_value_objects_refuse_bad_input(
    make: Callable[[], object], error: type[DomainError], field: str
) -> None:
    with pytest.raises(error) as caught:
        make()

    assert caught.value.field == field


# -- the pure ledger and reconciliation, without an aggregate ------------------------------------


def test_ledger_and_reconcile_on_their_own() -> None:
    ledger = (
        ShiftLedger.opened((ves("100"),))
        .with_sale((cash(ves("50.00")), ShiftTender("zelle", usd("10"))), (ves("5.00"),))
        .with_cash_in(ves("20"))
        .with_cash_out(ves("30"))
        .with_refund((cash(ves("7.25")),))
    )

    assert ledger.expected_cash(VES) == ves("127.75")  # 100 + 50 - 5 + 20 - 30 - 7.25
    figures = reconcile(ledger, (count(VES, ("100", 1), ("20", 1), ("5", 1), ("1", 2)),))
    assert figures.cash[0].variance == ves("-0.75")
    assert figures.tenders == (TenderReconciliation("zelle", USD, usd("10"), usd("10"), usd("0")),)
    assert figures.totals == (
        CurrencyTotal(USD, usd("10"), usd("10"), usd("0")),
        CurrencyTotal(VES, ves("127.75"), ves("127"), ves("-0.75")),
    )


sales = st.lists(
    st.tuples(
        st.sampled_from(["cash", "debit_card", "pago_movil"]),
        st.sampled_from([USD, VES]),
        st.decimals(min_value=D("0.01"), max_value=D("5000"), places=2),
        st.decimals(min_value=D("0"), max_value=D("50"), places=2),
    ),
    max_size=12,
)


@given(sales, st.randoms(use_true_random=False))
def test_the_report_does_not_depend_on_the_order_of_sales(
    facts: list[tuple[str, Currency, Decimal, Decimal]], rnd: random.Random
) -> None:
    def ledger_of(order: list[tuple[str, Currency, Decimal, Decimal]]) -> ShiftLedger:
        ledger = ShiftLedger.opened((usd("20"), ves("500")))
        for method, currency, paid, change in order:
            given_back = (Money(change, VES),) if change else ()
            ledger = ledger.with_sale((ShiftTender(method, Money(paid, currency)),), given_back)
        return ledger

    shuffled = list(facts)
    rnd.shuffle(shuffled)

    forward, mixed = ledger_of(facts), ledger_of(shuffled)
    assert forward == mixed
    cash_in = sum((p for m, c, p, _ in facts if m == "cash" and c is VES), D(0))
    assert forward.expected_cash(VES).amount == 500 + cash_in - sum((ch for *_, ch in facts), D(0))


# -- event sourcing ------------------------------------------------------------------------------


def closed_example() -> Shift:
    shift = worked_example()
    carry_on_to_close(shift)
    return shift


def test_replay_equals_live() -> None:
    live = closed_example()

    replayed = Shift.replay("s-1", live.pending_events)

    assert replayed.z_report() == live.z_report()
    assert replayed.snapshot_state() == live.snapshot_state()
    assert replayed.version == 8


def test_replay_equals_live_mid_shift() -> None:
    live = worked_example()

    replayed = Shift.replay("s-1", live.pending_events)

    assert replayed.x_report(MIDDAY) == live.x_report(MIDDAY)
    assert replayed.sale_ids == {"s-1", "s-2"}


@pytest.mark.parametrize("closed", [False, True])
def test_snapshot_and_restore_equal_replay(closed: bool) -> None:
    live = closed_example() if closed else worked_example()
    replayed = Shift.replay("s-1", live.pending_events)
    restored = Shift("s-1")

    restored.restore_state(live.snapshot_state())

    assert restored.snapshot_state() == replayed.snapshot_state()
    assert restored.ledger == replayed.ledger
    assert restored.status is replayed.status
    assert restored.info == replayed.info
    if closed:
        assert restored.z_report() == replayed.z_report()
    else:
        restored.record_sale("s-9", (cash(usd("1")),))
        with pytest.raises(InvalidState):
            restored.record_sale("s-1", (cash(usd("1")),))


def test_a_snapshot_is_plain_json_with_decimal_strings() -> None:
    import json

    state = closed_example().snapshot_state()

    text = json.dumps(state)
    assert '"amount": "1234.56"' in text
    assert json.loads(text) == state


def test_every_event_round_trips_through_the_registry() -> None:
    registry = EventRegistry()
    registry.register_all(EVENT_TYPES)
    events = closed_example().pending_events
    assert {type(event) for event in events} == set(EVENT_TYPES)

    for event in events:
        payload = registry.to_payload(event)
        assert registry.from_payload(event.event_type, event.schema_version, payload) == event
