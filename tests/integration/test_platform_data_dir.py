"""With no --data-dir and no $FLUXION_DATA_DIR, the till keeps its database and logs in the
platform's user data folder (platformdirs: $XDG_DATA_HOME/FluxionPOS on Linux,
%LOCALAPPDATA%\\FluxionPOS on Windows), never beside the program, which an upgrade replaces."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from fluxion_desktop.cli import main
from fluxion_desktop.settings import DATA_DIR_ENV


@pytest.mark.skipif(sys.platform != "linux", reason="XDG_DATA_HOME is the Linux data folder")
def test_the_till_keeps_its_data_in_the_platforms_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.chdir(tmp_path)

    assert main(["status"]) == 0
    assert main(["backup", str(tmp_path / "backup.db")]) == 0

    folder = tmp_path / "xdg-data" / "FluxionPOS"
    assert (folder / "fluxion.db").is_file()
    assert (folder / "logs" / "fluxion.jsonl").is_file()
    assert f"data_dir: {folder}\n" in capsys.readouterr().out  # what `status` reports
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backup.db", "xdg-data"]
