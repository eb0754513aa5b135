"""The cashier's sale in progress, driven through the application's commands (no Qt here).

`SaleSession` methods read and write the database, so screens call them only inside the till's
runner tasks, which run one at a time and in order; that is also what keeps `sale_id` right
when a scanner sends codes faster than they are rung up. What they hand back to the GUI thread
is a `SaleSnapshot`: frozen values computed on the worker, safe to read anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from fluxion_desktop.application.authorization import Credentials, UserView
from fluxion_desktop.application.sale_completion import CompleteSale
from fluxion_desktop.application.sales import (
    AddProductLine,
    AddTender,
    CancelSale,
    ChangeLineQuantity,
    DiscountLine,
    DiscountSale,
    OpenSale,
    ParkSale,
    RecallSale,
    RemoveTender,
    SaveOpenCarts,
    ScanItem,
    VoidLine,
)
from fluxion_desktop.application.shifts import OpenShift
from fluxion_desktop.domain.errors import CurrencyMismatch, InvalidState
from fluxion_desktop.domain.money import Currency, Money
from fluxion_desktop.domain.sale import Sale, SaleStatus
from fluxion_desktop.domain.sale_events import SaleCompleted
from fluxion_desktop.domain.sale_settings import SaleSettings
from fluxion_desktop.domain.sale_totals import LineTotals, SaleTotals
from fluxion_desktop.domain.tenders import Tender, TenderMethod, is_igtf_taxable
from fluxion_desktop.ui.context import TillContext

NOTHING_SOLD = "nothing was sold"


@dataclass(frozen=True, slots=True)
class TenderOption:
    """A way to pay this sale, what it takes to pay the rest by it, and whether IGTF applies."""

    method: TenderMethod
    currency: Currency
    to_settle: Money
    igtf: bool


@dataclass(frozen=True, slots=True)
class SaleSnapshot:
    sale_id: str
    status: SaleStatus
    settings: SaleSettings
    totals: SaleTotals
    tenders: tuple[Tender, ...]
    options: tuple[TenderOption, ...] = ()  # only for paying: see `of`

    @classmethod
    def of(cls, sale: Sale, *, paying: bool = False) -> SaleSnapshot:
        """`sale` as it stands; `paying` adds what each way to pay would settle, which costs a
        settlement per tender option, so a scan (one frame's budget) leaves it out."""
        options = _options(sale) if paying else ()
        return cls(sale.id, sale.status, sale.settings, sale.totals(), sale.tenders, options)

    @property
    def lines(self) -> tuple[LineTotals, ...]:
        return self.totals.lines

    @property
    def is_empty(self) -> bool:
        return not self.totals.lines

    def option(self, method: TenderMethod, currency: Currency) -> TenderOption | None:
        return next((o for o in self.options if (o.method, o.currency) == (method, currency)), None)


@dataclass(frozen=True, slots=True)
class ParkOutcome:
    """After F9: the sale now on the counter (None when it was parked) and how many wait."""

    sale: SaleSnapshot | None
    parked: int


class SaleSession:
    def __init__(self, context: TillContext, user: UserView) -> None:
        self._context = context
        self.user = user
        self._sale_id: str | None = None
        self._parked: list[str] = []

    def scan(self, code: str) -> SaleSnapshot:
        """Ring up what the scanner read; the first scan opens the sale (and a shift if none)."""
        sale_id = self._sale_id or self._open()
        self._handle(ScanItem(self.user.user_id, sale_id, code))
        return self._snapshot(sale_id)

    def change_quantity(self, line_id: str, quantity: Decimal) -> SaleSnapshot:
        sale_id = self._current()
        self._handle(ChangeLineQuantity(self.user.user_id, sale_id, line_id, quantity))
        return self._snapshot(sale_id)

    def add_product(self, product_id: str) -> SaleSnapshot:
        """Ring up a product picked from the search list (opens the sale like a scan)."""
        sale_id = self._sale_id or self._open()
        self._handle(AddProductLine(self.user.user_id, sale_id, product_id))
        return self._snapshot(sale_id)

    def void_line(
        self, line_id: str, reason: str, override: Credentials | None = None
    ) -> SaleSnapshot:
        sale_id = self._current()
        self._handle(VoidLine(self.user.user_id, sale_id, line_id, reason, override))
        return self._snapshot(sale_id)

    def discount_line(
        self, line_id: str, percent: Decimal, override: Credentials | None = None
    ) -> SaleSnapshot:
        """`percent` off one line (0 removes it); above the threshold, a supervisor's PIN."""
        sale_id = self._current()
        self._handle(DiscountLine(self.user.user_id, sale_id, line_id, percent, override))
        return self._snapshot(sale_id)

    def discount_sale(self, percent: Decimal, override: Credentials | None = None) -> SaleSnapshot:
        sale_id = self._current()
        self._handle(DiscountSale(self.user.user_id, sale_id, percent, override))
        return self._snapshot(sale_id)

    def add_tender(
        self, method: TenderMethod, amount: Money, reference: str | None
    ) -> SaleSnapshot:
        sale_id = self._current()
        self._handle(AddTender(self.user.user_id, sale_id, method, amount, reference))
        return self._snapshot(sale_id, paying=True)

    def remove_tender(self, tender_id: str) -> SaleSnapshot:
        sale_id = self._current()
        self._handle(RemoveTender(self.user.user_id, sale_id, tender_id))
        return self._snapshot(sale_id, paying=True)

    def save_cart(self) -> int:
        """Write the cart's held edits to the log (the screen asks once the cashier pauses);
        how many there were."""
        written = self._handle(SaveOpenCarts())
        assert isinstance(written, int)
        return written

    def current(self) -> SaleSnapshot | None:
        """The sale on the counter with its tender options (for the payment dialog)."""
        return None if self._sale_id is None else self._snapshot(self._sale_id, paying=True)

    def complete(self, change_currency: Currency) -> SaleCompleted:
        """Complete through the sale saga; the counter is empty once it has committed."""
        completed = self._handle(CompleteSale(self.user.user_id, self._current(), change_currency))
        assert isinstance(completed, SaleCompleted)
        self._sale_id = None
        return completed

    def cancel(self, reason: str) -> None:
        """Abandon the sale; tenders taken are removed first (the money goes back)."""
        sale_id = self._current()
        for tender in self._context.load_sale(sale_id).tenders:
            self._handle(RemoveTender(self.user.user_id, sale_id, tender.tender_id))
        self._handle(CancelSale(self.user.user_id, sale_id, reason))
        self._sale_id = None

    def park_or_recall(self) -> ParkOutcome:
        """Park the sale on the counter, or (when it is empty) bring back the last parked one."""
        current = self.current()
        if current is not None and not current.is_empty:
            self._handle(ParkSale(self.user.user_id, current.sale_id))
            self._parked.append(current.sale_id)
            self._sale_id = None
            return ParkOutcome(None, len(self._parked))
        if not self._parked:
            raise InvalidState("there is no parked sale to recall", None)
        self.close()
        sale_id = self._parked.pop()
        self._handle(RecallSale(self.user.user_id, sale_id))
        self._sale_id = sale_id
        return ParkOutcome(self._snapshot(sale_id), len(self._parked))

    def close(self) -> None:
        """Cancel an open sale that has nothing on it (a code that was not found, say)."""
        current = self.current()
        if current is not None and current.is_empty and not current.tenders:
            self._handle(CancelSale(self.user.user_id, current.sale_id, NOTHING_SOLD))
            self._sale_id = None

    def _open(self) -> str:
        context, user_id = self._context, self.user.user_id
        shift = context.shifts.open_shift(context.device.device_id)
        if shift is None:
            sale = context.store.settings().sale
            drawer = (Money.zero(sale.reference_currency), Money.zero(sale.local_currency))
            shift_id = str(self._handle(OpenShift(user_id, drawer)))
        else:
            shift_id = shift.shift_id
        self._sale_id = str(self._handle(OpenSale(user_id, shift_id)))
        return self._sale_id

    def _current(self) -> str:
        if self._sale_id is None:
            raise InvalidState("there is no sale on the counter", None)
        return self._sale_id

    def _snapshot(self, sale_id: str, *, paying: bool = False) -> SaleSnapshot:
        return SaleSnapshot.of(self._context.load_sale(sale_id), paying=paying)

    def _handle(self, command: object) -> object:
        return self._context.bus.handle(command)


def _options(sale: Sale) -> tuple[TenderOption, ...]:
    if sale.status is not SaleStatus.OPEN:
        return ()
    settings = sale.settings
    reference, local = settings.reference_currency, settings.local_currency
    offered = (
        (TenderMethod.CASH, reference),
        (TenderMethod.CASH, local),
        (TenderMethod.DEBIT_CARD, local),
        (TenderMethod.PAGO_MOVIL, local),
        (TenderMethod.ZELLE, Currency.USD),
    )
    options = []
    for method, currency in offered:
        try:
            to_settle = sale.amount_to_settle(method, currency)
        except CurrencyMismatch:
            continue  # Zelle when neither of the sale's currencies is USD
        probe = Tender("probe", method, Money(currency.quantum, currency), "probe")
        options.append(TenderOption(method, currency, to_settle, is_igtf_taxable(probe, settings)))
    return tuple(options)
