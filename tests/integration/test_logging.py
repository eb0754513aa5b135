"""Logs: JSON lines with who and where and a correlation id; never a PIN or a token."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from fluxion_desktop.adapters.logging_setup import configure_logging, correlation


@pytest.fixture
def log_file(tmp_path: Path):
    path = configure_logging(
        tmp_path / "logs",
        {"tenant_id": "tenant-a", "store_id": "store-1", "device_id": "dev-9"},
        console=False,
    )
    yield path
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_fluxion_handler", False):
            root.removeHandler(handler)
            handler.close()


def _records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_records_are_json_lines_with_context_and_correlation(log_file: Path):
    log = logging.getLogger("fluxion.test")
    with correlation("corr-42"):
        log.info("sale completed", extra={"sale_id": "s-1"})
    log.warning("outside")

    first, second = _records(log_file)

    assert first["message"] == "sale completed"
    assert (first["tenant_id"], first["store_id"], first["device_id"]) == (
        "tenant-a",
        "store-1",
        "dev-9",
    )
    assert first["correlation_id"] == "corr-42"
    assert first["sale_id"] == "s-1"
    assert second["correlation_id"] is None


def test_pins_tokens_and_passwords_never_reach_the_file(log_file: Path):
    log = logging.getLogger("fluxion.test")
    log.info("login attempt pin=4321 for user ana")
    log.info("enrolled with token: %s", "tok_SECRET_abc")
    log.info("settings", extra={"hq_token": "tok_SECRET_def", "form": {"pin": "9876"}})

    text = log_file.read_text(encoding="utf-8")

    for secret in ("4321", "tok_SECRET_abc", "tok_SECRET_def", "9876"):
        assert secret not in text
    assert "user ana" in text
    assert text.count("[redacted]") == 4


def test_configuring_twice_keeps_one_set_of_handlers(tmp_path: Path, log_file: Path):
    configure_logging(tmp_path / "logs", {}, console=False)
    ours = [h for h in logging.getLogger().handlers if getattr(h, "_fluxion_handler", False)]
    assert len(ours) == 1
