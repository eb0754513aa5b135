"""Stable event names, payload (de)serialisation and schema upcasters.

Payloads are JSON objects built from a domain event's dataclass fields: `Decimal` becomes a
decimal string, anything with `to_dict`/`from_dict` (Money, ExchangeRate) a nested object, enums
their value, dates ISO strings. Floats are refused everywhere, so money can never travel as a float.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar
from uuid import UUID

from fluxion_desktop.application.event_store import InvalidEvent
from fluxion_desktop.domain.events import DomainEvent

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
        return {f.name: _encode(getattr(event, f.name)) for f in dataclasses.fields(event)}

    def from_payload(
        self, event_type: str, schema_version: int, payload: Mapping[str, Any]
    ) -> DomainEvent:
        cls = self.class_for(event_type)
        if schema_version == cls.schema_version:
            return _decode_fields(cls, payload)  # type: ignore[no-any-return]
        return _decode_fields(cls, self.upcast(event_type, schema_version, payload))  # type: ignore[no-any-return]


def _encode(value: Any) -> Any:
    if isinstance(value, Enum):  # before str and int: a StrEnum is a str
        return _encode(value.value)
    if value is None or type(value) in (bool, int, str):
        return value
    if isinstance(value, float):
        raise InvalidEvent("floats are not allowed in event payloads; use Decimal", "payload")
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple | frozenset | set):
        return [_encode(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _encode(v) for k, v in value.items()}
    raise InvalidEvent(f"cannot store a {type(value).__name__} in an event payload", "payload")


@functools.cache
def _field_decoders(cls: type) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    """Each field of a dataclass with the function that rebuilds it from JSON (built once)."""
    hints = typing.get_type_hints(cls)
    return tuple((f.name, _decoder(hints[f.name])) for f in dataclasses.fields(cls))


def _decode_fields(cls: type, data: Mapping[str, Any]) -> Any:
    return cls(
        **{name: decode(data[name]) for name, decode in _field_decoders(cls) if name in data}
    )


def _nullable(inner: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: None if value is None else inner(value)


@functools.cache
def _decoder(hint: Any) -> Callable[[Any], Any]:
    """The function that turns the JSON form of `hint` back into it."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        non_none = [a for a in args if a is not type(None)]
        inner = _decoder(non_none[0]) if len(non_none) == 1 else _identity
        return _nullable(inner)
    if origin in (tuple, list, frozenset):
        item = _decoder(args[0]) if args else _identity
        return _nullable(lambda value: origin(item(v) for v in value))
    if origin is dict or origin is Mapping:
        item = _decoder(args[1]) if len(args) == 2 else _identity
        return _nullable(lambda value: {k: item(v) for k, v in value.items()})
    if hint is Any or not isinstance(hint, type):
        return _identity
    if hint is Decimal or issubclass(hint, Enum) or hint is UUID:
        return _nullable(hint)
    if hint is datetime:
        return _nullable(datetime.fromisoformat)
    if hint is date:
        return _nullable(date.fromisoformat)
    if hasattr(hint, "from_dict"):
        return _nullable(hint.from_dict)
    if dataclasses.is_dataclass(hint):
        return _nullable(lambda value: _decode_fields(hint, value))
    return _identity


def _identity(value: Any) -> Any:
    return value
