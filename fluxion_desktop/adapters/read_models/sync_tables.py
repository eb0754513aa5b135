"""Tables of the device's sync state (defined on the shared schema.metadata; revision 0008).

Not a projection: these marks are facts about this device's conversation with HQ and cannot be
rebuilt from the log, so `rebuild-projections` leaves them alone.
"""

from __future__ import annotations

from sqlalchemy import Column, Integer, String, Table, Text

from fluxion_desktop.adapters import schema

metadata = schema.metadata

# One row (slot = 1): where HQ is and how far each direction has come.
sync_state = Table(
    "sync_state",
    metadata,
    Column("slot", Integer, primary_key=True, autoincrement=False),
    Column("hq_url", Text, nullable=True),
    # The highest own position HQ acknowledged holding contiguously, and that event's hash.
    Column("acked_position", Integer, nullable=False),
    Column("acked_hash", String(64), nullable=False),
    # HQ's ingest sequence up to which pulled pages are applied (in the same transaction).
    Column("pull_cursor", Integer, nullable=False),
    Column("last_success", String(40), nullable=True),
    Column("last_error", Text, nullable=True),
    Column("last_error_at", String(40), nullable=True),
    # Set when HQ and this log disagree (restored backup, forked chain): pushing stops until a
    # person resolves it.
    Column("alarm", Text, nullable=True),
)
