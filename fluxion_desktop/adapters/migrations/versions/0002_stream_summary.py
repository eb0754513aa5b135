"""The stream_summary projection.

Revision ID: 0002_stream_summary
Revises: 0001_event_log
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_stream_summary"
down_revision = "0001_event_log"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stream_summary",
        sa.Column("stream_id", sa.String(200), primary_key=True),
        sa.Column("stream_type", sa.String(100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("last_event_type", sa.String(100), nullable=False),
        sa.Column("last_occurred_at", sa.String(40), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("stream_summary")
