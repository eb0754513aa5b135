"""Reorder suggestions on a real till: settings as events and a read model, history imported
through the app, stock from the store's movements, CSV export whole."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from fluxion_desktop.adapters.read_models.reorder_settings import SqlReorderSettingsQueries
from fluxion_desktop.application.reorder_settings import SetReorderSettings
from fluxion_desktop.application.repository import EventFactory, Repository
from fluxion_desktop.application.sales_history import HistoryRow, ImportSalesHistory
from fluxion_desktop.domain.errors import NotFound, PermissionDenied
from fluxion_desktop.domain.forecasts import (
    ForecastGenerated,
    ForecastPoint,
    ProductForecasts,
    forecasts_id,
)
from fluxion_desktop.domain.reorder import ReorderSettings
from fluxion_desktop.intelligence.reorder.export import COLUMNS, export_suggestions_csv
from fluxion_desktop.intelligence.reorder.policy import Method
from fluxion_desktop.intelligence.reorder.recorded_forecasts import RecordedForecastSource
from fluxion_desktop.intelligence.reorder.suggestions import (
    BackOfficeReorder,
    NotEnoughHistory,
    ReorderService,
)
from tests.support.app import Till, open_till

D = Decimal


def _import(till: Till, sku: str, quantities: list[int], start: date) -> None:
    rows = tuple(HistoryRow(n + 2, start + timedelta(days=n), D(q), sku=sku)
                 for n, q in enumerate(quantities))  # fmt: skip
    till.services.bus.handle(ImportSalesHistory(till.manager, rows, "old-system.csv"))


def _service(till: Till) -> ReorderService:
    s = till.services
    return ReorderService(s.queries.demand, s.queries.stock,
                          s.queries.catalog, SqlReorderSettingsQueries(s.engine),
                          s.identity.store_id)  # fmt: skip


def test_settings_are_events_and_the_latest_is_read_back(tmp_path: Path):
    till = open_till(tmp_path)
    product = till.product("HAR-1", "Harina PAN 1 kg", "1.20")
    settings = ReorderSettings(3, 7, D("0.98"), D(20))

    changed = till.services.bus.handle(SetReorderSettings(till.manager, product, settings))
    again = till.services.bus.handle(SetReorderSettings(till.manager, product, settings))

    queries = SqlReorderSettingsQueries(till.services.engine)
    assert changed is True and again is False
    assert queries.settings_for(product, till.services.identity.store_id) == settings
    assert queries.settings_for(product, "another-store") is None
    newer = ReorderSettings(4, 7, D("0.95"), D(20))
    till.clock.advance(hours=1)
    till.services.bus.handle(SetReorderSettings(till.manager, product, newer))
    till.services.projections.rebuild(["reorder_settings"])
    assert queries.settings_for(product, till.services.identity.store_id) == newer
    assert till.services.projections.check() == []
    with pytest.raises(PermissionDenied):
        till.services.bus.handle(SetReorderSettings(till.cashier, product, settings))
    with pytest.raises(NotFound, match="unknown product"):
        till.services.bus.handle(SetReorderSettings(till.manager, "nope", settings))
    till.services.close()


def test_a_suggestion_from_imported_history_and_stock_exports_to_csv(tmp_path: Path):
    till = open_till(tmp_path)
    product = till.product("ARR-1", "Arroz 1 kg", "1.00")
    slow = till.product("VEL-1", "Velas", "0.50")
    new = till.product("NEW-1", "Nuevo", "2.00")
    start = date(2026, 6, 1)
    _import(till, "ARR-1", [8, 10, 9, 11, 12, 16, 6] * 20, start)  # 140 days, ~10 a day
    _import(till, "VEL-1", [0, 0, 1, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1] * 8, start)
    _import(till, "NEW-1", [3] * 10, start)
    rice_settings = ReorderSettings(5, 7, D("0.95"), D(24))
    till.services.bus.handle(SetReorderSettings(till.manager, product, rice_settings))
    service = _service(till)

    rice = service.suggest(product)
    candles = service.suggest(slow)
    newcomer = service.suggest(new)

    assert not isinstance(rice, NotEnoughHistory)
    assert rice.plan.method is Method.FORECAST_ERRORS
    assert rice.position.on_hand == 0  # imported history moves no stock
    assert D(110) <= rice.plan.forecast_demand <= D(130)  # ~10 a day over 12 days
    assert rice.plan.safety_stock > 0
    assert rice.plan.suggested_quantity % 24 == 0
    assert rice.plan.suggested_quantity >= rice.plan.reorder_point
    assert not isinstance(candles, NotEnoughHistory)
    assert candles.plan.method is Method.INTERMITTENT_NB
    assert candles.settings.pack_size == D(1)  # catalog's pack size, default settings
    assert isinstance(newcomer, NotEnoughHistory) and "10 days" in newcomer.message

    all_to_order = service.suggest_all()
    path = tmp_path / "pedido.csv"
    export_suggestions_csv(all_to_order, path)
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))

    assert [r["sku"] for r in rows] == ["ARR-1", "VEL-1"]  # largest order first
    assert tuple(rows[0]) == COLUMNS
    assert D(rows[0]["suggested_quantity"]) == rice.plan.suggested_quantity
    assert rows[1]["method"] == "intermittent_nb"
    assert not (tmp_path / "pedido.csv.partial").exists()

    table = BackOfficeReorder(service, till.clock).suggestions()
    assert [(r.sku, r.quantity) for r in table] == [
        ("ARR-1", rice.plan.suggested_quantity),
        ("VEL-1", candles.plan.suggested_quantity),
    ]
    assert table[0].stockout_day == till.clock.now().date()  # nothing on hand: out today
    till.services.close()


def _forecast(product: str, store: str, end: date, daily: str, n: int) -> ForecastGenerated:
    value = D(daily)
    points = tuple(ForecastPoint(end + timedelta(k), value, value, value, value, value)
                   for k in range(1, 29))  # fmt: skip
    return ForecastGenerated(f"f{n}", product, "ARR-1", store, "ets", "smooth", None, None, None,
                             end - timedelta(200), end, 28, datetime(2026, 11, 1, tzinfo=UTC),
                             points, (), ())  # fmt: skip


def test_recorded_forecasts_size_the_safety_stock_once_enough_came_true(tmp_path: Path):
    till = open_till(tmp_path)
    s = till.services
    product = till.product("ARR-1", "Arroz 1 kg", "1.00")
    start = date(2026, 6, 1)
    _import(till, "ARR-1", [10] * 120, start)  # exactly 10 a day
    last = start + timedelta(119)
    store = s.identity.store_id
    repo = Repository(ProductForecasts, s.store, s.registry,
                      EventFactory(s.identity, s.registry, s.clock, s.ids))  # fmt: skip
    stream = forecasts_id(product, s.identity.device_id)
    source = RecordedForecastSource(s.store, s.registry, s.identity.device_id)
    service = ReorderService(s.queries.demand, s.queries.stock,
                             s.queries.catalog, SqlReorderSettingsQueries(s.engine), store,
                             source)  # fmt: skip

    forecasts = repo.get(stream) or ProductForecasts(stream)
    for n in range(10):  # ten nights of forecasts that ran 2 a day low
        forecasts.record(_forecast(product, store, last - timedelta(60 - n), "8", n))
    forecasts.record(_forecast(product, store, last, "9.5", 99))
    repo.save(forecasts, None)
    too_few = service.suggest(product)

    forecasts = repo.get(stream) or ProductForecasts(stream)
    for n in range(10, 30):
        forecasts.record(_forecast(product, store, last - timedelta(60 - n), "8", n))
    forecasts.record(_forecast(product, store, last, "9.5", 100))
    repo.save(forecasts, None)
    enough = service.suggest(product)

    assert not isinstance(too_few, NotEnoughHistory) and not isinstance(enough, NotEnoughHistory)
    assert too_few.model == "moving_average_28 (10 past forecasts)"
    assert enough.model == "ets" and enough.plan.method is Method.FORECAST_ERRORS
    assert enough.plan.forecast_demand == D("133.000")  # 9.5 a day x (7 + 7) days
    assert enough.plan.safety_stock == D("28.000")  # every 14-day error was +28
    s.close()
