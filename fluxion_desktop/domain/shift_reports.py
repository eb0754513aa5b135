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

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from types import MappingProxyType

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
        return self._add_cash(amount.currency, "cash_in", amount)

    def with_cash_out(self, amount: Money) -> ShiftLedger:
        return self._add_cash(amount.currency, "cash_out", amount)

    def with_sale(self, tenders: Iterable[ShiftTender], change: Iterable[Money]) -> ShiftLedger:
        ledger = self._add_tenders(tenders, "cash_sales", "sales_count", "sales_total")
        for money in change:
            ledger = ledger._add_cash(money.currency, "change_given", money)
        return replace(ledger, sales_count=ledger.sales_count + 1)

    def with_refund(self, refunds: Iterable[ShiftTender]) -> ShiftLedger:
        ledger = self._add_tenders(refunds, "cash_refunds", "refunds_count", "refunds_total")
        return replace(ledger, refunds_count=ledger.refunds_count + 1)

    def _add_tenders(
        self, tenders: Iterable[ShiftTender], cash_field: str, count_field: str, total_field: str
    ) -> ShiftLedger:
        # Two payments of one type in one sale (two cards) count as one sale of that type.
        by_type: dict[TenderType, Money] = {}
        ledger = self
        for tender in tenders:
            key = tender.tender_type
            by_type[key] = by_type.get(key, Money.zero(key[1])) + tender.amount
            if tender.is_cash:
                ledger = ledger._add_cash(key[1], cash_field, tender.amount)
        lines = {line.tender_type: line for line in ledger.tenders}
        for key, total in by_type.items():
            line = ledger.tender_line(key)
            lines[key] = replace(
                line,
                **{
                    count_field: getattr(line, count_field) + 1,
                    total_field: getattr(line, total_field) + total,
                },
            )
        return replace(ledger, tenders=_ordered_tenders(lines.values()))

    def _add_cash(self, currency: Currency, field: str, amount: Money) -> ShiftLedger:
        line = self.cash_line(currency)
        lines = {existing.currency: existing for existing in self.cash}
        lines[currency] = replace(line, **{field: getattr(line, field) + amount})
        return replace(self, cash=_ordered_cash(lines.values()))


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
