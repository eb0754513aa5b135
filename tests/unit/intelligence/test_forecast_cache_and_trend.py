"""The model cache (same product, store and data: no second fit) and the trend report."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest

from fluxion_desktop.application.demand_history import DemandDay, DemandHistory
from fluxion_desktop.application.forecasting import ForecastOutcome, TrendReport
from fluxion_desktop.domain.forecasts import InsufficientData
from fluxion_desktop.intelligence.forecasting.agent import ForecastAgent


def _history(values: np.ndarray, product: str = "p-1") -> DemandHistory:
    start = date(2025, 1, 6)
    days = tuple(DemandDay(start + timedelta(days=i), Decimal(int(v)), Decimal(0), False, False)
                 for i, v in enumerate(values))  # fmt: skip
    return DemandHistory(product, "SKU", "store-1", days)


def test_the_same_data_is_served_from_the_cache_and_new_data_refits(tmp_path: Path):
    rng = np.random.default_rng(4)
    values = rng.poisson(6, 150).astype(float)
    agent = ForecastAgent(cache_dir=tmp_path / "cache", prophet="never")

    first = agent.forecast(_history(values), 14)
    again = ForecastAgent(cache_dir=tmp_path / "cache", prophet="never").forecast(
        _history(values), 14
    )
    assert isinstance(first, ForecastOutcome) and again == first
    assert len(list((tmp_path / "cache").glob("*.json"))) == 1

    values[-1] += 5
    refit = agent.forecast(_history(values), 14)
    agent.forecast(_history(values, product="p-2"), 14)
    assert refit != first  # new data, new fit; its file replaced the old one
    assert len(list((tmp_path / "cache").glob("*.json"))) == 2


def test_the_trend_report_sees_demand_rising_falling_or_flat():
    rng = np.random.default_rng(8)
    t = np.arange(200)
    agent = ForecastAgent()

    rising = agent.trend(_history(rng.poisson(5 + t * 0.1).astype(float)))
    falling = agent.trend(_history(rng.poisson(25 - t * 0.1).astype(float)))
    flat = agent.trend(_history(rng.poisson(np.full(200, 10.0)).astype(float)))

    assert isinstance(rising, TrendReport) and rising.direction == "up"
    assert rising.change_per_month > Decimal("0.05")
    assert isinstance(falling, TrendReport) and falling.direction == "down"
    assert isinstance(flat, TrendReport) and flat.direction == "flat"


@pytest.mark.slow
def test_two_worker_processes_give_what_one_gives_and_fill_the_cache(tmp_path: Path):
    rng = np.random.default_rng(6)
    histories = [_history(rng.poisson(m, 120).astype(float), product=f"p-{i}")
                 for i, m in enumerate((0.3, 4.0, 12.0))]  # fmt: skip
    histories.append(_history(np.ones(10), product="short"))

    pooled = dict(ForecastAgent(workers=2, cache_dir=tmp_path, prophet="never")
                  .forecast_many(histories, 7))  # fmt: skip
    single = dict(ForecastAgent(prophet="never").forecast_many(histories, 7))

    assert {h.product_id: o for h, o in pooled.items()} == {
        h.product_id: o for h, o in single.items()
    }
    assert isinstance(pooled[histories[-1]], InsufficientData)
    assert len(list(tmp_path.glob("*.json"))) == 3
