"""When the forecast runs the stock out: the first day by which expected demand adds up to what
is on hand."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from fluxion_desktop.application.back_office_forecasts import runs_out_on
from fluxion_desktop.domain.forecasts import ForecastPoint

START = date(2026, 11, 26)


def _point(n: int, value: str) -> ForecastPoint:
    v = Decimal(value)
    return ForecastPoint(START + timedelta(days=n), v, Decimal(0), v * 2, Decimal(0), v * 3)


def _points(*daily: str) -> list[ForecastPoint]:
    return [_point(n, v) for n, v in enumerate(daily)]


def test_the_day_the_expected_demand_reaches_the_stock_on_hand():
    assert runs_out_on(Decimal(10), _points("4", "4", "4", "4")) == START + timedelta(days=2)
    assert runs_out_on(Decimal(8), _points("4", "4", "4")) == START + timedelta(days=1)  # exactly


def test_stock_that_outlasts_the_forecast_never_runs_out_in_it():
    assert runs_out_on(Decimal(100), _points("4", "4", "4")) is None
    assert runs_out_on(Decimal(5), []) is None


def test_no_stock_runs_out_on_the_first_forecast_day():
    assert runs_out_on(Decimal(0), _points("0", "0")) == START
    assert runs_out_on(Decimal(-3), _points("1")) == START
