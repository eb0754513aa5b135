"""A sale's totals, computed by one pure function from its lines, discounts, rate and tenders.

Prices are NET of IVA. Every amount is rounded ROUND_HALF_UP (half away from zero) to the
currency's minor units, at these points and nowhere else:

1. line gross = round(price * quantity);
2. line discount = round(gross * percent / 100); line net = gross - line discount;
3. order discount = round(Σ line nets * percent / 100), split across the lines in proportion to
   their nets by the largest-remainder method, so the shares add up to it to the cent (ties go
   to the earlier line); a line's taxable base = line net - its share;
4. line tax = round(base * IVA rate of the line's category); tax per category and the sale's
   tax are sums of line taxes, so they always add up;
5. total = Σ bases + Σ taxes (reference currency); IGTF, due, paid, balance and change as in
   `tenders.settle`;
6. each VES figure (subtotal, discounts, net, tax, total, IGTF, each category's base and tax) is
   its reference-currency figure converted at the frozen rate and rounded on its own, so the VES
   figures can differ by a cent from the sum of their parts. The amounts that settle the sale
   (due, paid, balance, change in VES) come from `tenders.settle`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from fluxion_desktop.domain.decimals import round_half_up
from fluxion_desktop.domain.errors import CurrencyMismatch
from fluxion_desktop.domain.money import Currency, ExchangeRate, Money, exact_money
from fluxion_desktop.domain.sale_lines import SaleLine
from fluxion_desktop.domain.sale_settings import SaleSettings
from fluxion_desktop.domain.tax import TaxCategory
from fluxion_desktop.domain.tenders import Tender, settle_amount

_HUNDRED = Decimal(100)
_ZERO = Decimal(0)
_CATEGORIES = tuple(TaxCategory)  # iterating the enum itself costs a microsecond a time


@dataclass(frozen=True, slots=True)
class LineTotals:
    """One line's amounts in the reference currency, with what was sold (for receipts, returns).

    gross - line_discount - order_discount = net (the taxable base); net + tax = total.
    """

    line_id: str
    product_id: str
    sku: str
    name: str
    quantity: Decimal
    is_weighed: bool
    unit_price: Money
    tax_category: TaxCategory
    tax_rate: Decimal
    gross: Money
    line_discount: Money
    order_discount: Money
    net: Money
    tax: Money
    total: Money


@dataclass(frozen=True, slots=True)
class TaxTotal:
    """The taxable base and IVA of one category, in both currencies."""

    category: TaxCategory
    rate: Decimal
    base: Money
    tax: Money
    base_local: Money
    tax_local: Money


@dataclass(frozen=True, slots=True)
class SaleAmounts:
    """The headline amounts of a sale in one currency.

    subtotal - discounts = net; net + tax = total; total + igtf = due. `balance` is what is
    still owed and `change` what is owed back; both are zero or more.
    """

    subtotal: Money
    discounts: Money
    net: Money
    tax: Money
    total: Money
    igtf: Money
    due: Money
    paid: Money
    balance: Money
    change: Money


@dataclass(frozen=True, slots=True)
class SaleTotals:
    """Everything a receipt, a fiscal printer or the Z report needs about a sale's money.

    `reference` holds the amounts in the reference currency (USD), `local` in the local one
    (VES, at `rate`). `settled` is true when the VES balance is within the store's tolerance:
    whether a sale is paid is decided in VES, so a UI asking "how much more?" reads
    `local.balance` or `tenders.amount_to_settle`; `reference.balance` is for display.
    `igtf_base` (reference currency) is the foreign-currency part IGTF was charged on, and
    `igtf_rate` the rate applied (zero when the store is not a special taxpayer).
    """

    rate: ExchangeRate
    lines: tuple[LineTotals, ...]
    taxes: tuple[TaxTotal, ...]
    order_discount_percent: Decimal
    line_discounts: Money
    order_discount: Money
    igtf_base: Money
    igtf_rate: Decimal
    reference: SaleAmounts
    local: SaleAmounts
    settled: bool

    def amounts_in(self, currency: Currency) -> SaleAmounts:
        """The amounts in `currency`: the reference or the local one."""
        if currency is self.rate.base:
            return self.reference
        if currency is self.rate.quote:
            return self.local
        raise CurrencyMismatch(
            f"the sale has amounts in {self.rate.base} and {self.rate.quote}, not {currency}",
            "currency",
        )

    def change_in(self, currency: Currency) -> Money:
        """The change owed in `currency`, rounded half-up to its minor units."""
        try:
            return self.amounts_in(currency).change
        except CurrencyMismatch as error:
            raise CurrencyMismatch(error.message, "change_currency") from None


@dataclass(frozen=True, slots=True)
class PricedLines:
    """What a sale's lines and order discount decide at its rate and settings, whatever is
    tendered (a tender added or removed leaves it as it is): each line's amounts, the taxes per
    category, and the sums in the reference currency (`reference`) and converted (`local`), as
    (subtotal, discounts, net, tax, total). `totals_of` adds the tenders.
    """

    rate: ExchangeRate
    order_discount_percent: Decimal
    lines: tuple[LineTotals, ...]
    taxes: tuple[TaxTotal, ...]
    line_discounts: Money
    order_discount: Money
    reference: tuple[Money, Money, Money, Money, Money]
    local: tuple[Money, Money, Money, Money, Money]

    @property
    def total(self) -> Money:
        """The sale's total in the reference currency, before IGTF."""
        return self.reference[4]


def compute_totals(
    lines: Sequence[SaleLine],
    order_discount_percent: Decimal,
    tenders: Sequence[Tender],
    settings: SaleSettings,
    rate: ExchangeRate,
) -> SaleTotals:
    """The totals of a sale (voided lines must not be passed); see the module for the rules."""
    return totals_of(price_lines(lines, order_discount_percent, settings, rate), tenders, settings)


def price_lines(
    lines: Sequence[SaleLine],
    order_discount_percent: Decimal,
    settings: SaleSettings,
    rate: ExchangeRate,
) -> PricedLines:
    """Rules 1-4 and 6 of the module for the lines (voided ones left out), before any tender.

    Raises `CurrencyMismatch` (field "currency") for a line not priced in the reference
    currency, or a rate that does not convert from it: plain Decimals never add currencies.
    """
    reference = settings.reference_currency
    for line in lines:
        if line.price.currency is not reference:
            raise CurrencyMismatch(
                f"cannot add {reference} and {line.price.currency} without an exchange rate",
                "currency",
            )
    if rate.base is not reference:
        raise CurrencyMismatch(
            f"cannot compare {reference} and {rate.base} without an exchange rate", "currency"
        )
    figures = _line_figures(lines, order_discount_percent, settings)
    subtotal, line_discounts, order_discount, net, tax = _column_sums(figures)
    sums = (subtotal, line_discounts + order_discount, net, tax, net + tax)
    local = _Local(rate)
    return PricedLines(
        rate=rate,
        order_discount_percent=order_discount_percent,
        lines=tuple(_line_total(f, reference) for f in figures),
        taxes=_tax_totals(figures, settings, local),
        line_discounts=exact_money(line_discounts, reference),
        order_discount=exact_money(order_discount, reference),
        reference=_each(lambda amount: exact_money(amount, reference), sums),
        local=_each(local, sums),
    )


def totals_of(priced: PricedLines, tenders: Sequence[Tender], settings: SaleSettings) -> SaleTotals:
    """The totals of `priced` lines paid with `tenders` (the settings they were priced with)."""
    rate = priced.rate
    subtotal, discounts, net, tax, total = priced.reference
    settlement = settle_amount(total.amount, total.currency, tenders, settings, rate)
    igtf = settlement.igtf
    local_subtotal, local_discounts, local_net, local_tax, local_total = priced.local
    return SaleTotals(
        rate=rate,
        lines=priced.lines,
        taxes=priced.taxes,
        order_discount_percent=priced.order_discount_percent,
        line_discounts=priced.line_discounts,
        order_discount=priced.order_discount,
        igtf_base=settlement.igtf_base,
        igtf_rate=settings.igtf_rate if settings.special_taxpayer else Decimal(0),
        reference=SaleAmounts(
            subtotal=subtotal,
            discounts=discounts,
            net=net,
            tax=tax,
            total=total,
            igtf=igtf,
            due=settlement.due,
            paid=settlement.paid,
            balance=settlement.balance,
            change=settlement.change,
        ),
        local=SaleAmounts(
            subtotal=local_subtotal,
            discounts=local_discounts,
            net=local_net,
            tax=local_tax,
            total=local_total,
            igtf=_Local(rate)(igtf.amount),
            due=settlement.due_local,
            paid=settlement.paid_local,
            balance=settlement.balance_local,
            change=settlement.change_local,
        ),
        settled=settlement.balance_local.amount <= settings.change_tolerance,
    )


def allocate(amount: int, weights: Sequence[int]) -> list[int]:
    """Split `amount` (minor units) in proportion to `weights` by largest remainder.

    Each share is floor(amount * weight / Σ weights); the units left over go one each to the
    largest remainders, the earlier position winning a tie. The shares always add up to
    `amount`; all zero when the weights add up to zero.
    """
    whole = sum(weights)
    if whole == 0:
        return [0] * len(weights)
    shares = [amount * weight // whole for weight in weights]
    remainders = [amount * weight % whole for weight in weights]
    left = amount - sum(shares)
    by_remainder = sorted(range(len(weights)), key=lambda i: (-remainders[i], i))
    for index in by_remainder[:left]:
        shares[index] += 1
    return shares


class _LineFigures(NamedTuple):
    """One line's amounts as Decimals in the reference currency (Money only at the end)."""

    line: SaleLine
    gross: Decimal
    discount: Decimal
    order_share: Decimal
    base: Decimal
    tax_rate: Decimal
    tax: Decimal


def _line_figures(
    lines: Sequence[SaleLine], order_percent: Decimal, settings: SaleSettings
) -> list[_LineFigures]:
    # Plain Decimals, rounded where the module says: the same operations as on Money, without
    # a Money and its currency check per step (a five-line sale made ~100 of them).
    places = settings.reference_currency.minor_units
    quantum = settings.reference_currency.quantum
    grosses = [round_half_up(line.price.amount * line.quantity, quantum) for line in lines]
    discounts = [
        round_half_up(gross * (line.discount_percent / _HUNDRED), quantum)
        for gross, line in zip(grosses, lines, strict=True)
    ]
    nets = [gross - discount for gross, discount in zip(grosses, discounts, strict=True)]
    order_total = round_half_up(_sum(nets) * (order_percent / _HUNDRED), quantum)
    shares = allocate(_minor(order_total, places), [_minor(net, places) for net in nets])
    rate_for = settings.tax_rates.rate_for
    result = []
    for line, gross, discount, net, share in zip(
        lines, grosses, discounts, nets, shares, strict=True
    ):
        order_share = Decimal(share).scaleb(-places)
        base = net - order_share
        tax_rate = rate_for(line.tax_category)
        tax = round_half_up(base * tax_rate, quantum)
        result.append(_LineFigures(line, gross, discount, order_share, base, tax_rate, tax))
    return result


def _line_total(figures: _LineFigures, reference: Currency) -> LineTotals:
    line = figures.line
    return LineTotals(
        line_id=line.line_id,
        product_id=line.product_id,
        sku=line.sku,
        name=line.name,
        quantity=line.quantity,
        is_weighed=line.is_weighed,
        unit_price=line.price,
        tax_category=line.tax_category,
        tax_rate=figures.tax_rate,
        gross=exact_money(figures.gross, reference),
        line_discount=exact_money(figures.discount, reference),
        order_discount=exact_money(figures.order_share, reference),
        net=exact_money(figures.base, reference),
        tax=exact_money(figures.tax, reference),
        total=exact_money(figures.base + figures.tax, reference),
    )


def _tax_totals(
    figures: Sequence[_LineFigures], settings: SaleSettings, local: _Local
) -> tuple[TaxTotal, ...]:
    """One entry per category present on the sale, in the order of `TaxCategory`."""
    reference = settings.reference_currency
    by_category: dict[TaxCategory, list[_LineFigures]] = {}
    for f in figures:
        by_category.setdefault(f.line.tax_category, []).append(f)
    result = []
    for category in _CATEGORIES:
        in_category = by_category.get(category)
        if not in_category:
            continue
        base = _sum(f.base for f in in_category)
        tax = _sum(f.tax for f in in_category)
        result.append(
            TaxTotal(
                category=category,
                rate=settings.tax_rates.rate_for(category),
                base=exact_money(base, reference),
                tax=exact_money(tax, reference),
                base_local=local(base),
                tax_local=local(tax),
            )
        )
    return tuple(result)


class _Local:
    """A reference-currency amount converted at the frozen rate, rounded to local units."""

    __slots__ = ("_currency", "_quantum", "_rate")

    def __init__(self, rate: ExchangeRate) -> None:
        self._rate = rate.rate
        self._currency = rate.quote
        self._quantum = rate.quote.quantum

    def __call__(self, amount: Decimal) -> Money:
        return exact_money(round_half_up(amount * self._rate, self._quantum), self._currency)


def _each(
    convert: Callable[[Decimal], Money], sums: tuple[Decimal, Decimal, Decimal, Decimal, Decimal]
) -> tuple[Money, Money, Money, Money, Money]:
    first, second, third, fourth, fifth = sums
    return convert(first), convert(second), convert(third), convert(fourth), convert(fifth)


def _column_sums(
    figures: Sequence[_LineFigures],
) -> tuple[Decimal, Decimal, Decimal, Decimal, Decimal]:
    """Σ gross, Σ line discount, Σ order share, Σ base, Σ tax: one pass, as `_sum` adds."""
    gross = discount = order_share = base = tax = _ZERO
    for f in figures:
        gross += f.gross
        discount += f.discount
        order_share += f.order_share
        base += f.base
        tax += f.tax
    return gross, discount, order_share, base, tax


def _sum(amounts: Iterable[Decimal]) -> Decimal:
    # Left to right from Decimal(0), as `Money.total` adds: the same digits and exponent.
    return sum(amounts, _ZERO)


def _minor(amount: Decimal, places: int) -> int:
    return int(amount.scaleb(places))
