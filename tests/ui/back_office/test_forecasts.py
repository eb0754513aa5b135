"""The forecast screen draws a demo product's chart (history, forecast, band, stock-out) and says
the model and its accuracy; reorder suggestions show and export to CSV.

The forecasting agent and the reorder planner are other modules: their results are built here
with the fields the back office's protocols name.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCharts import QAreaSeries, QLineSeries, QScatterSeries

from tests.ui.back_office.conftest import make_context

TODAY = date(2026, 11, 25)


@dataclass(frozen=True)
class Sold:
    day: date
    quantity: Decimal


@dataclass(frozen=True)
class Expected:
    day: date
    quantity: float
    low: float
    high: float


@dataclass(frozen=True)
class Forecast:
    product_id: str
    history: tuple[Sold, ...]
    forecast: tuple[Expected, ...]
    stockout_days: tuple[date, ...]
    runs_out_on: date | None
    model: str
    mase: float | None


@dataclass(frozen=True)
class Suggestion:
    product_id: str
    sku: str
    name: str
    on_hand: Decimal
    quantity: Decimal
    stockout_day: date | None


class Forecasts:
    def __init__(self, forecasts: dict[str, Forecast]) -> None:
        self._forecasts = forecasts

    def forecast(self, product_id: str) -> Forecast | None:
        return self._forecasts.get(product_id)


class Reorder:
    def __init__(self, suggestions: list[Suggestion]) -> None:
        self._suggestions = suggestions

    def suggestions(self) -> list[Suggestion]:
        return self._suggestions


def _forecast_of(product_id: str) -> Forecast:
    history = tuple(Sold(TODAY - timedelta(days=n), Decimal(3 + n % 7)) for n in range(28, 0, -1))
    ahead = tuple(Expected(TODAY + timedelta(days=n), 4.0, 2.5, 5.5) for n in range(14))
    out = (TODAY - timedelta(days=10), TODAY - timedelta(days=9))
    return Forecast(product_id, history, ahead, out, TODAY + timedelta(days=6), "AutoETS", 0.82)


@pytest.fixture
def forecast_office(qtbot, till, runner):
    from fluxion_desktop.ui.back_office.back_office import BackOffice
    from fluxion_desktop.ui.formatting import NumberFormat

    cafe = till.services.queries.catalog.by_sku("CAF-1")
    assert cafe is not None
    reorder = Reorder([Suggestion(cafe.product_id, "CAF-1", cafe.name, Decimal(2), Decimal(24),
                                  TODAY + timedelta(days=6))])  # fmt: skip
    forecasts = Forecasts({cafe.product_id: _forecast_of(cafe.product_id)})
    context = make_context(till, runner, forecasts, reorder)
    office = BackOffice(context, NumberFormat(".", ","))
    qtbot.addWidget(office)
    office.show()
    office.show_screen(office.forecasts)
    return office


def test_the_forecast_screen_draws_a_chart_for_a_product(qtbot, forecast_office):
    screen = forecast_office.forecasts
    qtbot.keyClicks(screen.search, "cafe")
    qtbot.keyClick(screen.search, "\r")

    chart = screen.chart
    assert chart is not None and screen.chart_view.chart() is chart
    series = {s.name(): s for s in chart.series()}
    assert set(series) == {"Sold", "Forecast", "Interval", "Out of stock", "Runs out"}
    assert isinstance(series["Sold"], QLineSeries) and series["Sold"].count() == 28
    assert series["Forecast"].count() == 14
    band = series["Interval"]
    assert isinstance(band, QAreaSeries)
    assert [p.y() for p in band.upperSeries().points()] == [5.5] * 14
    assert [p.y() for p in band.lowerSeries().points()] == [2.5] * 14
    assert isinstance(series["Out of stock"], QScatterSeries)
    assert series["Out of stock"].count() == 2
    assert series["Runs out"].count() == 2  # a vertical line on the day
    assert chart.axes()  # dated x axis and units y axis
    assert "AutoETS" in screen.summary.text()
    assert "0.82" in screen.summary.text()
    assert "2026-12-01" in screen.summary.text()


def test_a_product_without_history_or_forecast_says_so(qtbot, forecast_office):
    screen = forecast_office.forecasts
    screen.search.setText("harina")
    screen.find_products()
    assert screen.chart is None
    assert screen.summary.text() == "No sales and no forecast for this product yet."


def test_reorder_suggestions_show_and_export_to_csv(qtbot, forecast_office, tmp_path):
    screen = forecast_office.forecasts
    assert screen.reorder.text(0, 0) == "CAF-1"
    assert screen.reorder.text(0, 3) == "24"
    assert screen.reorder.text(0, 4) == "2026-12-01"

    target = tmp_path / "reorder.csv"
    screen.export_csv(target)

    with target.open(encoding="utf-8") as file:
        rows = list(csv.reader(file))
    assert rows[0] == ["product_id", "sku", "name", "on_hand", "order_quantity", "stockout_day"]
    assert rows[1][1:] == ["CAF-1", "Café Fama 250 g", "2", "24", "2026-12-01"]
    assert not (tmp_path / "reorder.csv.part").exists()
    assert "Exported" in screen.message.text()


def test_a_double_click_on_a_suggestion_charts_its_product(qtbot, forecast_office):
    screen = forecast_office.forecasts
    screen.reorder_table.doubleClicked.emit(screen.reorder.index(0, 1))

    assert screen.chart is not None
    assert screen.chart.title() == "CAF-1 · Café Fama 250 g"
