"""The per-device hash chain, byte for byte as the till computes it.

hash = sha256(header_text + "\\n" + canonical_json(payload) + "\\n" + canonical_json(metadata)
              + "\\n" + prev_hash).hexdigest(); the first event of a chain has prev_hash
GENESIS_HASH. header_text is the canonical JSON of the ten header fields (sorted keys).
This module imports nothing of the desktop app; tests/sync/test_chain_matches_till.py checks it
against hashes a real till stored.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from hashlib import sha256
from typing import TYPE_CHECKING, Any, Final

import orjson

if TYPE_CHECKING:
    from sync.protocol.models import WireEvent

GENESIS_HASH: Final = "0" * 64

HEADER_FIELDS: Final = (
    "device_id",
    "event_id",
    "event_type",
    "occurred_at",
    "schema_version",
    "store_id",
    "stream_id",
    "tenant_id",
    "user_id",
    "version",
)

_stdlib_canonical = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
).encode


def canonical_json(value: Any) -> str:
    """json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
    allow_nan=False). orjson gives the same text faster; integers beyond 64 bits and other
    values it refuses go through the standard library."""
    try:
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()
    except (orjson.JSONEncodeError, TypeError):
        return _stdlib_canonical(value)


def header_text(fields: Mapping[str, Any]) -> str:
    """Canonical JSON of the envelope's header fields (`HEADER_FIELDS`, keys sorted)."""
    return canonical_json(
        {
            "device_id": fields["device_id"],
            "event_id": fields["event_id"],
            "event_type": fields["event_type"],
            "occurred_at": fields["occurred_at"],
            "schema_version": int(fields["schema_version"]),
            "store_id": fields["store_id"],
            "stream_id": fields["stream_id"],
            "tenant_id": fields["tenant_id"],
            "user_id": fields["user_id"],
            "version": int(fields["version"]),
        }
    )


def _json_text(value: Any) -> str:
    # A payload or metadata is always a JSON object; a str here is its canonical text already
    # (as a database row holds it).
    return value if isinstance(value, str) else canonical_json(value)


def chain_hash(event: WireEvent | Mapping[str, Any], prev_hash: str) -> str:
    """The hash of `event` chained after `prev_hash`.

    `event` is a `WireEvent` or a mapping with the header fields plus `payload` and `metadata`
    (JSON objects, or their canonical text as stored)."""
    fields: Mapping[str, Any] = event if isinstance(event, Mapping) else event.header()
    payload = event["payload"] if isinstance(event, Mapping) else event.payload
    metadata = event["metadata"] if isinstance(event, Mapping) else event.metadata
    return chain_hash_of_texts(
        header_text(fields), _json_text(payload), _json_text(metadata), prev_hash
    )


def chain_hash_of_texts(header: str, payload: str, metadata: str, prev_hash: str) -> str:
    """The chain hash from an event's canonical texts (`header_text`, payload, metadata)."""
    return sha256(f"{header}\n{payload}\n{metadata}\n{prev_hash}".encode()).hexdigest()


def chain_hashes(events: Iterable[WireEvent | Mapping[str, Any]], prev_hash: str) -> list[str]:
    """The hash of each event of a chain segment starting after `prev_hash`."""
    hashes = []
    for event in events:
        prev_hash = chain_hash(event, prev_hash)
        hashes.append(prev_hash)
    return hashes
