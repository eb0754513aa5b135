"""The alerts inbox read model.

Revision ID: 0006_alerts
Revises: 0005_sales
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_alerts"
down_revision = "0005_sales"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "alerts",
        sa.Column("alert_id", sa.String(64), primary_key=True),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("severity", sa.String(10), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("product_id", sa.String(64), nullable=True),
        sa.Column("raised_at", sa.String(40), nullable=False),
        sa.Column("acknowledged_by", sa.String(64), nullable=True),
        sa.Column("acknowledged_at", sa.String(40), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("alerts")
