"""The wire form of sync v1 bodies: compact pushes read back as the same events, gzip limits."""

from __future__ import annotations

import gzip
import json

import pytest
from pydantic import ValidationError

from sync.protocol import (
    GENESIS_HASH,
    BodyTooLarge,
    PushRequest,
    WireEvent,
    chain_hashes,
    dump_gzip,
    dump_json,
    gunzip_bytes,
    load_body,
    load_push,
)


def _events(count: int, **overrides: object) -> list[WireEvent]:
    return [
        WireEvent.model_validate({
            "event_id": f"0192f0c4-1c2d-7abc-8def-{n:012d}", "event_type": "SaleOpened",
            "stream_id": f"sale-{n}", "version": 1, "tenant_id": "t-1", "store_id": "s-1",
            "device_id": "d-1", "occurred_at": "2026-11-25T19:31:43.123456+00:00",
            "position": n + 1, "payload": {"amount": "1.50", "big": 2**70}, **overrides,
        })
        for n in range(count)
    ]  # fmt: skip


def _request(events: list[WireEvent]) -> PushRequest:
    return PushRequest(device_id="d-1", prev_hash=GENESIS_HASH,
                       last_hash=chain_hashes(events, GENESIS_HASH)[-1], events=events)  # fmt: skip


def test_a_compact_push_sends_shared_ids_once_and_reads_back_the_same_events():
    request = _request(_events(3))
    body = dump_json(request)
    sent = json.loads(body)
    assert (sent["tenant_id"], sent["store_id"]) == ("t-1", "s-1")
    assert all("tenant_id" not in e and "device_id" not in e and "metadata" not in e
               for e in sent["events"])  # fmt: skip
    assert "prev_hash" not in sent["events"][0] and "schema_version" not in sent["events"][0]
    assert load_body(PushRequest, body, gzipped=False).events == request.events
    assert load_body(PushRequest, dump_gzip(request), gzipped=True).events == request.events


def test_an_event_naming_its_own_ids_keeps_them():
    events = _events(2)
    events[1] = events[1].model_copy(update={"store_id": "s-other"})
    read = load_body(PushRequest, dump_json(_request(events)), gzipped=False)
    assert [e.store_id for e in read.events] == ["s-1", "s-other"]


def test_floats_and_naive_times_are_refused_with_their_place_named():
    with pytest.raises(ValidationError, match=r"payload\.lines\[0\]\.qty is a float"):
        _events(1, payload={"lines": [{"qty": 1.0}]})
    with pytest.raises(ValidationError, match="UTC offset"):
        _events(1, occurred_at="2026-11-25T19:31:43.123456")


def test_gunzip_stops_at_the_limit():
    assert gunzip_bytes(gzip.compress(b"x" * 1000), limit=1000) == b"x" * 1000
    with pytest.raises(BodyTooLarge):
        gunzip_bytes(gzip.compress(b"x" * 1001), limit=1000)


def _both(body: dict[str, object]) -> tuple[object, object]:
    """What `PushRequest.model_validate_json` and `load_push` make of `body`: the model's
    JSON, or the error locations."""
    raw = json.dumps(body).encode()
    results = []
    for read in (PushRequest.model_validate_json, load_push):
        try:
            results.append(read(raw).model_dump_json())
        except ValidationError as error:
            results.append(sorted(str(e["loc"]) for e in error.errors()))
    return results[0], results[1]


def test_load_push_reads_every_body_as_the_model_does():
    events = _events(3)
    events[2] = events[2].model_copy(update={"store_id": "s-other", "metadata": {"by": "x"}})
    compact = json.loads(dump_json(_request(events)))
    full = _request(events).model_dump(mode="json")
    accepted = [compact, full, json.loads(dump_json(_request(_events(2))))]
    refused = []
    for name in ("tenant_id", "store_id"):
        bare = [{k: v for k, v in e.items() if k != name} for e in compact["events"]]
        refused.append({**compact, name: None, "events": bare})  # left out, nothing to share
        nulls = [{**e, name: None} for e in compact["events"]]
        refused.append({**compact, name: "t-1", "events": nulls})  # sent as null
    refused += [
        {**compact, "events": []},
        {**compact, "pending": -1},
        {**compact, "surprise": 1},
        {**compact, "events": [{**compact["events"][0], "payload": {"qty": 1.5}}]},
        {**compact, "events": [{**compact["events"][0], "occurred_at": "2026-11-25T19:31:43"}]},
        {**compact, "prev_hash": "nope"},
    ]
    for body in accepted:
        model, fast = _both(body)
        assert isinstance(model, str) and model == fast
    for body in refused:
        model, fast = _both(body)
        assert isinstance(model, list) and isinstance(fast, list) and model == fast, body
    read = load_push(dump_json(_request(events)))
    assert [e.model_dump() for e in read.events] == [e.model_dump() for e in events]
    assert read.events[0].model_fields_set >= {"tenant_id", "store_id", "device_id"}
