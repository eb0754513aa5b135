"""Out-of-stock days come from the till's stock movements and keep the forecast up."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from fluxion_desktop.application.forecasting import ForecastingService
from fluxion_desktop.application.inventory import AdjustStock, ReceiveStock
from fluxion_desktop.application.repository import EventFactory, Repository
from fluxion_desktop.application.sales_history import HistoryRow, ImportSalesHistory
from fluxion_desktop.domain.forecasts import ForecastGenerated, ProductForecasts
from fluxion_desktop.domain.inventory import AdjustmentReason
from fluxion_desktop.intelligence.forecasting.agent import ForecastAgent
from tests.support.app import Till, open_till

FIRST = date(2026, 1, 1)
SOLD_OUT, RESTOCKED = date(2026, 3, 1), date(2026, 3, 20)


def _at(till: Till, day: date) -> None:
    till.clock.current = datetime(day.year, day.month, day.day, 16, 0, tzinfo=UTC)


def _till_with_a_stock_out(tmp_path: Path) -> tuple[Till, str]:
    till = open_till(tmp_path / "till")
    product = till.product("ARZ-1", "Arroz", "1.20")
    bus = till.services.bus
    rows = []
    for i in range(90):
        day = FIRST + timedelta(days=i)
        empty = SOLD_OUT < day < RESTOCKED
        rows.append(HistoryRow(i + 2, day, Decimal(0 if empty else 10 + i % 3), sku="ARZ-1"))
    bus.handle(ImportSalesHistory(till.manager, tuple(rows), "old-system.csv"))
    _at(till, FIRST)
    bus.handle(ReceiveStock(till.manager, product, Decimal(50), "opening"))
    _at(till, SOLD_OUT)
    bus.handle(AdjustStock(till.manager, product, Decimal(-50), AdjustmentReason.CORRECTION))
    _at(till, RESTOCKED)
    bus.handle(ReceiveStock(till.manager, product, Decimal(80), "truck"))
    return till, product


def test_the_days_without_stock_are_flagged(tmp_path: Path):
    till, product = _till_with_a_stock_out(tmp_path)

    history = till.services.queries.demand.history(product, "store-1")

    out = history.stockout_days
    assert out[0] == SOLD_OUT and out[-1] == RESTOCKED
    assert len(out) == (RESTOCKED - SOLD_OUT).days + 1
    assert till.services.projections.check() == []


def test_the_forecast_ignores_them_and_is_recorded_for_the_chart(tmp_path: Path):
    till, product = _till_with_a_stock_out(tmp_path)
    s = till.services
    demand = s.queries.demand
    factory = EventFactory(s.identity, s.registry, s.clock, s.ids)
    service = ForecastingService(demand, ForecastAgent(prophet="never"),
                                 Repository(ProductForecasts, s.store, s.registry, factory),
                                 s.identity.device_id, s.clock, s.ids)  # fmt: skip

    result = service.demand_forecast(product, "store-1", horizon=14)

    assert isinstance(result, ForecastGenerated)
    mean = sum(p.forecast for p in result.points) / len(result.points)
    assert Decimal(9) < mean < Decimal(12)
    chart = demand.chart(product, "store-1", days=60)
    assert chart.forecast == result
    assert len(chart.history.days) == 60 and SOLD_OUT + timedelta(days=5) in chart.stockout_days
    assert s.projections.check() == []
