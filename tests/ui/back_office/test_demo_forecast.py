"""The forecast screen draws a demo product's chart from what the till holds: two years of the
demo history imported, a forecast made by the real forecasting service (the fast seasonal-naive
model), read back through the back office's own wiring."""

from __future__ import annotations

from decimal import Decimal

from fluxion_desktop.adapters.read_models.demand_history import SqlDemandQueries
from fluxion_desktop.application.catalog import CreateProduct
from fluxion_desktop.application.demo_catalog import demo_products
from fluxion_desktop.application.demo_history import seed_demo_history
from fluxion_desktop.application.forecasting import ForecastingService
from fluxion_desktop.application.inventory import ReceiveStock
from fluxion_desktop.application.repository import EventFactory, Repository
from fluxion_desktop.domain.forecasts import ForecastGenerated, ProductForecasts
from fluxion_desktop.intelligence.forecasting.agent import ForecastAgent
from fluxion_desktop.ui.back_office.back_office import BackOffice
from fluxion_desktop.ui.formatting import NumberFormat
from tests.support.app import Till
from tests.ui.back_office.conftest import make_context

HORIZON = 28


def _demo_product_with_a_forecast(till: Till) -> tuple[str, ForecastGenerated]:
    services, bus = till.services, till.services.bus
    demo = demo_products(1)[0]
    barcodes = (demo.barcode.value,) if demo.barcode else ()
    product_id = str(bus.handle(CreateProduct(till.manager, demo.sku, demo.name, demo.price,
                                              demo.tax_category, demo.unit, barcodes)))  # fmt: skip
    bus.handle(ReceiveStock(till.manager, product_id, Decimal(60)))
    seed_demo_history(bus, till.manager, [demo], till.clock.now().date())
    factory = EventFactory(services.identity, services.registry, services.clock, services.ids)
    forecasting = ForecastingService(
        SqlDemandQueries(services.engine, services.registry),
        ForecastAgent(prophet="never"),
        Repository(ProductForecasts, services.store, services.registry, factory),
        services.identity.device_id, services.clock, services.ids,
    )  # fmt: skip
    made = forecasting.demand_forecast(product_id, services.identity.store_id, HORIZON, "naive")
    assert isinstance(made, ForecastGenerated)
    return demo.name, made


def test_the_forecast_screen_draws_a_chart_for_a_demo_product(qtbot, till, runner):
    name, made = _demo_product_with_a_forecast(till)
    office = BackOffice(make_context(till, runner), NumberFormat(".", ","))
    qtbot.addWidget(office)
    screen = office.forecasts
    office.show_screen(screen)

    screen.search.setText(name)
    screen.find_products()

    chart = screen.chart
    assert chart is not None
    series = {s.name(): s for s in chart.series()}
    assert series["Sold"].count() == 180  # the last 180 days of the history
    assert series["Forecast"].count() == HORIZON
    assert [p.y() for p in series["Forecast"].points()] == [float(p.forecast) for p in made.points]
    band = series["Interval"]
    assert [p.y() for p in band.upperSeries().points()] == [float(p.hi80) for p in made.points]
    assert f"Model: {made.model}" in screen.summary.text()
    on_hand = till.services.queries.stock.level(made.product_id).current
    total, runs_out = Decimal(0), None
    for point in made.points:
        total += point.forecast
        if total >= on_hand:
            runs_out = point.day
            break
    assert runs_out is not None  # the demo's best seller: 60 units last under 28 days
    assert f"stock runs out on {runs_out.isoformat()}" in screen.summary.text()
    assert series["Runs out"].count() == 2
