"""The event store contract runs against every backend: add a param here when one lands."""

from __future__ import annotations

from pathlib import Path

import pytest

from fluxion_desktop.adapters.database import open_database
from fluxion_desktop.adapters.projections import StreamSummaryProjection
from fluxion_desktop.adapters.sqlite_event_store import SqliteEventStore
from fluxion_desktop.application.event_store import EventStore
from tests.support.fakes import InMemoryEventStore
from tests.support.sample_events import DEVICE, sample_registry


@pytest.fixture(params=["sqlite", "in-memory fake"])
def event_store(request: pytest.FixtureRequest, tmp_path: Path) -> EventStore:
    registry = sample_registry()
    if request.param == "in-memory fake":
        yield InMemoryEventStore(DEVICE, registry.is_known)
        return
    engine = open_database(tmp_path / "contract.db")
    yield SqliteEventStore(engine, DEVICE, registry.is_known, [StreamSummaryProjection()])
    engine.dispose()
