"""HQ's tables (SQLAlchemy Core). Alembic migrations in `sync/server/migrations` create them;
tests/sync/server/test_migrations.py checks the migrated schema equals this metadata.

Amounts and quantities are decimal text (exact on SQLite and PostgreSQL alike); times are
ISO-8601 UTC text, as on the wire.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

# SQLite only auto-numbers an INTEGER PRIMARY KEY (the rowid); PostgreSQL gets a BIGINT identity.
Seq = BigInteger().with_variant(Integer(), "sqlite")
Id = String(64)
Hash = String(64)
Moment = String(40)

tenants = Table(
    "tenants",
    metadata,
    Column("tenant_id", Id, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("created_at", Moment, nullable=False),
)

stores = Table(
    "stores",
    metadata,
    Column("store_id", Id, primary_key=True),
    Column("tenant_id", Id, nullable=False, index=True),
    Column("name", String(200), nullable=False),
    Column("created_at", Moment, nullable=False),
)

devices = Table(
    "devices",
    metadata,
    Column("device_id", Id, primary_key=True),
    Column("tenant_id", Id, nullable=False),
    Column("store_id", Id, nullable=False),
    Column("name", String(200), nullable=False),
    Column("enrolled_at", Moment, nullable=False),
    Column("last_seen", Moment, nullable=True),
    # The device's chain as HQ holds it: last position and hash (0 / genesis: nothing yet).
    Column("head_position", BigInteger, nullable=False),
    Column("head_hash", Hash, nullable=False),
    Column("event_count", BigInteger, nullable=False),
    Column("pending", BigInteger, nullable=True),
    Column("revoked_at", Moment, nullable=True),
)
Index("ix_devices_store", devices.c.tenant_id, devices.c.store_id)

# HQ's own chain per tenant (events it writes with device_id "hq").
hq_chains = Table(
    "hq_chains",
    metadata,
    Column("tenant_id", Id, primary_key=True),
    Column("head_position", BigInteger, nullable=False),
    Column("head_hash", Hash, nullable=False),
)

device_tokens = Table(
    "device_tokens",
    metadata,
    Column("token_hash", Hash, primary_key=True),
    Column("device_id", Id, nullable=False, index=True),
    Column("created_at", Moment, nullable=False),
    Column("revoked_at", Moment, nullable=True),
)

staff_tokens = Table(
    "staff_tokens",
    metadata,
    Column("token_hash", Hash, primary_key=True),
    Column("tenant_id", Id, nullable=False, index=True),
    Column("created_at", Moment, nullable=False),
    Column("revoked_at", Moment, nullable=True),
)

enrollment_codes = Table(
    "enrollment_codes",
    metadata,
    Column("code_hash", Hash, primary_key=True),
    Column("tenant_id", Id, nullable=False),
    Column("store_id", Id, nullable=False),
    Column("created_at", Moment, nullable=False),
    Column("expires_at", Moment, nullable=False),
    Column("used_at", Moment, nullable=True),
    Column("used_by", Id, nullable=True),
)

# Every event HQ holds; `seq` is HQ's ingest order and the pull cursor.
events = Table(
    "events",
    metadata,
    Column("seq", Seq, primary_key=True, autoincrement=True),
    Column("event_id", String(36), nullable=False),
    Column("event_type", String(100), nullable=False),
    Column("schema_version", Integer, nullable=False),
    Column("stream_id", String(200), nullable=False),
    Column("version", BigInteger, nullable=False),
    Column("tenant_id", Id, nullable=False),
    Column("store_id", Id, nullable=False),
    Column("device_id", Id, nullable=False),
    Column("user_id", Id, nullable=True),
    Column("occurred_at", Moment, nullable=False),
    Column("position", BigInteger, nullable=False),
    Column("payload", Text, nullable=False),
    Column("metadata", Text, nullable=False),
    Column("prev_hash", Hash, nullable=False),
    Column("hash", Hash, nullable=False),
    Column("received_at", Moment, nullable=False),
    UniqueConstraint("event_id", name="uq_events_event_id"),
    UniqueConstraint("tenant_id", "stream_id", "version", name="uq_events_stream_version"),
)
Index("ix_events_tenant_seq", events.c.tenant_id, events.c.seq)
Index("ix_events_device_position", events.c.tenant_id, events.c.device_id, events.c.position)

# Events of a device's chain HQ recorded but did not store as events: conflicts (stream
# version taken), rejections (event id taken by other content) and repeats of a known event
# at a new position. They keep the chain whole and are never served by pull.
quarantine = Table(
    "quarantine",
    metadata,
    Column("quarantine_id", Seq, primary_key=True, autoincrement=True),
    Column("tenant_id", Id, nullable=False),
    Column("device_id", Id, nullable=False),
    Column("position", BigInteger, nullable=False),
    Column("event_id", String(36), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("reason", String(300), nullable=False),
    Column("prev_hash", Hash, nullable=False),
    Column("hash", Hash, nullable=False),
    Column("event", Text, nullable=False),
    Column("received_at", Moment, nullable=False),
)
Index(
    "ix_quarantine_device_position",
    quarantine.c.tenant_id,
    quarantine.c.device_id,
    quarantine.c.position,
)

# Consolidated projections, updated in the ingest transaction for newly stored events only.
stock_levels = Table(
    "stock_levels",
    metadata,
    Column("tenant_id", Id, primary_key=True),
    Column("store_id", Id, primary_key=True),
    Column("product_id", Id, primary_key=True),
    Column("quantity", String(40), nullable=False),
    Column("updated_at", Moment, nullable=False),
)

daily_sales = Table(
    "daily_sales",
    metadata,
    Column("tenant_id", Id, primary_key=True),
    Column("store_id", Id, primary_key=True),
    Column("day", String(10), primary_key=True),
    Column("currency", String(3), primary_key=True),
    Column("sales", BigInteger, nullable=False),
    Column("total", String(40), nullable=False),
)

# HQ's catalog as its own events left it, so a re-import writes only what changed.
hq_products = Table(
    "hq_products",
    metadata,
    Column("tenant_id", Id, primary_key=True),
    Column("sku", String(40), primary_key=True),
    Column("product_id", Id, nullable=False),
    Column("state", Text, nullable=False),
    Column("version", BigInteger, nullable=False),
)

hq_users = Table(
    "hq_users",
    metadata,
    Column("tenant_id", Id, primary_key=True),
    Column("username", String(32), primary_key=True),
    Column("user_id", Id, nullable=False),
    Column("version", BigInteger, nullable=False),
    Column("active", Boolean, nullable=False),
)

# Every user name of the tenant and who claimed it first, whoever wrote the UserCreated: HQ
# (`device_id` "hq") or a till (the wizard's admin, a manager's back office). `add_user`
# refuses a name found here; the ingest records a till's names in the push transaction.
user_names = Table(
    "user_names",
    metadata,
    Column("tenant_id", Id, primary_key=True),
    Column("username", String(32), primary_key=True),
    Column("user_id", Id, nullable=False),
    Column("store_id", Id, nullable=False),
    Column("device_id", Id, nullable=False),
    Column("event_id", String(36), nullable=False),
)
