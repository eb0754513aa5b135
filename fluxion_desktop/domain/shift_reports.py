"""What a shift's drawer and tenders should hold, and the X and Z reports, as pure values.

A shift's figures live in a `ShiftLedger` (`shift_ledger`) that each fact updates without side
effects (`ledger.with_sale(...)`), so the reports are plain functions of the ledger and can be
tested without an aggregate: `x_report(info, ledger, at)`, `reconcile(ledger, counted,
counted_other)` and `z_report(info, ledger, reconciliation, closed_at, closed_by)`.

Cash is reconciled per currency (the drawer is counted by denomination); every other tender type
(method, currency), such as a debit card batch in VES or Pago Móvil confirmations, is reconciled
on its own against a counted total. Lines are ordered by currency (`Currency` order) and tender
method, so a report reads the same however the shift's facts arrived.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from types import MappingProxyType

from fluxion_desktop.domain.decimals import require_decimal
from fluxion_desktop.domain.errors import InvalidType, InvalidValue
from fluxion_desktop.domain.money import Currency, Money
from fluxion_desktop.domain.shift_ledger import (
    CASH,
    CURRENCY_RANK,
    CashLine,
    ShiftLedger,
    ShiftTender,
    TenderLine,
    TenderType,
    tender_rank,
)


def _d(*values: str) -> tuple[Decimal, ...]:
    return tuple(Decimal(value) for value in values)


# Notes and coins in circulation, largest first: the count sheet's rows. Only used to order a
# count and to flag unusual denominations; a count may use any positive denomination.
# VES: the 2021 bills of 5-100 Bs, the 200 and 500 Bs bills BCV added in 2024, and 0.50 and 1 Bs
# coins.
DEFAULT_DENOMINATIONS: Mapping[Currency, tuple[Decimal, ...]] = MappingProxyType(
    {
        Currency.USD: _d("100", "50", "20", "10", "5", "2", "1"),
        Currency.VES: _d("500", "200", "100", "50", "20", "10", "5", "1", "0.50"),
        Currency.EUR: _d("200", "100", "50", "20", "10", "5", "2", "1", "0.50", "0.20", "0.10"),
        Currency.COP: _d("100000", "50000", "20000", "10000", "5000", "2000", "1000", "500"),
        Currency.BRL: _d("200", "100", "50", "20", "10", "5", "2", "1", "0.50", "0.25"),
    }
)


@dataclass(frozen=True, slots=True)
class DenominationCount:
    """`count` notes or coins of `denomination` (5 x 20.00)."""

    denomination: Decimal
    count: int

    def __post_init__(self) -> None:
        denomination = require_decimal(self.denomination, "denomination")
        if denomination <= 0:
            raise InvalidValue(f"denomination must be positive, got {denomination}", "denomination")
        object.__setattr__(self, "denomination", denomination)
        if isinstance(self.count, bool) or not isinstance(self.count, int):
            raise InvalidType("count must be a whole number", "count")
        if self.count < 0:
            raise InvalidValue(f"count must not be negative, got {self.count}", "count")

    @property
    def value(self) -> Decimal:
        return self.denomination * self.count


@dataclass(frozen=True, slots=True)
class CashCount:
    """The cash of one currency counted in the drawer, per denomination (largest first)."""

    currency: Currency
    denominations: tuple[DenominationCount, ...]

    def __post_init__(self) -> None:
        if not isinstance(self.currency, Currency):
            raise InvalidType("currency must be a Currency", "currency")
        rows = tuple(self.denominations)
        if not all(isinstance(row, DenominationCount) for row in rows):
            raise InvalidType("denominations must be DenominationCount rows", "denominations")
        seen = [row.denomination for row in rows]
        if len(set(seen)) != len(seen):
            raise InvalidValue("each denomination may be counted only once", "denominations")
        for value in seen:
            if value != value.quantize(self.currency.quantum):
                raise InvalidValue(
                    f"{self.currency} has no denomination of {value}", "denomination"
                )
        ordered = tuple(sorted(rows, key=lambda row: row.denomination, reverse=True))
        object.__setattr__(self, "denominations", ordered)

    @classmethod
    def blank(cls, currency: Currency, denominations: Iterable[Decimal] | None = None) -> CashCount:
        """A count sheet with zero of each denomination (the currency's defaults if omitted)."""
        values = DEFAULT_DENOMINATIONS.get(currency, ()) if denominations is None else denominations
        return cls(currency, tuple(DenominationCount(value, 0) for value in values))

    @property
    def total(self) -> Money:
        return Money(sum((row.value for row in self.denominations), Decimal(0)), self.currency)

    def unusual_denominations(self) -> tuple[Decimal, ...]:
        """Counted denominations that are not in circulation by default: worth a second look."""
        usual = set(DEFAULT_DENOMINATIONS.get(self.currency, ()))
        return tuple(
            row.denomination for row in self.denominations if row.denomination not in usual
        )


@dataclass(frozen=True, slots=True)
class CashReconciliation:
    """One currency's drawer at close: expected, counted (with its rows) and the difference."""

    currency: Currency
    expected: Money
    counted: Money
    variance: Money
    denominations: tuple[DenominationCount, ...]


@dataclass(frozen=True, slots=True)
class TenderReconciliation:
    """One non-cash tender type at close; `variance` is counted - expected."""

    method: str
    currency: Currency
    expected: Money
    counted: Money
    variance: Money


@dataclass(frozen=True, slots=True)
class CurrencyTotal:
    """Cash plus every non-cash tender type of one currency."""

    currency: Currency
    expected: Money
    counted: Money
    variance: Money


@dataclass(frozen=True, slots=True)
class Reconciliation:
    """The closing figures: what the `ShiftClosed` event carries."""

    cash: tuple[CashReconciliation, ...]
    tenders: tuple[TenderReconciliation, ...]
    totals: tuple[CurrencyTotal, ...]


@dataclass(frozen=True, slots=True)
class ShiftInfo:
    """Who and where a report is about."""

    shift_id: str
    cashier_id: str
    device_id: str
    opened_at: datetime


@dataclass(frozen=True, slots=True)
class XReport:
    """A shift's figures at `at`, taken without closing it."""

    shift: ShiftInfo
    at: datetime
    sales_count: int
    refunds_count: int
    cash: tuple[CashLine, ...]
    tenders: tuple[TenderLine, ...]


@dataclass(frozen=True, slots=True)
class ZReport:
    """The closing report: the X figures plus counted amounts and variances."""

    shift: ShiftInfo
    closed_at: datetime
    closed_by: str
    sales_count: int
    refunds_count: int
    cash: tuple[CashLine, ...]
    tenders: tuple[TenderLine, ...]
    counted_cash: tuple[CashReconciliation, ...]
    counted_tenders: tuple[TenderReconciliation, ...]
    totals: tuple[CurrencyTotal, ...]


def x_report(info: ShiftInfo, ledger: ShiftLedger, at: datetime) -> XReport:
    """The X report: the ledger's figures as they stand at `at`."""
    return XReport(info, at, ledger.sales_count, ledger.refunds_count, ledger.cash, ledger.tenders)


def reconcile(
    ledger: ShiftLedger,
    counted: Iterable[CashCount],
    counted_other: Iterable[ShiftTender] = (),
) -> Reconciliation:
    """Compare counted cash and non-cash totals with what the ledger expects.

    A currency expected but not counted counts as zero; a non-cash tender type not given in
    `counted_other` counts as expected. Raises `InvalidValue` for a currency counted twice (field
    "counted"), and for cash or a tender type given twice in `counted_other` (field
    "counted_other").
    """
    return _reconcile(ledger, _counts_by_currency(counted), _other_by_type(counted_other))


def _reconcile(
    ledger: ShiftLedger, counts: dict[Currency, CashCount], others: dict[TenderType, Money]
) -> Reconciliation:
    currencies = {line.currency for line in ledger.cash} | counts.keys()
    cash = tuple(
        _cash_reconciliation(ledger.expected_cash(currency), counts.get(currency))
        for currency in sorted(currencies, key=CURRENCY_RANK.__getitem__)
    )
    types = {line.tender_type for line in ledger.tenders if line.method != CASH} | others.keys()
    tenders = tuple(
        _tender_reconciliation(key, ledger.tender_line(key).net_total, others.get(key))
        for key in sorted(types, key=tender_rank)
    )
    return Reconciliation(cash, tenders, _totals(cash, tenders))


def _counts_by_currency(counted: Iterable[CashCount]) -> dict[Currency, CashCount]:
    counts: dict[Currency, CashCount] = {}
    for count in counted:
        if not isinstance(count, CashCount):
            raise InvalidType("counted cash must be CashCount values", "counted")
        if count.currency in counts:
            raise InvalidValue(f"{count.currency} was counted twice", "counted")
        counts[count.currency] = count
    return counts


def _other_by_type(counted_other: Iterable[ShiftTender]) -> dict[TenderType, Money]:
    others: dict[TenderType, Money] = {}
    for tender in counted_other:
        if not isinstance(tender, ShiftTender):
            raise InvalidType("counted tenders must be ShiftTender values", "counted_other")
        if tender.is_cash:
            raise InvalidValue("cash is counted by denomination, not here", "counted_other")
        if tender.tender_type in others:
            raise InvalidValue(
                f"{tender.method} in {tender.amount.currency} was given twice", "counted_other"
            )
        others[tender.tender_type] = tender.amount
    return others


def _cash_reconciliation(expected: Money, count: CashCount | None) -> CashReconciliation:
    counted = count.total if count is not None else Money.zero(expected.currency)
    rows = count.denominations if count is not None else ()
    return CashReconciliation(expected.currency, expected, counted, counted - expected, rows)


def _tender_reconciliation(
    tender_type: TenderType, expected: Money, counted: Money | None
) -> TenderReconciliation:
    method, currency = tender_type
    actual = expected if counted is None else counted
    return TenderReconciliation(method, currency, expected, actual, actual - expected)


def _totals(
    cash: tuple[CashReconciliation, ...], tenders: tuple[TenderReconciliation, ...]
) -> tuple[CurrencyTotal, ...]:
    rows = [(line.currency, line.expected, line.counted) for line in cash]
    rows += [(line.currency, line.expected, line.counted) for line in tenders]
    totals: dict[Currency, tuple[Money, Money]] = {}
    for currency, expected, counted in rows:
        zero = Money.zero(currency)
        so_far_expected, so_far_counted = totals.get(currency, (zero, zero))
        totals[currency] = (so_far_expected + expected, so_far_counted + counted)
    return tuple(
        CurrencyTotal(currency, expected, counted, counted - expected)
        for currency, (expected, counted) in sorted(
            totals.items(), key=lambda item: CURRENCY_RANK[item[0]]
        )
    )


def z_report(
    info: ShiftInfo,
    ledger: ShiftLedger,
    reconciliation: Reconciliation,
    closed_at: datetime,
    closed_by: str,
) -> ZReport:
    """The Z report of a closed shift, from its ledger and closing reconciliation."""
    return ZReport(
        info,
        closed_at,
        closed_by,
        ledger.sales_count,
        ledger.refunds_count,
        ledger.cash,
        ledger.tenders,
        reconciliation.cash,
        reconciliation.tenders,
        reconciliation.totals,
    )
