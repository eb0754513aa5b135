"""`fluxion-pos simulate`: realistic sales through the cashier's commands, on the demo store."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from fluxion_desktop.bootstrap import bootstrap
from fluxion_desktop.cli import main
from fluxion_desktop.settings import Settings


@pytest.fixture(scope="module")
def simulated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("simulated")
    assert main(["--data-dir", str(data_dir), "simulate", "--sales", "40", "--days", "4"]) == 0
    return data_dir


def test_the_sales_are_complete_and_the_log_verifies(simulated: Path, capsys):
    capsys.readouterr()
    assert main(["--data-dir", str(simulated), "verify"]) == 0
    assert main(["--data-dir", str(simulated), "status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    assert status["store_id"] == "demo-store"
    assert status["events"] > 40 * 4


def test_the_sales_are_spread_over_the_days_and_feed_daily_sales(simulated: Path):
    services = bootstrap(Settings(simulated), configure_logs=False)
    try:
        today = date.today()
        rows = services.queries.sales.daily_sales(today - timedelta(days=6), today)
        days = {r.day for r in rows}
        assert len(days) >= 4
        assert sum(r.sales_count for r in rows) >= 40
        assert all(r.quantity > 0 for r in rows)
        assert services.queries.sales.unfinished() == []
        assert services.queries.catalog.count() == 500
    finally:
        services.close()


def test_bad_arguments_get_a_clear_line(tmp_path: Path, capsys):
    assert main(["--data-dir", str(tmp_path), "simulate", "--sales", "0"]) == 2
    assert "--sales must be at least 1" in capsys.readouterr().err
