"""A shift's running figures: the `ShiftLedger` each fact updates without side effects.

`ledger.with_sale(...)`, `with_refund`, `with_cash_in` and the rest return an updated copy, so the
reports (`shift_reports`) are plain functions of a ledger. Cash lines are kept per currency and
tender lines per tender type (method, currency), ordered by currency (`Currency` order) and
method, so a ledger reads the same however the shift's facts arrived.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from fluxion_desktop.domain.errors import InvalidType, InvalidValue
from fluxion_desktop.domain.money import Currency, Money

# The value of the sale module's TenderMethod.CASH; kept as text so shifts do not import sales.
CASH = "cash"

TenderType = tuple[str, Currency]

CURRENCY_RANK = {currency: rank for rank, currency in enumerate(Currency)}


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
    return tuple(sorted(lines, key=lambda line: CURRENCY_RANK[line.currency]))


def tender_rank(tender_type: TenderType) -> tuple[str, int]:
    return (tender_type[0], CURRENCY_RANK[tender_type[1]])


def _ordered_tenders(lines: Iterable[TenderLine]) -> tuple[TenderLine, ...]:
    return tuple(sorted(lines, key=lambda line: tender_rank(line.tender_type)))
