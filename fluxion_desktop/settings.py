"""Typed settings of one till: where its data lives and how the event log behaves.

Settings are read from `settings.json` in the data directory, whose `settings_version` lets a newer
app upgrade an older file; nothing is read at import time.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

import platformdirs

SETTINGS_VERSION = 1
DATA_DIR_ENV = "FLUXION_DATA_DIR"


class SettingsError(Exception):
    """settings.json is unreadable or holds a bad value; the message names the field."""


@dataclass(frozen=True, slots=True)
class Settings:
    data_dir: Path
    snapshot_every: int = 100
    busy_timeout_ms: int = 5000
    log_level: str = "INFO"
    # The agents (fluxion_desktop/jobs/intelligence_jobs.py): when forecasts and alert checks run.
    intelligence_nightly_forecast_at: str = "02:30"
    intelligence_alert_check_minutes: int = 15
    intelligence_incremental_check_minutes: int = 10
    intelligence_incremental_min_products: int = 50
    intelligence_forecast_horizon: int = 28
    intelligence_workers: int = 1

    @property
    def database_path(self) -> Path:
        return self.data_dir / "fluxion.db"

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def settings_path(self) -> Path:
        return self.data_dir / "settings.json"


def resolve_data_dir(cli_value: str | None, environ: Mapping[str, str] | None = None) -> Path:
    """`--data-dir`, else $FLUXION_DATA_DIR, else the platform's user data directory."""
    env = os.environ if environ is None else environ
    chosen = cli_value or env.get(DATA_DIR_ENV) or platformdirs.user_data_dir("FluxionPOS", False)
    return Path(chosen).expanduser().resolve()


def load_settings(data_dir: Path) -> Settings:
    settings = Settings(data_dir=data_dir)
    path = settings.settings_path
    if not path.exists():
        return settings
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise SettingsError(f"{path} cannot be read: {error}") from None
    if not isinstance(raw, dict):
        raise SettingsError(f"{path} must hold a JSON object")
    return _apply(settings, _upgrade(raw), path)


def save_settings(settings: Settings) -> None:
    values = {k: v for k, v in asdict(settings).items() if k != "data_dir"}
    values["settings_version"] = SETTINGS_VERSION
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    settings.settings_path.write_text(json.dumps(values, indent=2), encoding="utf-8")


def _upgrade(raw: dict[str, Any]) -> dict[str, Any]:
    version = raw.get("settings_version", 1)
    if not isinstance(version, int) or version > SETTINGS_VERSION:
        raise SettingsError(
            f"settings_version {version!r} is newer than this app understands; upgrade the app"
        )
    # Later versions add steps here: `if version == 1: raw = _v1_to_v2(raw)`.
    return raw


def _apply(settings: Settings, raw: dict[str, Any], path: Path) -> Settings:
    known = {f.name: f for f in fields(Settings) if f.name != "data_dir"}
    changes: dict[str, Any] = {}
    for key, value in raw.items():
        if key == "settings_version":
            continue
        if key not in known:
            raise SettingsError(f"{path}: unknown setting {key!r}")
        expected = type(getattr(settings, key))
        if type(value) is not expected:
            raise SettingsError(f"{path}: {key} must be {expected.__name__}, got {value!r}")
        changes[key] = value
    if changes.get("snapshot_every", 1) < 1:
        raise SettingsError(f"{path}: snapshot_every must be at least 1")
    return replace(settings, **changes)
