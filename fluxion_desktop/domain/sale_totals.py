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

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from fluxion_desktop.domain.errors import CurrencyMismatch
from fluxion_desktop.domain.money import Currency, ExchangeRate, Money
from fluxion_desktop.domain.sale_lines import SaleLine
from fluxion_desktop.domain.sale_settings import SaleSettings
from fluxion_desktop.domain.tax import TaxCategory
from fluxion_desktop.domain.tenders import Settlement, Tender, settle

_HUNDRED = Decimal(100)


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


def compute_totals(
    lines: Sequence[SaleLine],
    order_discount_percent: Decimal,
    tenders: Sequence[Tender],
    settings: SaleSettings,
    rate: ExchangeRate,
) -> SaleTotals:
    """The totals of a sale (voided lines must not be passed); see the module for the rules."""
    reference = settings.reference_currency
    line_totals = _line_totals(lines, order_discount_percent, settings, reference)
    subtotal = Money.total((line.gross for line in line_totals), reference)
    line_discounts = Money.total((line.line_discount for line in line_totals), reference)
    order_discount = Money.total((line.order_discount for line in line_totals), reference)
    net = Money.total((line.net for line in line_totals), reference)
    tax = Money.total((line.tax for line in line_totals), reference)
    total = net + tax
    settlement = settle(total, tenders, settings, rate)
    amounts = SaleAmounts(
        subtotal=subtotal,
        discounts=line_discounts + order_discount,
        net=net,
        tax=tax,
        total=total,
        igtf=settlement.igtf,
        due=settlement.due,
        paid=settlement.paid,
        balance=settlement.balance,
        change=settlement.change,
    )
    return SaleTotals(
        rate=rate,
        lines=line_totals,
        taxes=_tax_totals(line_totals, settings, rate),
        order_discount_percent=order_discount_percent,
        line_discounts=line_discounts,
        order_discount=order_discount,
        igtf_base=settlement.igtf_base,
        igtf_rate=settings.igtf_rate if settings.special_taxpayer else Decimal(0),
        reference=amounts,
        local=_in_local(amounts, settlement, rate),
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


def _line_totals(
    lines: Sequence[SaleLine],
    order_percent: Decimal,
    settings: SaleSettings,
    reference: Currency,
) -> tuple[LineTotals, ...]:
    grosses = [(line.price * line.quantity).rounded() for line in lines]
    discounts = [
        (gross * (line.discount_percent / _HUNDRED)).rounded()
        for gross, line in zip(grosses, lines, strict=True)
    ]
    nets = [gross - discount for gross, discount in zip(grosses, discounts, strict=True)]
    order_total = (Money.total(nets, reference) * (order_percent / _HUNDRED)).rounded()
    shares = allocate(_minor(order_total), [_minor(net) for net in nets])
    result = []
    for line, gross, discount, net, share in zip(
        lines, grosses, discounts, nets, shares, strict=True
    ):
        order_share = Money(Decimal(share).scaleb(-reference.minor_units), reference)
        base = net - order_share
        tax_rate = settings.tax_rates.rate_for(line.tax_category)
        tax = (base * tax_rate).rounded()
        result.append(
            LineTotals(
                line_id=line.line_id,
                product_id=line.product_id,
                sku=line.sku,
                name=line.name,
                quantity=line.quantity,
                is_weighed=line.is_weighed,
                unit_price=line.price,
                tax_category=line.tax_category,
                tax_rate=tax_rate,
                gross=gross,
                line_discount=discount,
                order_discount=order_share,
                net=base,
                tax=tax,
                total=base + tax,
            )
        )
    return tuple(result)


def _tax_totals(
    lines: Sequence[LineTotals], settings: SaleSettings, rate: ExchangeRate
) -> tuple[TaxTotal, ...]:
    """One entry per category present on the sale, in the order of `TaxCategory`."""
    reference = settings.reference_currency
    result = []
    for category in TaxCategory:
        in_category = [line for line in lines if line.tax_category is category]
        if not in_category:
            continue
        base = Money.total((line.net for line in in_category), reference)
        tax = Money.total((line.tax for line in in_category), reference)
        result.append(
            TaxTotal(
                category=category,
                rate=settings.tax_rates.rate_for(category),
                base=base,
                tax=tax,
                base_local=rate.convert(base).rounded(),
                tax_local=rate.convert(tax).rounded(),
            )
        )
    return tuple(result)


def _in_local(amounts: SaleAmounts, settlement: Settlement, rate: ExchangeRate) -> SaleAmounts:
    def local(money: Money) -> Money:
        return rate.convert(money).rounded()

    return SaleAmounts(
        subtotal=local(amounts.subtotal),
        discounts=local(amounts.discounts),
        net=local(amounts.net),
        tax=local(amounts.tax),
        total=local(amounts.total),
        igtf=local(amounts.igtf),
        due=settlement.due_local,
        paid=settlement.paid_local,
        balance=settlement.balance_local,
        change=settlement.change_local,
    )


def _minor(money: Money) -> int:
    return int(money.amount.scaleb(money.currency.minor_units))
