"""Tables of daily demand history for forecasting (defined on the shared schema.metadata).

Alembic revision 0009 creates them; `DemandHistoryProjection` fills them from sale, return,
stock and imported-history events, and from `ForecastGenerated` (the latest forecast of each
product and store).
"""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, String, Table, Text

from fluxion_desktop.adapters import schema

metadata = schema.metadata

# One row per store, product and business day (America/Caracas). Live figures come from the
# till's sales and returns and add up; imported figures come from an older system and the latest
# import of a day replaces the earlier one. Units sold = live_units + (imported_units or 0).
demand_days = Table(
    "demand_days",
    metadata,
    Column("store_id", String(64), primary_key=True),
    Column("product_id", String(64), primary_key=True),
    Column("day", String(10), primary_key=True),
    Column("live_units", Text, nullable=False),
    Column("live_revenue", Text, nullable=False),
    Column("live_promo", Integer, nullable=False),
    Column("imported_units", Text, nullable=True),
    Column("imported_revenue", Text, nullable=True),
    Column("imported_promo", Integer, nullable=False),
    Column("currency", String(3), nullable=True),
)

# The store-wide stock level as the demand history tracks it, to find out-of-stock spells.
demand_stock = Table(
    "demand_stock",
    metadata,
    Column("store_id", String(64), primary_key=True),
    Column("product_id", String(64), primary_key=True),
    Column("on_hand", Text, nullable=False),
)

# A spell during which stock was <= 0: from the day a movement took it to <= 0 to the day a
# movement took it above 0 (both days count as out of stock); end_day NULL while still out.
demand_stockouts = Table(
    "demand_stockouts",
    metadata,
    Column("store_id", String(64), primary_key=True),
    Column("product_id", String(64), primary_key=True),
    Column("start_day", String(10), primary_key=True),
    Column("end_day", String(10), nullable=True),
)

# Every imported batch (one event per product and file), for audit and to skip a file seen before.
demand_imports = Table(
    "demand_imports",
    metadata,
    Column("event_id", String(36), primary_key=True),
    Column("store_id", String(64), nullable=False),
    Column("product_id", String(64), nullable=False),
    Column("source", Text, nullable=False),
    Column("first_day", String(10), nullable=False),
    Column("last_day", String(10), nullable=False),
    Column("days", Integer, nullable=False),
)

# The latest forecast of each product and store: the ForecastGenerated payload as JSON.
demand_forecasts = Table(
    "demand_forecasts",
    metadata,
    Column("store_id", String(64), primary_key=True),
    Column("product_id", String(64), primary_key=True),
    Column("forecast_id", String(64), nullable=False),
    Column("model", String(40), nullable=False),
    Column("generated_at", String(40), nullable=False),
    Column("payload", Text, nullable=False),
)
Index("ix_demand_days_day", demand_days.c.day)
