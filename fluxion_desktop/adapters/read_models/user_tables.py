"""Tables of the users read model (Alembic revision 0004 creates them)."""

from __future__ import annotations

from sqlalchemy import Column, Integer, String, Table

from fluxion_desktop.adapters.schema import metadata

users = Table(
    "users",
    metadata,
    Column("user_id", String(64), primary_key=True),
    Column("username", String(32), nullable=False, unique=True),
    Column("display_name", String(120), nullable=False),
    Column("role", String(20), nullable=False),
    Column("active", Integer, nullable=False),
)
