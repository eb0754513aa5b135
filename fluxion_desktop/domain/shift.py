"""The shift (cash session) aggregate: from the opening float to the Z report, fully offline.

A shift belongs to one cashier on one device. It learns of every completed sale and return on
that till (`record_sale`, `record_refund`), takes cash in and out of the drawer with a reason, and
closes with the drawer counted per currency and denomination. Its figures live in a
`ShiftLedger` (see `shift_reports`), which the X and Z reports read.

Only the tender method's *text* is used here ("cash", "debit_card", ...), so the shift never
imports the sale module; "cash" moves the drawer, every other method only its tender-type total.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from fluxion_desktop.domain.aggregate import Aggregate
from fluxion_desktop.domain.errors import InvalidState, InvalidType, InvalidValue
from fluxion_desktop.domain.events import DomainEvent
from fluxion_desktop.domain.money import Currency, Money
from fluxion_desktop.domain.plain_data import from_plain, to_plain
from fluxion_desktop.domain.shift_ledger import ShiftLedger, ShiftTender
from fluxion_desktop.domain.shift_reports import (
    CashCount,
    CashReconciliation,
    CurrencyTotal,
    Reconciliation,
    ShiftInfo,
    TenderReconciliation,
    XReport,
    ZReport,
    reconcile,
    x_report,
    z_report,
)


class ShiftStatus(StrEnum):
    """Where a shift is in its life; a shift not yet opened has no status (None)."""

    OPEN = "open"
    CLOSED = "closed"


@dataclasses.dataclass(frozen=True, slots=True)
class ShiftOpened(DomainEvent):
    event_type = "ShiftOpened"
    shift_id: str
    cashier_id: str
    device_id: str
    opening_float: tuple[Money, ...]
    opened_at: datetime


@dataclasses.dataclass(frozen=True, slots=True)
class ShiftCashMovedIn(DomainEvent):
    event_type = "ShiftCashMovedIn"
    amount: Money
    reason: str
    by: str


@dataclasses.dataclass(frozen=True, slots=True)
class ShiftCashMovedOut(DomainEvent):
    event_type = "ShiftCashMovedOut"
    amount: Money
    reason: str
    by: str


@dataclasses.dataclass(frozen=True, slots=True)
class ShiftSaleRecorded(DomainEvent):
    """A completed sale's tenders; `change` is the cash handed back, per currency."""

    event_type = "ShiftSaleRecorded"
    sale_id: str
    tenders: tuple[ShiftTender, ...]
    change: tuple[Money, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class ShiftRefundRecorded(DomainEvent):
    event_type = "ShiftRefundRecorded"
    return_id: str
    refunds: tuple[ShiftTender, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class ShiftClosed(DomainEvent):
    """The Z report's closing figures: expected, counted and variance, with the cash rows."""

    event_type = "ShiftClosed"
    closed_by: str
    closed_at: datetime
    cash: tuple[CashReconciliation, ...]
    tenders: tuple[TenderReconciliation, ...]
    totals: tuple[CurrencyTotal, ...]


EVENT_TYPES: tuple[type[DomainEvent], ...] = (
    ShiftOpened,
    ShiftCashMovedIn,
    ShiftCashMovedOut,
    ShiftSaleRecorded,
    ShiftRefundRecorded,
    ShiftClosed,
)


class Shift(Aggregate):
    """One cashier's cash session on one device (stream type "shift")."""

    stream_type = "shift"

    def __init__(self, aggregate_id: str) -> None:
        super().__init__(aggregate_id)
        self.status: ShiftStatus | None = None
        self._info: ShiftInfo | None = None
        self.ledger = ShiftLedger()
        self.sale_ids: set[str] = set()
        self.return_ids: set[str] = set()
        self.closed_at: datetime | None = None
        self.closed_by: str | None = None
        self.reconciliation: Reconciliation | None = None

    @classmethod
    def open(
        cls,
        shift_id: str,
        cashier_id: str,
        device_id: str,
        opening_float: tuple[Money, ...],
        at: datetime,
    ) -> Shift:
        """Open a shift with one float amount (>= 0) per currency in the drawer."""
        shift = cls(_required_text(shift_id, "shift_id"))
        shift._record(
            ShiftOpened(
                shift_id=shift.id,
                cashier_id=_required_text(cashier_id, "cashier_id"),
                device_id=_required_text(device_id, "device_id"),
                opening_float=_opening_float(opening_float),
                opened_at=_aware(at),
            )
        )
        return shift

    # -- queries ---------------------------------------------------------------------------

    @property
    def info(self) -> ShiftInfo:
        """Shift, cashier, device and opening time; `InvalidState` before the shift opens."""
        if self._info is None:
            raise InvalidState(f"shift {self.id} has not been opened")
        return self._info

    @property
    def cashier_id(self) -> str:
        return self.info.cashier_id

    @property
    def is_open(self) -> bool:
        return self.status is ShiftStatus.OPEN

    def expected_cash(self, currency: Currency) -> Money:
        """The cash of `currency` that should be in the drawer now."""
        return self.ledger.expected_cash(currency)

    def x_report(self, at: datetime) -> XReport:
        """The figures so far, without closing; records nothing. Refused once closed."""
        self._require_open()
        return x_report(self.info, self.ledger, _aware(at))

    def z_report(self) -> ZReport:
        """The closing report; `InvalidState` until the shift is closed."""
        if self.reconciliation is None or self.closed_at is None or self.closed_by is None:
            raise InvalidState(f"shift {self.id} is not closed; take an X report instead")
        return z_report(self.info, self.ledger, self.reconciliation, self.closed_at, self.closed_by)

    # -- commands --------------------------------------------------------------------------

    def cash_in(self, amount: Money, reason: str, by: str) -> None:
        """Put cash into the drawer (more change, a float top-up) with a reason."""
        self._require_open()
        self._record(
            ShiftCashMovedIn(
                amount=_cash_amount(amount, "amount"),
                reason=_required_text(reason, "reason"),
                by=_required_text(by, "by"),
            )
        )

    def cash_out(self, amount: Money, reason: str, by: str) -> None:
        """Take cash out (a bank drop, paying a supplier); never more than the drawer holds."""
        self._require_open()
        money = _cash_amount(amount, "amount")
        event = ShiftCashMovedOut(
            amount=money, reason=_required_text(reason, "reason"), by=_required_text(by, "by")
        )
        available = self.expected_cash(money.currency)
        if money > available:
            raise InvalidValue(
                f"cannot take out {money}: the drawer should hold only {available}", "amount"
            )
        self._record(event)

    def record_sale(
        self, sale_id: str, tenders: tuple[ShiftTender, ...], change: tuple[Money, ...] = ()
    ) -> None:
        """Count a completed sale: cash tenders fill the drawer, `change` (cash) leaves it.

        Each sale is recorded once (`InvalidState`, field "sale_id", on a repeat). Tender and
        change amounts must be positive; change may hold each currency once.
        """
        self._require_open()
        sale = _required_text(sale_id, "sale_id")
        if sale in self.sale_ids:
            raise InvalidState(f"sale {sale} is already recorded in this shift", "sale_id")
        self._record(
            ShiftSaleRecorded(
                sale_id=sale,
                tenders=_positive_tenders(tenders, "tenders"),
                change=_change(change),
            )
        )

    def record_refund(self, return_id: str, refunds: tuple[ShiftTender, ...]) -> None:
        """Count a completed return's refunds; cash refunds leave the drawer.

        The return is already done when this is called, so a refund larger than the drawer's
        cash is recorded (the count at close will show it); check `expected_cash` before
        paying out.
        """
        self._require_open()
        returned = _required_text(return_id, "return_id")
        if returned in self.return_ids:
            raise InvalidState(f"return {returned} is already recorded in this shift", "return_id")
        paid = _positive_tenders(refunds, "refunds")
        if not paid:
            raise InvalidValue("a refund needs at least one tender", "refunds")
        self._record(ShiftRefundRecorded(return_id=returned, refunds=paid))

    def close(
        self,
        counted: tuple[CashCount, ...],
        by: str,
        at: datetime,
        counted_other: tuple[ShiftTender, ...] = (),
    ) -> None:
        """Close with the drawer counted per currency; afterwards every command is refused.

        A currency not counted counts as zero; a non-cash tender type not in `counted_other`
        counts as expected. See `shift_reports.reconcile` for the refusals.
        """
        self._require_open()
        closed_by = _required_text(by, "by")
        closed_at = _aware(at)
        if closed_at < self.info.opened_at:
            raise InvalidValue("a shift cannot close before it opened", "at")
        figures = reconcile(
            self.ledger, _as_tuple(counted, "counted"), _as_tuple(counted_other, "counted_other")
        )
        self._record(
            ShiftClosed(
                closed_by=closed_by,
                closed_at=closed_at,
                cash=figures.cash,
                tenders=figures.tenders,
                totals=figures.totals,
            )
        )

    def _require_open(self) -> None:
        if self.status is None:
            raise InvalidState(f"shift {self.id} has not been opened")
        if self.status is ShiftStatus.CLOSED:
            raise InvalidState(f"shift {self.id} is closed")

    # -- state -----------------------------------------------------------------------------

    def _apply(self, event: DomainEvent) -> None:
        if isinstance(event, ShiftOpened):
            self.status = ShiftStatus.OPEN
            self._info = ShiftInfo(
                event.shift_id, event.cashier_id, event.device_id, event.opened_at
            )
            self.ledger = ShiftLedger.opened(event.opening_float)
        elif isinstance(event, ShiftCashMovedIn):
            self.ledger = self.ledger.with_cash_in(event.amount)
        elif isinstance(event, ShiftCashMovedOut):
            self.ledger = self.ledger.with_cash_out(event.amount)
        elif isinstance(event, ShiftSaleRecorded):
            self.ledger = self.ledger.with_sale(event.tenders, event.change)
            self.sale_ids.add(event.sale_id)
        elif isinstance(event, ShiftRefundRecorded):
            self.ledger = self.ledger.with_refund(event.refunds)
            self.return_ids.add(event.return_id)
        elif isinstance(event, ShiftClosed):
            self.status = ShiftStatus.CLOSED
            self.closed_at = event.closed_at
            self.closed_by = event.closed_by
            self.reconciliation = Reconciliation(event.cash, event.tenders, event.totals)

    def snapshot_state(self) -> Mapping[str, Any]:
        return {
            "status": self.status.value if self.status else None,
            "info": to_plain(self._info),
            "ledger": to_plain(self.ledger),
            "sale_ids": sorted(self.sale_ids),
            "return_ids": sorted(self.return_ids),
            "closed_at": to_plain(self.closed_at),
            "closed_by": self.closed_by,
            "reconciliation": to_plain(self.reconciliation),
        }

    def restore_state(self, state: Mapping[str, Any]) -> None:
        self.status = ShiftStatus(state["status"]) if state["status"] else None
        self._info = from_plain(ShiftInfo | None, state["info"])
        self.ledger = from_plain(ShiftLedger, state["ledger"])
        self.sale_ids = set(state["sale_ids"])
        self.return_ids = set(state["return_ids"])
        self.closed_at = from_plain(datetime | None, state["closed_at"])
        self.closed_by = state["closed_by"]
        self.reconciliation = from_plain(Reconciliation | None, state["reconciliation"])


# -- validation ---------------------------------------------------------------------------


def _required_text(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise InvalidType(f"{field} must be text", field)
    text = value.strip()
    if not text:
        raise InvalidValue(f"{field} is required", field)
    return text


def _aware(at: object) -> datetime:
    if not isinstance(at, datetime):
        raise InvalidType("at must be a datetime", "at")
    if at.tzinfo is None or at.utcoffset() is None:
        raise InvalidValue("at must be timezone-aware (UTC)", "at")
    return at.astimezone(UTC)


def _as_tuple(values: object, field: str) -> tuple[Any, ...]:
    # A bare Money or CashCount where a tuple belongs is an easy slip; iterate only real sequences.
    if not isinstance(values, tuple | list):
        raise InvalidType(f"{field} must be a tuple", field)
    return tuple(values)


def _money(value: object, field: str) -> Money:
    if not isinstance(value, Money):
        raise InvalidType(f"{field} must be Money", field)
    return value


def _cash_amount(value: object, field: str, *, allow_zero: bool = False) -> Money:
    # Notes and coins have no fractions of a cent: 20.005 is a typing slip.
    money = _money(value, field)
    if money.is_negative or (money.is_zero and not allow_zero):
        raise InvalidValue(f"{field} must be {'' if allow_zero else 'above '}zero", field)
    if money.rounded() != money:
        raise InvalidValue(f"{money} has fractions of the smallest coin", field)
    return money


def _opening_float(values: object) -> tuple[Money, ...]:
    amounts = tuple(
        _cash_amount(v, "opening_float", allow_zero=True)
        for v in _as_tuple(values, "opening_float")
    )
    _unique_currencies(amounts, "opening_float")
    return amounts


def _change(values: object) -> tuple[Money, ...]:
    amounts = tuple(_money(v, "change") for v in _as_tuple(values, "change"))
    if any(not money.is_positive for money in amounts):
        raise InvalidValue("change amounts must be positive", "change")
    _unique_currencies(amounts, "change")
    return amounts


def _unique_currencies(amounts: tuple[Money, ...], field: str) -> None:
    currencies = [money.currency for money in amounts]
    if len(set(currencies)) != len(currencies):
        raise InvalidValue(f"{field} may hold each currency only once", field)


def _positive_tenders(values: object, field: str) -> tuple[ShiftTender, ...]:
    tenders = _as_tuple(values, field)
    for tender in tenders:
        if not isinstance(tender, ShiftTender):
            raise InvalidType(f"{field} must be ShiftTender values", field)
        if not tender.amount.is_positive:
            raise InvalidValue(f"every tender amount must be positive, got {tender.amount}", field)
    return tenders


# -- snapshots: JSON-able state, decimals as strings ---------------------------------------
