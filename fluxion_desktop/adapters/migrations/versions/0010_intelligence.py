"""Tables for the agent orchestrator:
its persisted task queue, reorder settings and alert rules.

Revision ID: 0010_intelligence
Revises: 0009_demand_history
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_intelligence"
down_revision = "0009_demand_history"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "agent_tasks",
        sa.Column("task_id", sa.String(64), primary_key=True),
        sa.Column("dedup_key", sa.String(300), nullable=False),
        sa.Column("kind", sa.String(60), nullable=False),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("deadline", sa.String(40), nullable=True),
        sa.Column("max_attempts", sa.Integer(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("not_before", sa.String(40), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("specialisation", sa.String(60), nullable=True),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("running", sa.Integer(), nullable=False),
    )
    op.create_index("ix_agent_tasks_due", "agent_tasks", ["running", "not_before"])
    op.create_index("ix_agent_tasks_dedup", "agent_tasks", ["dedup_key"])
    op.create_table(
        "reorder_settings",
        sa.Column("store_id", sa.String(64), primary_key=True),
        sa.Column("product_id", sa.String(64), primary_key=True),
        sa.Column("lead_time_days", sa.Integer(), nullable=False),
        sa.Column("review_period_days", sa.Integer(), nullable=False),
        sa.Column("service_level", sa.String(12), nullable=False),
        sa.Column("pack_size", sa.String(24), nullable=False),
        sa.Column("changed_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "alert_rules",
        sa.Column("rule_id", sa.String(64), primary_key=True),
        sa.Column("tenant_id", sa.String(64), nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("expression", sa.Text(), nullable=False),
        sa.Column("severity", sa.String(10), nullable=False),
        sa.Column("enabled", sa.Integer(), nullable=False),
    )
    op.create_index("ix_alert_rules_tenant", "alert_rules", ["tenant_id"])


def downgrade() -> None:
    op.drop_index("ix_alert_rules_tenant", "alert_rules")
    op.drop_table("alert_rules")
    op.drop_table("reorder_settings")
    op.drop_index("ix_agent_tasks_dedup", "agent_tasks")
    op.drop_index("ix_agent_tasks_due", "agent_tasks")
    op.drop_table("agent_tasks")
