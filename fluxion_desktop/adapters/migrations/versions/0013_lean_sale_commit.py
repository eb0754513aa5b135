"""A sale's commit writes only the read models the counter reads.

- `stock_by_device` (each device's share of a product's stock) goes: nothing read it, and every
  sale wrote five rows of it.
- `daily_sales` becomes a lagging read model of its own, `daily_sales`, fed while the till is idle
  (as the demand history now is, which needs no schema change). Its checkpoint starts where the
  sales read model's is: until now it was fed with it.

Downgrade: `stock_by_device` comes back empty, and the stock read model's rows and checkpoint go,
so the older version replays it from the log when it opens (its catch-up of a read model behind
the log). `daily_sales` was part of the sales read model then: if it lags behind it, the sales read
model is emptied the same way, to be replayed whole; if not, only its own checkpoint goes.

Revision ID: 0013_lean_sale_commit
Revises: 0012_sale_completion_from_log
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0013_lean_sale_commit"
down_revision = "0012_sale_completion_from_log"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_table("stock_by_device")
    op.execute(
        "INSERT OR IGNORE INTO projection_checkpoints (name, position) "
        "SELECT 'daily_sales', position FROM projection_checkpoints WHERE name = 'sales'"
    )


def downgrade() -> None:
    op.create_table(
        "stock_by_device",
        sa.Column("product_id", sa.String(64), primary_key=True),
        sa.Column("device_id", sa.String(64), primary_key=True),
        sa.Column("net", sa.Text(), nullable=False),
    )
    op.execute("DELETE FROM stock_levels")
    op.execute("DELETE FROM projection_checkpoints WHERE name = 'stock'")
    positions = dict(
        op.get_bind()
        .exec_driver_sql(
            "SELECT name, position FROM projection_checkpoints "
            "WHERE name IN ('sales', 'daily_sales')"
        )
        .all()
    )
    if positions.get("daily_sales", 0) != positions.get("sales", 0):
        for table in ("sales", "sale_lines", "daily_sales", "sale_sagas"):
            op.execute(f"DELETE FROM {table}")
        op.execute("DELETE FROM projection_checkpoints WHERE name = 'sales'")
    op.execute("DELETE FROM projection_checkpoints WHERE name = 'daily_sales'")
