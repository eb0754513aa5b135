"""Domain values to plain JSON types and back, by their type hints.

One codec for event payloads (the registry) and snapshot states (aggregates that keep value
objects), so each value has one stored form.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar
from uuid import UUID

from fluxion_desktop.domain.decimals import format_decimal
from fluxion_desktop.domain.errors import InvalidType

T = TypeVar("T")


def to_plain(value: Any) -> Any:
    """`value` as plain JSON types: Decimal as a positional decimal string, Money and other
    `to_dict` values as objects, enums as their value, dates as ISO text, tuples as lists."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return value
    encode = _ENCODERS.get(kind)
    if encode is None:
        encode = _encoder(kind)
        if not issubclass(kind, type):  # a class as a value is judged by itself, not its type
            _ENCODERS[kind] = encode
    return encode(value)


# Each type's encoder, chosen once: an event's payload is dozens of values of a few types, and
# walking the checks below for each was a fifth of a sale's completion.
_ENCODERS: dict[type, Callable[[Any], Any]] = {}


def _encoder(kind: type) -> Callable[[Any], Any]:
    """How `to_plain` turns a value of `kind` into plain data (the checks in their order)."""
    if issubclass(kind, Enum):  # before str and int: a StrEnum is a str
        return lambda value: to_plain(value.value)
    if issubclass(kind, float):
        return _refuse_float
    if issubclass(kind, Decimal):
        return format_decimal
    if issubclass(kind, str):
        return str
    if issubclass(kind, datetime | date):
        return lambda value: value.isoformat()
    if issubclass(kind, UUID):
        return str
    if hasattr(kind, "to_dict"):
        return (lambda value: value.to_dict()) if _trusted(kind) else _checked_to_dict
    if dataclasses.is_dataclass(kind) and not issubclass(kind, type):
        return _fields_encoder(kind)
    if issubclass(kind, list | tuple | frozenset | set):
        return lambda value: [to_plain(v) for v in value]
    if issubclass(kind, Mapping):
        return lambda value: {str(k): to_plain(v) for k, v in value.items()}
    return _slow_path


class PlainJson(dict[str, Any]):
    """A JSON object `fields_to_plain` made: every value in it is plain JSON (exactly str, int,
    bool or None, and lists and str-keyed objects of them), so whoever encodes it need not walk
    it again to check. Never changed once made."""

    __slots__ = ()


def fields_to_plain(value: Any) -> PlainJson:
    """The fields of the dataclass instance `value` as a plain JSON object: what `to_plain`
    makes of a dataclass without `to_dict`, field by field (an event's payload)."""
    return PlainJson(_fields_encoder(type(value))(value))  # type: ignore[arg-type]  # classes hash


# Dataclasses whose encoder is being written: a field of one of these types (a dataclass that
# holds itself, directly or not) goes through `to_plain` instead of recursing forever.
_WRITING: set[type] = set()


@functools.cache
def _fields_encoder(kind: type) -> Callable[[Any], dict[str, Any]]:
    """One function for the dataclass `kind`, written once, that does what `to_plain` does to
    each field (a completed sale's payload is some 300 values, and choosing each one's encoder
    at run time was most of turning it into plain data).

    What `to_plain` does to a value of the field's declared type is written inline, behind a
    check that the value is of exactly that type; any other value goes through `to_plain`, so
    the result is the same whatever the instance holds.
    """
    try:
        hints = typing.get_type_hints(kind)
    except (NameError, TypeError):  # a name only a type checker sees: every field by to_plain
        hints = {}
    env: dict[str, Any] = {"_p": to_plain, "_fd": format_decimal}
    body = []
    items = []
    _WRITING.add(kind)
    try:
        for n, field in enumerate(dataclasses.fields(kind)):
            body.append(f"    x = v.{field.name}")
            body.append(f"    f{n} = {_converted(hints.get(field.name, Any), 'x', env, 0)}")
            items.append(f"{field.name!r}: f{n}")
    finally:
        _WRITING.discard(kind)
    source = "\n".join(["def encode(v):", *body, f"    return {{{', '.join(items)}}}"])
    exec(source, env)  # the source holds only field names and names bound in env
    encode: Callable[[Any], dict[str, Any]] = env["encode"]
    return encode


def _converted(hint: Any, var: str, env: dict[str, Any], depth: int) -> str:
    """Source of an expression that is `to_plain(<var>)`, fast when `var` is of type `hint`."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        others = [a for a in args if a is not type(None)]
        if len(others) == 1 and len(args) == 2:
            return f"(None if {var} is None else {_converted(others[0], var, env, depth)})"
        return f"_p({var})"
    if origin in (list, frozenset, set) or (origin is tuple and args[1:] == (Ellipsis,)):
        item = f"i{depth}"
        each = _converted(args[0] if args else Any, item, env, depth + 1)
        container = _bind(env, origin)
        return f"([{each} for {item} in {var}] if type({var}) is {container} else _p({var}))"
    if origin is not None or not isinstance(hint, type):
        return f"_p({var})"
    inline = _inline(hint, var, env)
    if inline is None:
        return f"_p({var})"
    return f"({inline} if type({var}) is {_bind(env, hint)} else _p({var}))"


def _inline(kind: type, var: str, env: dict[str, Any]) -> str | None:
    """Source of what `to_plain` does to `var`, a value of exactly `kind`, or None when only a
    call of `to_plain` says it (the checks in `_encoder`'s order)."""
    if kind is str or kind is int or kind is bool:
        return var
    if issubclass(kind, Enum):
        plain = all(type(member._value_) in (str, int, bool) for member in kind)
        return f"{var}._value_" if plain else None
    if issubclass(kind, float):
        return None
    if issubclass(kind, Decimal):
        return f"_fd({var})"
    if issubclass(kind, str) or issubclass(kind, UUID):
        return f"{_bind(env, str)}({var})"
    if issubclass(kind, datetime | date):
        return f"{var}.isoformat()"
    if hasattr(kind, "to_dict"):
        return f"{var}.to_dict()" if _trusted(kind) else f"{_bind(env, _checked_to_dict)}({var})"
    if dataclasses.is_dataclass(kind) and not issubclass(kind, type) and kind not in _WRITING:
        return f"{_bind(env, _fields_encoder(kind))}({var})"
    return None


def _bind(env: dict[str, Any], value: Any) -> str:
    """A name for `value` in the written function's globals."""
    name = f"_b{len(env)}"
    env[name] = value
    return name


def _trusted(kind: type) -> bool:
    """Whether `kind.to_dict` is declared to return `dict[str, str]`: what it makes is plain
    JSON as the type checker sees it. Any other `to_dict` is checked each time it is used."""
    try:
        declared = typing.get_type_hints(kind.to_dict).get("return")  # type: ignore[attr-defined]
    except (NameError, TypeError):
        return False
    return bool(declared == dict[str, str])


def _checked_to_dict(value: Any) -> Any:
    plain = value.to_dict()
    if not is_plain_json(plain):
        raise InvalidType(
            f"{type(value).__name__}.to_dict() made something JSON cannot carry: {plain!r}",
            "value",
        )
    return plain


# Exactly these types (not subclasses such as enums, not floats) are plain JSON values.
_PLAIN = frozenset({str, int, bool, type(None)})


def is_plain_json(value: Any) -> bool:
    """Whether `value` is plain JSON: exactly str, int, bool or None, or lists, tuples and
    str-keyed dicts of them (no floats: money and quantities are decimal strings)."""
    kind = type(value)
    if kind is dict:
        for key, item in value.items():
            if type(key) is not str:
                return False
            if type(item) not in _PLAIN and not is_plain_json(item):
                return False
        return True
    if kind is list or kind is tuple:
        for item in value:  # noqa: SIM110 - a plain loop: all() + a generator costs 2x here
            if type(item) not in _PLAIN and not is_plain_json(item):
                return False
        return True
    return kind in _PLAIN


def _refuse_float(_value: Any) -> Any:
    raise InvalidType("floats are not allowed; use Decimal", "value")


def _slow_path(value: Any) -> Any:
    """Values judged one by one: a `to_dict` set on the instance, a class, anything else."""
    if hasattr(value, "to_dict"):
        return _checked_to_dict(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    raise InvalidType(f"cannot store a {type(value).__name__} as plain data", "value")


@functools.cache
def _field_decoders(cls: type) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    """Each field of a dataclass with the function that rebuilds it from JSON (built once)."""
    hints = typing.get_type_hints(cls)
    return tuple((f.name, _decoder(hints[f.name])) for f in dataclasses.fields(cls))


def dataclass_from_plain(cls: type[T], data: Mapping[str, Any]) -> T:
    """An instance of the dataclass `cls` from what `to_plain` made of one."""
    decoders = _field_decoders(cls)  # type: ignore[arg-type]  # classes are hashable
    return cls(**{name: decode(data[name]) for name, decode in decoders if name in data})


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
    if origin is tuple and len(args) > 1 and args[1] is not Ellipsis:
        fixed = tuple(_decoder(a) for a in args)  # tuple[str, Currency]: one type a position
        return _nullable(lambda value: tuple(d(v) for d, v in zip(fixed, value, strict=True)))
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
        return _nullable(lambda value: dataclass_from_plain(hint, value))
    return _identity


def from_plain(hint: Any, value: Any) -> Any:
    """The value of type `hint` that `to_plain` turned into `value`."""
    return _decoder(hint)(value)


def _identity(value: Any) -> Any:
    return value
