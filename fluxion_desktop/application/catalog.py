"""Catalog commands and their handlers: products created and changed by a manager."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from fluxion_desktop.application.authorization import Authorizer
from fluxion_desktop.application.message_bus import MessageBus
from fluxion_desktop.application.ports import IdGenerator
from fluxion_desktop.application.queries import CatalogQueries
from fluxion_desktop.application.repository import Repository
from fluxion_desktop.domain.barcode import Barcode
from fluxion_desktop.domain.catalog import Product, ProductOrigin, Unit
from fluxion_desktop.domain.errors import InvalidValue, NotFound
from fluxion_desktop.domain.identity import Permission
from fluxion_desktop.domain.money import Money
from fluxion_desktop.domain.tax import TaxCategory


@dataclass(frozen=True, slots=True)
class CreateProduct:
    user_id: str
    sku: str
    name: str
    price: Money
    tax_category: TaxCategory
    unit: Unit = Unit.PIECE
    barcodes: tuple[str, ...] = ()
    origin: ProductOrigin = ProductOrigin.LOCAL
    pack_size: Decimal = Decimal(1)
    product_id: str | None = None


@dataclass(frozen=True, slots=True)
class RenameProduct:
    user_id: str
    product_id: str
    name: str


@dataclass(frozen=True, slots=True)
class RepriceProduct:
    user_id: str
    product_id: str
    price: Money


@dataclass(frozen=True, slots=True)
class AddBarcode:
    user_id: str
    product_id: str
    barcode: str


@dataclass(frozen=True, slots=True)
class RemoveBarcode:
    user_id: str
    product_id: str
    barcode: str


@dataclass(frozen=True, slots=True)
class ChangeTaxCategory:
    user_id: str
    product_id: str
    tax_category: TaxCategory


@dataclass(frozen=True, slots=True)
class ChangeProductUnit:
    user_id: str
    product_id: str
    unit: Unit


@dataclass(frozen=True, slots=True)
class ReviewProduct:
    """A manager checked a product an import created."""

    user_id: str
    product_id: str


@dataclass(frozen=True, slots=True)
class SetProductActive:
    user_id: str
    product_id: str
    active: bool


class CatalogHandlers:
    def __init__(
        self,
        products: Repository[Product],
        catalog: CatalogQueries,
        authorizer: Authorizer,
        ids: IdGenerator,
    ) -> None:
        self._products = products
        self._catalog = catalog
        self._authorizer = authorizer
        self._ids = ids

    def register(self, bus: MessageBus) -> None:
        bus.register(CreateProduct, self.create_product)
        bus.register(RenameProduct, self.rename_product)
        bus.register(RepriceProduct, self.reprice_product)
        bus.register(AddBarcode, self.add_barcode)
        bus.register(RemoveBarcode, self.remove_barcode)
        bus.register(ChangeTaxCategory, self.change_tax_category)
        bus.register(SetProductActive, self.set_product_active)
        bus.register(ChangeProductUnit, self.change_unit)
        bus.register(ReviewProduct, self.review_product)

    def create_product(self, command: CreateProduct) -> str:
        """Create a product; SKU and barcodes must be free in the catalog. Returns its id."""
        self._authorizer.require(command.user_id, Permission.MANAGE_PRODUCTS)
        if self._catalog.by_sku(command.sku) is not None:
            raise InvalidValue(f"SKU {command.sku.strip()!r} is already in the catalog", "sku")
        for code in command.barcodes:
            self._require_free_barcode(code)
        product = Product.create(
            command.product_id or str(self._ids.new_id()),
            command.sku,
            command.name,
            command.price,
            command.tax_category,
            command.unit,
            command.barcodes,
            command.origin,
            command.pack_size,
        )
        self._products.save(product, command.user_id)
        return product.id

    def rename_product(self, command: RenameProduct) -> None:
        product = self._load(command.user_id, command.product_id)
        product.rename(command.name)
        self._products.save(product, command.user_id)

    def reprice_product(self, command: RepriceProduct) -> None:
        product = self._load(command.user_id, command.product_id)
        product.reprice(command.price)
        self._products.save(product, command.user_id)

    def add_barcode(self, command: AddBarcode) -> None:
        product = self._load(command.user_id, command.product_id)
        self._require_free_barcode(command.barcode)
        product.add_barcode(command.barcode)
        self._products.save(product, command.user_id)

    def remove_barcode(self, command: RemoveBarcode) -> None:
        product = self._load(command.user_id, command.product_id)
        product.remove_barcode(command.barcode)
        self._products.save(product, command.user_id)

    def change_tax_category(self, command: ChangeTaxCategory) -> None:
        product = self._load(command.user_id, command.product_id)
        product.change_tax_category(command.tax_category)
        self._products.save(product, command.user_id)

    def set_product_active(self, command: SetProductActive) -> None:
        product = self._load(command.user_id, command.product_id)
        if command.active:
            product.activate()
        else:
            product.deactivate()
        self._products.save(product, command.user_id)

    def change_unit(self, command: ChangeProductUnit) -> None:
        product = self._load(command.user_id, command.product_id)
        product.change_unit(command.unit)
        self._products.save(product, command.user_id)

    def review_product(self, command: ReviewProduct) -> None:
        product = self._load(command.user_id, command.product_id)
        product.mark_reviewed()
        self._products.save(product, command.user_id)

    def _load(self, user_id: str, product_id: str) -> Product:
        self._authorizer.require(user_id, Permission.MANAGE_PRODUCTS)
        product = self._products.get(product_id)
        if product is None:
            raise NotFound(f"unknown product {product_id!r}", "product_id")
        return product

    def _require_free_barcode(self, code: str) -> None:
        value = Barcode.parse(code).value
        owner = self._catalog.by_barcode(value)
        if owner is not None:
            raise InvalidValue(f"barcode {value} already belongs to {owner.name}", "barcode")
