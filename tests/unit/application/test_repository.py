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


def _repository(
    store: InMemoryEventStore, every: int = 5, clock: FakeClock | None = None
) -> Repository[Tally]:
    registry = sample_registry()
    identity = DeviceIdentity(TENANT, STORE, DEVICE)
    factory = EventFactory(identity, registry, clock or FakeClock(), _IDS)
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


def _types_and_times(store: InMemoryEventStore) -> list[tuple[str, int]]:
    return [(e.event_type, e.occurred_at.minute) for e in store.read_stream("tally-t1")]


def test_held_events_are_written_first_by_the_next_save_stamped_when_they_were_held(store):
    clock = FakeClock()
    repository = _repository(store, clock=clock)
    tally = Tally.open("t1", "x")
    repository.save_later(tally, None)
    clock.advance(minutes=1)
    held = repository.get("t1")
    assert held is not None
    held.add(Decimal(2))
    repository.save_later(held, None)
    assert store.read_stream("tally-t1") == [] and repository.holds == 2

    clock.advance(minutes=1)
    working = repository.get("t1")
    assert working is not None and (working.total, working.version) == (Decimal(2), 2)
    working.add(Decimal(3))
    repository.save(working, None)

    assert _types_and_times(store) == [("TallyOpened", 0), ("TallyAdded", 1), ("TallyAdded", 2)]
    assert repository.holds == 0
    assert store.stream_version("tally-t1") == working.version == 3


def test_write_held_writes_every_held_stream(store):
    repository = _repository(store)
    for name in ("t1", "t2"):
        repository.save_later(Tally.open(name, name), None)

    assert repository.write_held() == 2
    assert repository.write_held() == 0
    assert [store.stream_version(s) for s in ("tally-t1", "tally-t2")] == [1, 1]
    fresh = _repository(store).get("t2")
    assert fresh is not None and fresh.name == "t2"


def test_when_a_command_on_a_held_aggregate_fails_the_next_load_adds_the_held_to_the_log(store):
    repository = _repository(store)
    repository.save(Tally.open("t1", "x"), None)
    held = repository.get("t1")
    assert held is not None
    held.add(Decimal(4))
    repository.save_later(held, None)
    failing = repository.get("t1")
    assert failing is not None
    failing.add(Decimal(100))  # the command fails before saving

    again = repository.get("t1")

    assert again is not None and again is not failing
    assert (again.total, again.version, again.pending_events) == (Decimal(4), 2, ())
    assert store.stream_version("tally-t1") == 1 and repository.holds == 1  # nothing written
    assert repository.write_held() == 1
    assert store.stream_version("tally-t1") == 2


def test_held_aggregates_the_cache_let_go_of_are_still_found_one_at_a_time_or_many(store):
    repository = _repository(store)
    repository.save_later(Tally.open("t1", "x"), None)
    first = repository.get("t1")
    assert first is not None  # handed out, and never given back (its command failed)

    assert [t.name if t else None for t in repository.get_many(["t1", "t2"])] == ["x", None]
    assert repository.holds == 1


def test_held_events_another_writer_overtook_are_dropped_and_the_other_streams_written(store):
    repository, other = _repository(store), _repository(store)
    repository.save(Tally.open("t1", "x"), None)
    held = repository.get("t1")
    assert held is not None
    held.add(Decimal(1))
    repository.save_later(held, None)
    repository.save_later(Tally.open("t2", "y"), None)
    elsewhere = other.get("t1")
    assert elsewhere is not None
    elsewhere.add(Decimal(7))
    other.save(elsewhere, None)

    with pytest.raises(ConcurrencyError):
        repository.write_held()

    assert repository.holds == 0
    assert store.stream_version("tally-t2") == 1
    loaded = repository.get("t1")
    assert loaded is not None and (loaded.total, loaded.version) == (Decimal(7), 2)


def test_write_held_of_one_aggregate_leaves_the_others_held(store):
    repository = _repository(store)
    for name in ("t1", "t2"):
        repository.save_later(Tally.open(name, name), None)

    assert repository.write_held("t2") == 1

    assert [store.stream_version(s) for s in ("tally-t1", "tally-t2")] == [0, 1]
    assert repository.holds == 1


def test_a_save_that_writes_held_events_takes_the_snapshot_they_made_due(store):
    repository = _repository(store, every=5)
    tally = Tally.open("t1", "x")
    repository.save_later(tally, None)
    for i in range(5):
        working = repository.get("t1")
        assert working is not None
        working.add(Decimal(i))
        repository.save_later(working, None)
    assert store.load_snapshot("tally-t1") is None
    working = repository.get("t1")
    assert working is not None
    working.add(Decimal(10))

    repository.save(working, None)

    snapshot = store.load_snapshot("tally-t1")
    assert snapshot is not None and snapshot.version == 7


def test_a_stale_copy_cannot_add_to_events_held_after_it_was_loaded(store):
    repository = _repository(store)
    repository.save_later(Tally.open("t1", "x"), None)
    first, second = repository.get("t1"), repository.get("t1")
    assert first is not None and second is not None
    first.add(Decimal(1))
    repository.save_later(first, None)
    second.add(Decimal(2))

    with pytest.raises(ConcurrencyError):
        repository.save_later(second, None)
    assert repository.write_held() == 2
    loaded = _repository(store).get("t1")
    assert loaded is not None and loaded.total == Decimal(1)
