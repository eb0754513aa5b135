"""What a shift's drawer and tenders should hold, and the X and Z reports, as pure values.

A shift's figures live in a `ShiftLedger` that each fact updates without side effects
(`ledger.with_sale(...)`), so the reports are plain functions of the ledger and can be tested
without an aggregate: `x_report(info, ledger, at)`, `reconcile(ledger, counted, counted_other)`
and `z_report(info, ledger, reconciliation, closed_at, closed_by)`.

Cash is reconciled per currency (the drawer is counted by denomination); every other tender type
(method, currency), such as a debit card batch in VES or Pago Móvil confirmations, is reconciled
on its own against a counted total. Lines are ordered by currency (`Currency` order) and tender
method, so a report reads the same however the shift's facts arrived.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from fluxion_desktop.domain.decimals import require_decimal
from fluxion_desktop.domain.errors import InvalidType, InvalidValue
from fluxion_desktop.domain.money import Currency, Money

# The value of the sale module's TenderMethod.CASH; kept as text so shifts do not import sales.
CASH = "cash"

TenderType = tuple[str, Currency]


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

_CURRENCY_RANK = {currency: rank for rank, currency in enumerate(Currency)}


@dataclass(frozen=True, slots=True)
class ShiftTender:
    """An amount paid (or refunded) with one tender `method` such as "cash" or "debit_card"."""

    method: str
    amount: Money

    def __post_init__(self) -> None:
        if not isinstance(self.method, str) or not self.method.strip():
            raise InvalidValue("a tender needs a method such as 'cash'", "method")
        # A TenderMethod member becomes its plain text, so events and keys hold plain strings.
        object.__setattr__(self, "method", self.method.strip())
        if not isinstance(self.amount, Money):
            raise InvalidType("a tender's amount must be Money", "amount")

    @property
    def tender_type(self) -> TenderType:
        return (self.method, self.amount.currency)

    @property
    def is_cash(self) -> bool:
        return self.method == CASH


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
class CashLine:
    """The drawer's cash of one currency: where it came from and what should be there."""

    currency: Currency
    opening_float: Money
    cash_sales: Money
    change_given: Money
    cash_in: Money
    cash_out: Money
    cash_refunds: Money

    @classmethod
    def empty(cls, currency: Currency) -> CashLine:
        zero = Money.zero(currency)
        return cls(currency, zero, zero, zero, zero, zero, zero)

    def updated(self, figures: Mapping[str, Money]) -> CashLine:
        """This line with the `figures` given (by field name) in place of its own.

        `dataclasses.replace` by hand: a sale moves a line or two, and replace's generic
        walk over the fields was most of the shift's cost per sale.
        """
        get = figures.get
        return CashLine(
            self.currency,
            get("opening_float", self.opening_float),
            get("cash_sales", self.cash_sales),
            get("change_given", self.change_given),
            get("cash_in", self.cash_in),
            get("cash_out", self.cash_out),
            get("cash_refunds", self.cash_refunds),
        )

    @property
    def expected(self) -> Money:
        """Float + cash sales - change + cash in - cash out - cash refunds."""
        return (
            self.opening_float
            + self.cash_sales
            - self.change_given
            + self.cash_in
            - self.cash_out
            - self.cash_refunds
        )


@dataclass(frozen=True, slots=True)
class TenderLine:
    """Sales and refunds of one tender type; `sales_count` counts sales, not payments."""

    method: str
    currency: Currency
    sales_count: int
    sales_total: Money
    refunds_count: int
    refunds_total: Money

    @classmethod
    def empty(cls, tender_type: TenderType) -> TenderLine:
        method, currency = tender_type
        return cls(method, currency, 0, Money.zero(currency), 0, Money.zero(currency))

    @property
    def tender_type(self) -> TenderType:
        return (self.method, self.currency)

    def with_sale(self, amount: Money) -> TenderLine:
        """One more sale paid `amount` with this tender type."""
        return TenderLine(
            self.method,
            self.currency,
            self.sales_count + 1,
            self.sales_total + amount,
            self.refunds_count,
            self.refunds_total,
        )

    def with_refund(self, amount: Money) -> TenderLine:
        """One more refund of `amount` paid out with this tender type."""
        return TenderLine(
            self.method,
            self.currency,
            self.sales_count,
            self.sales_total,
            self.refunds_count + 1,
            self.refunds_total + amount,
        )

    @property
    def net_total(self) -> Money:
        """Sales minus refunds: what a card batch or the Pago Móvil statement should show.

        For cash this is the gross tendered, before change; the drawer is reconciled per currency.
        """
        return self.sales_total - self.refunds_total


@dataclass(frozen=True, slots=True)
class ShiftLedger:
    """Every figure a shift's reports need; each method returns an updated copy."""

    cash: tuple[CashLine, ...] = ()
    tenders: tuple[TenderLine, ...] = ()
    sales_count: int = 0
    refunds_count: int = 0

    @classmethod
    def opened(cls, opening_float: Iterable[Money]) -> ShiftLedger:
        lines = (replace(CashLine.empty(m.currency), opening_float=m) for m in opening_float)
        return cls(cash=_ordered_cash(lines))

    def cash_line(self, currency: Currency) -> CashLine:
        for line in self.cash:
            if line.currency is currency:
                return line
        return CashLine.empty(currency)

    def tender_line(self, tender_type: TenderType) -> TenderLine:
        for line in self.tenders:
            if line.tender_type == tender_type:
                return line
        return TenderLine.empty(tender_type)

    def expected_cash(self, currency: Currency) -> Money:
        return self.cash_line(currency).expected

    def with_cash_in(self, amount: Money) -> ShiftLedger:
        return replace(self, cash=self._cash_moved([("cash_in", amount)]))

    def with_cash_out(self, amount: Money) -> ShiftLedger:
        return replace(self, cash=self._cash_moved([("cash_out", amount)]))

    def with_sale(self, tenders: Iterable[ShiftTender], change: Iterable[Money]) -> ShiftLedger:
        paid = tuple(tenders)
        moves = [("cash_sales", t.amount) for t in paid if t.is_cash]
        moves.extend(("change_given", money) for money in change)
        return ShiftLedger(
            cash=self._cash_moved(moves),
            tenders=self._tenders_counted(paid, TenderLine.with_sale),
            sales_count=self.sales_count + 1,
            refunds_count=self.refunds_count,
        )

    def with_refund(self, refunds: Iterable[ShiftTender]) -> ShiftLedger:
        paid = tuple(refunds)
        return ShiftLedger(
            cash=self._cash_moved([("cash_refunds", t.amount) for t in paid if t.is_cash]),
            tenders=self._tenders_counted(paid, TenderLine.with_refund),
            sales_count=self.sales_count,
            refunds_count=self.refunds_count + 1,
        )

    def _tenders_counted(
        self, tenders: tuple[ShiftTender, ...], count: Callable[[TenderLine, Money], TenderLine]
    ) -> tuple[TenderLine, ...]:
        # Two payments of one type in one sale (two cards) count as one sale of that type.
        by_type: dict[TenderType, Money] = {}
        for tender in tenders:
            key = tender.tender_type
            by_type[key] = by_type.get(key, Money.zero(key[1])) + tender.amount
        if not by_type:
            return self.tenders
        lines = {line.tender_type: line for line in self.tenders}
        for key, total in by_type.items():
            line = lines.get(key) or TenderLine.empty(key)
            lines[key] = count(line, total)
        return _ordered_tenders(lines.values())

    def _cash_moved(self, moves: Iterable[tuple[str, Money]]) -> tuple[CashLine, ...]:
        """The cash lines after adding each (field, amount), in order; one copy per currency
        touched (a sale moved them one replace per tender and per change: the shift's cost)."""
        changed: dict[Currency, dict[str, Any]] = {}
        lines = {line.currency: line for line in self.cash}
        for field, amount in moves:
            currency = amount.currency
            fields = changed.setdefault(currency, {})
            line = lines.get(currency) or CashLine.empty(currency)
            fields[field] = fields.get(field, getattr(line, field)) + amount
        if not changed:
            return self.cash
        for currency, fields in changed.items():
            lines[currency] = (lines.get(currency) or CashLine.empty(currency)).updated(fields)
        return _ordered_cash(lines.values())


def _ordered_cash(lines: Iterable[CashLine]) -> tuple[CashLine, ...]:
    return tuple(sorted(lines, key=lambda line: _CURRENCY_RANK[line.currency]))


def _tender_rank(tender_type: TenderType) -> tuple[str, int]:
    return (tender_type[0], _CURRENCY_RANK[tender_type[1]])


def _ordered_tenders(lines: Iterable[TenderLine]) -> tuple[TenderLine, ...]:
    return tuple(sorted(lines, key=lambda line: _tender_rank(line.tender_type)))


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
        for currency in sorted(currencies, key=_CURRENCY_RANK.__getitem__)
    )
    types = {line.tender_type for line in ledger.tenders if line.method != CASH} | others.keys()
    tenders = tuple(
        _tender_reconciliation(key, ledger.tender_line(key).net_total, others.get(key))
        for key in sorted(types, key=_tender_rank)
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
            totals.items(), key=lambda item: _CURRENCY_RANK[item[0]]
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
