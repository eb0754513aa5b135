"""Typed settings with versioned upgrades; bad files name the bad field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fluxion_desktop.settings import (
    Settings,
    SettingsError,
    load_settings,
    resolve_data_dir,
    save_settings,
)


def test_data_dir_precedence(tmp_path: Path):
    env = {"FLUXION_DATA_DIR": str(tmp_path / "env")}
    assert resolve_data_dir(str(tmp_path / "cli"), env) == (tmp_path / "cli").resolve()
    assert resolve_data_dir(None, env) == (tmp_path / "env").resolve()
    assert "FluxionPOS" in str(resolve_data_dir(None, {}))


def test_defaults_without_a_file_and_a_round_trip(tmp_path: Path):
    settings = load_settings(tmp_path)
    assert settings.snapshot_every == 100
    save_settings(Settings(tmp_path, snapshot_every=7))
    assert load_settings(tmp_path).snapshot_every == 7
    assert json.loads((tmp_path / "settings.json").read_text())["settings_version"] == 1


@pytest.mark.parametrize(
    ("content", "named"),
    [
        ({"snapshot_every": "ten"}, "snapshot_every"),
        ({"snapshot_every": 0}, "snapshot_every"),
        ({"colour": "blue"}, "colour"),
        ({"settings_version": 99}, "newer"),
    ],
)
def test_bad_settings_are_named(tmp_path: Path, content: dict[str, object], named: str):
    (tmp_path / "settings.json").write_text(json.dumps(content))
    with pytest.raises(SettingsError, match=named):
        load_settings(tmp_path)


def test_the_agents_schedule_comes_from_settings_json(tmp_path: Path):
    from fluxion_desktop.jobs.intelligence_jobs import IntelligenceSchedule

    (tmp_path / "settings.json").write_text(
        json.dumps(
            {"intelligence_alert_check_minutes": 5, "intelligence_nightly_forecast_at": "03:15"}
        )
    )
    schedule = IntelligenceSchedule.from_settings(load_settings(tmp_path))
    assert (schedule.alert_check_minutes, schedule.nightly_time()) == (5, (3, 15))
    assert IntelligenceSchedule.from_settings(load_settings(tmp_path / "none")).workers == 1
    (tmp_path / "settings.json").write_text(json.dumps({"intelligence_workers": "two"}))
    with pytest.raises(SettingsError, match="intelligence_workers"):
        load_settings(tmp_path)
