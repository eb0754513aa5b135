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
