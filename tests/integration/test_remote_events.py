"""Events pulled from other devices join the local log: idempotent, hash-checked, projected."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from fluxion_desktop.adapters.database import open_database
from fluxion_desktop.adapters.projections import StreamSummaryProjection
from fluxion_desktop.adapters.sqlite_event_store import SqliteEventStore
from fluxion_desktop.application.event_store import InvalidEvent
from tests.support.sample_events import new_event, sample_registry


def _store(path: Path, device: str) -> SqliteEventStore:
    return SqliteEventStore(
        open_database(path), device, sample_registry().is_known, [StreamSummaryProjection()]
    )


@pytest.fixture
def two_tills(tmp_path: Path) -> tuple[SqliteEventStore, SqliteEventStore]:
    return _store(tmp_path / "a.db", "till-a"), _store(tmp_path / "b.db", "till-b")


def test_pulled_events_are_stored_once_and_verify(two_tills):
    a, b = two_tills
    a.append("tally-a1", [new_event(device_id="till-a"), new_event(device_id="till-a")], 0)
    b.append("tally-b1", [new_event(device_id="till-b")], 0)
    from_a = a.read_all()

    stored = b.import_remote(from_a)
    again = b.import_remote(from_a)

    assert [e.event_id for e in stored] == [e.event_id for e in from_a]
    assert again == []
    log = b.read_all()
    assert [e.origin for e in log] == ["local", "remote", "remote"]
    assert [e.position for e in log] == [1, 2, 3]
    assert b.read_stream("tally-a1")[1].hash == from_a[1].hash
    assert b.verify().ok
    b.append("tally-b1", [new_event(device_id="till-b")], 1)
    assert b.verify().ok


def test_a_pulled_event_whose_content_was_changed_is_refused(two_tills):
    a, b = two_tills
    a.append("tally-a1", [new_event(device_id="till-a")], 0)
    forged = replace(a.read_all()[0], payload={"amount": "999.00", "note": "x"})

    with pytest.raises(InvalidEvent) as raised:
        b.import_remote([forged])

    assert raised.value.field == "hash"
    assert b.last_position() == 0


def test_own_events_never_come_back_through_sync(two_tills):
    a, _ = two_tills
    a.append("tally-a1", [new_event(device_id="till-a")], 0)
    with pytest.raises(InvalidEvent) as raised:
        a.import_remote(a.read_all())
    assert raised.value.field == "device_id"
