"""Shifts through the real bus, store and read model: float, cash in and out, X and Z reports."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from fluxion_desktop.adapters.projections import ProjectionManager
from fluxion_desktop.adapters.read_models.shifts import SqlShiftQueries
from fluxion_desktop.application.authorization import Credentials
from fluxion_desktop.application.repository import EventFactory, Repository
from fluxion_desktop.application.shifts import (
    CashIn,
    CashOut,
    CloseShift,
    OpenShift,
    ShiftHandlers,
    ShiftView,
)
from fluxion_desktop.domain.errors import (
    InvalidState,
    InvalidValue,
    NotFound,
    PermissionDenied,
    WrongPin,
)
from fluxion_desktop.domain.money import Currency, Money
from fluxion_desktop.domain.shift import Shift, ShiftCashMovedIn, ShiftStatus
from fluxion_desktop.domain.shift_ledger import CashLine, ShiftTender, TenderLine
from fluxion_desktop.domain.shift_reports import (
    CashCount,
    CashReconciliation,
    CurrencyTotal,
    DenominationCount,
    ShiftInfo,
    TenderReconciliation,
    XReport,
    ZReport,
)
from tests.support.app import Till, open_till

USD, VES = Currency.USD, Currency.VES
NOON = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # the FakeClock's start
TWO_PM = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)
EIGHT_PM = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)
MARIA = Credentials("maria", "1234")


def usd(text: str) -> Money:
    return Money.of(text, "USD")


def ves(text: str) -> Money:
    return Money.of(text, "VES")


def count(currency: Currency, *rows: tuple[str, int]) -> CashCount:
    return CashCount(currency, tuple(DenominationCount(Decimal(d), n) for d, n in rows))


@dataclass
class ShiftTill:
    """A till with the shift handlers and read model wired the way bootstrap will wire them."""

    till: Till
    handlers: ShiftHandlers
    queries: SqlShiftQueries
    shifts: Repository[Shift]
    projections: ProjectionManager

    @property
    def device_id(self) -> str:
        return self.till.services.identity.device_id

    def handle(self, command: Any) -> Any:
        return self.till.services.bus.handle(command)

    def positions(self) -> int:
        return self.till.services.store.last_position()

    def record_sale(
        self, shift_id: str, sale_id: str, *tenders: ShiftTender, change: tuple[Money, ...] = ()
    ) -> None:
        """What the sale saga does when a sale completes (in the sale's transaction there)."""
        shift = self.shifts.get(shift_id)
        assert shift is not None
        shift.record_sale(sale_id, tenders, change)
        self.shifts.save(shift, self.till.cashier)

    def view(self, shift_id: str) -> ShiftView:
        found = self.queries.get(shift_id)
        assert found is not None
        return found


def wire_shifts(till: Till) -> ShiftTill:
    services = till.services
    factory = EventFactory(services.identity, services.registry, services.clock, services.ids)
    shifts = Repository(Shift, services.store, services.registry, factory)
    return ShiftTill(
        till, services.handlers.shifts, services.queries.shifts, shifts, services.projections
    )


@pytest.fixture
def st(tmp_path: Path) -> Iterator[ShiftTill]:
    till = open_till(tmp_path)
    yield wire_shifts(till)
    till.services.close()


def test_a_cashier_opens_a_shift_with_a_float_and_the_till_knows_it(st: ShiftTill) -> None:
    shift_id = st.handle(OpenShift(st.till.cashier, (usd("50.00"), ves("1000.00"))))

    view = st.queries.open_shift(st.device_id)

    assert view == ShiftView(
        shift_id, st.device_id, st.till.cashier, ShiftStatus.OPEN, NOON, None, None
    )
    assert st.queries.history() == [view]
    assert st.queries.open_shift("another-till") is None
    assert st.handlers.x_report(shift_id).cash == (
        CashLine(USD, usd("50.00"), usd("0"), usd("0"), usd("0"), usd("0"), usd("0")),
        CashLine(VES, ves("1000.00"), ves("0"), ves("0"), ves("0"), ves("0"), ves("0")),
    )


def test_a_second_shift_is_refused_while_one_is_open_on_the_till(st: ShiftTill) -> None:
    first = st.handle(OpenShift(st.till.cashier, (usd("50.00"),)))
    before = st.positions()

    with pytest.raises(InvalidState) as raised:
        st.handle(OpenShift(st.till.manager, (usd("20.00"),)))

    assert raised.value.field == "shift_id"
    assert first in str(raised.value)
    assert st.positions() == before


def test_opening_needs_a_user_who_sells_and_a_valid_float(st: ShiftTill) -> None:
    with pytest.raises(NotFound) as unknown:
        st.handle(OpenShift("nobody", (usd("50.00"),)))
    assert unknown.value.field == "user_id"
    with pytest.raises(InvalidValue) as negative:
        st.handle(OpenShift(st.till.cashier, (usd("-1.00"),)))
    assert negative.value.field == "opening_float"
    assert st.queries.history() == []


def test_cash_in_by_a_cashier_needs_a_managers_pin_and_records_the_manager(
    st: ShiftTill,
) -> None:
    shift_id = st.handle(OpenShift(st.till.cashier, (usd("50.00"),)))
    before = st.positions()
    cashier = st.till.cashier

    with pytest.raises(PermissionDenied) as no_right:
        st.handle(CashIn(cashier, shift_id, usd("20.00"), "cambio"))
    assert no_right.value.field == "user_id"
    with pytest.raises(WrongPin) as wrong_pin:
        st.handle(CashIn(cashier, shift_id, usd("20.00"), "cambio", Credentials("maria", "0000")))
    assert wrong_pin.value.field == "pin"
    with pytest.raises(PermissionDenied) as not_a_manager:
        st.handle(CashIn(cashier, shift_id, usd("20.00"), "cambio", Credentials("jose", "1111")))
    assert not_a_manager.value.field == "permission"
    stream = st.shifts.stream_id(shift_id)
    assert [e.version for e in st.till.services.store.read_stream(stream)] == [1]
    assert st.positions() > before  # the wrong PIN was recorded against María all the same

    st.handle(CashIn(cashier, shift_id, usd("20.00"), "cambio", MARIA))

    stored = st.till.services.store.read_stream(stream)[-1]
    registry = st.till.services.registry
    moved = registry.from_payload(stored.event_type, stored.schema_version, stored.payload)
    assert moved == ShiftCashMovedIn(usd("20.00"), "cambio", by=st.till.manager)
    assert stored.user_id == cashier
    assert st.handlers.x_report(shift_id).cash[0].expected == usd("70.00")


def test_cash_out_above_the_drawer_is_refused_naming_the_amount(st: ShiftTill) -> None:
    shift_id = st.handle(OpenShift(st.till.cashier, (usd("50.00"), ves("1000.00"))))
    manager = st.till.manager

    with pytest.raises(InvalidValue) as raised:
        st.handle(CashOut(manager, shift_id, usd("50.01"), "depósito bancario"))
    assert raised.value.field == "amount"

    st.handle(CashOut(manager, shift_id, usd("50.00"), "depósito bancario"))
    cash = st.handlers.x_report(shift_id).cash
    assert (cash[0].cash_out, cash[0].expected) == (usd("50.00"), usd("0.00"))
    assert cash[1].expected == ves("1000.00")


def test_x_report_mid_shift_and_z_report_read_back_through_the_queries(st: ShiftTill) -> None:
    cashier, manager = st.till.cashier, st.till.manager
    shift_id = st.handle(OpenShift(cashier, (usd("50.00"), ves("1000.00"))))
    st.record_sale(
        shift_id,
        "sale-1",
        ShiftTender("cash", usd("30.00")),
        ShiftTender("debit_card", ves("500.00")),
        change=(usd("2.50"),),
    )
    st.record_sale(shift_id, "sale-2", ShiftTender("pago_movil", ves("1200.00")))
    st.handle(CashIn(cashier, shift_id, usd("20.00"), "cambio", MARIA))
    st.handle(CashOut(manager, shift_id, usd("40.00"), "depósito bancario"))
    st.till.clock.advance(hours=2)

    # USD drawer: 50.00 float + 30.00 cash sales - 2.50 change + 20.00 in - 40.00 out = 57.50.
    cash_lines = (
        CashLine(
            USD, usd("50.00"), usd("30.00"), usd("2.50"), usd("20.00"), usd("40.00"), usd("0")
        ),
        CashLine(VES, ves("1000.00"), ves("0"), ves("0"), ves("0"), ves("0"), ves("0")),
    )
    tender_lines = (
        TenderLine("cash", USD, 1, usd("30.00"), 0, usd("0")),
        TenderLine("debit_card", VES, 1, ves("500.00"), 0, ves("0")),
        TenderLine("pago_movil", VES, 1, ves("1200.00"), 0, ves("0")),
    )
    info = ShiftInfo(shift_id, cashier, st.device_id, NOON)
    assert st.handlers.x_report(shift_id) == XReport(info, TWO_PM, 2, 0, cash_lines, tender_lines)
    assert st.view(shift_id).z_report is None

    st.till.clock.advance(hours=6)
    counted_usd = count(USD, ("20", 2), ("10", 1), ("5", 1), ("1", 2))  # 57.00: 0.50 short
    counted_ves = count(VES, ("500", 2))  # 1000.00
    closing = st.handle(
        CloseShift(
            cashier,
            shift_id,
            (counted_usd, counted_ves),
            (ShiftTender("pago_movil", ves("1150.00")),),
        )
    )

    expected = ZReport(
        shift=info,
        closed_at=EIGHT_PM,
        closed_by=cashier,
        sales_count=2,
        refunds_count=0,
        cash=cash_lines,
        tenders=tender_lines,
        counted_cash=(
            CashReconciliation(
                USD, usd("57.50"), usd("57.00"), usd("-0.50"), counted_usd.denominations
            ),
            CashReconciliation(
                VES, ves("1000.00"), ves("1000.00"), ves("0"), counted_ves.denominations
            ),
        ),
        counted_tenders=(
            # The card batch was not given: it counts as expected.
            TenderReconciliation("debit_card", VES, ves("500.00"), ves("500.00"), ves("0")),
            TenderReconciliation("pago_movil", VES, ves("1200.00"), ves("1150.00"), ves("-50.00")),
        ),
        totals=(
            CurrencyTotal(USD, usd("57.50"), usd("57.00"), usd("-0.50")),
            CurrencyTotal(VES, ves("2700.00"), ves("2650.00"), ves("-50.00")),
        ),
    )
    assert closing == expected
    assert st.handlers.z_report(shift_id) == expected
    assert st.view(shift_id) == ShiftView(
        shift_id, st.device_id, cashier, ShiftStatus.CLOSED, NOON, EIGHT_PM, expected
    )
    read_back = st.view(shift_id).z_report
    assert read_back is not None
    assert read_back.counted_cash[0].denominations == (
        DenominationCount(Decimal("20"), 2),
        DenominationCount(Decimal("10"), 1),
        DenominationCount(Decimal("5"), 1),
        DenominationCount(Decimal("1"), 2),
    )
    assert st.queries.open_shift(st.device_id) is None


def test_a_cashier_may_not_close_another_cashiers_shift_but_a_manager_may(
    st: ShiftTill,
) -> None:
    cashier, manager = st.till.cashier, st.till.manager
    managers_shift = st.handle(OpenShift(manager, (usd("10.00"),)))
    before = st.positions()

    with pytest.raises(PermissionDenied) as raised:
        st.handle(CloseShift(cashier, managers_shift, (count(USD, ("10", 1)),)))

    assert raised.value.field == "user_id"
    assert st.positions() == before
    st.handle(CloseShift(manager, managers_shift, (count(USD, ("10", 1)),)))

    cashiers_shift = st.handle(OpenShift(cashier, (usd("10.00"),)))
    report = st.handle(CloseShift(manager, cashiers_shift, (count(USD, ("5", 2)),)))
    assert (report.shift.cashier_id, report.closed_by) == (cashier, manager)
    assert [v.status for v in st.queries.history()] == [ShiftStatus.CLOSED] * 2


def test_everything_is_refused_after_close_and_a_new_shift_may_open(st: ShiftTill) -> None:
    manager = st.till.manager
    shift_id = st.handle(OpenShift(st.till.cashier, (usd("50.00"),)))
    with pytest.raises(InvalidState):
        st.handlers.z_report(shift_id)  # still open: take an X report instead
    st.handle(CloseShift(st.till.cashier, shift_id, (count(USD, ("50", 1)),)))
    before = st.positions()

    refused = [
        lambda: st.handle(CashIn(manager, shift_id, usd("1.00"), "cambio")),
        lambda: st.handle(CashOut(manager, shift_id, usd("1.00"), "retiro")),
        lambda: st.handle(CloseShift(manager, shift_id, (count(USD, ("50", 1)),))),
        lambda: st.handlers.x_report(shift_id),
        lambda: st.record_sale(shift_id, "late-sale", ShiftTender("cash", usd("1.00"))),
    ]
    for attempt in refused:
        with pytest.raises(InvalidState):
            attempt()
    with pytest.raises(InvalidState) as reused:
        st.handle(OpenShift(manager, (usd("50.00"),), shift_id=shift_id))
    assert reused.value.field == "shift_id"
    assert st.positions() == before

    next_shift = st.handle(OpenShift(manager, (usd("50.00"),)))
    assert st.queries.open_shift(st.device_id) == st.view(next_shift)


def test_unknown_shifts_are_not_found(st: ShiftTill) -> None:
    for attempt in (
        lambda: st.handle(CashIn(st.till.manager, "no-such-shift", usd("1.00"), "cambio")),
        lambda: st.handle(CloseShift(st.till.manager, "no-such-shift", ())),
        lambda: st.handlers.x_report("no-such-shift"),
        lambda: st.handlers.z_report("no-such-shift"),
    ):
        with pytest.raises(NotFound) as raised:
            attempt()
        assert raised.value.field == "shift_id"
    assert st.queries.get("no-such-shift") is None


def test_a_shift_synced_from_another_till_is_read_but_never_changed_here(
    st: ShiftTill, tmp_path: Path
) -> None:
    other = wire_shifts(open_till(tmp_path / "other-till"))
    try:
        theirs = other.handle(OpenShift(other.till.cashier, (usd("30.00"),)))
        pulled = other.till.services.store.read_stream(other.shifts.stream_id(theirs))
        st.till.services.store.import_remote(pulled)
    finally:
        other.till.services.close()

    assert st.view(theirs).device_id == other.device_id
    assert st.queries.open_shift(st.device_id) is None
    with pytest.raises(InvalidState) as raised:
        st.handle(CashOut(st.till.manager, theirs, usd("10.00"), "retiro"))
    assert raised.value.field == "shift_id"
    assert st.handle(OpenShift(st.till.cashier, (usd("50.00"),)))  # this till has none open


def test_the_read_model_equals_a_rebuild(st: ShiftTill) -> None:
    cashier = st.till.cashier
    closed = st.handle(OpenShift(cashier, (usd("50.00"), ves("1000.00"))))
    st.record_sale(closed, "sale-1", ShiftTender("cash", ves("250.00")))
    shift = st.shifts.get(closed)
    assert shift is not None
    shift.record_refund("return-1", (ShiftTender("cash", ves("50.00")),))
    st.shifts.save(shift, cashier)
    st.handle(CashIn(cashier, closed, usd("5.00"), "cambio", MARIA))
    st.handle(CloseShift(cashier, closed, (count(USD, ("50", 1), ("5", 1)),)))
    st.till.clock.advance(hours=8)
    still_open = st.handle(OpenShift(cashier, (usd("20.00"),)))
    st.record_sale(still_open, "sale-2", ShiftTender("cash", usd("3.00")))
    before = st.queries.history()

    assert st.projections.check() == []
    st.projections.rebuild()

    assert st.queries.history() == before
    assert [v.shift_id for v in before] == [still_open, closed]
    z_report = before[1].z_report
    assert z_report is not None
    assert (z_report.refunds_count, z_report.counted_cash[1].expected) == (1, ves("1200.00"))
