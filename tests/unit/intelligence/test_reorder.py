"""Reorder arithmetic on worked examples, and the backtest's service level."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from benchmarks.reorder_service_level import make_demand
from fluxion_desktop.domain.errors import InvalidValue
from fluxion_desktop.domain.reorder import ReorderPolicy, ReorderSettings, ReorderSettingsChanged
from fluxion_desktop.intelligence.reorder.backtest import BacktestResult, backtest
from fluxion_desktop.intelligence.reorder.policy import (
    Method,
    StockPosition,
    empirical_quantile,
    intermittent_lead_time_quantile,
    is_intermittent,
    plan_reorder,
    safety_stock_from_errors,
    sigma_sqrt_l_safety_stock,
    suggested_quantity,
)

D = Decimal


def test_worked_example_with_past_forecast_errors():
    # Lead time 5 + review 7 = 12 days at a forecast of 10 a day: 120 units. Past 12-day errors
    # -10..+29 (40 origins): their 95 % quantile is 27.05, the safety stock. S = 147.05.
    settings = ReorderSettings(5, 7, D("0.95"), D(12))
    errors = [float(e) for e in range(-10, 30)]
    history = [10.0] * 60
    position = StockPosition(on_hand=D(40), on_order=D(24), reserved=D(6))

    plan = plan_reorder(settings, position, [10.0] * 30, errors, history)

    assert plan.method is Method.FORECAST_ERRORS
    assert plan.forecast_demand == D("120.000")
    assert plan.safety_stock == D("27.050")
    assert plan.reorder_point == plan.order_up_to == D("147.050")
    assert plan.inventory_position == D(58)  # 40 + 24 - 6
    assert plan.suggested_quantity == D(96)  # 89.05 missing -> 8 packs of 12


def test_nothing_is_suggested_when_the_position_reaches_the_level():
    assert suggested_quantity(D(100), StockPosition(D(90), D(10)), D(6)) == 0
    assert suggested_quantity(D(100), StockPosition(D(99)), D(6)) == D(6)
    assert suggested_quantity(D("2.5"), StockPosition(D(0)), D("0.5")) == D("2.5")  # weighed kg


def test_the_empirical_quantile_interpolates_and_never_makes_negative_safety_stock():
    assert empirical_quantile([1.0, 2.0, 3.0, 4.0, 5.0], 0.5) == 3.0
    assert empirical_quantile([1.0, 2.0, 3.0, 4.0, 5.0], 0.95) == pytest.approx(4.8)
    assert safety_stock_from_errors([-9.0, -8.0, -7.0], 0.95) == 0.0  # forecasts ran high
    with pytest.raises(ValueError, match="no values"):
        empirical_quantile([], 0.9)


def test_intermittent_items_use_a_negative_binomial_quantile_of_lead_time_demand():
    history = [0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 2.0] * 8  # 3 units a week, a sale 2 days in 7
    settings = ReorderSettings(7, 7, D("0.95"), D(1))

    plan = plan_reorder(settings, StockPosition(D(1)), [3 / 7] * 14, [], history)

    assert is_intermittent(history) and not is_intermittent([1.0, 2.0, 1.0, 3.0] * 10)
    assert plan.method is Method.INTERMITTENT_NB
    quantile = intermittent_lead_time_quantile(history, 14, 0.95)
    assert quantile > 6  # 6 units expected over 14 days, lumpy: the 95 % point is well above
    assert plan.order_up_to == D(repr(quantile)).quantize(D("0.001"))
    assert plan.suggested_quantity == D(repr(quantile)) - 1


def test_few_past_errors_fall_back_to_sigma_sqrt_l():
    settings = ReorderSettings(4, 0, D("0.95"), D(1))
    daily = [-2.0, 2.0] * 10  # sigma 2.05 a day
    plan = plan_reorder(settings, StockPosition(D(0)), [5.0] * 4, [1.0] * 5, [5.0] * 60, daily)

    assert plan.method is Method.SIGMA_SQRT_L
    expected = sigma_sqrt_l_safety_stock(daily, 4, 0.95)
    assert expected == pytest.approx(1.6449 * 2.0520 * 2, rel=1e-3)
    assert plan.safety_stock == D(repr(expected)).quantize(D("0.001"), rounding="ROUND_CEILING")


def test_a_forecast_shorter_than_the_protection_period_is_refused():
    with pytest.raises(ValueError, match="covers 3 days; 14 are needed"):
        plan_reorder(ReorderSettings(), StockPosition(D(0)), [1.0] * 3, [], [1.0] * 60)


@pytest.mark.parametrize(
    ("field", "kwargs", "message"),
    [
        ("lead_time_days", {"lead_time_days": -1}, "within 0-365"),
        ("lead_time_days", {"lead_time_days": 0, "review_period_days": 0}, "cannot both be 0"),
        ("service_level", {"service_level": D("1.2")}, "within 0.5-0.999"),
        ("service_level", {"service_level": 0.95}, "not a float"),
        ("pack_size", {"pack_size": D(0)}, "must be positive"),
    ],
)
def test_bad_settings_are_refused_by_name(field, kwargs, message):
    with pytest.raises((InvalidValue, TypeError), match=message) as raised:
        ReorderSettings(**kwargs)
    assert raised.value.field == field


def test_the_policy_records_only_real_changes():
    at = datetime(2026, 11, 25, tzinfo=UTC)
    policy = ReorderPolicy("p1@till-1")
    assert policy.change("p1", "store-1", ReorderSettings(3, 7, D("0.9"), D(6)), at)
    assert not policy.change("p1", "store-1", ReorderSettings(3, 7, D("0.9"), D(6)), at)
    [event] = policy.pending_events
    assert isinstance(event, ReorderSettingsChanged) and event.settings.pack_size == D(6)
    restored = ReorderPolicy("p1@till-1")
    restored.restore_state(policy.snapshot_state())
    assert restored.settings == policy.settings


def test_the_backtest_reaches_the_target_service_level_and_counts_cycles():
    rng = random.Random(5)
    settings = ReorderSettings(5, 7, D("0.95"), D(1))
    total = BacktestResult(0, 0, 0.95, {})
    for _ in range(12):
        demand, _slow = make_demand(rng, days=600)
        total += backtest(demand, settings)

    assert total.cycles == 12 * len(range(182, 600 - 12 + 1, 7))
    assert 0.93 <= total.achieved <= 0.98


def test_a_lower_target_gives_a_lower_achieved_level():
    rng = random.Random(8)
    demands = [make_demand(rng, days=500)[0] for _ in range(6)]
    high = sum((backtest(d, ReorderSettings(5, 7, D("0.98"), D(1))) for d in demands),
               BacktestResult(0, 0, 0.98, {}))  # fmt: skip
    low = sum((backtest(d, ReorderSettings(5, 7, D("0.8"), D(1))) for d in demands),
              BacktestResult(0, 0, 0.8, {}))  # fmt: skip
    assert low.achieved < high.achieved
    assert 0.7 <= low.achieved <= 0.9
