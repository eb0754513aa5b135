"""Tables of the catalog and stock read models (Alembic revisions 0003 and 0007 create them)."""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, String, Table, Text

from fluxion_desktop.adapters.schema import metadata

products = Table(
    "products",
    metadata,
    Column("product_id", String(64), primary_key=True),
    Column("sku", String(40), nullable=False),
    Column("name", String(120), nullable=False),
    Column("price_amount", Text, nullable=False),
    Column("price_currency", String(3), nullable=False),
    Column("tax_category", String(20), nullable=False),
    Column("unit", String(10), nullable=False),
    Column("pack_size", Text, nullable=False),
    Column("origin", String(10), nullable=False),
    Column("active", Integer, nullable=False),
    Column("reviewed", Integer, nullable=False),
    # The product's rowid in product_search, fixed when the product is first projected, so its
    # index row is found by key (an unindexed product_id column would mean a full scan).
    Column("search_rowid", Integer, nullable=True),
)
Index("ix_products_sku", products.c.sku)
Index("ix_products_search_rowid", products.c.search_rowid, unique=True)

product_barcodes = Table(
    "product_barcodes",
    metadata,
    Column("barcode", String(32), primary_key=True),
    Column("product_id", String(64), nullable=False),
)
Index("ix_product_barcodes_product", product_barcodes.c.product_id)

# remove_diacritics 2 folds "Café" to "cafe"; prefix indexes keep search-as-you-type fast, the
# one-letter one for the word being typed ("harina p"). Rows have rowid = products.search_rowid.
# Revision 0007 creates it with exactly this text: ProjectionManager.check builds from it.
PRODUCT_SEARCH_DDL = (
    "CREATE VIRTUAL TABLE product_search USING fts5("
    "product_id UNINDEXED, name, sku, barcodes, "
    "tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3 4')"
)

stock_levels = Table(
    "stock_levels",
    metadata,
    Column("product_id", String(64), primary_key=True),
    Column("on_hand", Text, nullable=False),
    Column("minimum", Text, nullable=False),
    Column("maximum", Text, nullable=True),
)
