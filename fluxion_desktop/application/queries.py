"""The read side: views the UI and handlers read, and the query ports that serve them.

Queries read projections only (never replay streams); SQL adapters implement these protocols.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Protocol

from fluxion_desktop.domain.catalog import ProductOrigin, Unit
from fluxion_desktop.domain.money import Money
from fluxion_desktop.domain.stock_level import StockLevel
from fluxion_desktop.domain.tax import TaxCategory


@dataclass(frozen=True, slots=True)
class ProductView:
    product_id: str
    sku: str
    name: str
    price: Money
    tax_category: TaxCategory
    unit: Unit
    barcodes: tuple[str, ...]
    active: bool
    origin: ProductOrigin
    needs_review: bool
    pack_size: Decimal


class CatalogQueries(Protocol):
    def get(self, product_id: str) -> ProductView | None: ...

    def by_barcode(self, barcode: str) -> ProductView | None: ...

    def by_sku(self, sku: str) -> ProductView | None: ...

    def search(self, text: str, limit: int = 50) -> list[ProductView]:
        """Name, SKU or barcode; accent- and case-insensitive ("cafe" finds "Café")."""
        ...

    def count(self) -> int: ...


class StockStatus(StrEnum):
    OK = "ok"
    LOW = "low"
    CRITICAL = "critical"
    HIGH = "high"


@dataclass(frozen=True, slots=True)
class StockView:
    product_id: str
    sku: str
    name: str
    level: StockLevel

    @property
    def status(self) -> StockStatus:
        if self.level.is_critical:
            return StockStatus.CRITICAL
        if self.level.is_low:
            return StockStatus.LOW
        if self.level.is_high:
            return StockStatus.HIGH
        return StockStatus.OK


class StockQueries(Protocol):
    def level(self, product_id: str) -> StockLevel:
        """The store-wide level: the sum of every device's movements (zero if none)."""
        ...

    def levels_of(self, product_ids: Sequence[str]) -> dict[str, StockLevel]:
        """`level` of each product, in one read."""
        ...

    def levels(self, offset: int = 0, limit: int = 200) -> list[StockView]: ...

    def low_stock(self) -> list[StockView]:
        """Products at or below their minimum, the most urgent first."""
        ...
