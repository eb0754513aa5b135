"""The forecast screen draws a demo product's chart from what the till holds: two years of the
demo history imported, "Forecast now" runs the real forecasting service on the runner (here with
the fast seasonal-naive model) and the chart is read back through the back office's wiring."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from fluxion_desktop.application.catalog import CreateProduct
from fluxion_desktop.application.demo_catalog import demo_products
from fluxion_desktop.application.demo_history import seed_demo_history
from fluxion_desktop.application.forecasting import ForecastingService
from fluxion_desktop.application.inventory import ReceiveStock
from fluxion_desktop.application.repository import EventFactory, Repository
from fluxion_desktop.cli.back_office_wiring import back_office_context
from fluxion_desktop.domain.forecasts import ProductForecasts
from fluxion_desktop.intelligence.forecasting.agent import ForecastAgent
from fluxion_desktop.ui.back_office.back_office import BackOffice
from fluxion_desktop.ui.formatting import NumberFormat
from tests.support.app import Till

HORIZON = 28


def _demo_product(till: Till) -> str:
    bus = till.services.bus
    demo = demo_products(1)[0]
    barcodes = (demo.barcode.value,) if demo.barcode else ()
    product_id = str(bus.handle(CreateProduct(till.manager, demo.sku, demo.name, demo.price,
                                              demo.tax_category, demo.unit, barcodes)))  # fmt: skip
    bus.handle(ReceiveStock(till.manager, product_id, Decimal(60)))
    seed_demo_history(bus, till.manager, [demo], till.clock.now().date())
    return demo.name


def _office(qtbot, till: Till, runner) -> BackOffice:
    services = till.services
    factory = EventFactory(services.identity, services.registry, services.clock, services.ids)
    forecasting = ForecastingService(
        services.queries.demand,
        ForecastAgent(prophet="never"),
        Repository(ProductForecasts, services.store, services.registry, factory),
        services.identity.device_id, services.clock, services.ids,
    )  # fmt: skip
    store = services.identity.store_id
    context = replace(
        back_office_context(till.services, runner, lambda: till.manager),
        forecast_now=lambda product: forecasting.demand_forecast(product, store, HORIZON, "naive"),
    )
    office = BackOffice(context, NumberFormat(".", ","))
    qtbot.addWidget(office)
    office.show_screen(office.forecasts)
    return office


def test_the_forecast_screen_draws_a_chart_for_a_demo_product(qtbot, till, runner):
    name = _demo_product(till)
    screen = _office(qtbot, till, runner).forecasts
    screen.search.setText(name)
    screen.find_products()
    assert screen.summary.text() == "No forecast for this product yet."
    assert screen.chart is not None  # the history alone is drawn already

    screen.forecast_button.click()

    latest = till.services.queries.demand.latest_forecast(
        screen.product_id, till.services.identity.store_id
    )
    assert latest is not None  # recorded as ForecastGenerated
    assert screen.message.text() == "Forecast made."
    assert not screen.progress.isVisible()
    series = {s.name(): s for s in screen.chart.series()}
    assert series["Sold"].count() == 180  # the last 180 days of the history
    expected = [float(p.forecast) for p in latest.points]
    assert [p.y() for p in series["Forecast"].points()] == expected
    band = series["Interval"]
    assert [p.y() for p in band.upperSeries().points()] == [float(p.hi80) for p in latest.points]
    assert [p.y() for p in band.lowerSeries().points()] == [float(p.lo80) for p in latest.points]
    assert f"Model: {latest.model}" in screen.summary.text()
    total, runs_out = Decimal(0), None
    for point in latest.points:
        total += point.forecast
        if total >= Decimal(60):
            runs_out = point.day
            break
    assert runs_out is not None  # the demo's best seller: 60 units last under 28 days
    assert f"stock runs out on {runs_out.isoformat()}" in screen.summary.text()
    assert series["Runs out"].count() == 2


def test_forecasting_a_product_without_history_says_how_much_there_is(qtbot, till, runner):
    screen = _office(qtbot, till, runner).forecasts
    screen.search.setText("cafe")
    screen.find_products()
    screen.forecast_button.click()

    assert screen.message.text().startswith("insufficient data: 0 days of history")
    assert screen.forecast_button.isEnabled()


def test_the_reorder_planners_suggestion_for_a_demo_product_shows(qtbot, till, runner):
    from fluxion_desktop.adapters.read_models.reorder_settings import SqlReorderSettingsQueries
    from fluxion_desktop.intelligence.reorder.recorded_forecasts import RecordedForecastSource
    from fluxion_desktop.intelligence.reorder.suggestions import ReorderService

    name = _demo_product(till)
    services = till.services
    product = services.queries.catalog.search(name, 1)[0]
    office = _office(qtbot, till, runner)  # the wiring's own planner, as the till has it
    rows = office.forecasts.reorder

    planner = ReorderService(services.queries.demand,
                             services.queries.stock, services.queries.catalog,
                             SqlReorderSettingsQueries(services.engine),
                             services.identity.store_id,
                             RecordedForecastSource(services.store, services.registry,
                                                    services.identity.device_id))  # fmt: skip
    planned = planner.suggest(product.product_id)
    assert planned.plan.suggested_quantity > 0  # 60 on hand of the best seller: order more
    assert [rows.text(0, c) for c in range(4)] == [
        product.sku, name, "60", str(planned.plan.suggested_quantity)]  # fmt: skip
    assert rows.text(0, 4) >= till.clock.now().date().isoformat()  # runs out today or later

    office.forecasts.reorder_table.doubleClicked.emit(rows.index(0, 1))
    assert office.forecasts.chart is not None  # its history charted from the row


def test_reports_show_the_imported_history_apart(qtbot, till, runner):
    from datetime import timedelta

    name = _demo_product(till)
    office = _office(qtbot, till, runner)
    screen = office.reports
    today = till.clock.now().date()
    screen.set_period(today - timedelta(days=7), today - timedelta(days=1))
    screen.refresh()

    demand = till.services.queries.demand
    product = till.services.queries.catalog.search(name, 1)[0]
    week = demand.history(product.product_id, till.services.identity.store_id,
                          today - timedelta(days=7), today - timedelta(days=1)).days  # fmt: skip
    assert screen.by_day.rowCount() == 7
    assert [screen.by_day.text(r, 5) for r in range(7)] == [
        NumberFormat(".", ",").quantity(d.units) for d in week]  # fmt: skip
    assert screen.by_day.text(0, 1) == "$ 0.00"  # nothing rung up here that week
    assert screen.by_product.text(0, 1) == name
    assert screen.by_product.text(0, 4) == NumberFormat(".", ",").quantity(
        sum((d.units for d in week), Decimal(0))
    )
