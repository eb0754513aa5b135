"""Every table of the local database in one MetaData (for Alembic and the schema test)."""

from __future__ import annotations

from sqlalchemy import MetaData

from fluxion_desktop.adapters import schema
from fluxion_desktop.adapters.read_models import (
    alerts,
    catalog_tables,
    demand_tables,
    intelligence_tables,
    sales_tables,
    sync_tables,
    user_tables,
)

# Names of FTS5 tables (and their shadow tables) that SQLAlchemy does not describe.
VIRTUAL_TABLE_PREFIXES = ("product_search",)


def all_metadata() -> MetaData:
    assert catalog_tables.products.metadata is schema.metadata
    assert user_tables.users.metadata is schema.metadata
    assert sales_tables.sales.metadata is schema.metadata
    assert alerts.alerts.metadata is schema.metadata
    assert sync_tables.metadata is demand_tables.metadata is intelligence_tables.metadata
    assert intelligence_tables.metadata is schema.metadata
    return schema.metadata
