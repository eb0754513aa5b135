"""Ringing up a sale: open, scan, change, discount, void, park, recall, tender, cancel.

Completing it is the sale saga's job (`sale_completion.py`). Sensitive steps take either the
acting user's own permission or a supervisor's PIN (`override`), whose user id the sale records.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from fluxion_desktop.application.authorization import Authorizer, Credentials, OverrideChecker
from fluxion_desktop.application.message_bus import MessageBus
from fluxion_desktop.application.ports import Clock, IdGenerator
from fluxion_desktop.application.queries import CatalogQueries, ProductView
from fluxion_desktop.application.repository import Repository
from fluxion_desktop.application.store_admin import StoreQueries
from fluxion_desktop.domain.barcode import Barcode, BarcodeKind, WeighedLabel
from fluxion_desktop.domain.catalog import Unit
from fluxion_desktop.domain.errors import DomainError, InvalidState, NotFound, PermissionDenied
from fluxion_desktop.domain.identity import Permission
from fluxion_desktop.domain.money import Money
from fluxion_desktop.domain.sale import Sale
from fluxion_desktop.domain.tenders import Tender, TenderMethod


@dataclass(frozen=True, slots=True)
class OpenSale:
    user_id: str
    shift_id: str
    accept_stale_rate: bool = False
    sale_id: str | None = None


@dataclass(frozen=True, slots=True)
class ScanItem:
    """What the scan field sends: a barcode, a weighed-item label or a SKU."""

    user_id: str
    sale_id: str
    code: str
    quantity: Decimal = Decimal(1)


@dataclass(frozen=True, slots=True)
class AddProductLine:
    user_id: str
    sale_id: str
    product_id: str
    quantity: Decimal = Decimal(1)


@dataclass(frozen=True, slots=True)
class ChangeLineQuantity:
    user_id: str
    sale_id: str
    line_id: str
    quantity: Decimal


@dataclass(frozen=True, slots=True)
class OverrideLinePrice:
    user_id: str
    sale_id: str
    line_id: str
    price: Money
    override: Credentials | None = None


@dataclass(frozen=True, slots=True)
class DiscountLine:
    user_id: str
    sale_id: str
    line_id: str
    percent: Decimal
    override: Credentials | None = None


@dataclass(frozen=True, slots=True)
class DiscountSale:
    user_id: str
    sale_id: str
    percent: Decimal
    override: Credentials | None = None


@dataclass(frozen=True, slots=True)
class VoidLine:
    user_id: str
    sale_id: str
    line_id: str
    reason: str
    override: Credentials | None = None


@dataclass(frozen=True, slots=True)
class ParkSale:
    user_id: str
    sale_id: str


@dataclass(frozen=True, slots=True)
class RecallSale:
    user_id: str
    sale_id: str


@dataclass(frozen=True, slots=True)
class AddTender:
    user_id: str
    sale_id: str
    method: TenderMethod
    amount: Money
    reference: str | None = None


@dataclass(frozen=True, slots=True)
class RemoveTender:
    user_id: str
    sale_id: str
    tender_id: str


@dataclass(frozen=True, slots=True)
class CancelSale:
    user_id: str
    sale_id: str
    reason: str


@dataclass(frozen=True, slots=True)
class SaveOpenCarts:
    """Write the open carts' latest edits to the log (the till sends it once the cashier
    pauses, and on the way out); completing, parking or cancelling a sale writes its own."""


@dataclass(frozen=True, slots=True)
class ScannedLine:
    """What a scan added, for the cart to show at once."""

    line_id: str
    product: ProductView
    quantity: Decimal


class SaleHandlers:
    def __init__(
        self,
        sales: Repository[Sale],
        catalog: CatalogQueries,
        store: StoreQueries,
        authorizer: Authorizer,
        overrides: OverrideChecker,
        clock: Clock,
        ids: IdGenerator,
    ) -> None:
        self._sales = sales
        self._catalog = catalog
        self._store = store
        self._authorizer = authorizer
        self._overrides = overrides
        self._clock = clock
        self._ids = ids

    def register(self, bus: MessageBus) -> None:
        bus.register(OpenSale, self.open_sale)
        bus.register(ScanItem, self.scan_item)
        bus.register(AddProductLine, self.add_product_line)
        bus.register(ChangeLineQuantity, self.change_quantity)
        bus.register(OverrideLinePrice, self.override_price)
        bus.register(DiscountLine, self.discount_line)
        bus.register(DiscountSale, self.discount_sale)
        bus.register(VoidLine, self.void_line)
        bus.register(ParkSale, self.park)
        bus.register(RecallSale, self.recall)
        bus.register(AddTender, self.add_tender)
        bus.register(RemoveTender, self.remove_tender)
        bus.register(CancelSale, self.cancel)
        bus.register(SaveOpenCarts, self.save_open_carts)

    def open_sale(self, command: OpenSale) -> str:
        self._authorizer.require(command.user_id, Permission.SELL)
        settings = self._store.settings().sale
        rate = self._store.current_rate(settings.reference_currency, settings.local_currency)
        if rate is None:
            raise InvalidState(
                f"no {settings.reference_currency}/{settings.local_currency} exchange rate is "
                "recorded; a manager must enter the rate of the day",
                "exchange_rate",
            )
        sale = Sale.open(
            command.sale_id or str(self._ids.new_id()),
            command.user_id,
            command.shift_id,
            rate,
            settings,
            self._clock.now(),
            accept_stale_rate=command.accept_stale_rate,
        )
        self._save_cart_edit(sale, command.user_id)
        return sale.id

    def scan_item(self, command: ScanItem) -> ScannedLine:
        """Add what the scanner read; a weighed label brings its own weight or price."""
        product, quantity = self._resolve(command.code, command.quantity)
        sale = self._load(command.user_id, command.sale_id)
        line_id = str(self._ids.new_id())
        sale.add_line(
            line_id,
            product.product_id,
            product.sku,
            product.name,
            product.price,
            product.tax_category,
            quantity,
            is_weighed=product.unit is Unit.KG,
        )
        self._save_cart_edit(sale, command.user_id)
        return ScannedLine(line_id, product, quantity)

    def add_product_line(self, command: AddProductLine) -> ScannedLine:
        product = self._catalog.get(command.product_id)
        if product is None or not product.active:
            raise NotFound(f"unknown product {command.product_id!r}", "product_id")
        sale = self._load(command.user_id, command.sale_id)
        line_id = str(self._ids.new_id())
        sale.add_line(line_id, product.product_id, product.sku, product.name, product.price,
                      product.tax_category, command.quantity,
                      is_weighed=product.unit is Unit.KG)  # fmt: skip
        self._save_cart_edit(sale, command.user_id)
        return ScannedLine(line_id, product, command.quantity)

    def change_quantity(self, command: ChangeLineQuantity) -> None:
        sale = self._load(command.user_id, command.sale_id)
        sale.change_quantity(command.line_id, command.quantity)
        self._save_cart_edit(sale, command.user_id)

    def override_price(self, command: OverrideLinePrice) -> None:
        sale = self._load(command.user_id, command.sale_id)
        by = self._supervisor(command.user_id, command.override, Permission.PRICE_OVERRIDE)
        sale.override_price(command.line_id, command.price, by)
        self._save_cart_edit(sale, command.user_id)

    def discount_line(self, command: DiscountLine) -> None:
        sale = self._load(command.user_id, command.sale_id)
        by = self._optional_supervisor(command.user_id, command.override)
        sale.discount_line(command.line_id, command.percent, by)
        self._save_cart_edit(sale, command.user_id)

    def discount_sale(self, command: DiscountSale) -> None:
        sale = self._load(command.user_id, command.sale_id)
        by = self._optional_supervisor(command.user_id, command.override)
        sale.discount_order(command.percent, by)
        self._save_cart_edit(sale, command.user_id)

    def void_line(self, command: VoidLine) -> None:
        sale = self._load(command.user_id, command.sale_id)
        by = self._supervisor(command.user_id, command.override, Permission.VOID_LINE)
        sale.void_line(command.line_id, command.reason, by)
        self._save_cart_edit(sale, command.user_id)

    def park(self, command: ParkSale) -> None:
        sale = self._load(command.user_id, command.sale_id)
        sale.park()
        self._sales.save(sale, command.user_id)

    def recall(self, command: RecallSale) -> None:
        sale = self._load(command.user_id, command.sale_id)
        sale.recall()
        self._sales.save(sale, command.user_id)

    def add_tender(self, command: AddTender) -> str:
        sale = self._load(command.user_id, command.sale_id)
        tender_id = str(self._ids.new_id())
        sale.add_tender(Tender(tender_id, command.method, command.amount, command.reference))
        self._save_cart_edit(sale, command.user_id)
        return tender_id

    def remove_tender(self, command: RemoveTender) -> None:
        sale = self._load(command.user_id, command.sale_id)
        sale.remove_tender(command.tender_id)
        self._save_cart_edit(sale, command.user_id)

    def cancel(self, command: CancelSale) -> None:
        sale = self._load(command.user_id, command.sale_id)
        sale.cancel(command.reason, command.user_id)
        self._sales.save(sale, command.user_id)

    def save_open_carts(self, _command: SaveOpenCarts) -> int:
        """How many cart edits were written."""
        return self._sales.write_held()

    @property
    def held_edits(self) -> int:
        """How many cart edits wait in memory for SaveOpenCarts (or their sale's next commit)."""
        return self._sales.holds

    def _save_cart_edit(self, sale: Sale, user_id: str) -> None:
        # An open cart's edits are held in memory and written with the sale's next durable
        # commit (complete, park, cancel), or by SaveOpenCarts, which the sale screen sends
        # once the cashier pauses and at least every two seconds: a transaction per scan cost
        # more than the rest of the scan. A crash may lose the edits since the last write,
        # never a sale: nothing is acknowledged before the sale completes (or is parked), and
        # that commit waits for the disk with the cart in it.
        self._sales.save_later(sale, user_id)

    def load(self, sale_id: str) -> Sale:
        """The sale as it stands, to read (the cart, the tender dialog); never to change."""
        sale = self._sales.peek(sale_id)
        if sale is None:
            raise NotFound(f"unknown sale {sale_id!r}", "sale_id")
        return sale

    def _load(self, user_id: str, sale_id: str) -> Sale:
        self._authorizer.require(user_id, Permission.SELL)
        sale = self._sales.get(sale_id)
        if sale is None:
            raise NotFound(f"unknown sale {sale_id!r}", "sale_id")
        return sale

    def _resolve(self, code: str, quantity: Decimal) -> tuple[ProductView, Decimal]:
        """The product a code names, and the quantity: a scale label's weight wins."""
        text = code.strip()
        product = self._catalog.by_barcode(text)
        if product is not None:
            return self._active(product, text), quantity
        label = _weighed_label(text)
        if label is not None:
            product = self._catalog.by_sku(label.item_code)
            if product is not None:
                return self._active(product, text), _label_quantity(label, product, quantity)
        product = self._catalog.by_sku(text)
        if product is None:
            raise NotFound(f"no product has the code {text!r}", "code")
        return self._active(product, text), quantity

    @staticmethod
    def _active(product: ProductView, code: str) -> ProductView:
        if not product.active:
            raise InvalidState(f"{product.name} ({code}) is not for sale", "code")
        return product

    def _supervisor(
        self, user_id: str, override: Credentials | None, permission: Permission
    ) -> str:
        """The acting user if allowed, else the supervisor whose PIN was given."""
        if self._authorizer.allows(user_id, permission):
            return user_id
        if override is None:
            raise _needs_override(permission)
        return self._overrides.override(override, permission)

    def _optional_supervisor(self, user_id: str, override: Credentials | None) -> str | None:
        """Discounts need a supervisor only above the store's threshold (the sale decides)."""
        permission = Permission.DISCOUNT_ABOVE_THRESHOLD
        if self._authorizer.allows(user_id, permission):
            return user_id
        if override is not None:
            return self._overrides.override(override, permission)
        return None


def _label_quantity(label: WeighedLabel, product: ProductView, fallback: Decimal) -> Decimal:
    # A price label (25-29) prints what the scale charged: the weight is price / price per kg.
    if label.weight is not None:
        return label.weight
    if label.price is not None and product.price.amount > 0:
        return (label.price / product.price.amount).quantize(Decimal("0.001"))
    return fallback


def _weighed_label(text: str) -> WeighedLabel | None:
    try:
        barcode = Barcode.parse(text)
    except DomainError:
        return None
    return barcode.weighed_label() if barcode.kind is BarcodeKind.WEIGHED else None


def _needs_override(permission: Permission) -> DomainError:
    return PermissionDenied(
        f"a supervisor's PIN is needed to {permission.value.replace('_', ' ')}", "override"
    )
