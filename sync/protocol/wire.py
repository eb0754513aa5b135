"""Bodies to bytes and back, as both ends put them on the wire."""

from __future__ import annotations

import json
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import InitErrorDetails

from sync.protocol.compression import gunzip_bytes, gzip_bytes
from sync.protocol.constants import MAX_DECOMPRESSED_BYTES, MAX_PUSH_EVENTS
from sync.protocol.models import Hash, Name, PushRequest, WireEvent

M = TypeVar("M", bound=BaseModel)


def dump_json(model: BaseModel) -> bytes:
    """Compact JSON of `model`, leaving out every field at its default (the reader rebuilds
    the same model): a push carries no per-event hashes, no empty metadata. A `PushRequest`
    goes in its compact form (see its docstring): the ids its events share are sent once."""
    if isinstance(model, PushRequest):
        return _compact_push(model)
    return model.model_dump_json(exclude_defaults=True).encode()


def _compact_push(request: PushRequest) -> bytes:
    data = request.model_dump(mode="json", exclude_defaults=True)
    events = data["events"]
    for name in ("tenant_id", "store_id"):
        values = {event[name] for event in events}
        if len(values) == 1:
            data[name] = values.pop()
    for event in events:
        for name in ("device_id", "tenant_id", "store_id"):
            if data.get(name) == event[name]:
                del event[name]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def dump_gzip(model: BaseModel) -> bytes:
    """`dump_json(model)` gzip'd: a request body sent with `Content-Encoding: gzip`."""
    return gzip_bytes(dump_json(model))


def load_body(model: type[M], body: bytes, gzipped: bool, limit: int = MAX_DECOMPRESSED_BYTES) -> M:
    """A model from a request or response body (pydantic.ValidationError when it is not one;
    BodyTooLarge / BadGzip from the gzip layer)."""
    data = gunzip_bytes(body, limit) if gzipped else body
    return model.model_validate_json(data)


class _SentEvent(WireEvent):
    """A pushed event as the compact form may send it: without the ids the batch shares."""

    tenant_id: Name | None = None  # type: ignore[assignment]
    store_id: Annotated[str, Field(max_length=64)] | None = None  # type: ignore[assignment]
    device_id: Name | None = None  # type: ignore[assignment]


class _SentPush(BaseModel):
    """`PushRequest` field for field, with events as sent and no `_expand` step."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    device_id: Name
    prev_hash: Hash
    last_hash: Hash
    events: Annotated[list[_SentEvent], Field(min_length=1, max_length=MAX_PUSH_EVENTS)]
    pending: Annotated[int, Field(ge=0, le=2**62)] | None = None
    tenant_id: Name | None = None
    store_id: Annotated[str, Field(max_length=64)] | None = None


_SHARED = ("device_id", "tenant_id", "store_id")


def load_push(body: bytes) -> PushRequest:
    """A push body (JSON) as the `PushRequest` `PushRequest.model_validate_json` gives, in
    about 70 % of its time (pydantic.ValidationError when it is not one).

    `PushRequest` fills the ids a compact push sends once into each event before validating,
    which makes pydantic build the whole body as Python objects first; here pydantic-core
    reads the JSON straight into events that may lack those ids, and each event missing one
    gets the batch's (an id sent as null, or missing with nothing to share, is refused as
    `PushRequest` refuses it). tests/sync/test_protocol_wire.py holds the two readers equal."""
    sent = _SentPush.model_validate_json(body)
    shared = [(name, getattr(sent, name)) for name in _SHARED]
    missing: list[InitErrorDetails] = []
    for index, event in enumerate(sent.events):
        values = event.__dict__
        for name, value in shared:
            if values[name] is not None:
                continue
            if value is None or name in event.model_fields_set:
                kind = "missing" if value is None else "string_type"
                missing.append({"type": kind, "loc": ("events", index, name), "input": None})
            else:
                # Completing the event pydantic has just built, before anything else sees it.
                values[name] = value
                event.model_fields_set.add(name)
    if missing:
        raise ValidationError.from_exception_data("PushRequest", missing)
    fields: dict[str, Any] = {
        name: getattr(sent, name) for name in sent.model_fields_set if name != "events"
    }
    return PushRequest.model_construct(events=list(sent.events), **fields)
