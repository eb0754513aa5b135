"""Sales by day counts the products that sold that day: imported history has a row for a product
on a day it sold nothing, and that row is no product sold."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from fluxion_desktop.adapters.read_models.reports import SqlReportQueries
from fluxion_desktop.application.sales_history import HistoryRow, ImportSalesHistory
from tests.support.app import open_till

DAY = date(2026, 3, 2)


def test_a_day_counts_only_the_products_that_sold(tmp_path: Path):
    till = open_till(tmp_path / "till")
    try:
        till.product("ARZ-1", "Arroz", "1.20")
        till.product("HAR-1", "Harina", "1.25")
        rows = (
            HistoryRow(2, DAY, Decimal(7), sku="ARZ-1"),
            HistoryRow(3, DAY, Decimal(0), sku="HAR-1"),  # on the shelf, nothing sold
        )
        till.services.bus.handle(ImportSalesHistory(till.manager, rows, "old-system.csv"))
        q = till.services.queries
        reports = SqlReportQueries(
            till.services.engine, q.shifts, q.users, till.services.projections.freshen_lagging
        )

        [day] = reports.sales_by_day(DAY, DAY)

        assert (day.imported_units, day.products) == (Decimal(7), 1)
    finally:
        till.services.close()
