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

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import orjson

from sync.protocol import PushRequest
from sync.protocol.compression import gzip_bytes


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


def own_event(
    event_id: str,
    event_type: str,
    schema_version: int,
    stream_id: str,
    version: int,
    tenant_id: str,
    store_id: str,
    user_id: str | None,
    occurred_at: str,
    position: int,
    payload_json: str,
    metadata_json: str,
    prev_hash: str,
    hash_: str,
) -> OwnEvent:
    """An own event from its stored fields, in the order the outbox selects them. Payload and
    metadata are the stored JSON object texts, spliced into the wire JSON verbatim (they are
    what the hash chain covers). Fields at their defaults (schema_version 1, no user, empty
    metadata) are left out, as PushRequest reads them back so."""
    fields: dict[str, Any] = {"event_id": event_id, "event_type": event_type,
                              "stream_id": stream_id, "version": version,
                              "occurred_at": occurred_at, "position": position}  # fmt: skip
    if schema_version != 1:
        fields["schema_version"] = schema_version
    if user_id is not None:
        fields["user_id"] = user_id
    parts = [orjson.dumps(fields)[:-1], b',"payload":', payload_json.encode()]
    if metadata_json != "{}":
        parts += (b',"metadata":', metadata_json.encode())
    parts.append(b"}")
    return OwnEvent(position, event_id, prev_hash, hash_, tenant_id, store_id, b"".join(parts))


# gzip levels: the usual trickle of a few events goes at the smallest size; a backlog (more
# events waiting behind this batch) at level 6, which costs a third of level 9's CPU for ~5 %
# more bytes, so a long drain is not held back by compression on a fast line.
TRICKLE_GZIP_LEVEL = 9
BACKLOG_GZIP_LEVEL = 6


@dataclass(frozen=True)
class PushBatch:
    """A push: own events in position order, chained from `prev_hash` to `last_hash`;
    `pending` own events wait behind it."""

    device_id: str
    events: Sequence[OwnEvent]
    pending: int

    @cached_property
    def gzipped(self) -> bytes:
        """`body()` gzip'd, made once (the sync loop makes the next one while HQ works)."""
        level = BACKLOG_GZIP_LEVEL if self.pending else TRICKLE_GZIP_LEVEL
        return gzip_bytes(self.body(), level)

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
