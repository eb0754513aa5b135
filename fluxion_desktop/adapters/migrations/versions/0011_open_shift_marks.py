"""An open shift's row holds the id of its last event, not its figures.

The shifts read model keeps an open shift's figures in memory and writes only the id of the
last event it folded (the figures are written once, at the close). A row an older version
wrote for a shift still open is brought to that form, as a replay of the log makes it.

Downgrade: the older version reads an open shift's figures from its row; it gets none here,
so the shifts read model is emptied and its checkpoint reset, and the older version replays it
from the log when it opens (it catches up every projection behind the log).

Revision ID: 0011_open_shift_marks
Revises: 0010_intelligence
Create Date: 2026-11-26
"""

from alembic import op

revision = "0011_open_shift_marks"
down_revision = "0010_intelligence"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "UPDATE shifts SET z_report = (SELECT e.event_id FROM events e "
        "WHERE e.stream_id = 'shift-' || shifts.shift_id ORDER BY e.version DESC LIMIT 1) "
        "WHERE status = 'open'"
    )


def downgrade() -> None:
    op.execute("DELETE FROM shifts")
    op.execute("UPDATE projection_checkpoints SET position = 0 WHERE name = 'shifts'")
