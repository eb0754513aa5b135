"""Tables for the agent orchestrator:
its persisted task queue, forecasts, reorder settings and alert rules.

Revision ID: 0010_intelligence
Revises: 0009_demand_history
Create Date: 2026-11-25
"""

revision = "0010_intelligence"
down_revision = "0009_demand_history"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # filled in by the issue that owns these tables


def downgrade() -> None:
    pass
