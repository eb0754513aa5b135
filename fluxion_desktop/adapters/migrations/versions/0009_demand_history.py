"""Tables for daily demand per product and store for forecasting:
sales, imported history, stock-out days.

Revision ID: 0009_demand_history
Revises: 0008_sync_client
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_demand_history"
down_revision = "0008_sync_client"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "demand_days",
        sa.Column("store_id", sa.String(64), primary_key=True),
        sa.Column("product_id", sa.String(64), primary_key=True),
        sa.Column("day", sa.String(10), primary_key=True),
        sa.Column("live_units", sa.Text(), nullable=False),
        sa.Column("live_revenue", sa.Text(), nullable=False),
        sa.Column("live_promo", sa.Integer(), nullable=False),
        sa.Column("imported_units", sa.Text(), nullable=True),
        sa.Column("imported_revenue", sa.Text(), nullable=True),
        sa.Column("imported_promo", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=True),
    )
    op.create_index("ix_demand_days_day", "demand_days", ["day"])
    op.create_table(
        "demand_stock",
        sa.Column("store_id", sa.String(64), primary_key=True),
        sa.Column("product_id", sa.String(64), primary_key=True),
        sa.Column("on_hand", sa.Text(), nullable=False),
    )
    op.create_table(
        "demand_stockouts",
        sa.Column("store_id", sa.String(64), primary_key=True),
        sa.Column("product_id", sa.String(64), primary_key=True),
        sa.Column("start_day", sa.String(10), primary_key=True),
        sa.Column("end_day", sa.String(10), nullable=True),
    )
    op.create_table(
        "demand_imports",
        sa.Column("event_id", sa.String(36), primary_key=True),
        sa.Column("store_id", sa.String(64), nullable=False),
        sa.Column("product_id", sa.String(64), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("first_day", sa.String(10), nullable=False),
        sa.Column("last_day", sa.String(10), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
    )
    op.create_table(
        "demand_forecasts",
        sa.Column("store_id", sa.String(64), primary_key=True),
        sa.Column("product_id", sa.String(64), primary_key=True),
        sa.Column("forecast_id", sa.String(64), nullable=False),
        sa.Column("model", sa.String(40), nullable=False),
        sa.Column("generated_at", sa.String(40), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("demand_forecasts")
    op.drop_table("demand_imports")
    op.drop_table("demand_stockouts")
    op.drop_table("demand_stock")
    op.drop_index("ix_demand_days_day", table_name="demand_days")
    op.drop_table("demand_days")
