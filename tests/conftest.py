"""Fixtures shared by every test folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fluxion_desktop.adapters.database import open_database
from fluxion_desktop.adapters.projections import StreamSummaryProjection
from fluxion_desktop.adapters.sqlite_event_store import SqliteEventStore
from tests.support.sample_events import DEVICE, sample_registry

# Qt reads this when the first QApplication starts; no test may need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "fluxion.db"


@pytest.fixture
def sqlite_store(db_path: Path) -> SqliteEventStore:
    engine = open_database(db_path)
    store = SqliteEventStore(
        engine, DEVICE, sample_registry().is_known, [StreamSummaryProjection()]
    )
    yield store
    engine.dispose()
