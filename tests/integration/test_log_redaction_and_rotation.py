"""The till's JSON logs: an HTTP credential never reaches the file, whichever way it is written,
and rotation keeps the folder bounded (the newest file plus `backups` older ones)."""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from fluxion_desktop.adapters.logging_setup import configure_logging, release_logging

TOKEN = "Zx81Qw3Er5Ty7Ui9Op1As3Df5Gh7Jk9Lz2Xc4Vb6Nm"
JWT = "eyJhbGciOiJIUzI1NiJ9.e30.sig"


@pytest.fixture
def logs(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "logs"
    configure_logging(folder, {"device_id": "dev-1"}, console=False, max_bytes=1_000, backups=2)
    yield folder
    release_logging()


def test_bearer_and_basic_credentials_never_reach_the_file(logs: Path):
    log = logging.getLogger("fluxion.test")
    log.warning("push refused, Authorization: Bearer %s", TOKEN)
    log.warning("proxy said authorization=Basic %s", "YWRtaW46aHVudGVyMg==")
    log.warning("retrying with bearer %s", JWT)
    log.warning("sent", extra={"request": f"GET /v1/sync/status Bearer {TOKEN}"})
    release_logging()

    text = (logs / "fluxion.jsonl").read_text(encoding="utf-8")

    for secret in (TOKEN, JWT, "YWRtaW46aHVudGVyMg=="):
        assert secret not in text
    messages = [json.loads(line)["message"] for line in text.splitlines()]
    assert messages[0] == "push refused, Authorization: Bearer [redacted]"
    assert messages[2] == "retrying with bearer [redacted]"


def test_rotation_keeps_the_newest_file_and_two_older_ones(logs: Path):
    log = logging.getLogger("fluxion.test")
    for number in range(200):
        log.info("sale completed", extra={"receipt": f"R-{number:05d}"})
    release_logging()

    files = sorted(p.name for p in logs.iterdir())

    assert files == ["fluxion.jsonl", "fluxion.jsonl.1", "fluxion.jsonl.2"]
    newest = (logs / "fluxion.jsonl").read_text(encoding="utf-8")
    assert "R-00199" in newest
    for name in files:
        lines = (logs / name).read_text(encoding="utf-8").splitlines()
        assert all(json.loads(line)["message"] == "sale completed" for line in lines)
        assert (logs / name).stat().st_size <= 1_000


def test_a_rotation_that_fails_loses_no_record_and_rotates_once_it_can(
    logs: Path, capfd: pytest.CaptureFixture[str]
):
    # Rotation cannot shift the backups: a folder sits where the oldest goes. (On Windows the same
    # happens while another process has the log open: it cannot be renamed.)
    (logs / "fluxion.jsonl.1").write_text("{}\n", encoding="utf-8")
    (logs / "fluxion.jsonl.2").mkdir()
    (logs / "fluxion.jsonl.2" / "in-the-way").touch()
    log = logging.getLogger("fluxion.test")
    for number in range(100):
        log.info("sale completed", extra={"receipt": f"R-{number:05d}"})

    kept = (logs / "fluxion.jsonl").read_text(encoding="utf-8")
    assert all(f"R-{number:05d}" in kept for number in range(100))
    assert "Logging error" not in capfd.readouterr().err

    shutil.rmtree(logs / "fluxion.jsonl.2")
    for number in range(100, 120):
        log.info("sale completed", extra={"receipt": f"R-{number:05d}"})
    release_logging()

    assert (logs / "fluxion.jsonl.2").is_file()
    assert (logs / "fluxion.jsonl").stat().st_size <= 1_000
    everything = "".join(p.read_text(encoding="utf-8") for p in logs.iterdir())
    assert "R-00119" in everything
