"""The base of event-sourced aggregates: state is rebuilt from the events it recorded."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, ClassVar, Self

from fluxion_desktop.domain.events import DomainEvent


class Aggregate:
    """Records new events through `_record`, which applies them at once and keeps them pending.

    Subclasses implement `_apply` (mutate state from one event), and for snapshots
    `snapshot_state` / `restore_state`.
    """

    # The stream id is "<stream_type>-<id>"; also the snapshot's type name.
    stream_type: ClassVar[str] = ""
    snapshot_schema_version: ClassVar[int] = 1

    def __init__(self, aggregate_id: str) -> None:
        self.id = aggregate_id
        self.version = 0
        self._pending: list[DomainEvent] = []

    @classmethod
    def replay(cls, aggregate_id: str, events: Iterable[DomainEvent]) -> Self:
        aggregate = cls(aggregate_id)
        aggregate.load_history(events)
        return aggregate

    def load_history(self, events: Iterable[DomainEvent]) -> None:
        for event in events:
            self._apply(event)
            self.version += 1

    def _record(self, event: DomainEvent) -> None:
        self._apply(event)
        self._pending.append(event)

    def _apply(self, event: DomainEvent) -> None:
        raise NotImplementedError

    @property
    def is_closed(self) -> bool:
        """Whether this aggregate's everyday life is over (a completed sale, a finished saga).

        Repositories keep recently used aggregates in memory, but not closed ones: only a rare
        look back (a return) loads one again, and hundreds of completed sales held in memory,
        each with its figures, made every garbage collection on the sale path slower.
        """
        return False

    @property
    def pending_events(self) -> tuple[DomainEvent, ...]:
        return tuple(self._pending)

    def mark_committed(self) -> None:
        self.version += len(self._pending)
        self._pending.clear()

    def snapshot_state(self) -> Mapping[str, Any]:
        raise NotImplementedError(f"{type(self).__name__} takes no snapshots")

    def restore_state(self, state: Mapping[str, Any]) -> None:
        raise NotImplementedError(f"{type(self).__name__} takes no snapshots")
