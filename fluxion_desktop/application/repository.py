"""Loading and saving event-sourced aggregates: latest snapshot + later events; snapshot every N.

A repository may hold an aggregate's events back (`save_later`) until its next durable save.
"""

from __future__ import annotations

import copy
import logging
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from typing import Any, Generic, TypeVar

from fluxion_desktop.application.device import DeviceIdentity
from fluxion_desktop.application.event_registry import EventRegistry
from fluxion_desktop.application.event_store import (
    AppendResult,
    AppendStatus,
    ConcurrencyError,
    EventStore,
    NewEvent,
    Snapshot,
    StreamAppend,
)
from fluxion_desktop.application.ports import Clock, IdGenerator
from fluxion_desktop.domain.aggregate import Aggregate

A = TypeVar("A", bound=Aggregate)
log = logging.getLogger(__name__)
# A completion loads the stock item of each product sold, and one rebuilt from its snapshot and
# up to 99 later events costs more than the append: keep a day's worth of a small store's
# products (256 held half of the 500-product demo store's). A cached sale is a few kB at most.
_RECENT_STREAMS = 1024


class EventFactory:
    """Stamps domain events into envelopes: ids, time, who and where."""

    def __init__(
        self, identity: DeviceIdentity, registry: EventRegistry, clock: Clock, ids: IdGenerator
    ) -> None:
        self.identity = identity
        self._registry = registry
        self._clock = clock
        self._ids = ids

    def envelope(
        self, event: Any, user_id: str | None, metadata: Mapping[str, Any] | None = None
    ) -> NewEvent:
        return NewEvent(
            event_id=self._ids.new_id(),
            event_type=event.event_type,
            schema_version=event.schema_version,
            tenant_id=self.identity.tenant_id,
            store_id=self.identity.store_id,
            device_id=self.identity.device_id,
            user_id=user_id,
            occurred_at=self._clock.now(),
            payload=self._registry.to_payload(event),
            metadata=dict(metadata or {}),
            domain_event=event,
        )


class Repository(Generic[A]):
    """Aggregates of one type, in streams named `<stream_type>-<id>`."""

    def __init__(
        self,
        aggregate_type: type[A],
        store: EventStore,
        registry: EventRegistry,
        factory: EventFactory,
        snapshot_every: int = 100,
    ) -> None:
        if snapshot_every < 1:
            raise ValueError("snapshot_every must be at least 1")
        self._type = aggregate_type
        self._store = store
        self._registry = registry
        self._factory = factory
        self._snapshot_every = snapshot_every
        # Recently used aggregates, as committed: a sale is loaded once per keystroke and the
        # shift once per sale, and rebuilding them each time costs more than the append itself.
        # One with pending events (its command failed) is never handed out again.
        self._recent: OrderedDict[str, A] = OrderedDict()
        # Appends `save_later` holds back, by stream: written with the stream's next `save`, or
        # by `write_held`. The aggregate in `_recent` includes them; if it is gone from there
        # (its command failed, or it was evicted), the next load adds them to the log's.
        self._held: dict[str, StreamAppend] = {}

    def stream_id(self, aggregate_id: str) -> str:
        return f"{self._type.stream_type}-{aggregate_id}"

    def get(self, aggregate_id: str) -> A | None:
        """The aggregate at its latest version, or None if its stream is empty.

        Each call hands out its own instance (a cached one goes back to the cache only when its
        changes are committed), so two loads never share state.
        """
        aggregate = self._load(aggregate_id)
        if aggregate is not None:
            self._recent.pop(self.stream_id(aggregate_id), None)
        return aggregate

    def get_many(self, aggregate_ids: Sequence[str]) -> list[A | None]:
        """`get` of each id, with one look at the log for all those held in memory: a sale's
        completion loads the stock item of every product sold, and a look each cost more than
        the rest of the load."""
        stream_ids = [self.stream_id(i) for i in aggregate_ids]
        found: list[A | None] = []
        for aggregate_id, stream_id, version in zip(
            aggregate_ids, stream_ids, self._store.stream_versions(stream_ids), strict=True
        ):
            held = self._recent.pop(stream_id, None)
            if held is not None and not held.pending_events and held.version == version:
                found.append(held)
            elif held is None and version == 0 and stream_id not in self._held:
                found.append(None)
            else:
                if held is not None:
                    self._recent[stream_id] = held  # `get` looks at the log for it
                found.append(self.get(aggregate_id))
        return found

    def peek(self, aggregate_id: str) -> A | None:
        """Like `get`, for reading only: a copy, so a later command's changes never show in it."""
        aggregate = self._load(aggregate_id)
        return None if aggregate is None else copy.deepcopy(aggregate)

    def _load(self, aggregate_id: str) -> A | None:
        stream_id = self.stream_id(aggregate_id)
        aggregate = self._recent.pop(stream_id, None)
        held = self._held.get(stream_id)
        if aggregate is not None and not aggregate.pending_events and held is not None:
            # Nobody else writes the stream before its held events are written (if anyone did,
            # that write refuses them): the log has nothing newer to look for.
            self._remember(stream_id, aggregate)
            return aggregate
        if aggregate is None or aggregate.pending_events:
            aggregate = self._from_snapshot(aggregate_id, stream_id)
        stored = self._store.read_stream(stream_id, from_version=aggregate.version + 1)
        aggregate.load_history(
            self._registry.from_payload(e.event_type, e.schema_version, e.payload) for e in stored
        )
        if held is not None:
            # The copy that included them is gone (its command failed, or it was evicted).
            self._add_held(aggregate, held)
        if not aggregate.version:
            return None
        self._remember(stream_id, aggregate)
        return aggregate

    def _add_held(self, aggregate: A, held: StreamAppend) -> None:
        if aggregate.version != held.expected_version:
            # Another writer moved the stream: the held events can never be written after it.
            log.error("%s moved under %d held events; the log's version wins",
                      held.stream_id, len(held.events))  # fmt: skip
            del self._held[held.stream_id]
            return
        aggregate.load_history(
            e.domain_event
            if e.domain_event is not None
            else self._registry.from_payload(e.event_type, e.schema_version, e.payload)
            for e in held.events
        )

    def _from_snapshot(self, aggregate_id: str, stream_id: str) -> A:
        aggregate = self._type(aggregate_id)
        snapshot = self._store.load_snapshot(stream_id)
        if snapshot is not None and snapshot.schema_version == self._type.snapshot_schema_version:
            aggregate.restore_state(snapshot.state)
            aggregate.version = snapshot.version
        return aggregate

    def _remember(self, stream_id: str, aggregate: A) -> None:
        if aggregate.is_closed:
            self._recent.pop(stream_id, None)
            return
        self._recent[stream_id] = aggregate
        self._recent.move_to_end(stream_id)
        while len(self._recent) > _RECENT_STREAMS:
            self._recent.popitem(last=False)

    def save(
        self, aggregate: A, user_id: str | None, metadata: Mapping[str, Any] | None = None
    ) -> AppendResult | None:
        """Append the aggregate's pending events at its loaded version (after any events
        `save_later` held for it), durably; snapshot when due.

        Nothing to append (a command that changed nothing) writes nothing and returns None.
        """
        if not aggregate.pending_events:
            return None
        result = self._store.append_many([self.stage(aggregate, user_id, metadata)])[0]
        self.committed(aggregate, result)
        return result

    def save_later(
        self, aggregate: A, user_id: str | None, metadata: Mapping[str, Any] | None = None
    ) -> None:
        """Accept the aggregate's pending events without writing them yet.

        They are stamped now (ids, time) and written, before anything newer of the stream, by
        its next `save` (in that transaction) or by `write_held`. Until then they exist only in
        this process: for edits that acknowledge nothing (an open cart), where one transaction
        each cost more than the edit.
        """
        if not aggregate.pending_events:
            return
        staged = self.stage(aggregate, user_id, metadata)
        aggregate.mark_committed()
        self._held[staged.stream_id] = staged
        self._remember(staged.stream_id, aggregate)

    @property
    def holds(self) -> int:
        """How many events `save_later` holds unwritten."""
        return sum(len(held.events) for held in self._held.values())

    def write_held(self, aggregate_id: str | None = None) -> int:
        """Write the events held for one aggregate, or for all (one transaction that does not
        wait for the disk); how many were written.

        A stream another writer moved meanwhile can never take its held events: they are dropped
        with the aggregate built on them (the log wins), the others are written, and the
        ConcurrencyError is raised. Any other error keeps them all held.
        """
        stream_ids = list(self._held) if aggregate_id is None else [self.stream_id(aggregate_id)]
        appends = [self._held[s] for s in stream_ids if s in self._held]
        conflict: ConcurrencyError | None = None
        while appends:
            try:
                self._store.append_many(appends, wait_for_disk=False)
                break
            except ConcurrencyError as error:
                if error.stream_id not in self._held:
                    raise
                conflict = error
                del self._held[error.stream_id]
                self._recent.pop(error.stream_id, None)
                appends = [a for a in appends if a.stream_id != error.stream_id]
        for append in appends:
            del self._held[append.stream_id]
        if conflict is not None:
            raise conflict
        return sum(len(append.events) for append in appends)

    def stage(
        self, aggregate: A, user_id: str | None, metadata: Mapping[str, Any] | None = None
    ) -> StreamAppend:
        """The append of the aggregate's pending events, for `save_together`; events
        `save_later` held for the stream go first, in the same transaction."""
        stream_id = self.stream_id(aggregate.id)
        envelopes = [self._factory.envelope(e, user_id, metadata) for e in aggregate.pending_events]
        held = self._held.get(stream_id)
        if held is None:
            return StreamAppend(stream_id, envelopes, aggregate.version)
        held_version = held.expected_version + len(held.events)
        if aggregate.version != held_version:
            # A copy loaded before the held events: what it decided ignored them.
            raise ConcurrencyError(stream_id, aggregate.version, held_version)
        return StreamAppend(stream_id, [*held.events, *envelopes], held.expected_version)

    def committed(self, aggregate: A, result: AppendResult) -> None:
        """After the staged append committed: advance the aggregate, snapshot when due."""
        held = self._held.pop(self.stream_id(aggregate.id), None)
        before = aggregate.version if held is None else held.expected_version
        aggregate.mark_committed()
        self._remember(self.stream_id(aggregate.id), aggregate)
        if result.status is AppendStatus.APPENDED and self._snapshot_due(before, aggregate.version):
            self._store.save_snapshot(
                Snapshot(
                    self.stream_id(aggregate.id),
                    aggregate.version,
                    self._type.stream_type,
                    self._type.snapshot_schema_version,
                    aggregate.snapshot_state(),
                )
            )

    def _snapshot_due(self, before: int, after: int) -> bool:
        takes_snapshots = self._type.snapshot_state is not Aggregate.snapshot_state
        return takes_snapshots and before // self._snapshot_every != after // self._snapshot_every


def save_together(
    store: EventStore,
    parts: Sequence[tuple[Repository[Any], Aggregate]],
    user_id: str | None,
    metadata: Mapping[str, Any] | None = None,
) -> None:
    """Commit several aggregates' pending events in one transaction (all or nothing)."""
    staged = [(repo, aggregate) for repo, aggregate in parts if aggregate.pending_events]
    if not staged:
        return
    results = store.append_many(
        [repo.stage(aggregate, user_id, metadata) for repo, aggregate in staged]
    )
    for (repo, aggregate), result in zip(staged, results, strict=True):
        repo.committed(aggregate, result)
