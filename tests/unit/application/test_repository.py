"""Aggregates load from the latest snapshot plus later events; snapshots are taken every N."""

from __future__ import annotations

from decimal import Decimal

import pytest

from fluxion_desktop.application.device import DeviceIdentity
from fluxion_desktop.application.event_store import ConcurrencyError
from fluxion_desktop.application.repository import EventFactory, Repository
from tests.support.fakes import FakeClock, InMemoryEventStore, SequentialIds
from tests.support.sample_events import DEVICE, STORE, TENANT, Tally, sample_registry

_IDS = SequentialIds()  # one id sequence for the module: repositories may share a store


def _repository(store: InMemoryEventStore, every: int = 5) -> Repository[Tally]:
    registry = sample_registry()
    factory = EventFactory(DeviceIdentity(TENANT, STORE, DEVICE), registry, FakeClock(), _IDS)
    return Repository(Tally, store, registry, factory, snapshot_every=every)


@pytest.fixture
def store() -> InMemoryEventStore:
    return InMemoryEventStore(DEVICE, sample_registry().is_known)


def test_a_saved_aggregate_loads_back_equal(store):
    repository = _repository(store)
    tally = Tally.open("t1", "float")
    tally.add(Decimal("2.50"), "coins")
    repository.save(tally, user_id="u1")

    loaded = repository.get("t1")

    assert loaded is not None
    assert (loaded.name, loaded.total, loaded.version) == ("float", Decimal("2.50"), 2)
    assert [e.user_id for e in store.read_stream("tally-t1")] == ["u1", "u1"]
    assert repository.get("missing") is None


def test_snapshots_are_taken_every_n_events_and_used_on_load(store):
    repository = _repository(store, every=5)
    tally = Tally.open("t1", "float")
    repository.save(tally, None)
    for i in range(11):
        tally.add(Decimal(i))
        repository.save(tally, None)

    snapshot = store.load_snapshot("tally-t1")
    loaded = _repository(store, every=5).get("t1")  # a fresh repository: nothing cached

    assert snapshot is not None and snapshot.version == 10
    assert loaded is not None
    assert loaded.total == Decimal(sum(range(11)))
    assert loaded.version == 12
    assert loaded.applied == 2  # only the events after the snapshot were replayed


def test_loading_with_and_without_snapshots_agrees(store):
    with_snapshots = _repository(store, every=3)
    tally = Tally.open("t1", "x")
    for i in range(8):
        tally.add(Decimal(i) / 4)
    with_snapshots.save(tally, None)
    for i in range(4):
        tally.add(Decimal(i))
        with_snapshots.save(tally, None)
    plain = Tally.replay(
        "t1",
        (
            sample_registry().from_payload(e.event_type, e.schema_version, e.payload)
            for e in store.read_stream("tally-t1")
        ),
    )

    loaded = with_snapshots.get("t1")

    assert loaded is not None
    assert (loaded.total, loaded.version) == (plain.total, plain.version)


def test_a_stale_aggregate_cannot_overwrite_a_newer_one(store):
    repository = _repository(store)
    repository.save(Tally.open("t1", "x"), None)
    first, second = repository.get("t1"), repository.get("t1")
    assert first is not None and second is not None
    first.add(Decimal(1))
    repository.save(first, None)
    second.add(Decimal(2))

    with pytest.raises(ConcurrencyError):
        repository.save(second, None)
    loaded = repository.get("t1")
    assert loaded is not None and loaded.total == Decimal(1)


def test_an_aggregate_whose_command_failed_is_not_handed_out_again(store):
    repository = _repository(store)
    repository.save(Tally.open("t1", "x"), None)
    first = repository.get("t1")
    assert first is not None
    first.add(Decimal(5))  # recorded, never saved: the command failed after this
    again = repository.get("t1")
    assert again is not None
    assert again is not first
    assert (again.total, again.version, again.pending_events) == (Decimal(0), 1, ())


def test_events_written_elsewhere_reach_a_cached_aggregate(store):
    repository, other = _repository(store), _repository(store)
    repository.save(Tally.open("t1", "x"), None)
    assert repository.get("t1") is not None
    elsewhere = other.get("t1")
    assert elsewhere is not None
    elsewhere.add(Decimal(7))
    other.save(elsewhere, None)

    loaded = repository.get("t1")

    assert loaded is not None and (loaded.total, loaded.version) == (Decimal(7), 2)


def test_a_peeked_aggregate_never_shows_a_later_commands_unsaved_changes(store):
    repository = _repository(store)
    repository.save(Tally.open("t1", "x"), None)
    view = repository.peek("t1")
    working = repository.get("t1")
    assert view is not None and working is not None
    working.add(Decimal(9))  # the command fails before saving
    assert (view.total, view.pending_events) == (Decimal(0), ())
