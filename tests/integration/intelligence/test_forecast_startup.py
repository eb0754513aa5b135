"""The till starts without pandas, Prophet or statsforecast (they load only when forecasting)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HEAVY = ("pandas", "prophet", "statsforecast", "numba")

PROBE = """
import json, sys
from pathlib import Path
from fluxion_desktop.bootstrap import bootstrap
from fluxion_desktop.settings import Settings
from fluxion_desktop.cli.main import build_parser
import fluxion_desktop.intelligence.forecasting.agent as agent

build_parser()
services = bootstrap(Settings(Path(sys.argv[1])), configure_logs=False)
agent.ForecastAgent()
services.close()
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in {heavy})))
"""


def _loaded(data_dir: Path, first: str = "") -> list[str]:
    probe = first + PROBE.replace("{heavy}", repr(set(HEAVY)))
    done = subprocess.run([sys.executable, "-c", probe, str(data_dir)], capture_output=True,
                          text=True, check=True, cwd=Path(__file__).parents[3])  # fmt: skip
    return list(json.loads(done.stdout.strip().splitlines()[-1]))


def test_starting_the_till_imports_no_forecasting_library(tmp_path: Path):
    assert _loaded(tmp_path / "till") == []


def test_the_probe_would_see_a_heavy_import(tmp_path: Path):
    assert "pandas" in _loaded(tmp_path / "till", first="import pandas\n")


ISOLATED = """
import json, sys
from datetime import date, timedelta
from decimal import Decimal
from fluxion_desktop.application.demand_history import DemandDay, DemandHistory
from fluxion_desktop.intelligence.forecasting.agent import ForecastAgent

start = date(2026, 1, 1)
days = tuple(DemandDay(start + timedelta(days=n), Decimal(3 + (n % 7 == 5) * 4), Decimal(0),
                       False, False) for n in range(120))
history = DemandHistory("p-1", "SKU-1", "s-1", days)
agent = ForecastAgent(isolated=True)
isolated = agent.forecast(history, 14)
agent.close()
heavy = sorted(m for m in sys.modules if m.split(".")[0] in {heavy})
in_process = ForecastAgent().forecast(history, 14)
print(json.dumps([heavy, isolated == in_process, isolated.model]))
"""


def test_an_isolated_agent_forecasts_in_a_worker_and_imports_nothing_heavy_here():
    probe = ISOLATED.replace("{heavy}", repr(set(HEAVY)))
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True, cwd=Path(__file__).parents[3], timeout=300)  # fmt: skip
    heavy, same, model = json.loads(done.stdout.strip().splitlines()[-1])
    assert heavy == []
    assert same is True and model
