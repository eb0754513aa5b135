"""Catalog and stock read models: products, barcodes, FTS5 search, stock levels.

Revision ID: 0003_catalog_stock
Revises: 0002_stream_summary
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_catalog_stock"
down_revision = "0002_stream_summary"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "products",
        sa.Column("product_id", sa.String(64), primary_key=True),
        sa.Column("sku", sa.String(40), nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("price_amount", sa.Text(), nullable=False),
        sa.Column("price_currency", sa.String(3), nullable=False),
        sa.Column("tax_category", sa.String(20), nullable=False),
        sa.Column("unit", sa.String(10), nullable=False),
        sa.Column("pack_size", sa.Text(), nullable=False),
        sa.Column("origin", sa.String(10), nullable=False),
        sa.Column("active", sa.Integer(), nullable=False),
        sa.Column("reviewed", sa.Integer(), nullable=False),
    )
    op.create_index("ix_products_sku", "products", ["sku"])
    op.create_table(
        "product_barcodes",
        sa.Column("barcode", sa.String(32), primary_key=True),
        sa.Column("product_id", sa.String(64), nullable=False),
    )
    op.create_index("ix_product_barcodes_product", "product_barcodes", ["product_id"])
    op.execute(
        "CREATE VIRTUAL TABLE product_search USING fts5("
        "product_id UNINDEXED, name, sku, barcodes, "
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4')"
    )
    op.create_table(
        "stock_levels",
        sa.Column("product_id", sa.String(64), primary_key=True),
        sa.Column("on_hand", sa.Text(), nullable=False),
        sa.Column("minimum", sa.Text(), nullable=False),
        sa.Column("maximum", sa.Text(), nullable=True),
    )
    op.create_table(
        "stock_by_device",
        sa.Column("product_id", sa.String(64), primary_key=True),
        sa.Column("device_id", sa.String(64), primary_key=True),
        sa.Column("net", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("stock_by_device")
    op.drop_table("stock_levels")
    op.execute("DROP TABLE product_search")
    op.drop_index("ix_product_barcodes_product", table_name="product_barcodes")
    op.drop_table("product_barcodes")
    op.drop_index("ix_products_sku", table_name="products")
    op.drop_table("products")
