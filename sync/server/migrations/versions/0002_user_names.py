"""user_names: every user name of a tenant and the UserCreated of the user holding it (HQ's
or a till's; the user created first, the smaller UUIDv7, as on the tills); filled from the
UserCreated events HQ already holds.

Revision ID: 0002_user_names
Revises: 0001_initial
"""

from __future__ import annotations

import json
import re

import sqlalchemy as sa
from alembic import op

revision = "0002_user_names"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

# The till's user name rule (sync/server/till_payloads.USERNAME_PATTERN, frozen here: a
# migration does not follow later code).
_USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,31}")

_events = sa.table(
    "events",
    sa.column("seq", sa.BigInteger),
    sa.column("event_id", sa.String),
    sa.column("event_type", sa.String),
    sa.column("tenant_id", sa.String),
    sa.column("store_id", sa.String),
    sa.column("device_id", sa.String),
    sa.column("payload", sa.Text),
)


def upgrade() -> None:
    user_names = op.create_table(
        "user_names",
        sa.Column("tenant_id", sa.String(length=64), nullable=False),
        sa.Column("username", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("store_id", sa.String(length=64), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "username"),
    )
    op.bulk_insert(user_names, _first_claims())


def _first_claims() -> list[dict[str, str]]:
    """The holder of each (tenant, name) among the UserCreated events HQ holds."""
    found = op.get_bind().execute(
        sa.select(
            _events.c.tenant_id,
            _events.c.store_id,
            _events.c.device_id,
            _events.c.event_id,
            _events.c.payload,
        )
        .where(_events.c.event_type == "UserCreated")
        .order_by(_events.c.seq)  # ties (one user id twice) go to the first stored
    )
    claims: dict[tuple[str, str], dict[str, str]] = {}
    for tenant_id, store_id, device_id, event_id, payload in found:
        try:
            fields = json.loads(payload)
            username, user_id = fields["username"], fields["user_id"]
        except (ValueError, TypeError, KeyError):
            continue  # unreadable: the ingest never projected it either
        if not (isinstance(username, str) and _USERNAME.fullmatch(username)):
            continue
        if not (isinstance(user_id, str) and 0 < len(user_id) <= 64):
            continue
        held = claims.get((tenant_id, username))
        if held is not None and held["user_id"] <= user_id:
            continue  # the user created first keeps the name, as on the tills
        claims[(tenant_id, username)] = {
            "tenant_id": tenant_id,
            "username": username,
            "user_id": user_id,
            "store_id": store_id,
            "device_id": device_id,
            "event_id": event_id,
        }
    return list(claims.values())


def downgrade() -> None:
    op.drop_table("user_names")
