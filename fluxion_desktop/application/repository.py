"""Loading and saving event-sourced aggregates: latest snapshot + later events; snapshot every N."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from fluxion_desktop.application.device import DeviceIdentity
from fluxion_desktop.application.event_registry import EventRegistry
from fluxion_desktop.application.event_store import (
    AppendResult,
    AppendStatus,
    EventStore,
    NewEvent,
    Snapshot,
    StreamAppend,
)
from fluxion_desktop.application.ports import Clock, IdGenerator
from fluxion_desktop.domain.aggregate import Aggregate
from fluxion_desktop.domain.events import DomainEvent

A = TypeVar("A", bound=Aggregate)
_RECENT_STREAMS = 256


@dataclass
class _History:
    snapshot: Snapshot | None
    events: list[DomainEvent]
    version: int


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
        # Decoded history of recently used streams: a sale is loaded once per keystroke, and
        # decoding its events again each time costs more than the append itself.
        self._recent: OrderedDict[str, _History] = OrderedDict()

    def stream_id(self, aggregate_id: str) -> str:
        return f"{self._type.stream_type}-{aggregate_id}"

    def get(self, aggregate_id: str) -> A | None:
        """The aggregate at its latest version, or None if its stream is empty."""
        stream_id = self.stream_id(aggregate_id)
        history = self._history(stream_id)
        stored = self._store.read_stream(stream_id, from_version=history.version + 1)
        history.events.extend(
            self._registry.from_payload(e.event_type, e.schema_version, e.payload) for e in stored
        )
        history.version += len(stored)
        aggregate = self._type(aggregate_id)
        if history.snapshot is not None:
            aggregate.restore_state(history.snapshot.state)
            aggregate.version = history.snapshot.version
        aggregate.load_history(history.events)
        return aggregate if aggregate.version else None

    def _history(self, stream_id: str) -> _History:
        history = self._recent.get(stream_id)
        if history is None or len(history.events) > 2 * self._snapshot_every:
            snapshot = self._store.load_snapshot(stream_id)
            if snapshot is not None and (
                snapshot.schema_version != self._type.snapshot_schema_version
            ):
                snapshot = None
            history = _History(snapshot, [], snapshot.version if snapshot else 0)
            self._recent[stream_id] = history
        self._recent.move_to_end(stream_id)
        while len(self._recent) > _RECENT_STREAMS:
            self._recent.popitem(last=False)
        return history

    def save(
        self, aggregate: A, user_id: str | None, metadata: Mapping[str, Any] | None = None
    ) -> AppendResult | None:
        """Append the aggregate's pending events at its loaded version; snapshot when due.

        Nothing to append (a command that changed nothing) writes nothing and returns None.
        """
        if not aggregate.pending_events:
            return None
        result = self._store.append_many([self.stage(aggregate, user_id, metadata)])[0]
        self.committed(aggregate, result)
        return result

    def stage(
        self, aggregate: A, user_id: str | None, metadata: Mapping[str, Any] | None = None
    ) -> StreamAppend:
        """The append of the aggregate's pending events, for `save_together`."""
        envelopes = [self._factory.envelope(e, user_id, metadata) for e in aggregate.pending_events]
        return StreamAppend(self.stream_id(aggregate.id), envelopes, aggregate.version)

    def committed(self, aggregate: A, result: AppendResult) -> None:
        """After the staged append committed: advance the aggregate, snapshot when due."""
        history = self._recent.get(self.stream_id(aggregate.id))
        if history is not None and history.version == aggregate.version:
            history.events.extend(aggregate.pending_events)
            history.version += len(aggregate.pending_events)
        before = aggregate.version
        aggregate.mark_committed()
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
