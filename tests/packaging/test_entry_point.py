"""The bundle's entry point in a windowed run (Windows' fluxion-pos-gui.exe has no stderr): an
error that stops the till is shown in a message box instead of vanishing."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from filelock import FileLock

from fluxion_desktop.cli import main

ENTRY = Path(__file__).resolve().parents[2] / "packaging" / "fluxion_pos_entry.py"


@pytest.fixture(scope="module")
def entry() -> ModuleType:
    # Loaded from its file: `packaging` is also the name of a PyPI library the venv holds.
    spec = importlib.util.spec_from_file_location("fluxion_pos_entry", ENTRY)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _windowed(monkeypatch: pytest.MonkeyPatch) -> None:
    """As PyInstaller's windowed bootloader leaves it. Set in the test itself: pytest's output
    capture puts its own sys.stderr back between a fixture's set-up and the test."""
    monkeypatch.setattr(sys, "stderr", None)


def _till_with_a_backup(tmp_path: Path) -> tuple[Path, Path]:
    data, backup = tmp_path / "till", tmp_path / "backup.db"
    assert main(["--data-dir", str(data), "status"]) == 0
    assert main(["--data-dir", str(data), "backup", str(backup)]) == 0
    return data, backup


def test_a_windowed_run_that_cannot_start_says_why_in_a_box(
    entry: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    shown: list[str] = []
    data, backup = _till_with_a_backup(tmp_path)

    with FileLock(str(data / "fluxion.lock")):  # a till already open on the folder
        _windowed(monkeypatch)
        code = entry.run(["--data-dir", str(data), "restore", str(backup)], show=shown.append)

    assert code == 2
    assert len(shown) == 1
    assert "already running" in shown[0]


def test_a_windowed_run_that_succeeds_shows_nothing(
    entry: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    shown: list[str] = []
    data, backup = _till_with_a_backup(tmp_path)

    _windowed(monkeypatch)
    code = entry.run(["--data-dir", str(data), "restore", str(backup)], show=shown.append)

    assert code == 0
    assert shown == []


def test_with_a_console_the_error_is_printed_and_no_box_shown(
    entry: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    shown: list[str] = []
    data, backup = _till_with_a_backup(tmp_path)
    capsys.readouterr()

    with FileLock(str(data / "fluxion.lock")):
        code = entry.run(["--data-dir", str(data), "restore", str(backup)], show=shown.append)

    assert code == 2
    assert shown == []
    assert "already running" in capsys.readouterr().err


def test_last_words_keep_only_the_end(entry: ModuleType):
    words = entry.LastWords(limit=10)

    print("a" * 50, file=words)
    print("the end", file=words, end="")

    assert words.text == "aa\nthe end"
