"""A real HQ (uvicorn on 127.0.0.1, SQLite in the test's folder) and no OS keyring: a developer's
real keyring is never written by the tests (the token goes to the documented file fallback)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from tests.sync.support.hq_server import RunningHq, start_hq_server


@pytest.fixture(autouse=True)
def no_os_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def hq(tmp_path: Path) -> Iterator[RunningHq]:
    with start_hq_server(f"sqlite:///{tmp_path / 'hq.db'}") as running:
        yield running
