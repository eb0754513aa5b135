"""`fluxion-pos diagnostics FILE.zip`: rotated logs and status for support, and no secret."""

from __future__ import annotations

import json
import logging
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from fluxion_desktop.adapters.diagnostics import diagnostics_text, write_diagnostics
from fluxion_desktop.adapters.logging_setup import LOG_FILE, configure_logging
from fluxion_desktop.cli import main
from fluxion_desktop.settings import Settings
from tests.support.app import open_till

PIN = "4826"
DEVICE_TOKEN = "q7Rk2ZpXv9LmWc4TnB8sYd1HfJ6gKe3AuPo0Vi5Nx_Q"
PASSWORD = "hunter2-Correct-Horse"
BEARER = "eyJhbGciOi.JIUzI1NiJ9.sig"
SECRETS = (PIN, DEVICE_TOKEN, PASSWORD, BEARER)
AT = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A till with a database and rotated logs, some lines carrying planted secrets."""
    data = tmp_path / "till"
    open_till(data).services.close()
    log_dir = Settings(data).log_dir
    configure_logging(log_dir, {"device_id": "dev-1"}, console=False, max_bytes=2_000, backups=3)
    log = logging.getLogger("fluxion.test")
    try:
        log.warning("login failed pin=%s for user jose", PIN)
        for i in range(40):  # enough to rotate
            log.info("sale completed", extra={"receipt": f"R-{i:05d}"})
        log.info("enrolled", extra={"token": DEVICE_TOKEN, "hq_url": "https://hq.example"})
        log.error("push refused", extra={"headers": {"Authorization": f"Bearer {BEARER}"}})
    finally:
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "_fluxion_handler", False):
                logging.getLogger().removeHandler(handler)
                handler.close()
    # Where a box without a keyring keeps the device token: never copied into diagnostics.
    (data / "sync_token").write_text(DEVICE_TOKEN, encoding="utf-8")
    # A line written by something that did not redact (an older version, a crash dump).
    with (log_dir / LOG_FILE).open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"message": "debug", "device_token": DEVICE_TOKEN,
                                 "config": {"admin_password": PASSWORD}}) + "\n")  # fmt: skip
        handle.write(f"plain text: token={DEVICE_TOKEN} Authorization: Bearer {BEARER}\n")
        handle.write(f"a raw token in a message {DEVICE_TOKEN} and user pin: {PIN}\n")
    return data


def _zip_text(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist()}


def test_diagnostics_bundle_rotated_logs_and_status_without_secrets(data_dir: Path, capsys):
    target = data_dir.parent / "support.zip"

    code = main(["--data-dir", str(data_dir), "diagnostics", str(target)])

    out, err = capsys.readouterr()
    assert (code, err) == (0, ""), err
    assert str(target) in out
    files = _zip_text(target)
    logs = sorted(name for name in files if name.startswith("logs/"))
    assert logs[0] == f"logs/{LOG_FILE}"
    assert len(logs) >= 3, "the rotated logs are included"
    everything = "\n".join(files.values())
    for secret in SECRETS:
        assert secret not in everything
    assert "[redacted]" in everything
    assert "R-00039" in everything  # ordinary lines are kept
    assert "https://hq.example" in everything
    status = json.loads(files["status.json"])
    assert status["tenant_id"] == "tenant-a"
    assert status["store_id"] == "store-1"
    assert status["status"]["events"] > 0
    assert status["status"]["schema_version"]
    assert status["restored"] is None
    assert any(f["name"] == "fluxion.db" for f in status["files"])


def test_diagnostics_keep_hashes_and_ids_support_needs(data_dir: Path):
    target = write_diagnostics(Settings(data_dir), data_dir.parent / "d.zip", AT)

    status = json.loads(_zip_text(target)["status.json"])

    assert len(status["device_id"]) == 36
    assert status["generated_at"] == AT.isoformat()


def test_diagnostics_text_for_the_copy_button_has_status_and_recent_lines(data_dir: Path):
    text = diagnostics_text(Settings(data_dir), AT, last_log_lines=5)

    assert "tenant-a" in text
    assert "last 5 log lines" in text
    assert "a raw token in a message" in text
    for secret in SECRETS:
        assert secret not in text


def test_diagnostics_of_a_folder_without_a_database_still_come_out(tmp_path: Path):
    target = write_diagnostics(Settings(tmp_path / "new"), tmp_path / "d.zip", AT)

    files = _zip_text(target)

    assert json.loads(files["status.json"])["database"] == "none yet"
    assert not (tmp_path / "new" / "fluxion.db").exists()


def test_diagnostics_into_a_missing_folder_say_so(data_dir: Path, capsys):
    target = data_dir.parent / "nowhere" / "d.zip"

    code = main(["--data-dir", str(data_dir), "diagnostics", str(target)])

    assert code == 2
    assert "does not exist" in capsys.readouterr().err
    assert not target.exists()
