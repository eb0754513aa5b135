"""Fast catalog search: a stable FTS rowid per product and a one-letter prefix index.

`products.search_rowid` is the product's rowid in `product_search`, so the projection replaces a
product's index row by key instead of scanning the FTS table for its (unindexed) product_id.
Existing products are numbered in the order the projection inserted them, which is log order, as
a rebuild numbers them. `product_search` is recreated with `prefix = '1 2 3 4'` and refilled.

Revision ID: 0007_fast_search
Revises: 0006_alerts
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_fast_search"
down_revision = "0006_alerts"
branch_labels = None
depends_on = None

# Frozen copies: the read model's code may change later, this revision may not.
_SEARCH_DDL = (
    "CREATE VIRTUAL TABLE product_search USING fts5("
    "product_id UNINDEXED, name, sku, barcodes, "
    "tokenize = 'unicode61 remove_diacritics 2', prefix = '{prefix}')"
)
_SEARCH_ROWS = (
    "SELECT {rowid}p.product_id, p.name || ' ' || replace(p.name, '.', ''), p.sku, COALESCE(("
    "  SELECT group_concat(b.barcode, ' ') FROM product_barcodes b"
    "  WHERE b.product_id = p.product_id), '') "
    "FROM products p"
)


def upgrade() -> None:
    op.add_column("products", sa.Column("search_rowid", sa.Integer(), nullable=True))
    op.execute(
        "UPDATE products SET search_rowid = numbered.n FROM ("
        "  SELECT rowid AS row, ROW_NUMBER() OVER (ORDER BY rowid) AS n FROM products"
        ") AS numbered WHERE products.rowid = numbered.row"
    )
    op.create_index("ix_products_search_rowid", "products", ["search_rowid"], unique=True)
    op.execute("DROP TABLE product_search")
    op.execute(_SEARCH_DDL.format(prefix="1 2 3 4"))
    op.execute(
        "INSERT INTO product_search (rowid, product_id, name, sku, barcodes) "
        + _SEARCH_ROWS.format(rowid="p.search_rowid, ")
        + " ORDER BY p.search_rowid"
    )


def downgrade() -> None:
    op.execute("DROP TABLE product_search")
    op.execute(_SEARCH_DDL.format(prefix="2 3 4"))
    op.execute(
        "INSERT INTO product_search (product_id, name, sku, barcodes) "
        + _SEARCH_ROWS.format(rowid="")
        + " ORDER BY p.rowid"
    )
    op.drop_index("ix_products_search_rowid", table_name="products")
    op.drop_column("products", "search_rowid")
