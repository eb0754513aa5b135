"""Bodies to bytes and back, as both ends put them on the wire."""

from __future__ import annotations

import json
from typing import TypeVar

from pydantic import BaseModel

from sync.protocol.compression import gunzip_bytes, gzip_bytes
from sync.protocol.constants import MAX_DECOMPRESSED_BYTES
from sync.protocol.models import PushRequest

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
