"""The `Sale` aggregate: ringing up lines, discounts and tenders, then completing or cancelling.

A sale freezes its exchange rate and store settings when it opens (`SaleOpened` carries both),
so replaying it years later gives the same totals. Prices are net of IVA; see `sale_totals` for
every rounding rule and `tenders` for IGTF, balance and change.

Lifecycle: OPEN ⇄ PARKED (a parked sale refuses changes until recalled); OPEN → COMPLETED or
OPEN/PARKED → CANCELLED, after which the sale refuses everything.
"""

from __future__ import annotations

import copy
from datetime import datetime
from decimal import Decimal
from typing import Generic, TypeVar

from fluxion_desktop.domain.aggregate import Aggregate
from fluxion_desktop.domain.errors import (
    InvalidState,
    InvalidType,
    InvalidValue,
    NotFound,
    PermissionDenied,
)
from fluxion_desktop.domain.events import DomainEvent
from fluxion_desktop.domain.money import Currency, ExchangeRate, Money
from fluxion_desktop.domain.sale_events import (
    EVENT_TYPES,
    SaleCancelled,
    SaleCompleted,
    SaleLineAdded,
    SaleLineDiscounted,
    SaleLinePriceOverridden,
    SaleLineQuantityChanged,
    SaleLineVoided,
    SaleOpened,
    SaleOrderDiscounted,
    SaleParked,
    SaleRecalled,
    SaleTenderAdded,
    SaleTenderRemoved,
)
from fluxion_desktop.domain.sale_lines import (
    SaleLine,
    VoidedLine,
    check_percent,
    check_price,
    check_quantity,
    optional_text,
    require_aware,
    require_text,
)
from fluxion_desktop.domain.sale_settings import SaleSettings, check_rate
from fluxion_desktop.domain.sale_state import SaleHistory, SaleState, SaleStatus
from fluxion_desktop.domain.sale_totals import PricedLines, SaleTotals, price_lines, totals_of
from fluxion_desktop.domain.tax import TaxCategory
from fluxion_desktop.domain.tenders import (
    Tender,
    TenderMethod,
    amount_to_settle,
    check_tender_currency,
    ensure_unique_tenders,
)

__all__ = ["EVENT_TYPES", "Sale", "SaleState", "SaleStatus"]


class Sale(Aggregate):
    """One sale at one till; its id is the stream's id."""

    stream_type = "sale"

    def __init__(self, aggregate_id: str) -> None:
        super().__init__(aggregate_id)
        self._history = SaleHistory()
        self._figures: _Worked[SaleTotals] = _Worked()
        self._priced: _Worked[PricedLines] = _Worked()

    def __deepcopy__(self, memo: dict[int, object]) -> Sale:
        # Events and figures are immutable values: the copy (the cart's `Repository.peek`)
        # shares them, and shares what was worked out in this very state (`_Worked`), so totals
        # the cart works out are not worked out again by the command that completes the sale.
        twin = type(self).__new__(type(self))
        twin.__dict__.update(self.__dict__)
        twin._pending = list(self._pending)
        twin._history = copy.deepcopy(self._history, memo)
        return twin

    # -- creation ------------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        sale_id: str,
        cashier_id: str,
        shift_id: str,
        rate: ExchangeRate,
        settings: SaleSettings,
        at: datetime,
        *,
        accept_stale_rate: bool = False,
    ) -> Sale:
        """Open a sale at the day's `rate`, frozen on it.

        A rate older than `settings.max_rate_age_days` on ``at.date()`` raises
        `StaleExchangeRate` (field "exchange_rate") unless `accept_stale_rate` is true; then
        `SaleOpened.stale_rate_accepted` records that decision. It stays false when the rate was
        fresh, whatever was passed. The rate must convert the reference currency to the local one.
        """
        sale_id = require_text(sale_id, "sale_id")
        if not isinstance(settings, SaleSettings):
            raise InvalidType("settings must be SaleSettings", "settings")
        check_rate(rate, settings)
        at = require_aware(at)
        stale = rate.is_stale(at.date(), settings.max_rate_age_days)
        if stale and accept_stale_rate is not True:
            rate.ensure_fresh(at.date(), settings.max_rate_age_days)
        sale = cls(sale_id)
        sale._record(
            SaleOpened(
                sale_id=sale_id,
                cashier_id=require_text(cashier_id, "cashier_id"),
                shift_id=require_text(shift_id, "shift_id"),
                rate=rate,
                settings=settings,
                opened_at=at,
                stale_rate_accepted=stale,
            )
        )
        return sale

    # -- lines ---------------------------------------------------------------------------------

    def add_line(
        self,
        line_id: str,
        product_id: str,
        sku: str,
        name: str,
        unit_price: Money,
        tax_category: TaxCategory,
        quantity: Decimal,
        is_weighed: bool = False,
    ) -> None:
        """Ring up a product at its catalog price (reference currency, net of IVA)."""
        self._require_open()
        line_id = require_text(line_id, "line_id")
        if line_id in self._history.lines or line_id in self._history.voided:
            raise InvalidValue(f"line {line_id} is already on the sale", "line_id")
        if not isinstance(is_weighed, bool):
            raise InvalidType("is_weighed must be a bool", "is_weighed")
        if not isinstance(sku, str):
            raise InvalidType("sku must be text", "sku")
        self._record(
            SaleLineAdded(
                line_id=line_id,
                product_id=require_text(product_id, "product_id"),
                sku=sku.strip(),
                name=require_text(name, "name"),
                unit_price=check_price(unit_price, self.settings.reference_currency, "unit_price"),
                tax_category=TaxCategory.parse(tax_category),
                quantity=check_quantity(quantity, is_weighed),
                is_weighed=is_weighed,
            )
        )

    def change_quantity(self, line_id: str, quantity: Decimal) -> None:
        """Set a line's quantity (whole for pieces, up to 3 decimals when weighed)."""
        self._require_open()
        line = self._active_line(line_id)
        self._record(
            SaleLineQuantityChanged(
                line_id=line.line_id,
                quantity=check_quantity(quantity, line.is_weighed),
                previous_quantity=line.quantity,
            )
        )

    def override_price(self, line_id: str, price: Money, override_by: str | None) -> None:
        """Charge `price` instead of the catalog price; always needs a supervisor's override."""
        self._require_open()
        line = self._active_line(line_id)
        price = check_price(price, self.settings.reference_currency, "price")
        self._record(
            SaleLinePriceOverridden(
                line_id=line.line_id,
                price=price,
                previous_price=line.price,
                override_by=_supervisor(override_by),
            )
        )

    def discount_line(self, line_id: str, percent: Decimal, override_by: str | None = None) -> None:
        """Discount one line by `percent` (0 removes it); above the threshold needs an override."""
        self._require_open()
        line = self._active_line(line_id)
        percent = check_percent(percent)
        by = self._authorised_by(override_by, needed=self._above_threshold(percent))
        self._record(SaleLineDiscounted(line_id=line.line_id, percent=percent, override_by=by))

    def discount_order(self, percent: Decimal, override_by: str | None = None) -> None:
        """Discount the whole sale by `percent` of its net (0 removes it), before tax."""
        self._require_open()
        percent = check_percent(percent)
        by = self._authorised_by(override_by, needed=self._above_threshold(percent))
        self._record(SaleOrderDiscounted(percent=percent, override_by=by))

    def void_line(self, line_id: str, reason: str, by: str) -> None:
        """Take a line off the sale; it stays in `voided_lines` and in the history."""
        self._require_open()
        line = self._active_line(line_id)
        self._record(
            SaleLineVoided(
                line_id=line.line_id,
                reason=require_text(reason, "reason"),
                by=require_text(by, "by"),
            )
        )

    # -- parking -------------------------------------------------------------------------------

    def park(self) -> None:
        """Set the sale aside to serve the next customer. It must have lines and no tenders:
        money taken for a sale that is not on the counter would be missing from the drawer."""
        self._require_open()
        if not self._history.lines:
            raise InvalidState("there is nothing on the sale to park", "lines")
        if self._history.tenders:
            raise InvalidState("remove the tenders before parking the sale", "tenders")
        self._record(SaleParked())

    def recall(self) -> None:
        """Bring a parked sale back, exactly as it was (its rate stays the one it opened with)."""
        if self._history.status is not SaleStatus.PARKED:
            raise InvalidState(
                f"only a parked sale can be recalled; it is {self._history.status}", "status"
            )
        self._record(SaleRecalled())

    # -- paying --------------------------------------------------------------------------------

    def add_tender(self, tender: Tender) -> None:
        """Record a payment in the reference or the local currency (see `Tender`)."""
        self._require_open()
        if not isinstance(tender, Tender):
            raise InvalidType("tender must be a Tender", "tender")
        settings = self.settings
        check_tender_currency(tender, settings.reference_currency, settings.local_currency)
        ensure_unique_tenders((*self._history.tenders.values(), tender))
        self._record(SaleTenderAdded(tender=tender))

    def remove_tender(self, tender_id: str) -> None:
        """Void a tender before completion (a declined card, a mistyped amount)."""
        self._require_open()
        if tender_id not in self._history.tenders:
            raise NotFound(f"no tender {tender_id} on this sale", "tender_id")
        self._record(SaleTenderRemoved(tender_id=tender_id))

    def amount_to_settle(self, method: TenderMethod, currency: Currency) -> Money:
        """What a tender of `method` in `currency` must be to pay the rest, IGTF included."""
        return amount_to_settle(
            self._total(),
            tuple(self._history.tenders.values()),
            self.settings,
            self.rate,
            method,
            currency,
        )

    def complete(self, change_currency: Currency, at: datetime) -> None:
        """Finish the sale, giving change in `change_currency` (the reference or local one).

        Refuses with `InvalidState` when nothing is sold (field "lines") or when the VES balance
        is above the store's tolerance (field "tenders"), and `CurrencyMismatch` (field
        "change_currency") for any other currency.
        """
        self._require_open()
        at = require_aware(at)
        if not isinstance(change_currency, Currency):
            raise InvalidType("change_currency must be a Currency", "change_currency")
        if not self._history.lines:
            raise InvalidState("there is nothing on the sale", "lines")
        totals = self.totals()
        change = totals.change_in(change_currency)
        if not totals.settled:
            raise InvalidState(
                f"{totals.local.balance} ({totals.reference.balance}) is still due", "tenders"
            )
        opened = self._require_opened()
        self._record(
            SaleCompleted(
                sale_id=opened.sale_id,
                cashier_id=opened.cashier_id,
                shift_id=opened.shift_id,
                completed_at=at,
                rate=opened.rate,
                stale_rate_accepted=opened.stale_rate_accepted,
                totals=totals,
                tenders=tuple(self._history.tenders.values()),
                igtf=totals.reference.igtf,
                change=change,
                change_currency=change_currency,
            )
        )

    def cancel(self, reason: str, by: str) -> None:
        """Abandon an open or parked sale. Tenders must be removed (refunded) first."""
        if self._history.status not in (SaleStatus.OPEN, SaleStatus.PARKED):
            raise InvalidState(f"a {self._history.status} sale cannot be cancelled", "status")
        if self._history.tenders:
            raise InvalidState("remove the tenders before cancelling the sale", "tenders")
        self._record(
            SaleCancelled(reason=require_text(reason, "reason"), by=require_text(by, "by"))
        )

    # -- reading -------------------------------------------------------------------------------

    @property
    def status(self) -> SaleStatus:
        self._require_opened()
        assert self._history.status is not None
        return self._history.status

    @property
    def is_closed(self) -> bool:
        return self._history.status in (SaleStatus.COMPLETED, SaleStatus.CANCELLED)

    @property
    def rate(self) -> ExchangeRate:
        """The exchange rate frozen when the sale opened."""
        return self._require_opened().rate

    @property
    def settings(self) -> SaleSettings:
        """The store settings frozen when the sale opened."""
        return self._require_opened().settings

    @property
    def lines(self) -> tuple[SaleLine, ...]:
        """The lines being sold, in the order they were rung up (voided lines excluded)."""
        return tuple(self._history.lines.values())

    @property
    def voided_lines(self) -> tuple[VoidedLine, ...]:
        return tuple(self._history.voided.values())

    @property
    def tenders(self) -> tuple[Tender, ...]:
        return tuple(self._history.tenders.values())

    def line(self, line_id: str) -> SaleLine:
        """An active line by id; `NotFound` (or `InvalidState` when voided), field "line_id"."""
        return self._active_line(line_id)

    def totals(self) -> SaleTotals:
        """The sale's totals now (after completion, the ones `SaleCompleted` recorded)."""
        opened = self._require_opened()
        if self._history.completed is not None:
            return self._history.completed.totals
        figures = self._figures
        if figures.value is None:
            figures.value = totals_of(self._priced_lines(), self.tenders, opened.settings)
        return figures.value

    def _total(self) -> Money:
        """`totals().reference.total`, from the priced lines alone while the sale is open."""
        if self._history.completed is not None:
            return self.totals().reference.total
        return self._priced_lines().total

    def _priced_lines(self) -> PricedLines:
        priced = self._priced
        if priced.value is None:
            opened = self._require_opened()
            priced.value = price_lines(
                self.lines, self._history.order_discount, opened.settings, opened.rate
            )
        return priced.value

    @property
    def state(self) -> SaleState:
        """The whole state as one value: equal for the live sale and its replay."""
        return self._history.state(self._require_opened(), self.status)

    # -- rules ---------------------------------------------------------------------------------

    def _require_opened(self) -> SaleOpened:
        if self._history.opened is None:
            raise InvalidState("the sale has not been opened", "status")
        return self._history.opened

    def _require_open(self) -> None:
        self._require_opened()
        if self._history.status is SaleStatus.PARKED:
            raise InvalidState("the sale is parked; recall it first", "status")
        if self._history.status is not SaleStatus.OPEN:
            raise InvalidState(f"the sale is {self._history.status}", "status")

    def _active_line(self, line_id: str) -> SaleLine:
        if line_id in self._history.voided:
            raise InvalidState(f"line {line_id} was voided", "line_id")
        try:
            return self._history.lines[line_id]
        except (KeyError, TypeError):
            raise NotFound(f"no line {line_id!r} on this sale", "line_id") from None

    def _above_threshold(self, percent: Decimal) -> bool:
        return percent > self.settings.discount_threshold_percent

    @staticmethod
    def _authorised_by(override_by: str | None, *, needed: bool) -> str | None:
        return _supervisor(override_by) if needed else optional_text(override_by, "override_by")

    def _apply(self, event: DomainEvent) -> None:
        self._history.apply(event)
        # A new state: what was worked out for the last one is gone (the priced lines stay
        # when only the tenders or the status moved).
        self._figures = _Worked()
        if not isinstance(event, _KEEP_PRICES):
            self._priced = _Worked()


# What leaves the lines, the order discount, the rate and the settings as they were.
_KEEP_PRICES = (SaleTenderAdded, SaleTenderRemoved, SaleParked, SaleRecalled)
T = TypeVar("T")


class _Worked(Generic[T]):
    """A value worked out from one state of a sale (its totals, its priced lines); the events
    that can change it replace it with an empty one.

    Replaced, never cleared, so a copy made in that state (which shares it) keeps it valid too.
    The value is immutable.
    """

    __slots__ = ("value",)

    def __init__(self) -> None:
        self.value: T | None = None

    def __deepcopy__(self, memo: dict[int, object]) -> _Worked[T]:
        return self  # belongs to the state, which the copy has too


def _supervisor(override_by: str | None) -> str:
    by = optional_text(override_by, "override_by")
    if by is None:
        raise PermissionDenied("a supervisor must authorise this", "override_by")
    return by
