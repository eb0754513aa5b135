"""The users read model.

Revision ID: 0004_users
Revises: 0003_catalog_stock
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_users"
down_revision = "0003_catalog_stock"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("user_id", sa.String(64), primary_key=True),
        sa.Column("username", sa.String(32), nullable=False, unique=True),
        sa.Column("display_name", sa.String(120), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("active", sa.Integer(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("users")
