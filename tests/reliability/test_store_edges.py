"""Edge cases of the SQLite event store found while writing the reliability suite.

Each test pins one defect (see the docstrings). All failed against 4ae8b18 and pass since
6ca265a; they stay as regression tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fluxion_desktop.adapters.database import open_database
from fluxion_desktop.adapters.event_codec import chain_hash, row_of
from fluxion_desktop.adapters.sqlite_event_store import SqliteEventStore
from fluxion_desktop.application.event_store import (
    ConcurrencyError,
    InvalidEvent,
    Snapshot,
    StreamAppend,
)
from tests.support.sample_events import new_event, sample_registry

# Integers JSON carries and the validation accepts, but that do not fit 64 bits.
BIG_INTS = [2**64, -(2**63) - 1, 10**30 + 1]


@pytest.mark.parametrize("value", BIG_INTS, ids=["2**64", "-2**63-1", "10**30+1"])
def test_a_payload_integer_beyond_64_bits_reads_back_as_the_same_integer(
    sqlite_store: SqliteEventStore, value: int
):
    """Written through the standard-library fallback of canonical_json, but read with plain
    orjson.loads, integers beyond 64 bits came back as floats: the payload changed on the way
    back, and the event no longer re-hashed to its own hash (what sync does with every event)."""
    event = new_event({"amount": "1.00", "note": "big", "qty": value})
    sqlite_store.append("tally-1", [event], 0)

    for read in (sqlite_store.read_stream("tally-1")[0], sqlite_store.read_all()[0]):
        qty = read.payload["qty"]
        assert type(qty) is int, f"read back as {type(qty).__name__} {qty!r}"
        assert qty == value
        assert chain_hash(row_of(read), read.prev_hash) == read.hash
    assert sqlite_store.verify().ok


def test_an_event_with_a_big_integer_can_be_imported_by_another_device(
    sqlite_store: SqliteEventStore, tmp_path: Path
):
    """The sync path end to end: device-1's event, read from its log, must import on device-2."""
    sqlite_store.append("tally-1", [new_event({"amount": "1.00", "note": "", "n": 2**64})], 0)
    shipped = sqlite_store.read_all()
    other_engine = open_database(tmp_path / "device-2.db")
    try:
        other = SqliteEventStore(other_engine, "device-2", sample_registry().is_known)
        imported = other.import_remote(shipped)
        assert [e.event_id for e in imported] == [e.event_id for e in shipped]
        assert other.verify().ok
    finally:
        other_engine.dispose()


def test_a_snapshot_integer_beyond_64_bits_reads_back_as_the_same_integer(
    sqlite_store: SqliteEventStore,
):
    sqlite_store.save_snapshot(Snapshot("tally-1", 3, "tally", 1, {"count": 2**64}))

    loaded = sqlite_store.load_snapshot("tally-1")

    assert loaded is not None
    assert type(loaded.state["count"]) is int, f"read back as {loaded.state['count']!r}"
    assert loaded.state["count"] == 2**64


@pytest.mark.parametrize(
    "second_expected", [0, 1], ids=["both at version 0", "second after the first"]
)
def test_append_many_naming_one_stream_twice_is_refused_or_chained_never_a_raw_error(
    sqlite_store: SqliteEventStore, second_expected: int
):
    """Two parts for one stream in one append_many. Both at version 0 leaked a raw
    sqlite3.IntegrityError (UNIQUE stream_id, version) out of the store; the second part at
    version 1 got ConcurrencyError "stream at 0, expected 1", a conflict no reload can cure
    (an optimistic retry loop spins forever). Acceptable: InvalidEvent naming stream_id with
    nothing written, or (for the chained case) both parts appended with contiguous versions."""
    parts = [
        StreamAppend("tally-1", [new_event()], 0),
        StreamAppend("tally-1", [new_event()], second_expected),
    ]
    try:
        results = sqlite_store.append_many(parts)
    except InvalidEvent as error:
        assert error.field == "stream_id"
        assert sqlite_store.last_position() == 0
        return
    except ConcurrencyError as error:
        pytest.fail(f"ConcurrencyError although the caller's versions are right: {error}")
    assert second_expected == 1, "both parts claimed version 1 and both were written"
    assert [r.version for r in results] == [1, 2]
    assert [e.version for e in sqlite_store.read_stream("tally-1")] == [1, 2]
    assert sqlite_store.verify().ok
