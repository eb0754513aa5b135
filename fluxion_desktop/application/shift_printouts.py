"""The X and Z reports of a shift as printouts: what the drawer should hold, per currency and
tender, and at close what was counted and the variance (no Qt; the UI shows and prints them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from fluxion_desktop.application.number_style import NumberStyle, symbol
from fluxion_desktop.application.printouts import (
    DEFAULT_WIDTH,
    LineStyle,
    Printout,
    PrintoutBuilder,
)
from fluxion_desktop.domain.money import Money
from fluxion_desktop.domain.shift_ledger import CashLine, TenderLine
from fluxion_desktop.domain.shift_reports import XReport, ZReport


def _method_names() -> dict[str, str]:
    return {
        "cash": "Cash",
        "debit_card": "Debit",
        "pago_movil": "Pago Movil",
        "zelle": "Zelle",
        "customer_credit": "Store credit",
    }


@dataclass(frozen=True)
class ShiftReportWords:
    x_title: str = "X REPORT"
    when: str = "%Y-%m-%d %H:%M"  # a strftime format: times as the store reads them
    z_title: str = "Z REPORT"
    shift: str = "Shift {shift}"
    cashier: str = "Cashier: {name}"
    opened: str = "Opened {at}"
    taken: str = "Taken {at}"
    closed: str = "Closed {at}"
    sales: str = "Sales: {sales} · refunds: {refunds}"
    cash: str = "Cash {currency}"
    opening_float: str = "Opening float"
    cash_sales: str = "Cash sales"
    change_given: str = "Change given"
    cash_in: str = "Cash in"
    cash_out: str = "Cash out"
    refunds: str = "Refunds"
    expected: str = "Expected"
    tenders: str = "Tenders"
    counted: str = "Counted"
    variance: str = "Variance"
    methods: dict[str, str] = field(default_factory=_method_names)


def x_report_printout(
    report: XReport,
    cashier_name: str,
    words: ShiftReportWords,
    numbers: NumberStyle,
    width: int = DEFAULT_WIDTH,
    timezone: tzinfo | None = None,
) -> Printout:
    out = PrintoutBuilder(width)
    out.title(words.x_title)
    _head(out, report.shift.shift_id, cashier_name, words)
    out.text(words.opened.format(at=_time(report.shift.opened_at, timezone, words)))
    out.text(words.taken.format(at=_time(report.at, timezone, words)))
    out.text(words.sales.format(sales=report.sales_count, refunds=report.refunds_count))
    _figures(out, report.cash, report.tenders, words, numbers)
    return out.build(words.x_title)


def z_report_printout(
    report: ZReport,
    cashier_name: str,
    words: ShiftReportWords,
    numbers: NumberStyle,
    width: int = DEFAULT_WIDTH,
    timezone: tzinfo | None = None,
) -> Printout:
    out = PrintoutBuilder(width)
    out.title(words.z_title)
    _head(out, report.shift.shift_id, cashier_name, words)
    out.text(words.opened.format(at=_time(report.shift.opened_at, timezone, words)))
    out.text(words.closed.format(at=_time(report.closed_at, timezone, words)))
    out.text(words.sales.format(sales=report.sales_count, refunds=report.refunds_count))
    _figures(out, report.cash, report.tenders, words, numbers)
    out.rule()
    out.text(words.counted, LineStyle.BOLD)
    for cash in report.counted_cash:
        out.text(words.cash.format(currency=symbol(cash.currency)), LineStyle.BOLD)
        for row in cash.denominations:
            if row.count:
                value = numbers.amount(row.denomination)
                out.pair(f"  {row.count} x {value}", numbers.amount(row.value))
        _reconciled(out, cash.expected, cash.counted, cash.variance, words, numbers)
    for tender in report.counted_tenders:
        name = words.methods.get(tender.method, tender.method)
        out.text(f"{name} {symbol(tender.currency)}", LineStyle.BOLD)
        _reconciled(out, tender.expected, tender.counted, tender.variance, words, numbers)
    return out.build(words.z_title)


def _head(out: PrintoutBuilder, shift_id: str, cashier: str, words: ShiftReportWords) -> None:
    out.rule()
    out.text(words.shift.format(shift=shift_id))
    out.text(words.cashier.format(name=cashier))


def _figures(
    out: PrintoutBuilder,
    cash: tuple[CashLine, ...],
    tenders: tuple[TenderLine, ...],
    words: ShiftReportWords,
    numbers: NumberStyle,
) -> None:
    money = numbers.money
    for line in cash:
        out.rule()
        out.text(words.cash.format(currency=symbol(line.currency)), LineStyle.BOLD)
        out.pair(words.opening_float, money(line.opening_float))
        out.pair(words.cash_sales, money(line.cash_sales))
        out.pair(words.change_given, money(-line.change_given))
        out.pair(words.cash_in, money(line.cash_in))
        out.pair(words.cash_out, money(-line.cash_out))
        out.pair(words.refunds, money(-line.cash_refunds))
        out.pair(words.expected, money(line.expected), LineStyle.BOLD)
    if tenders:
        out.rule()
        out.text(words.tenders, LineStyle.BOLD)
    for tender in tenders:
        name = words.methods.get(tender.method, tender.method)
        out.pair(f"{name} {symbol(tender.currency)} ({tender.sales_count})",
                 money(tender.net_total))  # fmt: skip


def _reconciled(
    out: PrintoutBuilder,
    expected: Money,
    counted: Money,
    variance: Money,
    words: ShiftReportWords,
    numbers: NumberStyle,
) -> None:
    for label, amount in ((words.expected, expected), (words.counted, counted),
                          (words.variance, variance)):  # fmt: skip
        out.pair(f"  {label}", numbers.money(amount))


def _time(at: datetime, timezone: tzinfo | None, words: ShiftReportWords) -> str:
    return at.astimezone(timezone).strftime(words.when)
