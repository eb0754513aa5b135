"""Tables for daily demand per product and store for forecasting:
sales, imported history, stock-out days.

Revision ID: 0009_demand_history
Revises: 0008_sync_client
Create Date: 2026-11-25
"""

revision = "0009_demand_history"
down_revision = "0008_sync_client"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # filled in by the issue that owns these tables


def downgrade() -> None:
    pass
