"""Own events on their way to HQ, encoded once, and the push body built from them.

A till that was offline for days holds 100,000 events; building a pydantic model per event to
serialise it again costs more than HQ's whole ingest. So the outbox hands out each event already
encoded as its `WireEvent` JSON (without hashes, as a push carries it, with the payload and
metadata texts spliced in exactly as stored), and `PushBatch.body()` joins them into the bytes of
a `PushRequest`. tests/sync/client/test_outgoing.py checks the result parses as the protocol's
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
    """One own event: where it sits in the device's chain, and its wire JSON (no hashes)."""

    position: int
    event_id: str
    prev_hash: str
    hash: str
    wire_json: bytes


def encode_wire_event(header: Mapping[str, Any], payload_json: str, metadata_json: str) -> bytes:
    """The JSON of a WireEvent without hashes. `header` holds the envelope fields (event_id,
    event_type, schema_version, stream_id, version, tenant_id, store_id, device_id, user_id,
    occurred_at, position); payload and metadata are JSON object texts, spliced in verbatim."""
    head = orjson.dumps(header)
    return b"".join((head[:-1], b',"payload":', payload_json.encode(),
                     b',"metadata":', metadata_json.encode(), b"}"))  # fmt: skip


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
        """The JSON bytes of the `PushRequest`."""
        head = orjson.dumps({"device_id": self.device_id, "prev_hash": self.prev_hash,
                             "last_hash": self.last_hash, "pending": self.pending})  # fmt: skip
        events = b",".join(e.wire_json for e in self.events)
        return b"".join((head[:-1], b',"events":[', events, b"]}"))

    def to_request(self) -> PushRequest:
        """The same push as the protocol's model (validated): for fakes and checks."""
        return PushRequest.model_validate_json(self.body())
