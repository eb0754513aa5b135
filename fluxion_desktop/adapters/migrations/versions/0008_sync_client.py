"""Tables for the device's sync state:
acknowledged position, pull cursor, last success and error, alarms.

Revision ID: 0008_sync_client
Revises: 0007_fast_search
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_sync_client"
down_revision = "0007_fast_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_state",
        sa.Column("slot", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("hq_url", sa.Text(), nullable=True),
        sa.Column("acked_position", sa.Integer(), nullable=False),
        sa.Column("acked_hash", sa.String(64), nullable=False),
        sa.Column("pull_cursor", sa.Integer(), nullable=False),
        sa.Column("last_success", sa.String(40), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("last_error_at", sa.String(40), nullable=True),
        sa.Column("alarm", sa.Text(), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("sync_state")
