"""What every event store must do, written once (as the eventsourcing library's recorder tests)."""

from __future__ import annotations

from datetime import datetime
from uuid import uuid4

import pytest

from fluxion_desktop.application.event_store import (
    AppendStatus,
    ConcurrencyError,
    EventIdConflict,
    EventStore,
    InvalidEvent,
    Snapshot,
    StreamAppend,
)
from tests.support.sample_events import new_event


def test_appended_events_read_back_in_order_with_contiguous_versions(event_store: EventStore):
    events = [new_event({"amount": f"{i}.00", "note": str(i)}) for i in range(3)]
    result = event_store.append("tally-1", events, expected_version=0)

    assert result.status is AppendStatus.APPENDED
    assert result.version == 3
    stored = event_store.read_stream("tally-1")
    assert [e.version for e in stored] == [1, 2, 3]
    assert [e.event_id for e in stored] == [e.event_id for e in events]
    assert [e.payload["amount"] for e in stored] == ["0.00", "1.00", "2.00"]
    assert list(result.positions) == [e.position for e in stored]
    assert stored[0].position < stored[1].position < stored[2].position
    assert stored[0].occurred_at.tzinfo is not None


def test_a_second_append_continues_the_stream(event_store: EventStore):
    event_store.append("tally-1", [new_event()], 0)
    event_store.append("tally-1", [new_event(), new_event()], 1)
    assert event_store.stream_version("tally-1") == 3
    assert [e.version for e in event_store.read_stream("tally-1", from_version=2)] == [2, 3]


def test_wrong_expected_version_raises_and_writes_nothing(event_store: EventStore):
    event_store.append("tally-1", [new_event()], 0)
    before = event_store.last_position()

    with pytest.raises(ConcurrencyError) as raised:
        event_store.append("tally-1", [new_event(), new_event()], expected_version=0)

    assert raised.value.actual == 1
    assert raised.value.expected == 0
    assert event_store.last_position() == before
    assert event_store.stream_version("tally-1") == 1


def test_expected_version_ahead_of_the_stream_is_a_conflict(event_store: EventStore):
    with pytest.raises(ConcurrencyError):
        event_store.append("tally-9", [new_event()], expected_version=5)
    assert event_store.read_stream("tally-9") == []


def test_re_appending_the_identical_events_is_a_reported_no_op(event_store: EventStore):
    events = [new_event(), new_event()]
    first = event_store.append("tally-1", events, 0)

    again = event_store.append("tally-1", events, 0)

    assert again.status is AppendStatus.DUPLICATE
    assert again.positions == first.positions
    assert event_store.last_position() == 2
    assert len(event_store.read_stream("tally-1")) == 2


def test_same_id_with_different_content_is_rejected(event_store: EventStore):
    event_id = uuid4()
    event_store.append("tally-1", [new_event({"amount": "1.00", "note": ""}, event_id=event_id)], 0)

    with pytest.raises(EventIdConflict) as raised:
        event_store.append(
            "tally-1", [new_event({"amount": "2.00", "note": ""}, event_id=event_id)], 0
        )

    assert raised.value.field == "event_id"
    assert event_store.read_stream("tally-1")[0].payload["amount"] == "1.00"
    assert event_store.last_position() == 1


def test_a_known_id_mixed_with_new_ones_is_rejected_whole(event_store: EventStore):
    known = new_event()
    event_store.append("tally-1", [known], 0)

    with pytest.raises(EventIdConflict):
        event_store.append("tally-1", [known, new_event()], 0)

    assert event_store.last_position() == 1


def test_read_all_pages_through_the_log_in_commit_order(event_store: EventStore):
    for stream in ("tally-a", "tally-b", "tally-a", "tally-c"):
        event_store.append(stream, [new_event()], event_store.stream_version(stream))

    first = event_store.read_all(after_position=0, limit=3)
    rest = event_store.read_all(after_position=first[-1].position, limit=3)

    assert [e.stream_id for e in first + rest] == ["tally-a", "tally-b", "tally-a", "tally-c"]
    assert len(rest) == 1
    assert event_store.read_all(after_position=rest[-1].position) == []


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        (dict(event_type="NoSuchThing"), "event_type"),
        (dict(tenant_id=""), "tenant_id"),
        (dict(store_id=" "), "store_id"),
        (dict(occurred_at=datetime(2026, 1, 1, 12, 0)), "occurred_at"),
        (dict(payload={"amount": 1.5, "note": ""}), "payload.amount"),
        (dict(payload={"lines": [{"price": {"amount": 2.25}}]}), "payload.lines[0].price.amount"),
        (dict(device_id="someone-else"), "device_id"),
    ],
)
def test_bad_envelopes_name_the_field_and_write_nothing(event_store, bad, field):
    good = new_event()
    with pytest.raises(InvalidEvent) as raised:
        event_store.append("tally-1", [good, new_event(**bad)], 0)

    assert raised.value.field == field
    assert str(raised.value).startswith(field)
    assert event_store.last_position() == 0
    assert event_store.read_stream("tally-1") == []


def test_snapshots_keep_the_latest_version(event_store: EventStore):
    assert event_store.load_snapshot("tally-1") is None
    event_store.save_snapshot(Snapshot("tally-1", 10, "tally", 1, {"total": "10"}))
    event_store.save_snapshot(Snapshot("tally-1", 5, "tally", 1, {"total": "5"}))

    snapshot = event_store.load_snapshot("tally-1")

    assert snapshot is not None
    assert (snapshot.version, snapshot.state["total"]) == (10, "10")


def test_a_clean_log_verifies(event_store: EventStore):
    event_store.append("tally-1", [new_event(), new_event()], 0)
    event_store.append("tally-2", [new_event()], 0)
    report = event_store.verify()
    assert report.ok
    assert report.events_checked == 3


def test_append_many_writes_several_streams_atomically(event_store: EventStore):
    event_store.append("tally-2", [new_event()], 0)
    sale = [new_event(), new_event()]
    stock = [new_event()]

    results = event_store.append_many(
        [StreamAppend("tally-1", sale, 0), StreamAppend("tally-2", stock, 1)]
    )

    assert [r.version for r in results] == [2, 2]
    assert event_store.last_position() == 4
    again = event_store.append_many(
        [StreamAppend("tally-1", sale, 0), StreamAppend("tally-2", stock, 1)]
    )
    assert [r.status for r in again] == [AppendStatus.DUPLICATE, AppendStatus.DUPLICATE]
    assert event_store.last_position() == 4


def test_append_many_with_one_stale_stream_writes_nothing(event_store: EventStore):
    event_store.append("tally-2", [new_event()], 0)

    with pytest.raises(ConcurrencyError) as raised:
        event_store.append_many(
            [StreamAppend("tally-1", [new_event()], 0), StreamAppend("tally-2", [new_event()], 0)]
        )

    assert raised.value.stream_id == "tally-2"
    assert event_store.read_stream("tally-1") == []
    assert event_store.last_position() == 1
