"""Tables for the device's sync state:
acknowledged position, pull cursor, last success and error, alarms.

Revision ID: 0008_sync_client
Revises: 0007_fast_search
Create Date: 2026-11-25
"""

revision = "0008_sync_client"
down_revision = "0007_fast_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # filled in by the issue that owns these tables


def downgrade() -> None:
    pass
