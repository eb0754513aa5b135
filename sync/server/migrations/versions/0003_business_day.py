"""daily_sales counts a sale on the store's business day (Caracas time), as the tills do, not on
the UTC day: the rows are made again from the SaleCompleted events HQ holds.

Revision ID: 0003_business_day
Revises: 0002_user_names
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, tzinfo
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision = "0003_business_day"
down_revision = "0002_user_names"
branch_labels = None
depends_on = None

_events = sa.table(
    "events",
    sa.column("seq", sa.BigInteger),
    sa.column("event_type", sa.String),
    sa.column("tenant_id", sa.String),
    sa.column("store_id", sa.String),
    sa.column("payload", sa.Text),
)
_daily_sales = sa.table(
    "daily_sales",
    sa.column("tenant_id", sa.String),
    sa.column("store_id", sa.String),
    sa.column("day", sa.String),
    sa.column("currency", sa.String),
    sa.column("sales", sa.BigInteger),
    sa.column("total", sa.String),
)


def upgrade() -> None:
    _recount(ZoneInfo("America/Caracas"))


def downgrade() -> None:
    _recount(UTC)


def _recount(zone: tzinfo) -> None:
    """daily_sales again from every SaleCompleted HQ holds, each on its day in `zone` (the
    projection's own rules, frozen here: a migration does not follow later code)."""
    bind = op.get_bind()
    sums: dict[tuple[str, str, str, str], list[Decimal]] = {}
    found = bind.execute(
        sa.select(_events.c.tenant_id, _events.c.store_id, _events.c.payload).where(
            _events.c.event_type == "SaleCompleted"
        )
    )
    for tenant_id, store_id, payload in found:
        sale = _sale(payload, zone)
        if sale is None:
            continue  # unreadable: the ingest never counted it either
        day, currency, total = sale
        count_total = sums.setdefault((tenant_id, store_id, day, currency), [Decimal(0)] * 2)
        count_total[0] += 1
        count_total[1] += total
    bind.execute(sa.delete(_daily_sales))
    rows = [
        {"tenant_id": k[0], "store_id": k[1], "day": k[2], "currency": k[3],
         "sales": int(count), "total": format(total, "f")}
        for k, (count, total) in sums.items()
    ]  # fmt: skip
    if rows:
        bind.execute(sa.insert(_daily_sales), rows)


def _sale(payload: str, zone: tzinfo) -> tuple[str, str, Decimal] | None:
    """(day in `zone`, currency, reference total) of a SaleCompleted; None when unreadable."""
    try:
        fields = json.loads(payload)
        total = fields["totals"]["reference"]["total"]
        completed = datetime.fromisoformat(str(fields["completed_at"]))
        if completed.utcoffset() is None:
            return None
        day = completed.astimezone(zone).date().isoformat()
        return day, str(total["currency"]), Decimal(total["amount"])
    except (KeyError, TypeError, ValueError, InvalidOperation):
        return None
