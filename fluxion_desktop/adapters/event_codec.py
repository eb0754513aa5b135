"""Canonical encoding, validation and hashing of event envelopes.

The hash chain covers the exact bytes stored: a canonical JSON header (every envelope field but the
payload and metadata), then the canonical payload and metadata texts, then the previous hash. Any
changed byte of a stored event therefore breaks its hash.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from fluxion_desktop.application.event_store import InvalidEvent, NewEvent, StoredEvent

GENESIS_HASH = "0" * 64


def canonical_json(value: Any) -> str:
    """Deterministic JSON: sorted keys, no spaces, UTF-8 kept, NaN refused."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


def utc_text(moment: datetime, field: str = "occurred_at") -> str:
    if not isinstance(moment, datetime):
        raise InvalidEvent(f"{field} must be a datetime", field)
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise InvalidEvent(f"{field} must be timezone-aware (UTC), got a naive datetime", field)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def check_json(value: Any, path: str) -> None:
    """Refuse floats (money must be Decimal strings) and anything JSON cannot carry, by path."""
    if value is None or isinstance(value, bool | int | str):
        return
    if isinstance(value, float):
        raise InvalidEvent(f"{path} is a float; money and quantities are decimal strings", path)
    if isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(key, str):
                raise InvalidEvent(f"{path} has a non-string key {key!r}", path)
            check_json(item, f"{path}.{key}")
        return
    if isinstance(value, list | tuple):
        for index, item in enumerate(value):
            check_json(item, f"{path}[{index}]")
        return
    raise InvalidEvent(f"{path} holds a {type(value).__name__}, which JSON cannot carry", path)


def validate(event: NewEvent, is_known_type: Callable[[str], bool]) -> None:
    """Raise `InvalidEvent` naming the first bad field of `event`."""
    if not isinstance(event.event_id, UUID):
        raise InvalidEvent("event_id must be a UUID", "event_id")
    if not event.event_type or not is_known_type(event.event_type):
        raise InvalidEvent(f"unknown event type {event.event_type!r}", "event_type")
    if not isinstance(event.schema_version, int) or event.schema_version < 1:
        raise InvalidEvent("schema_version must be a positive integer", "schema_version")
    for name in ("tenant_id", "store_id", "device_id"):
        value = getattr(event, name)
        if not isinstance(value, str) or not value.strip():
            raise InvalidEvent(f"{name} is missing", name)
    if event.user_id is not None and not isinstance(event.user_id, str):
        raise InvalidEvent("user_id must be a string or None", "user_id")
    utc_text(event.occurred_at)
    if not isinstance(event.payload, Mapping):
        raise InvalidEvent("payload must be a JSON object", "payload")
    check_json(event.payload, "payload")
    if not isinstance(event.metadata, Mapping):
        raise InvalidEvent("metadata must be a JSON object", "metadata")
    check_json(event.metadata, "metadata")


def header_text(row: Mapping[str, Any]) -> str:
    return canonical_json(
        {
            "event_id": row["event_id"],
            "event_type": row["event_type"],
            "schema_version": row["schema_version"],
            "stream_id": row["stream_id"],
            "version": row["version"],
            "tenant_id": row["tenant_id"],
            "store_id": row["store_id"],
            "device_id": row["device_id"],
            "user_id": row["user_id"],
            "occurred_at": row["occurred_at"],
        }
    )


def chain_hash(row: Mapping[str, Any], prev_hash: str) -> str:
    """SHA-256 over the canonical header, payload and metadata texts and the previous hash."""
    digest = hashlib.sha256()
    digest.update(header_text(row).encode())
    digest.update(b"\n")
    digest.update(row["payload"].encode())
    digest.update(b"\n")
    digest.update(row["metadata"].encode())
    digest.update(b"\n")
    digest.update(prev_hash.encode())
    return digest.hexdigest()


def to_row(event: NewEvent, stream_id: str, version: int, position: int) -> dict[str, Any]:
    """The stored row of a validated new event, without its hashes."""
    return {
        "position": position,
        "event_id": str(event.event_id),
        "event_type": event.event_type,
        "schema_version": event.schema_version,
        "stream_id": stream_id,
        "version": version,
        "tenant_id": event.tenant_id,
        "store_id": event.store_id,
        "device_id": event.device_id,
        "user_id": event.user_id,
        "occurred_at": utc_text(event.occurred_at),
        "payload": canonical_json(dict(event.payload)),
        "metadata": canonical_json(dict(event.metadata)),
        "origin": "local",
    }


COLUMNS = (
    "position, event_id, event_type, schema_version, stream_id, version, tenant_id, store_id, "
    "device_id, user_id, occurred_at, payload, metadata, prev_hash, hash, origin"
)


def from_row(row: tuple[Any, ...]) -> StoredEvent:
    """A StoredEvent from a row selected in `COLUMNS` order."""
    return StoredEvent(
        position=row[0],
        event_id=UUID(row[1]),
        event_type=row[2],
        schema_version=row[3],
        stream_id=row[4],
        version=row[5],
        tenant_id=row[6],
        store_id=row[7],
        device_id=row[8],
        user_id=row[9],
        occurred_at=datetime.fromisoformat(row[10]),
        payload=json.loads(row[11]),
        metadata=json.loads(row[12]),
        prev_hash=row[13],
        hash=row[14],
        origin=row[15],
    )


def row_of(event: StoredEvent) -> dict[str, Any]:
    """The stored row of an event read back, for re-hashing (verify, HQ ingest)."""
    return {
        "event_id": str(event.event_id),
        "event_type": event.event_type,
        "schema_version": event.schema_version,
        "stream_id": event.stream_id,
        "version": event.version,
        "tenant_id": event.tenant_id,
        "store_id": event.store_id,
        "device_id": event.device_id,
        "user_id": event.user_id,
        "occurred_at": utc_text(event.occurred_at),
        "payload": canonical_json(dict(event.payload)),
        "metadata": canonical_json(dict(event.metadata)),
    }
