"""Tables of the sales, shifts, rates, settings and saga read models (Alembic revision 0005;
0012 dropped `sales.completion`: the SaleCompleted is read from the log)."""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, String, Table, Text

from fluxion_desktop.adapters.schema import metadata

sales = Table(
    "sales",
    metadata,
    Column("sale_id", String(64), primary_key=True),
    Column("device_id", String(64), nullable=False),
    Column("store_id", String(64), nullable=False),
    Column("cashier_id", String(64), nullable=False),
    Column("shift_id", String(64), nullable=False),
    Column("status", String(12), nullable=False),
    Column("opened_at", String(40), nullable=False),
    Column("completed_at", String(40), nullable=True),
    Column("receipt_no", String(40), nullable=True),
    Column("total", Text, nullable=True),
    Column("total_local", Text, nullable=True),
)
Index("ix_sales_completed_at", sales.c.completed_at)
Index("ix_sales_receipt_no", sales.c.receipt_no)

sale_lines = Table(
    "sale_lines",
    metadata,
    Column("sale_id", String(64), primary_key=True),
    Column("line_id", String(64), primary_key=True),
    Column("product_id", String(64), nullable=False),
    Column("quantity", Text, nullable=False),
    Column("returned", Text, nullable=False),
)

daily_sales = Table(
    "daily_sales",
    metadata,
    Column("day", String(10), primary_key=True),
    Column("store_id", String(64), primary_key=True),
    Column("product_id", String(64), primary_key=True),
    Column("quantity", Text, nullable=False),
    Column("net", Text, nullable=False),
    Column("sales_count", Integer, nullable=False),
)

shifts = Table(
    "shifts",
    metadata,
    Column("shift_id", String(64), primary_key=True),
    Column("device_id", String(64), nullable=False),
    Column("cashier_id", String(64), nullable=False),
    Column("status", String(10), nullable=False),
    Column("opened_at", String(40), nullable=False),
    Column("closed_at", String(40), nullable=True),
    Column("z_report", Text, nullable=True),
)

exchange_rates = Table(
    "exchange_rates",
    metadata,
    Column("position", Integer, primary_key=True, autoincrement=False),
    Column("base", String(3), nullable=False),
    Column("quote", String(3), nullable=False),
    Column("rate", Text, nullable=False),
    Column("effective_date", String(10), nullable=False),
    Column("source", String(60), nullable=False),
)

store_settings = Table(
    "store_settings",
    metadata,
    Column("store_id", String(64), primary_key=True),
    Column("settings", Text, nullable=False),
)

sale_sagas = Table(
    "sale_sagas",
    metadata,
    Column("saga_id", String(64), primary_key=True),
    Column("sale_id", String(64), nullable=False),
    Column("status", String(20), nullable=False),
)
