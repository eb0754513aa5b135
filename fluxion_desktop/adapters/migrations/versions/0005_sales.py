"""Sales, daily sales, shifts, exchange rates, store settings and sale sagas read models.

Revision ID: 0005_sales
Revises: 0004_users
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_sales"
down_revision = "0004_users"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sales",
        sa.Column("sale_id", sa.String(64), primary_key=True),
        sa.Column("device_id", sa.String(64), nullable=False),
        sa.Column("store_id", sa.String(64), nullable=False),
        sa.Column("cashier_id", sa.String(64), nullable=False),
        sa.Column("shift_id", sa.String(64), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("opened_at", sa.String(40), nullable=False),
        sa.Column("completed_at", sa.String(40), nullable=True),
        sa.Column("receipt_no", sa.String(40), nullable=True),
        sa.Column("total", sa.Text(), nullable=True),
        sa.Column("total_local", sa.Text(), nullable=True),
        sa.Column("completion", sa.Text(), nullable=True),
    )
    op.create_index("ix_sales_completed_at", "sales", ["completed_at"])
    op.create_index("ix_sales_receipt_no", "sales", ["receipt_no"])
    op.create_table(
        "sale_lines",
        sa.Column("sale_id", sa.String(64), primary_key=True),
        sa.Column("line_id", sa.String(64), primary_key=True),
        sa.Column("product_id", sa.String(64), nullable=False),
        sa.Column("quantity", sa.Text(), nullable=False),
        sa.Column("returned", sa.Text(), nullable=False),
    )
    op.create_table(
        "daily_sales",
        sa.Column("day", sa.String(10), primary_key=True),
        sa.Column("store_id", sa.String(64), primary_key=True),
        sa.Column("product_id", sa.String(64), primary_key=True),
        sa.Column("quantity", sa.Text(), nullable=False),
        sa.Column("net", sa.Text(), nullable=False),
        sa.Column("sales_count", sa.Integer(), nullable=False),
    )
    op.create_table(
        "shifts",
        sa.Column("shift_id", sa.String(64), primary_key=True),
        sa.Column("device_id", sa.String(64), nullable=False),
        sa.Column("cashier_id", sa.String(64), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("opened_at", sa.String(40), nullable=False),
        sa.Column("closed_at", sa.String(40), nullable=True),
        sa.Column("z_report", sa.Text(), nullable=True),
    )
    op.create_table(
        "exchange_rates",
        sa.Column("position", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("base", sa.String(3), nullable=False),
        sa.Column("quote", sa.String(3), nullable=False),
        sa.Column("rate", sa.Text(), nullable=False),
        sa.Column("effective_date", sa.String(10), nullable=False),
        sa.Column("source", sa.String(60), nullable=False),
    )
    op.create_table(
        "store_settings",
        sa.Column("store_id", sa.String(64), primary_key=True),
        sa.Column("settings", sa.Text(), nullable=False),
    )
    op.create_table(
        "sale_sagas",
        sa.Column("saga_id", sa.String(64), primary_key=True),
        sa.Column("sale_id", sa.String(64), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
    )


def downgrade() -> None:
    for table in ("sale_sagas", "store_settings", "exchange_rates", "shifts", "daily_sales",
                  "sale_lines"):  # fmt: skip
        op.drop_table(table)
    op.drop_index("ix_sales_receipt_no", table_name="sales")
    op.drop_index("ix_sales_completed_at", table_name="sales")
    op.drop_table("sales")
