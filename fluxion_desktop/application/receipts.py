"""The customer's receipt, laid out from the completed sale (no Qt, so tests read every figure).

Both currencies side by side (reference and local at the sale's frozen rate), the rate, IVA
per category, IGTF, the tenders, change, the cashier and the receipt number. The labels come in
`ReceiptWords` (English by default; the UI passes translated ones), the number marks in a
`NumberStyle`, so a receipt reads 1.234,56 in Caracas.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import tzinfo

from fluxion_desktop.application.authorization import UserQueries
from fluxion_desktop.application.number_style import NumberStyle, symbol
from fluxion_desktop.application.printouts import (
    DEFAULT_WIDTH,
    LineStyle,
    Printout,
    PrintoutBuilder,
)
from fluxion_desktop.application.sale_lookup import SaleLookup
from fluxion_desktop.application.store_admin import StoreQueries
from fluxion_desktop.domain.errors import NotFound
from fluxion_desktop.domain.sale_events import SaleCompleted
from fluxion_desktop.domain.sale_return import ReturnCompleted
from fluxion_desktop.domain.sale_totals import LineTotals, SaleTotals
from fluxion_desktop.domain.store_settings import StoreSettings
from fluxion_desktop.domain.tax import TaxCategory
from fluxion_desktop.domain.tenders import Tender, TenderMethod


def _method_names() -> dict[TenderMethod, str]:
    return {
        TenderMethod.CASH: "Cash",
        TenderMethod.DEBIT_CARD: "Debit",
        TenderMethod.PAGO_MOVIL: "Pago Movil",
        TenderMethod.ZELLE: "Zelle",
        TenderMethod.CUSTOMER_CREDIT: "Store credit",
    }


@dataclass(frozen=True)
class ReceiptWords:
    """Every label a receipt prints; `{...}` fields are filled in."""

    receipt: str = "Receipt {number}"
    when: str = "%Y-%m-%d %H:%M"  # strftime formats: dates as the store reads them
    day: str = "%Y-%m-%d"
    reprint: str = "*** COPY ***"
    cashier: str = "Cashier: {name}"
    rate: str = "Rate {source} {rate} ({day})"
    line_discount: str = "  discount {percent} %"
    subtotal: str = "Subtotal"
    discounts: str = "Discounts"
    tax: str = "IVA {percent} % on {base}"
    exempt: str = "Exempt"
    total: str = "TOTAL"
    igtf: str = "IGTF {percent} % on {base}"
    due: str = "TO PAY"
    paid: str = "Paid"
    change: str = "Change"
    thanks: str = "Thank you for your purchase"
    return_title: str = "RETURN"
    against: str = "Against receipt {number}"
    refund: str = "REFUND"
    methods: dict[TenderMethod, str] = field(default_factory=_method_names)


@dataclass(frozen=True, slots=True)
class ReceiptFacts:
    """What a receipt shows besides the sale: where, who, which number."""

    sale: SaleCompleted
    receipt_no: str
    store: StoreSettings
    cashier_name: str
    reprint: bool = False


def receipt_printout(
    facts: ReceiptFacts,
    words: ReceiptWords,
    numbers: NumberStyle,
    width: int = DEFAULT_WIDTH,
    timezone: tzinfo | None = None,
) -> Printout:
    """The receipt of `facts.sale`; times in `timezone` (the computer's own when None)."""
    sale, totals = facts.sale, facts.sale.totals
    out = PrintoutBuilder(width)
    _header(out, facts, words, numbers, timezone)
    out.rule()
    for line in totals.lines:
        _line(out, line, words, numbers)
    out.rule()
    _totals(out, totals, words, numbers)
    out.rule()
    for tender in sale.tenders:
        out.pair(_tender_label(tender, words), numbers.money(tender.amount))
    out.pair(words.change, numbers.money(sale.change), LineStyle.BOLD)
    out.blank()
    out.title(words.thanks)
    return out.build(words.receipt.format(number=facts.receipt_no))


def _header(
    out: PrintoutBuilder,
    facts: ReceiptFacts,
    words: ReceiptWords,
    numbers: NumberStyle,
    timezone: tzinfo | None,
) -> None:
    store, sale = facts.store, facts.sale
    out.title(store.store_name)
    for detail in (store.rif, store.address):
        if detail.strip():
            out.title(detail)
    if facts.reprint:
        out.title(words.reprint)
    out.rule()
    out.text(words.receipt.format(number=facts.receipt_no), LineStyle.BOLD)
    when = sale.completed_at.astimezone(timezone).strftime(words.when)
    cashier = words.cashier.format(name=facts.cashier_name)
    if len(when) + len(cashier) < out.width:
        out.pair(when, cashier)
    else:  # a long name: each on its own line rather than cut
        out.text(when)
        out.text(cashier)
    rate = sale.rate
    out.text(words.rate.format(source=rate.source, rate=numbers.rate(rate),
                               day=rate.effective_date.strftime(words.day)))  # fmt: skip


def _line(
    out: PrintoutBuilder, line: LineTotals, words: ReceiptWords, numbers: NumberStyle
) -> None:
    mark = " (E)" if line.tax_category is TaxCategory.EXEMPT else ""
    out.text(f"{line.name}{mark}")
    quantity = numbers.quantity(line.quantity) + (" kg" if line.is_weighed else "")
    out.pair(f"  {quantity} x {numbers.money(line.unit_price)}", numbers.money(line.gross))
    if line.line_discount.is_positive:
        percent = (line.line_discount.amount * 100 / line.gross.amount).quantize(1)
        out.pair(words.line_discount.format(percent=percent), numbers.money(-line.line_discount))


def _totals(
    out: PrintoutBuilder, totals: SaleTotals, words: ReceiptWords, numbers: NumberStyle
) -> None:
    ref, local, money = totals.reference, totals.local, numbers.money
    out.columns(words.subtotal, money(ref.subtotal), money(local.subtotal))
    if ref.discounts.is_positive:
        out.columns(words.discounts, money(-ref.discounts), money(-local.discounts))
    for tax in totals.taxes:
        if tax.category is TaxCategory.EXEMPT:
            out.columns(words.exempt, money(tax.base), money(tax.base_local))
            continue
        label = words.tax.format(percent=numbers.percent(tax.rate), base=money(tax.base))
        out.text(label)
        out.columns("", money(tax.tax), money(tax.tax_local))
    out.columns(words.total, money(ref.total), money(local.total), LineStyle.BOLD)
    if ref.igtf.is_positive:
        out.text(words.igtf.format(percent=numbers.percent(totals.igtf_rate),
                                   base=money(totals.igtf_base)))  # fmt: skip
        out.columns("", money(ref.igtf), money(local.igtf))
        out.columns(words.due, money(ref.due), money(local.due), LineStyle.BOLD)


def _tender_label(tender: Tender, words: ReceiptWords) -> str:
    name = (
        f"{words.methods.get(tender.method, tender.method.value)} {symbol(tender.amount.currency)}"
    )
    return f"{name} {tender.reference}" if tender.reference else name


def return_printout(
    done: ReturnCompleted,
    receipt_no: str,
    store: StoreSettings,
    names: Mapping[str, str],
    words: ReceiptWords,
    numbers: NumberStyle,
    width: int = DEFAULT_WIDTH,
    timezone: tzinfo | None = None,
) -> Printout:
    """The slip of a return: what came back, against which receipt, and the refund paid
    (`names` gives each returned line's product name by line id)."""
    out = PrintoutBuilder(width)
    out.title(store.store_name)
    out.title(words.return_title)
    out.rule()
    out.text(words.against.format(number=receipt_no), LineStyle.BOLD)
    out.text(done.completed_at.astimezone(timezone).strftime(words.when))
    out.rule()
    for item in done.items:
        out.text(names.get(item.line_id, item.sku))
        out.pair(f"  {numbers.quantity(item.quantity)}", numbers.money(item.refund))
    out.rule()
    out.columns(words.refund, numbers.money(done.amount), numbers.money(done.amount_local),
                LineStyle.BOLD)  # fmt: skip
    for tender in done.tenders:
        out.pair(_tender_label(tender, words), numbers.money(tender.amount))
    return out.build(f"{words.return_title} {receipt_no}")


class Receipts:
    """Receipts of completed sales, read from the sales read models (call it off the GUI thread)."""

    def __init__(
        self,
        sales: SaleLookup,
        store: StoreQueries,
        users: UserQueries,
        timezone: tzinfo | None = None,
    ) -> None:
        self._sales = sales
        self._store = store
        self._users = users
        self._timezone = timezone

    def facts(self, sale_id: str, *, reprint: bool = False) -> ReceiptFacts:
        sale = self._sales.completion(sale_id)
        number = self._sales.receipt_number(sale_id)
        if sale is None or number is None:
            raise NotFound(f"no completed sale {sale_id!r} to print", "sale_id")
        cashier = self._users.get(sale.cashier_id)
        name = cashier.display_name if cashier is not None else sale.cashier_id
        return ReceiptFacts(sale, number, self._store.settings(), name, reprint)

    def return_slip(
        self,
        done: ReturnCompleted,
        names: Mapping[str, str],
        words: ReceiptWords,
        numbers: NumberStyle,
        width: int = DEFAULT_WIDTH,
    ) -> Printout:
        """The slip of a return against one of these sales."""
        number = self._sales.receipt_number(done.sale_id) or done.sale_id
        store = self._store.settings()
        return return_printout(done, number, store, names, words, numbers, width, self._timezone)

    def printout(
        self,
        sale_id: str,
        words: ReceiptWords,
        numbers: NumberStyle,
        width: int = DEFAULT_WIDTH,
        *,
        reprint: bool = False,
    ) -> Printout:
        facts = self.facts(sale_id, reprint=reprint)
        return receipt_printout(facts, words, numbers, width, self._timezone)
