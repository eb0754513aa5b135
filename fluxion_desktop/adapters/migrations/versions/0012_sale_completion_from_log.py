"""A completed sale's SaleCompleted is read from the log, no longer copied into `sales`.

`sales.completion` held the whole event payload again (over 5 KB for a five-line sale, two
pages written with every sale); receipts and returns now read the event from `events`.

Downgrade: the column comes back filled from the log with the same JSON (its keys in another
order than the older version's own replay writes them: its `verify` may then ask for
rebuild-projections, which rewrites them).

Revision ID: 0012_sale_completion_from_log
Revises: 0011_open_shift_marks
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_sale_completion_from_log"
down_revision = "0011_open_shift_marks"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE sales DROP COLUMN completion")


def downgrade() -> None:
    op.add_column("sales", sa.Column("completion", sa.Text(), nullable=True))
    op.execute(
        "UPDATE sales SET completion = (SELECT json_insert(e.payload, '$.schema_version', "
        "e.schema_version) FROM events e WHERE e.stream_id = 'sale-' || sales.sale_id "
        "AND e.event_type = 'SaleCompleted') WHERE status = 'completed'"
    )
