"""Stock as per-device movements: worked examples, policies, alerts, deltas and snapshots."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fluxion_desktop.application.event_registry import EventRegistry
from fluxion_desktop.domain.alerts import Severity
from fluxion_desktop.domain.catalog import Unit
from fluxion_desktop.domain.errors import (
    DomainError,
    InsufficientStock,
    InvalidType,
    InvalidValue,
    PermissionDenied,
)
from fluxion_desktop.domain.events import DomainEvent
from fluxion_desktop.domain.inventory import (
    DEFAULT_NEGATIVE_STOCK_POLICY,
    EVENT_TYPES,
    AdjustmentReason,
    InventoryItem,
    LowStockAlertRaised,
    NegativeStockPolicy,
    StockAdjusted,
    StockCounted,
    StockLimitsSet,
    StockMovement,
    StockReceived,
    StockReturned,
    StockSaleReleased,
    StockSold,
    StockTransferredIn,
    StockTransferredOut,
    stock_delta,
)
from fluxion_desktop.domain.money import Money
from fluxion_desktop.domain.stock_level import StockLevel
from tests.support.sample_events import TallyOpened

D = Decimal
PIECE, KG = Unit.PIECE, Unit.KG
BLOCK, WARN, PIN = (
    NegativeStockPolicy.BLOCK,
    NegativeStockPolicy.WARN,
    NegativeStockPolicy.ALLOW_WITH_PIN,
)
KEYS = {"product_id": "p-arroz", "device_id": "till-1"}


def untyped(value: object) -> Any:
    """Pass `value` where the signature wants another type, as an untyped caller would."""
    return value


def item() -> InventoryItem:
    return InventoryItem.for_device("p-arroz", "till-1")


def at(current: str, minimum: str = "2", maximum: str | None = None) -> StockLevel:
    return StockLevel(D(current), D(minimum), None if maximum is None else D(maximum))


def movements(stock: InventoryItem) -> list[StockMovement]:
    return [e for e in stock.pending_events if isinstance(e, StockMovement)]


def alerts(stock: InventoryItem) -> list[LowStockAlertRaised]:
    return [e for e in stock.pending_events if isinstance(e, LowStockAlertRaised)]


# --- identity of the stream ---------------------------------------------------------------


def test_the_id_joins_product_and_device() -> None:
    stock = item()

    assert InventoryItem.id_for("p-arroz", "till-1") == stock.id == "p-arroz@till-1"
    assert (stock.product_id, stock.device_id, stock.version) == ("p-arroz", "till-1", 0)
    assert stock.pending_events == ()


def test_a_product_id_may_contain_the_separator() -> None:
    stock = InventoryItem(InventoryItem.id_for("ana@hq", "till-2"))

    assert (stock.product_id, stock.device_id) == ("ana@hq", "till-2")


@pytest.mark.parametrize(
    ("product_id", "device_id", "error", "field"),
    [
        ("", "till-1", InvalidValue, "product_id"),
        ("p-1", "  ", InvalidValue, "device_id"),
        ("p-1", "till@1", InvalidValue, "device_id"),
        (7, "till-1", InvalidType, "product_id"),
    ],
)
def test_bad_ids_are_refused(
    product_id: Any, device_id: Any, error: type[DomainError], field: str
) -> None:
    with pytest.raises(error) as caught:
        InventoryItem.id_for(product_id, device_id)

    assert caught.value.field == field


@pytest.mark.parametrize("aggregate_id", ["p-1", "p-1@", "@till-1"])
def test_an_aggregate_id_without_both_parts_is_refused(aggregate_id: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        InventoryItem(aggregate_id)

    assert caught.value.field == "aggregate_id"


# --- worked examples ----------------------------------------------------------------------


def test_receive_10_sell_3_count_5_records_a_difference_of_minus_2() -> None:
    stock = item()

    stock.receive(D(10), at("0", "0"), "GR-0042", Money.of("0.80", "USD"), unit=PIECE)
    stock.sell(D(3), at("10", "0"), "sale-1", WARN, unit=PIECE)
    stock.count(D(5), at("7", "0"), unit=PIECE)

    assert stock.pending_events == (
        StockReceived(
            **KEYS,
            level_after=D(10),
            quantity=D(10),
            reference="GR-0042",
            unit_cost=Money.of("0.80", "USD"),
        ),
        StockSold(
            **KEYS,
            level_after=D(7),
            quantity=D(3),
            sale_id="sale-1",
            went_negative=False,
            override_by=None,
        ),
        StockCounted(**KEYS, level_after=D(5), counted=D(5), difference=D(-2)),
    )
    assert [stock_delta(e) for e in stock.pending_events] == [D(10), D(-3), D(-2)]
    assert stock.net_movement == D(5)
    assert stock.last_level_after == D(5)


def test_two_tills_sum_to_the_store_level() -> None:
    # Till 1 receives 24 and sells 5; till 2, seeing 19, sells 4; the store holds 15.
    till_1 = InventoryItem.for_device("p-arroz", "till-1")
    till_2 = InventoryItem.for_device("p-arroz", "till-2")

    till_1.receive(D(24), at("0"), unit=PIECE)
    till_1.sell(D(5), at("24"), "sale-1", WARN, unit=PIECE)
    till_2.sell(D(4), at("19"), "sale-2", WARN, unit=PIECE)

    events = [*till_1.pending_events, *till_2.pending_events]
    assert sum(d for e in events if (d := stock_delta(e)) is not None) == D(15)
    assert (till_1.net_movement, till_2.net_movement) == (D(19), D(-4))
    assert till_2.pending_events[-1] == StockSold(
        product_id="p-arroz",
        device_id="till-2",
        level_after=D(15),
        quantity=D(4),
        sale_id="sale-2",
        went_negative=False,
        override_by=None,
    )


def test_weighed_goods_move_in_fractions_of_a_kilo() -> None:
    stock = item()

    stock.receive(D("2.500"), at("0", "1"), unit=KG)
    stock.sell(D("0.750"), at("2.500", "1"), "sale-9", BLOCK, unit=KG)

    assert [m.level_after for m in movements(stock)] == [D("2.500"), D("1.750")]


def test_release_and_return_put_stock_back() -> None:
    stock = item()

    stock.release_sale(D(2), at("8"), "sale-3", unit=PIECE)
    stock.return_to_stock(D(1), at("10"), "sale-1", "ret-1", unit=PIECE)

    assert stock.pending_events == (
        StockSaleReleased(**KEYS, level_after=D(10), quantity=D(2), sale_id="sale-3"),
        StockReturned(
            **KEYS, level_after=D(11), quantity=D(1), sale_id="sale-1", return_id="ret-1"
        ),
    )


def test_transfers_between_stores() -> None:
    stock = item()

    stock.transfer_out(D(6), "store-2", "tr-7", at("10"), unit=PIECE)
    stock.transfer_in(D(3), "store-3", "tr-8", at("4"), unit=PIECE)

    assert stock.pending_events == (
        StockTransferredOut(
            **KEYS, level_after=D(4), quantity=D(6), to_store="store-2", transfer_id="tr-7"
        ),
        StockTransferredIn(
            **KEYS, level_after=D(7), quantity=D(3), from_store="store-3", transfer_id="tr-8"
        ),
    )


def test_a_transfer_cannot_send_more_than_the_store_holds() -> None:
    stock = item()

    with pytest.raises(InsufficientStock) as caught:
        stock.transfer_out(D(6), "store-2", "tr-7", at("5"), unit=PIECE)

    assert caught.value.field == "quantity"
    assert stock.pending_events == ()
    stock.transfer_out(D(5), "store-2", "tr-7", at("5", "0"), unit=PIECE)
    assert movements(stock)[0].level_after == D(0)


def test_adjustments_are_signed_and_may_go_below_zero() -> None:
    stock = item()

    stock.adjust(D(-3), AdjustmentReason.DAMAGE, " wet sacks ", at("10"), unit=PIECE)
    stock.adjust(D(-9), untyped("theft"), "", at("7", "0"), unit=PIECE)
    stock.adjust(D(4), AdjustmentReason.OTHER, "found behind the shelf", at("-2", "0"), unit=PIECE)

    assert movements(stock) == [
        StockAdjusted(
            **KEYS, level_after=D(7), delta=D(-3), reason=AdjustmentReason.DAMAGE, note="wet sacks"
        ),
        StockAdjusted(
            **KEYS, level_after=D(-2), delta=D(-9), reason=AdjustmentReason.THEFT, note=""
        ),
        StockAdjusted(
            **KEYS,
            level_after=D(2),
            delta=D(4),
            reason=AdjustmentReason.OTHER,
            note="found behind the shelf",
        ),
    ]


def test_a_count_that_matches_is_still_recorded() -> None:
    stock = item()

    stock.count(D(7), at("7"), unit=PIECE)

    assert stock.pending_events == (
        StockCounted(**KEYS, level_after=D(7), counted=D(7), difference=D(0)),
    )
    assert stock_delta(stock.pending_events[0]) == D(0)


def test_a_count_resets_negative_stock() -> None:
    stock = item()

    stock.count(D("1.250"), at("-3", "0"), unit=KG)

    assert movements(stock) == [
        StockCounted(**KEYS, level_after=D("1.250"), counted=D("1.250"), difference=D("4.250"))
    ]


def test_set_limits() -> None:
    stock = item()

    stock.set_limits(D(5), D(40))
    stock.set_limits(D(3))

    assert stock.pending_events == (
        StockLimitsSet(**KEYS, minimum=D(5), maximum=D(40)),
        StockLimitsSet(**KEYS, minimum=D(3), maximum=None),
    )
    assert (stock.minimum, stock.maximum) == (D(3), None)
    assert stock.movements == 0


@pytest.mark.parametrize(
    ("minimum", "maximum", "error", "field"),
    [
        (D(-1), None, InvalidValue, "minimum"),
        (D(10), D(9), InvalidValue, "maximum"),
        (5.0, None, InvalidType, "minimum"),
        (D(1), 9.5, InvalidType, "maximum"),
    ],
)
def test_bad_limits_are_refused(
    minimum: Any, maximum: Any, error: type[DomainError], field: str
) -> None:
    stock = item()

    with pytest.raises(error) as caught:
        stock.set_limits(minimum, maximum)

    assert caught.value.field == field
    assert stock.pending_events == ()


# --- the negative-stock policy ------------------------------------------------------------


def test_warn_is_the_default_policy() -> None:
    assert DEFAULT_NEGATIVE_STOCK_POLICY is NegativeStockPolicy.WARN


def test_block_refuses_an_oversell() -> None:
    stock = item()

    with pytest.raises(InsufficientStock) as caught:
        stock.sell(D(3), at("2"), "sale-1", BLOCK, unit=PIECE)

    assert caught.value.field == "quantity"
    assert "only 2 in stock" in str(caught.value)
    assert stock.pending_events == ()


def test_block_lets_the_last_unit_go() -> None:
    stock = item()

    stock.sell(D(2), at("2", "0"), "sale-1", BLOCK, unit=PIECE)

    sold = movements(stock)[0]
    assert isinstance(sold, StockSold)
    assert (sold.level_after, sold.went_negative) == (D(0), False)


def test_warn_records_the_oversell_as_negative() -> None:
    stock = item()

    stock.sell(D(3), at("2", "0"), "sale-1", WARN, unit=PIECE)

    assert movements(stock) == [
        StockSold(
            **KEYS,
            level_after=D(-1),
            quantity=D(3),
            sale_id="sale-1",
            went_negative=True,
            override_by=None,
        )
    ]


def test_warn_keeps_a_managers_name_given_for_an_oversell() -> None:
    stock = item()

    stock.sell(D(3), at("-1", "0"), "sale-1", untyped("warn"), " mgr-7 ", unit=PIECE)

    sold = movements(stock)[0]
    assert isinstance(sold, StockSold)
    assert (sold.went_negative, sold.override_by, sold.level_after) == (True, "mgr-7", D(-4))


@pytest.mark.parametrize("override_by", [None, "", "   "])
def test_allow_with_pin_needs_a_manager(override_by: str | None) -> None:
    stock = item()

    with pytest.raises(PermissionDenied) as caught:
        stock.sell(D(3), at("2"), "sale-1", PIN, override_by, unit=PIECE)

    assert caught.value.field == "override_by"
    assert stock.pending_events == ()


def test_allow_with_pin_records_who_allowed_the_oversell() -> None:
    stock = item()

    stock.sell(D(3), at("2", "0"), "sale-1", PIN, "mgr-7", unit=PIECE)

    sold = movements(stock)[0]
    assert isinstance(sold, StockSold)
    assert (sold.went_negative, sold.override_by, sold.level_after) == (True, "mgr-7", D(-1))


@pytest.mark.parametrize("policy", list(NegativeStockPolicy))
def test_a_covered_sale_needs_no_override_and_keeps_none(policy: NegativeStockPolicy) -> None:
    stock = item()

    stock.sell(D(3), at("10", "0"), "sale-1", policy, "mgr-7", unit=PIECE)

    sold = movements(stock)[0]
    assert isinstance(sold, StockSold)
    assert (sold.went_negative, sold.override_by, sold.level_after) == (False, None, D(7))


# --- bad input ----------------------------------------------------------------------------

Command = Callable[[InventoryItem], None]


def _sell(**kwargs: Any) -> Command:
    args: dict[str, Any] = {
        "quantity": D(1),
        "level": at("10"),
        "sale_id": "sale-1",
        "policy": WARN,
        "override_by": None,
        "unit": PIECE,
    }
    args.update(kwargs)
    return lambda stock: stock.sell(**args)


BAD_COMMANDS: list[tuple[str, Command, type[DomainError], str]] = [
    ("zero", _sell(quantity=D(0)), InvalidValue, "quantity"),
    ("negative", _sell(quantity=D(-1)), InvalidValue, "quantity"),
    ("float", _sell(quantity=1.0), InvalidType, "quantity"),
    ("half piece", _sell(quantity=D("1.5")), InvalidValue, "quantity"),
    ("unknown unit", _sell(unit="litre"), InvalidValue, "unit"),
    ("no level", _sell(level=D(10)), InvalidType, "level"),
    ("no sale", _sell(sale_id=" "), InvalidValue, "sale_id"),
    ("bad policy", _sell(policy="maybe"), InvalidValue, "policy"),
    ("override type", _sell(level=at("0"), override_by=7), InvalidType, "override_by"),
    (
        "negative cost",
        lambda s: s.receive(D(1), at("0"), "", Money.of("-1", "USD"), unit=PIECE),
        InvalidValue,
        "unit_cost",
    ),
    (
        "cost type",
        lambda s: s.receive(D(1), at("0"), "", untyped(D("0.80")), unit=PIECE),
        InvalidType,
        "unit_cost",
    ),
    (
        "reference type",
        lambda s: s.receive(D(1), at("0"), untyped(42), unit=PIECE),
        InvalidType,
        "reference",
    ),
    (
        "release sale",
        lambda s: s.release_sale(D(1), at("0"), "", unit=PIECE),
        InvalidValue,
        "sale_id",
    ),
    (
        "return sale",
        lambda s: s.return_to_stock(D(1), at("0"), "", "ret-1", unit=PIECE),
        InvalidValue,
        "sale_id",
    ),
    (
        "return id",
        lambda s: s.return_to_stock(D(1), at("0"), "sale-1", "", unit=PIECE),
        InvalidValue,
        "return_id",
    ),
    (
        "zero delta",
        lambda s: s.adjust(D(0), AdjustmentReason.CORRECTION, "", at("0"), unit=PIECE),
        InvalidValue,
        "delta",
    ),
    (
        "half delta",
        lambda s: s.adjust(D("-0.5"), AdjustmentReason.DAMAGE, "", at("0"), unit=PIECE),
        InvalidValue,
        "delta",
    ),
    (
        "other without note",
        lambda s: s.adjust(D(1), AdjustmentReason.OTHER, "  ", at("0"), unit=PIECE),
        InvalidValue,
        "note",
    ),
    (
        "bad reason",
        lambda s: s.adjust(D(1), untyped("lost"), "", at("0"), unit=PIECE),
        InvalidValue,
        "reason",
    ),
    ("negative count", lambda s: s.count(D(-1), at("0"), unit=KG), InvalidValue, "counted"),
    ("half count", lambda s: s.count(D("2.5"), at("0"), unit=PIECE), InvalidValue, "counted"),
    ("float count", lambda s: s.count(untyped(2.0), at("0"), unit=KG), InvalidType, "counted"),
    (
        "to store",
        lambda s: s.transfer_out(D(1), "", "tr-1", at("9"), unit=PIECE),
        InvalidValue,
        "to_store",
    ),
    (
        "out id",
        lambda s: s.transfer_out(D(1), "store-2", "", at("9"), unit=PIECE),
        InvalidValue,
        "transfer_id",
    ),
    (
        "from store",
        lambda s: s.transfer_in(D(1), "", "tr-1", at("9"), unit=PIECE),
        InvalidValue,
        "from_store",
    ),
    (
        "in id",
        lambda s: s.transfer_in(D(1), "store-2", " ", at("9"), unit=PIECE),
        InvalidValue,
        "transfer_id",
    ),
]


@pytest.mark.parametrize(
    ("command", "error", "field"), [c[1:] for c in BAD_COMMANDS], ids=[c[0] for c in BAD_COMMANDS]
)
def test_bad_input_is_refused_naming_the_field(
    command: Command, error: type[DomainError], field: str
) -> None:
    stock = item()

    with pytest.raises(error) as caught:
        command(stock)

    assert caught.value.field == field
    assert stock.pending_events == ()


# --- low-stock alerts ---------------------------------------------------------------------


def _sell_from(current: str, quantity: str, minimum: str = "2") -> InventoryItem:
    stock = item()
    stock.sell(D(quantity), at(current, minimum), "sale-1", WARN, unit=KG)
    return stock


@pytest.mark.parametrize(
    ("current", "quantity", "minimum", "severity"),
    [
        ("5", "3", "2", Severity.WARNING),  # lands exactly on the minimum
        ("5", "4", "2", Severity.WARNING),  # lands between zero and the minimum
        ("2.001", "0.001", "2", Severity.WARNING),  # crosses by a gram
        ("3", "3", "2", Severity.CRITICAL),  # crosses both at once: only critical
        ("5", "7", "2", Severity.CRITICAL),  # oversold past zero
        ("1", "1", "2", Severity.CRITICAL),  # already low, now out
        ("1", "1", "0", Severity.CRITICAL),  # with no minimum, out is critical
        ("5", "2", "2", None),  # stays above the minimum
        ("2", "1", "2", None),  # already at the minimum: no repeated warning
        ("1.5", "0.5", "2", None),  # already below: no repeated warning
        ("0", "1", "2", None),  # already out: no repeated critical
        ("-1", "1", "0", None),
    ],
)
def test_alerts_fire_on_crossing_downwards(
    current: str, quantity: str, minimum: str, severity: Severity | None
) -> None:
    stock = _sell_from(current, quantity, minimum)

    level_after = D(current) - D(quantity)
    expected = (
        []
        if severity is None
        else [
            LowStockAlertRaised(
                product_id="p-arroz", severity=severity, level=level_after, minimum=D(minimum)
            )
        ]
    )
    assert alerts(stock) == expected
    assert isinstance(stock.pending_events[0], StockSold)  # the movement comes first


def test_any_falling_movement_alerts_and_rising_ones_never() -> None:
    stock = item()

    stock.count(D(1), at("10"), unit=PIECE)
    stock.receive(D(10), at("1"), unit=PIECE)
    stock.adjust(D(-9), AdjustmentReason.EXPIRY, "", at("11"), unit=PIECE)
    stock.transfer_out(D(2), "store-2", "tr-1", at("2"), unit=PIECE)
    stock.return_to_stock(D(1), at("0"), "sale-1", "ret-1", unit=PIECE)

    assert [(a.severity, a.level) for a in alerts(stock)] == [
        (Severity.WARNING, D(1)),
        (Severity.WARNING, D(2)),
        (Severity.CRITICAL, D(0)),
    ]


# --- stock_delta --------------------------------------------------------------------------


def test_stock_delta_of_each_event() -> None:
    stock = item()
    stock.receive(D(10), at("0", "0"), unit=PIECE)
    stock.sell(D(3), at("10", "0"), "s-1", WARN, unit=PIECE)
    stock.release_sale(D(3), at("7", "0"), "s-1", unit=PIECE)
    stock.return_to_stock(D(2), at("10", "0"), "s-0", "r-1", unit=PIECE)
    stock.adjust(D(-4), AdjustmentReason.DAMAGE, "", at("12", "0"), unit=PIECE)
    stock.count(D(9), at("8", "0"), unit=PIECE)
    stock.transfer_out(D(5), "store-2", "t-1", at("9", "0"), unit=PIECE)
    stock.transfer_in(D(6), "store-2", "t-2", at("4", "0"), unit=PIECE)

    deltas = {type(e).__name__: stock_delta(e) for e in stock.pending_events}
    assert deltas == {
        "StockReceived": D(10),
        "StockSold": D(-3),
        "StockSaleReleased": D(3),
        "StockReturned": D(2),
        "StockAdjusted": D(-4),
        "StockCounted": D(1),
        "StockTransferredOut": D(-5),
        "StockTransferredIn": D(6),
    }


def test_non_movements_have_no_delta() -> None:
    limits = StockLimitsSet(**KEYS, minimum=D(1), maximum=None)
    alert = LowStockAlertRaised(
        product_id="p-arroz", severity=Severity.CRITICAL, level=D(0), minimum=D(1)
    )

    assert stock_delta(limits) is None
    assert stock_delta(alert) is None
    assert stock_delta(TallyOpened(name="not stock")) is None


_QTY = st.decimals(min_value=D("0.001"), max_value=D(50), places=3, allow_nan=False)
_DELTA = st.decimals(min_value=D(-20), max_value=D(20), places=3, allow_nan=False).filter(
    lambda d: d != 0
)
_COUNTED = st.decimals(min_value=D(0), max_value=D(60), places=3, allow_nan=False)
_OPS = st.lists(
    st.one_of(
        st.tuples(
            st.sampled_from(
                ["receive", "sell", "release", "return", "transfer_out", "transfer_in"]
            ),
            _QTY,
        ),
        st.tuples(st.just("adjust"), _DELTA),
        st.tuples(st.just("count"), _COUNTED),
    ),
    max_size=25,
)


def _apply_op(stock: InventoryItem, op: str, amount: Decimal, level: StockLevel) -> Decimal:
    """Run one movement; return the delta it should make, by its meaning."""
    match op:
        case "receive":
            stock.receive(amount, level, unit=KG)
            return amount
        case "sell":
            stock.sell(amount, level, "sale-1", WARN, unit=KG)
            return -amount
        case "release":
            stock.release_sale(amount, level, "sale-1", unit=KG)
            return amount
        case "return":
            stock.return_to_stock(amount, level, "sale-1", "ret-1", unit=KG)
            return amount
        case "transfer_out":
            stock.transfer_out(amount, "store-2", "tr-1", level, unit=KG)
            return -amount
        case "transfer_in":
            stock.transfer_in(amount, "store-2", "tr-1", level, unit=KG)
            return amount
        case "adjust":
            stock.adjust(amount, AdjustmentReason.CORRECTION, "", level, unit=KG)
            return amount
        case _:
            stock.count(amount, level, unit=KG)
            return amount - level.current


@given(
    initial=st.decimals(min_value=D(-20), max_value=D(50), places=3, allow_nan=False),
    minimum=st.decimals(min_value=D(0), max_value=D(10), places=3, allow_nan=False),
    ops=_OPS,
)
def test_level_after_is_the_initial_level_plus_the_sum_of_deltas(
    initial: Decimal, minimum: Decimal, ops: list[tuple[str, Decimal]]
) -> None:
    stock = item()
    running, expected_alerts = initial, 0
    expected_deltas: list[Decimal] = []
    for op, amount in ops:
        if op == "transfer_out" and running < amount:
            continue  # refused, covered by its own test
        delta = _apply_op(stock, op, amount, StockLevel(running, minimum))
        expected_alerts += (running > minimum and running + delta <= minimum) or (
            running > 0 and running + delta <= 0
        )
        running += delta
        expected_deltas.append(delta)

    moves = movements(stock)
    assert [stock_delta(m) for m in moves] == expected_deltas
    levels = [initial + sum(expected_deltas[: i + 1], D(0)) for i in range(len(moves))]
    assert [m.level_after for m in moves] == levels
    if moves:
        assert moves[-1].level_after == initial + sum(
            (d for m in moves if (d := stock_delta(m)) is not None), D(0)
        )
    assert len(alerts(stock)) == expected_alerts
    replayed = InventoryItem.replay(stock.id, stock.pending_events)
    assert replayed.net_movement == sum(expected_deltas, D(0))
    assert replayed.movements == len(moves)


# --- serialisation and snapshots ----------------------------------------------------------


def _history() -> InventoryItem:
    stock = item()
    stock.set_limits(D(2), D(30))
    stock.receive(D(24), at("0"), "GR-1", Money.of("0.85", "USD"), unit=PIECE)
    stock.sell(D(20), at("24"), "sale-1", WARN, unit=PIECE)
    stock.sell(D(5), at("4"), "sale-2", PIN, "mgr-7", unit=PIECE)
    stock.release_sale(D(5), at("-1"), "sale-2", unit=PIECE)
    stock.return_to_stock(D(1), at("4"), "sale-1", "ret-1", unit=PIECE)
    stock.adjust(D(-1), AdjustmentReason.EXPIRY, "", at("5"), unit=PIECE)
    stock.count(D(3), at("4"), unit=PIECE)
    stock.transfer_out(D(3), "store-2", "tr-1", at("3"), unit=PIECE)
    stock.transfer_in(D(12), "store-3", "tr-2", at("0"), unit=PIECE)
    stock.set_limits(D(4))
    return stock


SAMPLE_EVENTS = _history().pending_events


def test_the_sample_history_covers_every_event_type() -> None:
    assert {type(e) for e in SAMPLE_EVENTS} == set(EVENT_TYPES)
    assert len({cls.event_type for cls in EVENT_TYPES}) == len(EVENT_TYPES)


@pytest.mark.parametrize("event", SAMPLE_EVENTS, ids=lambda e: e.event_type)
def test_events_round_trip_through_the_registry(event: DomainEvent) -> None:
    registry = EventRegistry()
    registry.register_all(EVENT_TYPES)

    payload = registry.to_payload(event)
    decoded = registry.from_payload(event.event_type, event.schema_version, payload)

    assert decoded == event
    # StrEnum members equal their text, so equality alone would not catch a lost type.
    for field in dataclasses.fields(event):
        assert type(getattr(decoded, field.name)) is type(getattr(event, field.name))
    assert json.loads(json.dumps(payload)) == payload


def test_replay_rebuilds_the_stream_state() -> None:
    replayed = InventoryItem.replay("p-arroz@till-1", SAMPLE_EVENTS)

    assert replayed.snapshot_state() == {
        "net_movement": "12",
        "movements": 9,
        "last_level_after": "12",
        "minimum": "4",
        "maximum": None,
    }
    assert replayed.version == len(SAMPLE_EVENTS)


@pytest.mark.parametrize("cut", [0, 1, 4, 9, len(SAMPLE_EVENTS) - 1, len(SAMPLE_EVENTS)])
def test_snapshot_and_restore_equal_replay(cut: int) -> None:
    at_snapshot = InventoryItem.replay("p-arroz@till-1", SAMPLE_EVENTS[:cut])
    state = json.loads(json.dumps(at_snapshot.snapshot_state()))

    restored = InventoryItem("p-arroz@till-1")
    restored.restore_state(state)
    assert _state(restored) == _state(at_snapshot)
    restored.load_history(SAMPLE_EVENTS[cut:])

    replayed = InventoryItem.replay("p-arroz@till-1", SAMPLE_EVENTS)
    assert _state(restored) == _state(replayed)


def _state(stock: InventoryItem) -> tuple[Any, ...]:
    return (
        stock.product_id,
        stock.device_id,
        stock.net_movement,
        stock.movements,
        stock.last_level_after,
        stock.minimum,
        stock.maximum,
    )
