"""The catalog read model: products, their barcodes and the FTS5 search index."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Table

from fluxion_desktop.adapters.projections import Db, DomainProjection
from fluxion_desktop.adapters.read_models.catalog_tables import (
    PRODUCT_SEARCH_DDL,
    product_barcodes,
    products,
)
from fluxion_desktop.application.event_store import StoredEvent
from fluxion_desktop.domain import catalog as c
from fluxion_desktop.domain.decimals import format_decimal
from fluxion_desktop.domain.events import DomainEvent


class CatalogProjection(DomainProjection):
    name = "catalog"
    tables: tuple[Table, ...] = (products, product_barcodes)
    virtual_tables: Mapping[str, str] = {"product_search": PRODUCT_SEARCH_DDL}
    event_types = c.EVENT_TYPES

    def apply(self, db: Db, events: list[tuple[StoredEvent, DomainEvent]]) -> None:
        touched: set[str] = set()
        for _, event in events:
            self._apply_one(db, event)
            touched.add(event.product_id)  # type: ignore[attr-defined]  # all catalog events
        _reindex(db, touched)

    def _apply_one(self, db: Db, event: DomainEvent) -> None:
        match event:
            case c.ProductCreated():
                _upsert_product(db, event)
                for code in event.barcodes:
                    _add_barcode(db, event.product_id, code)
            case c.ProductRenamed():
                _update(db, event.product_id, name=event.name)
            case c.ProductRepriced():
                _update(
                    db,
                    event.product_id,
                    price_amount=format_decimal(event.new_price.amount),
                    price_currency=event.new_price.currency.value,
                )
            case c.ProductBarcodeAdded():
                _add_barcode(db, event.product_id, event.barcode)
            case c.ProductBarcodeRemoved():
                db.execute(
                    "DELETE FROM product_barcodes WHERE barcode = ? AND product_id = ?",
                    (event.barcode, event.product_id),
                )
            case c.ProductTaxCategoryChanged():
                _update(db, event.product_id, tax_category=event.tax_category.value)
            case c.ProductUnitChanged():
                _update(db, event.product_id, unit=event.unit.value)
            case c.ProductDeactivated():
                _update(db, event.product_id, active=0)
            case c.ProductActivated():
                _update(db, event.product_id, active=1)
            case c.ProductReviewed():
                _update(db, event.product_id, reviewed=1)


def _upsert_product(db: Db, event: c.ProductCreated) -> None:
    # A new product takes the next search rowid, as a rebuild in log order gives it; an upsert
    # (never INSERT OR REPLACE, which deletes the row) keeps the one it has.
    db.execute(
        "INSERT INTO products (product_id, sku, name, price_amount, price_currency, "
        "tax_category, unit, pack_size, origin, active, reviewed, search_rowid) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, "
        "(SELECT COALESCE(MAX(search_rowid), 0) + 1 FROM products)) "
        "ON CONFLICT (product_id) DO UPDATE SET sku = excluded.sku, name = excluded.name, "
        "price_amount = excluded.price_amount, price_currency = excluded.price_currency, "
        "tax_category = excluded.tax_category, unit = excluded.unit, "
        "pack_size = excluded.pack_size, origin = excluded.origin, active = excluded.active, "
        "reviewed = excluded.reviewed",
        (
            event.product_id,
            event.sku,
            event.name,
            format_decimal(event.price.amount),
            event.price.currency.value,
            event.tax_category.value,
            event.unit.value,
            format_decimal(event.pack_size),
            event.origin.value,
            0 if event.origin is c.ProductOrigin.IMPORTED else 1,
        ),
    )


def _update(db: Db, product_id: str, **values: Any) -> None:
    columns = ", ".join(f"{name} = ?" for name in values)
    db.execute(
        f"UPDATE products SET {columns} WHERE product_id = ?", (*values.values(), product_id)
    )


def _add_barcode(db: Db, product_id: str, barcode: str) -> None:
    # A barcode moved to another product belongs to the newest claim, as on the shelf.
    db.execute(
        "INSERT OR REPLACE INTO product_barcodes (barcode, product_id) VALUES (?, ?)",
        (barcode, product_id),
    )


def _reindex(db: Db, product_ids: set[str]) -> None:
    """Replace the search rows of `product_ids`, found by rowid (a key, not a scan)."""
    ids = sorted(product_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        db.execute(
            "DELETE FROM product_search WHERE rowid IN "
            f"(SELECT search_rowid FROM products WHERE product_id IN ({marks}))",
            tuple(chunk),
        )
        db.execute(
            "INSERT INTO product_search (rowid, product_id, name, sku, barcodes) "
            # The name again without dots, so "harina pan" finds "Harina P.A.N.".
            "SELECT p.search_rowid, p.product_id, p.name || ' ' || replace(p.name, '.', ''), "
            "p.sku, COALESCE(("
            "  SELECT group_concat(b.barcode, ' ') FROM product_barcodes b"
            "  WHERE b.product_id = p.product_id), '') "
            f"FROM products p WHERE p.product_id IN ({marks})",
            tuple(chunk),
        )
