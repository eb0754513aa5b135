"""The Linux menu entry is one desktop environments accept (desktop-file-validate, where it is
installed) and starts what install.sh puts on the PATH, with the icon it installs."""

from __future__ import annotations

import configparser
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ENTRY = ROOT / "packaging" / "linux" / "fluxion-pos.desktop"


def test_the_desktop_entry_validates():
    validate = shutil.which("desktop-file-validate")
    if validate is None:
        pytest.skip("desktop-file-validate (desktop-file-utils) is not installed")

    result = subprocess.run([validate, str(ENTRY)], capture_output=True, text=True, check=False)

    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_the_entry_starts_the_installed_command_with_the_installed_icon():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    entry.read(ENTRY, encoding="utf-8")
    installer = (ROOT / "packaging" / "linux" / "install.sh").read_text(encoding="utf-8")

    desktop = entry["Desktop Entry"]
    assert desktop["Exec"] == "fluxion-pos" and "/usr/local/bin/fluxion-pos" in installer
    assert f"apps/{desktop['Icon']}.png" in installer and f"apps/{desktop['Icon']}.svg" in installer
    assert desktop["Terminal"] == "false"
