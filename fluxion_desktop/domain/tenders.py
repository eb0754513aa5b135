"""Tenders (how a customer pays), and the IGTF, balance and change rules that settle a sale.

Settlement is done in the LOCAL currency (VES) on the rounded figures the cashier sees:

* the amount due in VES is ``round_half_up(due * rate)``, where ``due`` (reference currency, in
  cents) is the sale total plus IGTF;
* a tender in VES counts for its face value; the tenders in the reference currency count, all
  together, for ``round_half_up(sum * rate)`` VES;
* the balance is due minus paid in VES, exact to the cent; change is the excess.

So paying exactly the VES amount shown on the screen leaves a balance of exactly zero, whatever
the rate's decimals; no tolerance is needed for that. The same figures in the reference currency
are given for display: ``paid`` converts the VES tenders by division and rounds once, half-up.

Rounding is always ROUND_HALF_UP to the currency's minor units (half away from zero).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from fluxion_desktop.domain.decimals import round_half_up
from fluxion_desktop.domain.errors import CurrencyMismatch, InvalidType, InvalidValue
from fluxion_desktop.domain.money import Currency, ExchangeRate, Money, exact_money

if TYPE_CHECKING:  # only annotations: sale_settings imports TenderMethod from here
    from fluxion_desktop.domain.sale_settings import SaleSettings


class TenderMethod(StrEnum):
    """How a tender was paid."""

    CASH = "cash"
    DEBIT_CARD = "debit_card"  # punto de venta, in bolívares
    PAGO_MOVIL = "pago_movil"  # interbank mobile transfer, in bolívares
    ZELLE = "zelle"  # US bank transfer, in dollars
    CUSTOMER_CREDIT = "customer_credit"  # the customer's store credit

    @property
    def needs_reference(self) -> bool:
        """True for methods whose bank or terminal reference must be kept for reconciliation."""
        return self in _NEEDS_REFERENCE


_NEEDS_REFERENCE = frozenset({TenderMethod.DEBIT_CARD, TenderMethod.PAGO_MOVIL, TenderMethod.ZELLE})
_LOCAL_ONLY = frozenset({TenderMethod.DEBIT_CARD, TenderMethod.PAGO_MOVIL})
_ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Tender:
    """One payment towards a sale (or one refund out of a return).

    `amount` is positive and a whole number of the currency's minor units (no half cents).
    DEBIT_CARD, PAGO_MOVIL and ZELLE need a non-empty `reference` (it is stored stripped); ZELLE
    is always in USD. Whether the currency suits the sale (DEBIT_CARD and PAGO_MOVIL in the local
    currency, anything in the sale's reference or local currency) is checked by
    `check_tender_currency`, because only the sale knows its currencies.
    """

    tender_id: str
    method: TenderMethod
    amount: Money
    reference: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.tender_id, str) or not self.tender_id.strip():
            raise InvalidValue("tender_id must not be empty", "tender_id")
        if not isinstance(self.method, TenderMethod):
            raise InvalidType("method must be a TenderMethod", "method")
        if not isinstance(self.amount, Money):
            raise InvalidType("amount must be Money", "amount")
        if not self.amount.is_positive:
            raise InvalidValue(f"a tender must be positive, got {self.amount}", "amount")
        if self.amount.rounded() != self.amount:
            raise InvalidValue(
                f"a tender must be whole {self.amount.currency} minor units, got {self.amount}",
                "amount",
            )
        self._check_reference()
        if self.method is TenderMethod.ZELLE and self.amount.currency is not Currency.USD:
            raise CurrencyMismatch("Zelle payments are in USD", "currency")

    def _check_reference(self) -> None:
        reference = self.reference
        if reference is not None and not isinstance(reference, str):
            raise InvalidType("reference must be text", "reference")
        reference = reference.strip() if reference is not None else None
        if self.method.needs_reference and not reference:
            raise InvalidValue(f"a {self.method} tender needs its reference number", "reference")
        object.__setattr__(self, "reference", reference or None)


def check_tender_currency(tender: Tender, reference: Currency, local: Currency) -> None:
    """Refuse a tender whose currency the sale cannot value or the method cannot carry.

    A sale freezes one reference→local rate, so only those two currencies can be valued;
    DEBIT_CARD and PAGO_MOVIL move local money only. Raises `CurrencyMismatch` (field "currency").
    """
    currency = tender.amount.currency
    if currency not in (reference, local):
        raise CurrencyMismatch(
            f"this sale takes {reference} or {local}, not {currency}", "currency"
        )
    if tender.method in _LOCAL_ONLY and currency is not local:
        raise CurrencyMismatch(f"{tender.method} payments are in {local}", "currency")


def is_igtf_taxable(tender: Tender, settings: SaleSettings) -> bool:
    """True when IGTF applies to `tender`.

    The store must be a special taxpayer, the method must be flagged in the settings, and the
    tender's currency must not be the local one (IGTF taxes payments in foreign currency).
    """
    return (
        settings.special_taxpayer
        and tender.method in settings.igtf_methods
        and tender.amount.currency is not settings.local_currency
    )


@dataclass(frozen=True, slots=True)
class Settlement:
    """How the tenders settle a sale total. Amounts in the reference currency unless `_local`."""

    igtf_base: Money
    igtf: Money
    due: Money
    due_local: Money
    paid: Money
    paid_local: Money
    balance: Money
    balance_local: Money
    change: Money
    change_local: Money


def settle(
    total: Money, tenders: Sequence[Tender], settings: SaleSettings, rate: ExchangeRate
) -> Settlement:
    """Apply `tenders` to a sale whose `total` (reference currency, cents) includes IVA.

    IGTF = ``round_half_up(igtf_rate * base)``, where the base is the sum of the IGTF-taxable
    tenders (all in the reference currency: a foreign tender must be in one of the sale's two
    currencies) capped at `total`: the excess becomes change and is not taxed.

    Balance and change are computed in VES on rounded figures (see the module docstring); the
    reference-currency `balance` and `change` are ``round_half_up(due - paid)`` and
    ``round_half_up(paid - due)`` of the exact reference values, floored at zero. `change` is
    zero whenever `change_local` is: both say whether anything is owed to the customer.
    """
    return settle_amount(total.amount, total.currency, tenders, settings, rate)


def settle_amount(
    total: Decimal,
    currency: Currency,
    tenders: Sequence[Tender],
    settings: SaleSettings,
    rate: ExchangeRate,
) -> Settlement:
    """`settle` of a `total` already taken apart (a sale's totals sum plain Decimals)."""
    reference, local = rate.base, rate.quote
    in_reference, in_local, taxable = _tendered(tenders, settings, reference, local)
    if currency is not reference:
        raise CurrencyMismatch(
            f"cannot compare {currency} and {reference} without an exchange rate", "currency"
        )
    cents, local_cents = reference.quantum, local.quantum
    igtf_base, igtf, due, due_local, paid_local = _due_and_paid(
        total, taxable, in_reference, in_local, settings, rate
    )
    paid_exact = in_reference + in_local / rate.rate
    change = round_half_up(_positive(paid_exact - due, cents), cents)
    if not paid_local - due_local > 0:
        change = _ZERO.quantize(cents)
    return Settlement(
        igtf_base=exact_money(igtf_base, reference),
        igtf=exact_money(igtf, reference),
        due=exact_money(due, reference),
        due_local=exact_money(due_local, local),
        paid=exact_money(round_half_up(paid_exact, cents), reference),
        paid_local=exact_money(paid_local, local),
        balance=exact_money(round_half_up(_positive(due - paid_exact, cents), cents), reference),
        balance_local=exact_money(_positive(due_local - paid_local, local_cents), local),
        change=exact_money(change, reference),
        change_local=exact_money(_positive(paid_local - due_local, local_cents), local),
    )


def _tendered(
    tenders: Sequence[Tender], settings: SaleSettings, reference: Currency, local: Currency
) -> tuple[Decimal, Decimal, Decimal]:
    """What was tendered in each of the sale's currencies, and the IGTF-taxable part."""
    in_reference = in_local = taxable = _ZERO
    for tender in tenders:
        amount = tender.amount
        if amount.currency is reference:
            in_reference += amount.amount
        elif amount.currency is local:
            in_local += amount.amount
    for tender in tenders:
        if is_igtf_taxable(tender, settings):
            if tender.amount.currency is not reference:
                raise CurrencyMismatch(
                    f"cannot add {reference} and {tender.amount.currency} without an exchange rate",
                    "currency",
                )
            taxable += tender.amount.amount
    return in_reference, in_local, taxable


def amount_to_settle(
    total: Money,
    tenders: Sequence[Tender],
    settings: SaleSettings,
    rate: ExchangeRate,
    method: TenderMethod,
    currency: Currency,
) -> Money:
    """The `currency` amount that, tendered by `method`, leaves exactly nothing due.

    In the local currency it is the VES balance itself. In the reference currency the amount
    grows by the IGTF it attracts when the method is taxable, and is a whole cent that settles
    the sale while one cent less does not (a fraction of a cent's worth of VES may come back as
    change). Zero when the VES balance is zero; a balance within the tolerance is still asked
    for. Raises `CurrencyMismatch` (field "currency") for a method that cannot carry `currency`.
    """
    reference = "settle" if method.needs_reference else None

    def tender_of(cents: int) -> Tender:
        amount = Money(Decimal(cents).scaleb(-currency.minor_units), currency)
        return Tender("settle", method, amount, reference)

    check_tender_currency(tender_of(1), rate.base, rate.quote)
    current = settle(total, tenders, settings, rate)
    if current.balance_local.is_zero:
        return Money.zero(currency).rounded()
    if currency is rate.quote:
        return current.balance_local

    taxable = is_igtf_taxable(tender_of(1), settings)
    settles = _settles_with(total.amount, tenders, settings, rate, taxable=taxable)
    estimate = rate.convert(current.balance_local).amount
    if taxable:
        estimate /= Decimal(1) - settings.igtf_rate
    # Invariant: `low` cents do not settle, `high` cents do; bisect down to adjacent cents.
    low, high = 0, max(1, _to_minor_units(estimate, currency))
    while not settles(high):
        low, high = high, high * 2
    while high - low > 1:
        middle = (low + high) // 2
        if settles(middle):
            high = middle
        else:
            low = middle
    return tender_of(high).amount


def _settles_with(
    total: Decimal,
    tenders: Sequence[Tender],
    settings: SaleSettings,
    rate: ExchangeRate,
    *,
    taxable: bool,
) -> Callable[[int], bool]:
    """Whether one more reference-currency tender of `cents` (IGTF-`taxable` or not) leaves
    nothing due in VES: ``settle(...).balance_local.is_zero`` of the tenders and that one, by
    the same operations, with the tenders' sums made once (the search asks ~17 times)."""
    in_reference, in_local, taxed = _tendered(tenders, settings, rate.base, rate.quote)
    places = rate.base.minor_units

    def settles(cents: int) -> bool:
        amount = Decimal(cents).scaleb(-places)
        base = taxed + amount if taxable else taxed
        _, _, _, due_local, paid_local = _due_and_paid(
            total, base, in_reference + amount, in_local, settings, rate
        )
        return not due_local - paid_local > 0

    return settles


def _due_and_paid(
    total: Decimal,
    taxable: Decimal,
    in_reference: Decimal,
    in_local: Decimal,
    settings: SaleSettings,
    rate: ExchangeRate,
) -> tuple[Decimal, Decimal, Decimal, Decimal, Decimal]:
    """IGTF base, IGTF, due, due in VES and paid in VES, rounded as `settle` says (plain
    Decimals: the same operations as on Money, without a Money and its check per step)."""
    cents, local_cents = rate.base.quantum, rate.quote.quantum
    igtf_base = total if total < taxable else taxable
    igtf = round_half_up(igtf_base * settings.igtf_rate, cents)
    due = total + igtf
    due_local = round_half_up(due * rate.rate, local_cents)
    paid_local = in_local + round_half_up(in_reference * rate.rate, local_cents)
    return igtf_base, igtf, due, due_local, paid_local


def ensure_unique_tenders(tenders: Iterable[Tender]) -> None:
    """Refuse a repeated tender id, or a bank reference used twice for the same method.

    A repeated reference is almost always the same transfer entered twice.
    """
    ids: set[str] = set()
    references: set[tuple[TenderMethod, str]] = set()
    for tender in tenders:
        if tender.tender_id in ids:
            raise InvalidValue(f"tender {tender.tender_id} is already recorded", "tender_id")
        ids.add(tender.tender_id)
        if tender.reference is not None and tender.method.needs_reference:
            key = (tender.method, tender.reference)
            if key in references:
                raise InvalidValue(
                    f"{tender.method} reference {tender.reference} is already recorded",
                    "reference",
                )
            references.add(key)


def _positive(amount: Decimal, quantum: Decimal) -> Decimal:
    # Zero as `Money.zero(...).rounded()` writes it: "0.00", not "0".
    return amount if amount > 0 else _ZERO.quantize(quantum)


def _to_minor_units(amount: Decimal, currency: Currency) -> int:
    # Rounded up so that the first guess usually settles already.
    return int(amount.scaleb(currency.minor_units).to_integral_value(rounding=ROUND_CEILING))
