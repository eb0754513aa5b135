"""Stable event names, payload (de)serialisation and schema upcasters.

Payloads are JSON objects built from a domain event's dataclass fields: `Decimal` becomes a
decimal string, anything with `to_dict`/`from_dict` (Money, ExchangeRate) a nested object, enums
their value, dates ISO strings. Floats are refused everywhere, so money can never travel as a float.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from fluxion_desktop.application.event_store import InvalidEvent
from fluxion_desktop.domain.errors import InvalidType
from fluxion_desktop.domain.events import DomainEvent
from fluxion_desktop.domain.plain_data import dataclass_from_plain, fields_to_plain

Payload = dict[str, Any]
Upcaster = Callable[[Payload], Payload]
E = TypeVar("E", bound=DomainEvent)


class EventRegistry:
    """Maps stable event names to domain event classes, and upgrades old payloads on read."""

    def __init__(self) -> None:
        self._classes: dict[str, type[DomainEvent]] = {}
        self._upcasters: dict[tuple[str, int], Upcaster] = {}

    def register(self, cls: type[E]) -> type[E]:
        """Register an event class (usable as a decorator). Names must be unique."""
        name = cls.event_type
        if not name:
            raise ValueError(f"{cls.__name__} has no event_type")
        known = self._classes.get(name)
        if known is not None and known is not cls:
            raise ValueError(f"event type {name!r} is already registered by {known.__name__}")
        self._classes[name] = cls
        return cls

    def register_all(self, classes: Iterable[type[DomainEvent]]) -> None:
        for cls in classes:
            self.register(cls)

    def register_upcaster(self, event_type: str, from_version: int, upcaster: Upcaster) -> None:
        """`upcaster` turns a payload of `from_version` into one of `from_version + 1`."""
        self._upcasters[(event_type, from_version)] = upcaster

    def is_known(self, event_type: str) -> bool:
        return event_type in self._classes

    def current_version(self, event_type: str) -> int:
        return self.class_for(event_type).schema_version

    def class_for(self, event_type: str) -> type[DomainEvent]:
        try:
            return self._classes[event_type]
        except KeyError:
            raise InvalidEvent(f"unknown event type {event_type!r}", "event_type") from None

    def upcast(self, event_type: str, schema_version: int, payload: Mapping[str, Any]) -> Payload:
        """Bring a stored payload up to the registered class's schema version."""
        target = self.current_version(event_type)
        if schema_version > target:
            raise InvalidEvent(
                f"{event_type} v{schema_version} is newer than this app knows (v{target})",
                "schema_version",
            )
        current = dict(payload)
        for version in range(schema_version, target):
            step = self._upcasters.get((event_type, version))
            if step is None:
                raise InvalidEvent(
                    f"no upcaster for {event_type} from v{version} to v{version + 1}",
                    "schema_version",
                )
            current = step(current)
        return current

    def to_payload(self, event: DomainEvent) -> Payload:
        self.class_for(event.event_type)
        try:
            return fields_to_plain(event)
        except InvalidType as error:
            raise InvalidEvent(str(error), "payload") from None

    def from_payload(
        self, event_type: str, schema_version: int, payload: Mapping[str, Any]
    ) -> DomainEvent:
        cls = self.class_for(event_type)
        if schema_version == cls.schema_version:
            return dataclass_from_plain(cls, payload)
        return dataclass_from_plain(cls, self.upcast(event_type, schema_version, payload))
