"""The push body the outbox's pre-encoded events make is exactly the protocol's PushRequest,
in its compact form (shared ids once, defaults left out)."""

from __future__ import annotations

import orjson

from sync.client.outgoing import PushBatch
from sync.protocol import PushRequest, WireEvent
from tests.sync.client.sync_fakes import DEVICE, outgoing, own_events


def _expected(events: list[WireEvent], pending: int, **shared: str) -> PushRequest:
    bare = [e.model_copy(update={"prev_hash": None, "hash": None}) for e in events]
    return PushRequest(device_id=DEVICE, prev_hash=events[0].prev_hash or "",
                       last_hash=events[-1].hash or "", events=bare, pending=pending,
                       **shared)  # fmt: skip


def test_the_fast_body_is_the_push_request_the_protocol_builds():
    events = own_events(5)
    events[2] = events[2].model_copy(update={"user_id": None, "payload": {"n": 10**30, "ñ": "€"},
                                             "metadata": {"correlation_id": "c-1"}})  # fmt: skip
    batch = PushBatch(DEVICE, [outgoing(e) for e in events], pending=7)

    assert batch.to_request() == _expected(events, 7, tenant_id="tenant-a", store_id="store-1")
    sent = orjson.loads(batch.body())
    assert (sent["tenant_id"], sent["store_id"]) == ("tenant-a", "store-1")
    assert all("tenant_id" not in e and "device_id" not in e for e in sent["events"])
    assert "user_id" not in sent["events"][2] and "metadata" not in sent["events"][0]
    assert "schema_version" not in sent["events"][0]


def test_events_of_different_stores_carry_their_own_ids():
    events = own_events(3)
    events[1] = events[1].model_copy(update={"store_id": "store-2"})
    batch = PushBatch(DEVICE, [outgoing(e) for e in events], pending=0)

    assert batch.to_request() == _expected(events, 0)
    assert "store_id" not in orjson.loads(batch.body())
