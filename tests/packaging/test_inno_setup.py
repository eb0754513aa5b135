"""The Windows installer script compiles with Inno Setup, and its setup installs, upgrades and
uninstalls as it should, under wine (packaging/check_inno_setup.py on a stand-in bundle).

Skipped unless wine and Inno Setup's compiler (`npm install -g innosetup@6.4.1`, or $ISCC) are on
this machine. CI installs neither, so there it is skipped; `make test` does not bring them in.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHECK = ROOT / "packaging" / "check_inno_setup.py"


def _check_script() -> ModuleType:
    # Loaded from its file: `packaging` is also the name of a PyPI library the venv holds.
    spec = importlib.util.spec_from_file_location("check_inno_setup", CHECK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.environ.get("SKIP_SLOW") == "1", reason="SKIP_SLOW=1"),
    pytest.mark.skipif(shutil.which("wine") is None, reason="wine is not installed"),
]


@pytest.fixture
def inno_setup() -> None:
    # Looked for here, not at collection: finding it may ask npm where its global packages are.
    if _check_script().find_iscc() is None:
        pytest.skip("Inno Setup's ISCC.exe is not installed (npm install -g innosetup@6.4.1)")


@pytest.mark.usefixtures("inno_setup")
def test_the_installer_compiles_installs_upgrades_and_uninstalls_under_wine() -> None:
    result = subprocess.run(
        [sys.executable, str(CHECK)], capture_output=True, text=True, timeout=600, check=False
    )

    assert result.returncode == 0, result.stdout + result.stderr
    news = result.stdout
    assert "no warnings" in news
    assert "Start-menu entries" in news
    assert "listed in Apps and features as Fluxion POS" in news
    assert "data folder untouched" in news
    assert "data folder kept" in news
