"""Stateful property test: the SQLite event store against a tiny in-memory model of the log.

Hypothesis drives random sequences of appends (right and wrong expected versions), retries of
earlier batches, reused event ids, snapshots, reopening the file and reads, and after every step
checks that the store still equals the model: same log in the same order, same stream versions, a
chain that verifies and a projection that matches a replay.
"""

from __future__ import annotations

import atexit
import functools
import json
import shutil
import tempfile
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from fluxion_desktop.adapters.database import open_database
from fluxion_desktop.adapters.event_codec import GENESIS_HASH, chain_hash, row_of
from fluxion_desktop.adapters.projections import ProjectionManager, StreamSummaryProjection
from fluxion_desktop.adapters.sqlite_event_store import SqliteEventStore
from fluxion_desktop.application.event_store import (
    AppendStatus,
    ConcurrencyError,
    EventIdConflict,
    NewEvent,
    Snapshot,
    StoredEvent,
    StreamAppend,
)
from tests.support.sample_events import DEVICE, STORE, TENANT, sample_registry

STREAMS = ("tally-a", "tally-b", "tally-c")
ZONES = (UTC, timezone(timedelta(hours=-5)), timezone(timedelta(hours=5, minutes=30)))


@dataclass(frozen=True)
class Template:
    """A new event without its id (the machine numbers ids itself, so they never collide)."""

    event_type: str
    schema_version: int
    user_id: str | None
    occurred_at: datetime
    payload: dict[str, Any]
    metadata: dict[str, Any]


@dataclass(frozen=True)
class Stored:
    """The model's view of one stored event."""

    event: NewEvent
    stream_id: str
    version: int
    position: int


@dataclass(frozen=True)
class Batch:
    stream_id: str
    events: tuple[NewEvent, ...]
    expected_version: int
    positions: tuple[int, ...]


texts = st.text(max_size=12)
amounts = st.decimals(
    min_value=-(10**9), max_value=10**9, places=2, allow_nan=False, allow_infinity=False
).map(str)
# Unbounded: JSON and the validation accept any int, and ints beyond 64 bits once read back as
# floats (orjson); test_store_edges.py pins that case on its own.
ints = st.integers()
lines = st.fixed_dictionaries({"sku": texts, "qty": ints})
payloads = st.fixed_dictionaries(
    {"amount": amounts, "note": texts},
    optional={"lines": st.lists(lines, max_size=3), "flag": st.booleans() | st.none()},
)
templates = st.builds(
    Template,
    event_type=st.sampled_from(["TallyAdded", "TallyOpened"]),
    schema_version=st.integers(1, 3),
    user_id=st.none() | st.text(min_size=1, max_size=8),
    occurred_at=st.datetimes(
        datetime(2000, 1, 1), datetime(2100, 1, 1), timezones=st.sampled_from(ZONES)
    ),
    payload=payloads,
    metadata=st.fixed_dictionaries({"correlation_id": texts}),
)
snapshot_states = st.dictionaries(texts, texts | ints, max_size=3)


@functools.cache
def _migrated_template() -> Path:
    """A freshly migrated database, made once: copying it is much faster than migrating anew."""
    directory = Path(tempfile.mkdtemp(prefix="fluxion-stateful-template-"))
    atexit.register(shutil.rmtree, directory, ignore_errors=True)
    path = directory / "template.db"
    open_database(path).dispose()  # the last connection closed: the WAL is folded into the file
    return path


class EventStoreMachine(RuleBasedStateMachine):
    """The real system is a SqliteEventStore on a temp file; the model is a list and a dict."""

    def __init__(self) -> None:
        super().__init__()
        self.directory = Path(tempfile.mkdtemp(prefix="fluxion-stateful-"))
        self.db_path = self.directory / "stateful.db"
        shutil.copyfile(_migrated_template(), self.db_path)
        self.engine = open_database(self.db_path)
        self.store = self._new_store()
        self.next_id = 0
        # The model.
        self.log: list[Stored] = []
        self.streams: dict[str, list[Stored]] = {s: [] for s in STREAMS}
        self.batches: list[Batch] = []
        self.snapshots: dict[str, Snapshot] = {}

    def _new_store(self) -> SqliteEventStore:
        return SqliteEventStore(
            self.engine, DEVICE, sample_registry().is_known, [StreamSummaryProjection()]
        )

    def teardown(self) -> None:
        self.engine.dispose()
        shutil.rmtree(self.directory, ignore_errors=True)

    def _event(self, template: Template) -> NewEvent:
        self.next_id += 1
        return NewEvent(
            event_id=UUID(int=(0xF1 << 120) | self.next_id),
            event_type=template.event_type,
            schema_version=template.schema_version,
            tenant_id=TENANT,
            store_id=STORE,
            device_id=DEVICE,
            user_id=template.user_id,
            occurred_at=template.occurred_at,
            payload=template.payload,
            metadata=template.metadata,
        )

    def _version(self, stream_id: str) -> int:
        return len(self.streams[stream_id])

    def _assert_refused_without_change(
        self, error: type[Exception], *append: Any, many: bool = False
    ) -> Exception:
        before = self.store.last_position()
        with pytest.raises(error) as raised:
            if many:
                self.store.append_many(*append)
            else:
                self.store.append(*append)
        assert self.store.last_position() == before
        return raised.value

    @initialize(
        batches=st.lists(
            st.tuples(st.sampled_from(STREAMS), st.lists(templates, min_size=1, max_size=4)),
            min_size=1,
            max_size=5,
        )
    )
    def start_with_some_history(self, batches: list[tuple[str, list[Template]]]) -> None:
        """Streams a few versions long from the start, so reads and retries have depth."""
        for stream_id, batch in batches:
            self.append_at_the_right_version(stream_id, batch)

    # -- appends -------------------------------------------------------------------------------

    @rule(stream_id=st.sampled_from(STREAMS), batch=st.lists(templates, min_size=1, max_size=4))
    def append_at_the_right_version(self, stream_id: str, batch: list[Template]) -> None:
        events = tuple(self._event(t) for t in batch)
        expected = self._version(stream_id)
        first = len(self.log) + 1
        positions = tuple(range(first, first + len(events)))

        result = self.store.append(stream_id, events, expected)

        assert result.status is AppendStatus.APPENDED
        assert result.stream_id == stream_id
        assert result.version == expected + len(events)
        assert result.positions == positions
        self._record(stream_id, events, expected)

    def _record(self, stream_id: str, events: tuple[NewEvent, ...], expected: int) -> None:
        first = len(self.log) + 1
        positions = tuple(range(first, first + len(events)))
        for offset, (event, position) in enumerate(zip(events, positions, strict=True)):
            stored = Stored(event, stream_id, expected + offset + 1, position)
            self.log.append(stored)
            self.streams[stream_id].append(stored)
        self.batches.append(Batch(stream_id, events, expected, positions))

    @rule(
        parts=st.lists(
            st.tuples(st.sampled_from(STREAMS), st.lists(templates, min_size=1, max_size=3)),
            min_size=2,  # one part is what append does
            max_size=3,
            unique_by=lambda part: part[0],
        ),
        stale=st.none() | st.integers(0, 2),
    )
    def append_to_several_streams_at_once(
        self, parts: list[tuple[str, list[Template]]], stale: int | None
    ) -> None:
        """append_many: every part at its expected version, or one stale part and nothing."""
        appends = [
            StreamAppend(stream_id, tuple(self._event(t) for t in batch), self._version(stream_id))
            for stream_id, batch in parts
        ]
        if stale is not None and stale < len(appends):
            bad = appends[stale]
            appends[stale] = replace(bad, expected_version=bad.expected_version + 1)
            error = self._assert_refused_without_change(ConcurrencyError, appends, many=True)
            assert isinstance(error, ConcurrencyError)
            assert error.stream_id == bad.stream_id
            return

        results = self.store.append_many(appends)

        assert [r.status for r in results] == [AppendStatus.APPENDED] * len(appends)
        position = len(self.log)
        for part, result in zip(appends, results, strict=True):
            positions = tuple(range(position + 1, position + 1 + len(part.events)))
            assert (result.stream_id, result.positions) == (part.stream_id, positions)
            assert result.version == part.expected_version + len(part.events)
            self._record(part.stream_id, part.events, part.expected_version)
            position += len(part.events)

    @rule(
        stream_id=st.sampled_from(STREAMS),
        batch=st.lists(templates, min_size=1, max_size=3),
        off_by=st.sampled_from([-2, -1, 1, 2, 7]),
    )
    def append_at_a_wrong_version(self, stream_id: str, batch: list[Template], off_by: int) -> None:
        actual = self._version(stream_id)
        expected = actual + off_by if actual + off_by >= 0 else actual + 1
        events = [self._event(t) for t in batch]

        error = self._assert_refused_without_change(ConcurrencyError, stream_id, events, expected)

        assert isinstance(error, ConcurrencyError)
        assert (error.stream_id, error.expected, error.actual) == (stream_id, expected, actual)

    @precondition(lambda self: self.batches)
    @rule(data=st.data())
    def retry_an_earlier_append(self, data: st.DataObject) -> None:
        """A retry after a lost reply (whole batch or a leading part) changes nothing."""
        batch = data.draw(st.sampled_from(self.batches), label="batch")
        keep = data.draw(st.integers(1, len(batch.events)), label="keep")
        shift = data.draw(st.sampled_from(ZONES), label="zone")
        # The same instant written in another zone is the same event.
        events = [replace(e, occurred_at=e.occurred_at.astimezone(shift)) for e in batch.events]
        before = self.store.last_position()

        result = self.store.append(batch.stream_id, events[:keep], batch.expected_version)

        assert result.status is AppendStatus.DUPLICATE
        assert result.positions == batch.positions[:keep]
        assert result.version == batch.expected_version + keep
        assert self.store.last_position() == before

    @precondition(lambda self: self.log)
    @rule(
        data=st.data(),
        change=st.sampled_from(
            ["payload", "metadata", "event_type", "user_id", "occurred_at", "other stream",
             "later version", "with a new event", "after a new event"]
        ),
    )  # fmt: skip
    def reuse_an_event_id(self, data: st.DataObject, change: str) -> None:
        """An id already stored, with other content or in another place, is refused whole."""
        old = data.draw(st.sampled_from(self.log), label="stored event")
        event, stream_id, expected = old.event, old.stream_id, old.version - 1
        fresh = self._event(data.draw(templates, label="fresh"))
        events = [event]
        if change == "payload":
            events = [replace(event, payload={**event.payload, "note": "changed"})]
            if event.payload["note"] == "changed":
                events = [replace(event, payload={**event.payload, "note": "changed again"})]
        elif change == "metadata":
            events = [replace(event, metadata={"correlation_id": "other", "extra": 1})]
        elif change == "event_type":
            other = "TallyOpened" if event.event_type == "TallyAdded" else "TallyAdded"
            events = [replace(event, event_type=other)]
        elif change == "user_id":
            events = [replace(event, user_id=(event.user_id or "") + "-other")]
        elif change == "occurred_at":
            events = [replace(event, occurred_at=event.occurred_at + timedelta(microseconds=1))]
        elif change == "other stream":
            stream_id = next(s for s in STREAMS if s != old.stream_id)
            expected = self._version(stream_id)
        elif change == "later version":
            expected = self._version(stream_id)  # where a new event would go: >= old.version
        elif change == "with a new event":
            events = [event, fresh]
        else:
            events = [fresh, event]
            expected = old.version - 1

        error = self._assert_refused_without_change(EventIdConflict, stream_id, events, expected)

        assert isinstance(error, EventIdConflict)
        assert error.field == "event_id"

    # -- snapshots -----------------------------------------------------------------------------

    @rule(
        stream_id=st.sampled_from(STREAMS),
        version=st.integers(0, 12),
        snapshot_type=st.sampled_from(["tally", "other"]),
        schema_version=st.integers(1, 3),
        state=snapshot_states,
    )
    def save_a_snapshot(
        self,
        stream_id: str,
        version: int,
        snapshot_type: str,
        schema_version: int,
        state: dict[str, Any],
    ) -> None:
        snapshot = Snapshot(stream_id, version, snapshot_type, schema_version, state)
        self.store.save_snapshot(snapshot)
        current = self.snapshots.get(stream_id)
        if current is None or version > current.version:
            self.snapshots[stream_id] = snapshot

    @rule(stream_id=st.sampled_from(STREAMS))
    def load_a_snapshot(self, stream_id: str) -> None:
        loaded, wanted = self.store.load_snapshot(stream_id), self.snapshots.get(stream_id)
        assert loaded == wanted
        if loaded is not None and wanted is not None:
            assert _strict(loaded.state) == _strict(wanted.state)

    # -- reopening and reading -----------------------------------------------------------------

    @rule()
    def reopen(self) -> None:
        self.engine.dispose()
        self.engine = open_database(self.db_path)
        self.store = self._new_store()

    @rule(stream_id=st.sampled_from(STREAMS), from_version=st.integers(-1, 14))
    def read_a_stream(self, stream_id: str, from_version: int) -> None:
        wanted = [s for s in self.streams[stream_id] if s.version >= from_version]
        _assert_same(self.store.read_stream(stream_id, from_version), wanted)

    @rule(after_position=st.integers(-1, 60), limit=st.integers(1, 8))
    def read_a_page_of_the_log(self, after_position: int, limit: int) -> None:
        wanted = [s for s in self.log if s.position > after_position][:limit]
        _assert_same(self.store.read_all(after_position, limit), wanted)

    # -- invariants ----------------------------------------------------------------------------

    @invariant()
    def the_log_is_the_model(self) -> None:
        stored = self.store.read_all(limit=1_000_000)
        _assert_same(stored, self.log)
        assert self.store.last_position() == len(self.log)
        assert self.store.count() == self.store.count(own_only=True) == len(self.log)
        previous = GENESIS_HASH
        for event in stored:
            assert event.prev_hash == previous, f"chain broken at position {event.position}"
            previous = event.hash
            # What sync does with an event read from the log: re-hash it from its fields.
            assert chain_hash(row_of(event), event.prev_hash) == event.hash, (
                f"event at position {event.position} read back does not re-hash to its hash"
            )

    @invariant()
    def stream_versions_are_the_model(self) -> None:
        for stream_id in STREAMS:
            assert self.store.stream_version(stream_id) == self._version(stream_id)

    @invariant()
    def every_read_agrees_with_the_model(self) -> None:
        """Every from_version of every stream, and the log paged as sync pages it."""
        for stream_id in STREAMS:
            model = self.streams[stream_id]
            for from_version in range(len(model) + 2):
                got = self.store.read_stream(stream_id, from_version)
                assert [e.event_id for e in got] == [
                    m.event.event_id for m in model if m.version >= from_version
                ], f"read_stream({stream_id!r}, from_version={from_version})"
        page_size = 1 + len(self.log) % 7
        paged: list[StoredEvent] = []
        while page := self.store.read_all(paged[-1].position if paged else 0, page_size):
            assert len(page) <= page_size
            paged += page
        _assert_same(paged, self.log)

    @invariant()
    def the_log_verifies_and_the_projection_matches(self) -> None:
        report = self.store.verify()
        assert report.ok, report.problems
        assert report.events_checked == len(self.log)
        assert ProjectionManager(self.engine, [StreamSummaryProjection()]).check() == []


def _strict(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


def _assert_same(stored: list[StoredEvent], model: list[Stored]) -> None:
    assert [(e.position, e.event_id) for e in stored] == [
        (m.position, m.event.event_id) for m in model
    ]
    for got, want in zip(stored, model, strict=True):
        new = want.event
        assert (got.stream_id, got.version) == (want.stream_id, want.version)
        assert (got.event_type, got.schema_version) == (new.event_type, new.schema_version)
        assert (got.tenant_id, got.store_id, got.device_id) == (TENANT, STORE, DEVICE)
        assert got.user_id == new.user_id
        assert got.occurred_at == new.occurred_at
        assert got.occurred_at.utcoffset() == timedelta(0)
        # Type-strict: 10**20 and 1e20 are == in Python but not the same JSON.
        assert _strict(got.payload) == _strict(new.payload), f"position {got.position}"
        assert _strict(got.metadata) == _strict(new.metadata), f"position {got.position}"
        assert got.origin == "local"


EventStoreMachine.TestCase.settings = settings(
    max_examples=40,
    stateful_step_count=25,
    deadline=None,
    database=None,  # no .hypothesis folder in the repository
    suppress_health_check=[HealthCheck.too_slow],
    # No "explain" phase: on a failure it replays the machine hundreds of times for a hint.
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
)
TestEventStoreStateful = EventStoreMachine.TestCase
