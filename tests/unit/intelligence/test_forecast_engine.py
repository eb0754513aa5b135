"""The forecast agent on synthetic series whose seasonality, holidays and stock-outs are known."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import numpy as np
import pytest

from fluxion_desktop.application.demand_history import DemandDay, DemandHistory
from fluxion_desktop.application.forecasting import ForecastOutcome, SeasonalityReport
from fluxion_desktop.domain.forecasts import InsufficientData
from fluxion_desktop.intelligence.forecasting.agent import ForecastAgent
from fluxion_desktop.intelligence.forecasting.analysis import holiday_dates
from fluxion_desktop.intelligence.forecasting.fast_models import CROSTON_FAMILY

START = date(2023, 1, 2)  # a Monday
WEEKLY = np.array([0.8, 0.9, 0.9, 1.0, 1.2, 1.4, 0.8])
PEAK_DAY = 350  # mid-December


def _history(values: np.ndarray, out_of_stock: set[int] = frozenset(), start: date = START,
             promo: set[int] = frozenset()) -> DemandHistory:  # fmt: skip
    days = tuple(
        DemandDay(start + timedelta(days=i), Decimal(int(v)),
                  Decimal(int(v)) * (Decimal("1.6") if i in promo else 2), i in promo,
                  i in out_of_stock)
        for i, v in enumerate(values)
    )  # fmt: skip
    return DemandHistory("p-1", "SKU-1", "store-1", days)


def _seasonal_mean(n: int, level: float = 20.0, start: date = START) -> np.ndarray:
    t = np.arange(n)
    weekdays = np.array([(start + timedelta(days=int(i))).weekday() for i in t])
    yearly = 1 + 0.3 * np.cos(2 * np.pi * (t - PEAK_DAY) / 365)
    return level * WEEKLY[weekdays] * yearly


def _outcome(history: DemandHistory, horizon: int = 28, model: str = "auto") -> ForecastOutcome:
    found = ForecastAgent(prophet="never").forecast(history, horizon, model)
    assert isinstance(found, ForecastOutcome)
    return found


def test_auto_beats_seasonal_naive_on_weekly_and_yearly_seasonality():
    ratios = []
    for seed in (1, 2, 3):
        rng = np.random.default_rng(seed)
        mean = _seasonal_mean(730 + 28)
        y = rng.poisson(mean).astype(float)
        train, actual = y[:-28], y[-28:]
        auto = np.array([float(p.forecast) for p in _outcome(_history(train)).points])
        naive = np.resize(train[-7:], 28)
        ratios.append(np.mean(np.abs(actual - auto)) / np.mean(np.abs(actual - naive)))
    assert np.mean(ratios) < 1.0, ratios


def test_the_forecast_and_the_report_recover_the_seasonal_shape():
    rng = np.random.default_rng(7)
    history = _history(rng.poisson(_seasonal_mean(730)).astype(float))

    outcome = _outcome(history, horizon=28)
    report = ForecastAgent().seasonality(history)

    assert isinstance(report, SeasonalityReport)
    weekly = np.array([float(v) for v in report.weekly_profile])
    assert np.corrcoef(weekly, WEEKLY)[0, 1] > 0.95
    assert report.yearly_profile is not None
    assert int(np.argmax([float(v) for v in report.yearly_profile])) + 1 in (11, 12, 1)
    assert "weekly seasonality" in report.factors
    forecast = np.array([float(p.forecast) for p in outcome.points])
    weekdays = [p.day.weekday() for p in outcome.points]
    assert np.corrcoef(forecast, WEEKLY[weekdays])[0, 1] > 0.8


def test_an_intermittent_series_gets_a_croston_family_model():
    rng = np.random.default_rng(3)
    y = rng.binomial(1, 0.12, 400) * rng.poisson(3, 400)

    outcome = _outcome(_history(y.astype(float)))

    assert outcome.demand_class in ("intermittent", "lumpy")
    assert outcome.model in CROSTON_FAMILY
    assert "intermittent demand" in outcome.factors


def test_a_venezuelan_holiday_effect_is_detected():
    rng = np.random.default_rng(5)
    n = 730
    mean = _seasonal_mean(n)
    holidays = {(d - START).days for d in holiday_dates(START, START + timedelta(days=n - 1))}
    lifted = mean.copy()
    lifted[list(holidays)] *= 1.6
    plain = _history(rng.poisson(mean).astype(float))
    festive = _history(rng.poisson(lifted).astype(float))

    with_holidays = ForecastAgent().seasonality(festive)
    without = ForecastAgent().seasonality(plain)

    assert isinstance(with_holidays, SeasonalityReport) and isinstance(without, SeasonalityReport)
    assert with_holidays.holiday_effect is not None and with_holidays.holiday_effect > Decimal(
        "0.4"
    )
    assert any(f.startswith("Venezuelan holidays") for f in with_holidays.factors)
    assert not any(f.startswith("Venezuelan holidays") for f in without.factors)


def test_too_little_history_is_insufficient_data_with_the_counts():
    y = np.array([3, 0, 2, 0, 0] * 4, dtype=float)
    history = _history(y, out_of_stock={18, 19})
    agent = ForecastAgent()

    for result in (agent.forecast(history, 7), agent.trend(history), agent.seasonality(history)):
        assert isinstance(result, InsufficientData)
        assert (result.days, result.days_with_sales, result.stockout_days) == (20, 8, 2)
        assert "20 days of history" in result.message and "at least 30" in result.message


def test_stock_out_days_do_not_pull_the_forecast_down():
    rng = np.random.default_rng(11)
    y = rng.poisson(10, 200).astype(float)
    gone = set(range(160, 190))  # a month without stock, recorded as no sales
    y[list(gone)] = 0

    flagged = np.mean([float(p.forecast) for p in _outcome(_history(y, gone)).points])
    unflagged = np.mean([float(p.forecast) for p in _outcome(_history(y)).points])

    assert 8.5 < flagged < 11.5
    assert unflagged < flagged


def test_intervals_nest_and_never_go_below_zero():
    rng = np.random.default_rng(2)
    outcome = _outcome(_history(rng.poisson(1.5, 300).astype(float)), horizon=60)

    for p in outcome.points:
        assert Decimal(0) <= p.lo95 <= p.lo80 <= p.forecast <= p.hi80 <= p.hi95
    names = {m.name for m in outcome.metrics}
    assert {"mase", "rmsse", "smape", "rmse", "mae", "coverage80", "coverage95"} <= names


@pytest.mark.slow
def test_prophet_uses_venezuelan_holidays_and_never_forecasts_below_zero():
    rng = np.random.default_rng(9)
    n = 400
    mean = _seasonal_mean(n, level=2.0)
    history = _history(rng.poisson(mean).astype(float), promo=set(range(300, 314)))

    outcome = _outcome(history, horizon=14, model="prophet")

    assert outcome.model == "prophet"
    assert all(p.lo95 >= 0 and p.forecast >= 0 for p in outcome.points)
    assert any("Venezuelan holidays" in f for f in outcome.factors)
    assert any("price discount" in f for f in outcome.factors)
    assert {"mase", "coverage80", "coverage95"} <= {m.name for m in outcome.metrics}
