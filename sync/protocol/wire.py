"""Bodies to bytes and back, as both ends put them on the wire."""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel

from sync.protocol.compression import gunzip_bytes, gzip_bytes
from sync.protocol.constants import MAX_DECOMPRESSED_BYTES

M = TypeVar("M", bound=BaseModel)


def dump_json(model: BaseModel) -> bytes:
    """Compact JSON of `model`, omitting fields that are null (every such field defaults to
    null, so the reader rebuilds the same model): a push carries no per-event hashes."""
    return model.model_dump_json(exclude_none=True).encode()


def dump_gzip(model: BaseModel) -> bytes:
    """`dump_json(model)` gzip'd: a request body sent with `Content-Encoding: gzip`."""
    return gzip_bytes(dump_json(model))


def load_body(model: type[M], body: bytes, gzipped: bool, limit: int = MAX_DECOMPRESSED_BYTES) -> M:
    """A model from a request or response body (pydantic.ValidationError when it is not one;
    BodyTooLarge / BadGzip from the gzip layer)."""
    data = gunzip_bytes(body, limit) if gzipped else body
    return model.model_validate_json(data)
