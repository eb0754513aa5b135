"""The catalog's Product aggregate: what a store sells, at what price, under which barcodes.

A product's stream is ``product-<product_id>``. Changes that would not change anything (renaming
to the same name, activating an active product) record nothing, so HQ pulls and repeated imports
do not flood the log.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from fluxion_desktop.domain.aggregate import Aggregate
from fluxion_desktop.domain.barcode import Barcode
from fluxion_desktop.domain.decimals import format_decimal, require_decimal
from fluxion_desktop.domain.errors import (
    CurrencyMismatch,
    InvalidType,
    InvalidValue,
    NotFound,
)
from fluxion_desktop.domain.events import DomainEvent
from fluxion_desktop.domain.money import Currency, Money
from fluxion_desktop.domain.tax import TaxCategory

SKU_PATTERN = re.compile(r"[A-Za-z0-9._-]{1,40}")
NAME_MAX_LENGTH = 120

_E = TypeVar("_E", bound=StrEnum)


class Unit(StrEnum):
    """How a product is counted: whole pieces, or kilograms (weighed, fractional)."""

    PIECE = "piece"
    KG = "kg"

    @classmethod
    def parse(cls, text: object) -> Unit:
        """Read ``"piece"`` or ``"KG"``; anything else raises `InvalidValue` (field "unit")."""
        return _parse_enum(cls, text, "unit")

    def check_quantity(self, quantity: object, field: str = "quantity") -> Decimal:
        """Return `quantity` as a Decimal, refusing fractions of a piece (sign is not checked).

        Raises `InvalidType`/`InvalidValue` naming `field`.
        """
        qty = require_decimal(quantity, field)
        if self is Unit.PIECE and qty != qty.to_integral_value():
            raise InvalidValue(f"{field} must be a whole number of pieces, got {qty}", field)
        return qty


class ProductOrigin(StrEnum):
    """Where a product came from; imported products wait for a manager's review."""

    LOCAL = "local"
    HQ = "hq"
    IMPORTED = "imported"

    @classmethod
    def parse(cls, text: object) -> ProductOrigin:
        """Read ``"hq"`` and the like; anything else raises `InvalidValue` (field "origin")."""
        return _parse_enum(cls, text, "origin")


@dataclass(frozen=True, slots=True)
class ProductCreated(DomainEvent):
    event_type = "ProductCreated"
    product_id: str
    sku: str
    name: str
    price: Money
    tax_category: TaxCategory
    unit: Unit
    barcodes: tuple[str, ...]
    origin: ProductOrigin
    pack_size: Decimal


@dataclass(frozen=True, slots=True)
class ProductRenamed(DomainEvent):
    event_type = "ProductRenamed"
    product_id: str
    name: str


@dataclass(frozen=True, slots=True)
class ProductRepriced(DomainEvent):
    event_type = "ProductRepriced"
    product_id: str
    old_price: Money
    new_price: Money


@dataclass(frozen=True, slots=True)
class ProductBarcodeAdded(DomainEvent):
    event_type = "ProductBarcodeAdded"
    product_id: str
    barcode: str


@dataclass(frozen=True, slots=True)
class ProductBarcodeRemoved(DomainEvent):
    event_type = "ProductBarcodeRemoved"
    product_id: str
    barcode: str


@dataclass(frozen=True, slots=True)
class ProductTaxCategoryChanged(DomainEvent):
    event_type = "ProductTaxCategoryChanged"
    product_id: str
    tax_category: TaxCategory


@dataclass(frozen=True, slots=True)
class ProductUnitChanged(DomainEvent):
    event_type = "ProductUnitChanged"
    product_id: str
    unit: Unit


@dataclass(frozen=True, slots=True)
class ProductDeactivated(DomainEvent):
    event_type = "ProductDeactivated"
    product_id: str


@dataclass(frozen=True, slots=True)
class ProductActivated(DomainEvent):
    event_type = "ProductActivated"
    product_id: str


@dataclass(frozen=True, slots=True)
class ProductReviewed(DomainEvent):
    event_type = "ProductReviewed"
    product_id: str


EVENT_TYPES: tuple[type[DomainEvent], ...] = (
    ProductCreated,
    ProductRenamed,
    ProductRepriced,
    ProductBarcodeAdded,
    ProductBarcodeRemoved,
    ProductTaxCategoryChanged,
    ProductUnitChanged,
    ProductDeactivated,
    ProductActivated,
    ProductReviewed,
)


class Product(Aggregate):
    """A product of the catalog; its aggregate id is the product id.

    Changes are accepted while the product is inactive, so a manager can fix it before
    activating it again. Catalog-wide rules (a barcode or SKU used by only one product) need
    every product and are the application's to check against its projection.
    """

    stream_type = "product"

    def __init__(self, aggregate_id: str) -> None:
        super().__init__(aggregate_id)
        # Placeholders until ProductCreated is applied; commands refuse to run before that.
        self.created = False
        self.sku = ""
        self.name = ""
        self.price = Money.zero(Currency.USD)
        self.tax_category = TaxCategory.GENERAL
        self.unit = Unit.PIECE
        self.barcodes: tuple[str, ...] = ()
        self.origin = ProductOrigin.LOCAL
        self.pack_size = Decimal(1)
        self.active = False
        self.reviewed = False

    @classmethod
    def create(
        cls,
        product_id: str,
        sku: str,
        name: str,
        price: Money,
        tax_category: TaxCategory,
        unit: Unit,
        barcodes: Iterable[Barcode | str] = (),
        origin: ProductOrigin = ProductOrigin.LOCAL,
        pack_size: Decimal = Decimal(1),
    ) -> Product:
        """A new, active product with `ProductCreated` pending.

        Rules (each error names its field): product_id non-empty; sku matches `SKU_PATTERN`
        after trimming; name 1-120 characters after trimming; price a `Money` >= 0; barcodes
        valid (`Barcode.parse`) and distinct; pack_size > 0 and whole for pieces.
        """
        product = cls(_product_id(product_id))
        checked_unit = Unit.parse(unit)
        product._record(
            ProductCreated(
                product_id=product.id,
                sku=_sku(sku),
                name=_name(name),
                price=_price(price),
                tax_category=TaxCategory.parse(tax_category),
                unit=checked_unit,
                barcodes=_distinct_barcodes(barcodes),
                origin=ProductOrigin.parse(origin),
                pack_size=_pack_size(pack_size, checked_unit),
            )
        )
        return product

    @property
    def product_id(self) -> str:
        return self.id

    @property
    def needs_review(self) -> bool:
        """True for an imported product that no manager has reviewed yet."""
        return not self.reviewed

    def rename(self, name: str) -> None:
        """Give the product a new name (trimmed, 1-120 characters)."""
        self._require_created()
        new_name = _name(name)
        if new_name != self.name:
            self._record(ProductRenamed(product_id=self.id, name=new_name))

    def reprice(self, price: Money) -> None:
        """Set a new price (>= 0) in the current price's currency.

        A different currency raises `CurrencyMismatch` (field "price"): a change of the store's
        reference currency is not a reprice.
        """
        self._require_created()
        new_price = _price(price)
        if new_price.currency is not self.price.currency:
            raise CurrencyMismatch(
                f"the price is in {self.price.currency}; a price in {new_price.currency} "
                "would change the reference currency",
                "price",
            )
        if new_price != self.price:
            self._record(
                ProductRepriced(product_id=self.id, old_price=self.price, new_price=new_price)
            )

    def add_barcode(self, code: Barcode | str) -> None:
        """Add a barcode; one the product already has raises `InvalidValue` (field "barcode")."""
        self._require_created()
        value = _barcode_value(code)
        if value in self.barcodes:
            raise InvalidValue(f"the product already has barcode {value}", "barcode")
        self._record(ProductBarcodeAdded(product_id=self.id, barcode=value))

    def remove_barcode(self, code: Barcode | str) -> None:
        """Remove a barcode; one the product lacks raises `NotFound` (field "barcode")."""
        self._require_created()
        value = _barcode_value(code)
        if value not in self.barcodes:
            raise NotFound(f"the product has no barcode {value}", "barcode")
        self._record(ProductBarcodeRemoved(product_id=self.id, barcode=value))

    def change_tax_category(self, category: TaxCategory) -> None:
        """Set the product's IVA category."""
        self._require_created()
        new_category = TaxCategory.parse(category)
        if new_category is not self.tax_category:
            self._record(ProductTaxCategoryChanged(product_id=self.id, tax_category=new_category))

    def change_unit(self, unit: Unit) -> None:
        """Sell by piece or by kg; to pieces only when the pack size is whole (field "unit")."""
        self._require_created()
        new_unit = Unit.parse(unit)
        if new_unit is self.unit:
            return
        if new_unit is Unit.PIECE and self.pack_size != self.pack_size.to_integral_value():
            raise InvalidValue(
                f"a pack of {self.pack_size} cannot be counted in whole pieces", "unit"
            )
        self._record(ProductUnitChanged(product_id=self.id, unit=new_unit))

    def deactivate(self) -> None:
        """Stop selling the product; its history and stock stay."""
        self._require_created()
        if self.active:
            self._record(ProductDeactivated(product_id=self.id))

    def activate(self) -> None:
        """Sell the product again."""
        self._require_created()
        if not self.active:
            self._record(ProductActivated(product_id=self.id))

    def mark_reviewed(self) -> None:
        """A manager accepted an imported product; a no-op for any other product."""
        self._require_created()
        if self.needs_review:
            self._record(ProductReviewed(product_id=self.id))

    def _require_created(self) -> None:
        if not self.created:
            raise NotFound(f"no product {self.id}", "product_id")

    def _apply(self, event: DomainEvent) -> None:
        match event:
            case ProductCreated():
                self._apply_created(event)
            case ProductRenamed():
                self.name = event.name
            case ProductRepriced():
                self.price = event.new_price
            case ProductBarcodeAdded():
                self.barcodes = (*self.barcodes, event.barcode)
            case ProductBarcodeRemoved():
                self.barcodes = tuple(b for b in self.barcodes if b != event.barcode)
            case ProductTaxCategoryChanged():
                self.tax_category = event.tax_category
            case ProductUnitChanged():
                self.unit = event.unit
            case ProductDeactivated():
                self.active = False
            case ProductActivated():
                self.active = True
            case ProductReviewed():
                self.reviewed = True

    def _apply_created(self, event: ProductCreated) -> None:
        self.created = True
        self.sku = event.sku
        self.name = event.name
        self.price = event.price
        self.tax_category = event.tax_category
        self.unit = event.unit
        self.barcodes = event.barcodes
        self.origin = event.origin
        self.pack_size = event.pack_size
        self.active = True
        self.reviewed = event.origin is not ProductOrigin.IMPORTED

    def snapshot_state(self) -> Mapping[str, Any]:
        return {
            "sku": self.sku,
            "name": self.name,
            "price": self.price.to_dict(),
            "tax_category": self.tax_category.value,
            "unit": self.unit.value,
            "barcodes": list(self.barcodes),
            "origin": self.origin.value,
            "pack_size": format_decimal(self.pack_size),
            "active": self.active,
            "reviewed": self.reviewed,
        }

    def restore_state(self, state: Mapping[str, Any]) -> None:
        self.created = True
        self.sku = state["sku"]
        self.name = state["name"]
        self.price = Money.from_dict(state["price"])
        self.tax_category = TaxCategory(state["tax_category"])
        self.unit = Unit(state["unit"])
        self.barcodes = tuple(state["barcodes"])
        self.origin = ProductOrigin(state["origin"])
        self.pack_size = Decimal(state["pack_size"])
        self.active = bool(state["active"])
        self.reviewed = bool(state["reviewed"])


def _parse_enum(cls: type[_E], text: object, field: str) -> _E:
    if isinstance(text, cls):
        return text
    if isinstance(text, str):
        try:
            return cls(text.strip().lower())
        except ValueError:
            pass
    known = ", ".join(member.value for member in cls)
    raise InvalidValue(f"unknown {field} {text!r}; expected one of {known}", field)


def _text(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise InvalidType(f"{field} must be text, not {type(value).__name__}", field)
    return value.strip()


def _product_id(value: object) -> str:
    product_id = _text(value, "product_id")
    if not product_id:
        raise InvalidValue("product_id must not be empty", "product_id")
    return product_id


def _sku(value: object) -> str:
    sku = _text(value, "sku")
    if not SKU_PATTERN.fullmatch(sku):
        raise InvalidValue(
            f"a SKU is 1 to 40 characters from A-Z, a-z, 0-9, '.', '_' and '-', got {sku!r}",
            "sku",
        )
    return sku


def _name(value: object) -> str:
    name = _text(value, "name")
    if not 1 <= len(name) <= NAME_MAX_LENGTH:
        raise InvalidValue(f"a name has 1 to {NAME_MAX_LENGTH} characters, got {len(name)}", "name")
    return name


def _price(value: object) -> Money:
    if not isinstance(value, Money):
        raise InvalidType(f"price must be Money, not {type(value).__name__}", "price")
    if value.is_negative:
        raise InvalidValue(f"price must not be negative, got {value}", "price")
    return value


def _barcode_value(code: object) -> str:
    if isinstance(code, Barcode):
        return code.value
    if not isinstance(code, str):
        raise InvalidType(f"a barcode must be text, not {type(code).__name__}", "barcode")
    return Barcode.parse(code).value


def _distinct_barcodes(codes: object) -> tuple[str, ...]:
    # A bare string is iterable too, and would silently become one barcode per character.
    if isinstance(codes, str) or not isinstance(codes, Iterable):
        raise InvalidType("barcodes must be a tuple of barcodes", "barcodes")
    values: list[str] = []
    for code in codes:
        value = _barcode_value(code)
        if value in values:
            raise InvalidValue(f"barcode {value} is listed twice", "barcode")
        values.append(value)
    return tuple(values)


def _pack_size(value: object, unit: Unit) -> Decimal:
    size = unit.check_quantity(value, "pack_size")
    if size <= 0:
        raise InvalidValue(f"pack_size must be positive, got {size}", "pack_size")
    return size
