"""A tiny aggregate and its events, for testing the event store machinery on its own."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

from fluxion_desktop.application.event_registry import EventRegistry
from fluxion_desktop.application.event_store import NewEvent
from fluxion_desktop.domain.aggregate import Aggregate
from fluxion_desktop.domain.events import DomainEvent

TENANT, STORE, DEVICE = "tenant-a", "store-1", "device-1"


@dataclass(frozen=True, slots=True)
class TallyOpened(DomainEvent):
    event_type = "TallyOpened"
    name: str


@dataclass(frozen=True, slots=True)
class TallyAdded(DomainEvent):
    event_type = "TallyAdded"
    schema_version = 2
    amount: Decimal
    note: str


class Tally(Aggregate):
    stream_type = "tally"

    def __init__(self, aggregate_id: str) -> None:
        super().__init__(aggregate_id)
        self.name = ""
        self.total = Decimal(0)
        self.applied = 0

    @classmethod
    def open(cls, aggregate_id: str, name: str) -> Tally:
        tally = cls(aggregate_id)
        tally._record(TallyOpened(name=name))
        return tally

    def add(self, amount: Decimal, note: str = "") -> None:
        self._record(TallyAdded(amount=amount, note=note))

    def _apply(self, event: DomainEvent) -> None:
        self.applied += 1
        if isinstance(event, TallyOpened):
            self.name = event.name
        elif isinstance(event, TallyAdded):
            self.total += event.amount

    def snapshot_state(self) -> Mapping[str, Any]:
        return {"name": self.name, "total": str(self.total)}

    def restore_state(self, state: Mapping[str, Any]) -> None:
        self.name = state["name"]
        self.total = Decimal(state["total"])


def _tally_added_v1_to_v2(payload: dict[str, Any]) -> dict[str, Any]:
    # v1 had no note.
    return {**payload, "note": ""}


def sample_registry() -> EventRegistry:
    registry = EventRegistry()
    registry.register_all([TallyOpened, TallyAdded])
    registry.register_upcaster("TallyAdded", 1, _tally_added_v1_to_v2)
    return registry


def new_event(
    payload: Mapping[str, Any] | None = None,
    *,
    event_id: UUID | None = None,
    event_type: str = "TallyAdded",
    schema_version: int = 2,
    tenant_id: str = TENANT,
    store_id: str = STORE,
    device_id: str = DEVICE,
    occurred_at: datetime | None = None,
) -> NewEvent:
    return NewEvent(
        event_id=event_id or uuid4(),
        event_type=event_type,
        schema_version=schema_version,
        tenant_id=tenant_id,
        store_id=store_id,
        device_id=device_id,
        user_id="user-1",
        occurred_at=occurred_at or datetime(2026, 11, 25, 12, 0, tzinfo=UTC),
        payload=dict(payload if payload is not None else {"amount": "1.50", "note": "x"}),
        metadata={"correlation_id": "c-1"},
    )
