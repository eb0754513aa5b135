"""Table definitions of the local database. Alembic migrations create them; this mirrors them.

`tests/integration/test_migrations.py` checks that the migrated schema equals this metadata.
"""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, MetaData, String, Table, Text, UniqueConstraint

metadata = MetaData()

events = Table(
    "events",
    metadata,
    Column("position", Integer, primary_key=True, autoincrement=False),
    Column("event_id", String(36), nullable=False, unique=True),
    Column("event_type", String(100), nullable=False),
    Column("schema_version", Integer, nullable=False),
    Column("stream_id", String(200), nullable=False),
    Column("version", Integer, nullable=False),
    Column("tenant_id", String(64), nullable=False),
    Column("store_id", String(64), nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("user_id", String(64), nullable=True),
    Column("occurred_at", String(40), nullable=False),
    Column("payload", Text, nullable=False),
    Column("metadata", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    Column("origin", String(10), nullable=False),
    UniqueConstraint("stream_id", "version", name="uq_events_stream_version"),
)
Index("ix_events_device_position", events.c.device_id, events.c.position)

snapshots = Table(
    "snapshots",
    metadata,
    Column("stream_id", String(200), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("snapshot_type", String(100), nullable=False),
    Column("schema_version", Integer, nullable=False),
    Column("state", Text, nullable=False),
)

chain_heads = Table(
    "chain_heads",
    metadata,
    Column("device_id", String(64), primary_key=True),
    Column("last_position", Integer, nullable=False),
    Column("last_hash", String(64), nullable=False),
)

projection_checkpoints = Table(
    "projection_checkpoints",
    metadata,
    Column("name", String(100), primary_key=True),
    Column("position", Integer, nullable=False),
)

local_meta = Table(
    "local_meta",
    metadata,
    Column("key", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)

# Projection: one row per stream (what kind of aggregate, how far along). Rebuilt from the log.
stream_summary = Table(
    "stream_summary",
    metadata,
    Column("stream_id", String(200), primary_key=True),
    Column("stream_type", String(100), nullable=False),
    Column("version", Integer, nullable=False),
    Column("last_event_type", String(100), nullable=False),
    Column("last_occurred_at", String(40), nullable=False),
)
