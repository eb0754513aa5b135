"""Own events on their way to HQ, encoded once, and the push body built from them.

A till that was offline for days holds 100,000 events; building a pydantic model per event to
serialise it again costs more than HQ's whole ingest. So the outbox hands out each event already
encoded as its `WireEvent` JSON (without hashes, as a push carries it, with the payload and
metadata texts spliced in exactly as stored), and `PushBatch.body()` joins them into the bytes of
a `PushRequest` in the protocol's compact form: the device, tenant and store ids the events share
are sent once, and fields at their defaults (schema_version 1, user_id null, empty metadata) are
left out. tests/sync/client/test_outgoing.py checks the result parses as the protocol's
`PushRequest` and equals the model built field by field.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import orjson

from sync.protocol import PushRequest


@dataclass(frozen=True, slots=True)
class OwnEvent:
    """One own event: where it sits in the device's chain, and its wire JSON without hashes
    and without the ids a push sends once (device_id, tenant_id, store_id)."""

    position: int
    event_id: str
    prev_hash: str
    hash: str
    tenant_id: str
    store_id: str
    wire_json: bytes


# Left out of the wire JSON when they hold these values: PushRequest reads them back as such.
_DEFAULTS = (("schema_version", 1), ("user_id", None))
_SHARED = frozenset({"device_id", "tenant_id", "store_id"})


def own_event(
    header: Mapping[str, Any], payload_json: str, metadata_json: str, prev_hash: str, hash_: str
) -> OwnEvent:
    """An own event from its stored fields. `header` holds the envelope fields (event_id,
    event_type, schema_version, stream_id, version, tenant_id, store_id, device_id, user_id,
    occurred_at, position); payload and metadata are the stored JSON object texts, spliced
    into the wire JSON verbatim (they are what the hash chain covers)."""
    fields = {k: v for k, v in header.items() if k not in _SHARED}
    for name, default in _DEFAULTS:
        if fields.get(name, default) == default:
            fields.pop(name, None)
    parts = [orjson.dumps(fields)[:-1], b',"payload":', payload_json.encode()]
    if metadata_json != "{}":
        parts += (b',"metadata":', metadata_json.encode())
    parts.append(b"}")
    return OwnEvent(int(header["position"]), str(header["event_id"]), prev_hash, hash_,
                    str(header["tenant_id"]), str(header["store_id"]), b"".join(parts))  # fmt: skip


@dataclass(frozen=True, slots=True)
class PushBatch:
    """A push: own events in position order, chained from `prev_hash` to `last_hash`."""

    device_id: str
    events: Sequence[OwnEvent]
    pending: int

    @property
    def prev_hash(self) -> str:
        return self.events[0].prev_hash

    @property
    def last_hash(self) -> str:
        return self.events[-1].hash

    def body(self) -> bytes:
        """The JSON bytes of the `PushRequest`, in the protocol's compact form."""
        first = self.events[0]
        shared = all(e.tenant_id == first.tenant_id and e.store_id == first.store_id
                     for e in self.events)  # fmt: skip
        head: dict[str, Any] = {"device_id": self.device_id, "prev_hash": self.prev_hash,
                                "last_hash": self.last_hash, "pending": self.pending}  # fmt: skip
        if shared:
            head.update(tenant_id=first.tenant_id, store_id=first.store_id)
            events = b",".join(e.wire_json for e in self.events)
        else:  # never for one till's events; kept exact all the same
            events = b",".join(_with_ids(e) for e in self.events)
        return b"".join((orjson.dumps(head)[:-1], b',"events":[', events, b"]}"))

    def to_request(self) -> PushRequest:
        """The same push as the protocol's model (validated): for fakes and checks."""
        return PushRequest.model_validate_json(self.body())


def _with_ids(event: OwnEvent) -> bytes:
    ids = orjson.dumps({"tenant_id": event.tenant_id, "store_id": event.store_id})
    return ids[:-1] + b"," + event.wire_json[1:]
