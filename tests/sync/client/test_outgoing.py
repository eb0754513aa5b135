"""The push body the outbox's pre-encoded events make is exactly the protocol's PushRequest."""

from __future__ import annotations

from sync.client.outgoing import PushBatch
from sync.protocol import PushRequest
from tests.sync.client.sync_fakes import DEVICE, outgoing, own_events


def test_the_fast_body_is_the_push_request_the_protocol_builds():
    events = own_events(5)
    events[2] = events[2].model_copy(update={"user_id": None, "payload": {"n": 10**30, "ñ": "€"}})
    batch = PushBatch(DEVICE, [outgoing(e) for e in events[:3]] + [outgoing(e) for e in events[3:]],
                      pending=7)  # fmt: skip
    bare = [e.model_copy(update={"prev_hash": None, "hash": None}) for e in events]
    expected = PushRequest(device_id=DEVICE, prev_hash=events[0].prev_hash or "",
                           last_hash=events[-1].hash or "", events=bare, pending=7)  # fmt: skip

    assert batch.to_request() == expected
