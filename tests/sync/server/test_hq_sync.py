"""The HQ sync API against a real uvicorn server, on SQLite and on PostgreSQL alike."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from sync.protocol import GENESIS_HASH, PushRequest
from sync.server import schema
from sync.server.credentials import digest
from tests.sync.support.hq_server import RunningHq
from tests.sync.support.wire import DeviceChain, HqHttp, enrolled_device


@pytest.fixture
def http(hq: RunningHq) -> Iterator[HqHttp]:
    client = HqHttp(hq.url)
    yield client
    client.close()


@pytest.fixture
def till(hq: RunningHq, http: HqHttp) -> DeviceChain:
    tenant, store = hq.tenant_and_store()
    return enrolled_device(http, hq.enrollment_code(store), tenant, store)


def test_a_code_enrols_one_device_once_and_hq_keeps_only_the_tokens_hash(hq, http):
    tenant, store = hq.tenant_and_store()
    code = hq.enrollment_code(store)
    first = http.enroll(code.lower(), "dev-1")  # typed in lower case: still the code
    assert first.status_code == 200, first.text
    body = first.json()
    assert (body["tenant_id"], body["store_id"], body["device_id"]) == (tenant, store, "dev-1")
    assert len(body["token"]) >= 43  # 256 random bits, url-safe
    again = http.enroll(code, "dev-2")
    assert again.status_code == 401 and again.json()["error"] == "unauthorized"
    assert http.enroll("NOPE-NOPE-NOPE-NOPE", "dev-3").status_code == 401
    with hq.database.read() as conn:
        hashes = conn.execute(select(schema.device_tokens.c.token_hash)).scalars().all()
    assert hashes == [digest(body["token"])]
    assert http.status(body["token"]).json()["acked_position"] == 0


def test_re_enrolling_keeps_the_chain_and_revokes_the_old_token_another_store_is_409(hq, http):
    tenant, store = hq.tenant_and_store()
    device = enrolled_device(http, hq.enrollment_code(store), tenant, store)
    device.write(2)
    assert http.push(device.token, device.batch()).status_code == 200
    again = http.enroll(hq.enrollment_code(store), device.device_id)
    assert again.status_code == 200
    assert http.status(device.token).status_code == 401  # the old token is revoked
    assert http.status(again.json()["token"]).json()["acked_position"] == 2
    response = http.enroll(hq.enrollment_code(hq.store(tenant)), device.device_id)
    assert response.status_code == 409 and response.json()["error"] == "device_taken"


def test_push_stores_the_batch_and_acks_the_last_position(hq, http, till):
    till.write(3)
    till.write(2, gap=4)  # positions 8, 9: pulled events took 4..7 on the till
    response = http.push(till.token, till.batch())
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["acked_position"] == 9 and body["last_hash"] == till.hashes[-1]
    assert (body["accepted"], body["duplicates"], body["conflicts"], body["rejected"]) == (
        5,
        0,
        [],
        [],
    )
    assert hq.count_events(device_id=till.device_id) == 5
    status = http.status(till.token).json()
    assert (status["acked_position"], status["last_hash"]) == (9, till.hashes[-1])


def test_a_retry_a_resent_half_and_plain_json_never_duplicate(hq, http, till):
    till.write(6)
    assert http.push(till.token, till.batch(0, 4)).json()["acked_position"] == 4
    retry = http.push(till.token, till.batch(0, 4)).json()  # the response was lost: same batch
    assert (retry["accepted"], retry["duplicates"], retry["acked_position"]) == (0, 4, 4)
    overlap = http.push(till.token, till.batch(2, 6), gzip=False).json()  # half known, half new
    assert (overlap["accepted"], overlap["duplicates"], overlap["acked_position"]) == (2, 2, 6)
    assert hq.count_events(device_id=till.device_id) == 6


def test_same_id_other_content_is_rejected_and_a_taken_version_is_a_conflict(hq, http, till):
    other = enrolled_device(http, hq.enrollment_code(till.store_id), till.tenant_id, till.store_id)
    shared = other.write(1, stream_id="settings-store")[0]
    assert http.push(other.token, other.batch()).status_code == 200
    till.write(1)
    till.write(1, stream_id="settings-store")  # version 1 of a stream the other device wrote
    till.write(1, event_id=shared.event_id)  # an id HQ holds with other content
    till.write(1)
    body = http.push(till.token, till.batch()).json()
    assert body["accepted"] == 2 and body["acked_position"] == 4
    assert [c["event_id"] for c in body["conflicts"]] == [till.events[1].event_id]
    assert [r["event_id"] for r in body["rejected"]] == [shared.event_id]
    assert hq.count_events(device_id=till.device_id) == 2
    # Recorded, and the queue moves on: the next batch continues the chain.
    till.write(1)
    assert http.push(till.token, till.batch(4)).json()["acked_position"] == 5
    with hq.database.read() as conn:
        kinds = conn.execute(
            select(schema.quarantine.c.kind).order_by(schema.quarantine.c.position)
        )
        assert kinds.scalars().all() == ["conflict", "rejected"]


def test_a_fork_is_409_and_nothing_is_stored(hq, http, till):
    till.write(4)
    assert http.push(till.token, till.batch(0, 2)).status_code == 200
    restored = DeviceChain(till.tenant_id, till.store_id, till.device_id, till.token)
    restored.write(3)  # the same device restored from an old backup wrote other events
    response = http.push(restored.token, restored.batch(1))  # prev_hash is not what HQ holds
    assert response.status_code == 409
    body = response.json()
    assert body["error"] == "chain_fork" and body["acked_position"] == 2
    assert body["last_hash"] == till.hashes[1]
    overlap = http.push(restored.token, restored.batch(0))  # from genesis: differs at position 1
    assert overlap.status_code == 409
    gap = http.push(till.token, till.batch(3))  # skipping position 3
    assert gap.status_code == 409
    assert hq.count_events(device_id=till.device_id) == 2


def test_a_batch_that_does_not_hash_to_last_hash_is_refused(hq, http, till):
    till.write(3)
    bad = till.batch().model_copy(update={"last_hash": "f" * 64})
    response = http.push(till.token, bad)
    assert response.status_code == 422 and response.json()["error"] == "chain_mismatch"
    assert hq.count_events() == 0


def test_malformed_batches_are_422_and_nothing_is_stored(hq, http, till):
    till.write(501)
    raw = till.batch(0, 500).model_dump(mode="json")  # the model itself caps a batch at 500
    raw["events"].append(till.events[500].model_dump(mode="json"))
    raw["last_hash"] = till.hashes[500]
    response = http.http.post("/v1/sync/push", json=raw, headers=_headers(till.token))
    assert response.status_code == 422 and response.json()["error"] == "invalid"
    raw = till.batch(0, 2).model_dump(mode="json")
    raw["events"][0]["payload"] = {"amount": 1.5}
    response = http.http.post("/v1/sync/push", json=raw, headers=_headers(till.token))
    assert response.status_code == 422 and "float" in response.json()["detail"]
    raw = till.batch(0, 2).model_dump(mode="json")
    raw["events"].reverse()
    assert (
        http.http.post("/v1/sync/push", json=raw, headers=_headers(till.token)).status_code == 422
    )
    assert hq.count_events() == 0


def test_a_body_that_is_not_a_push_is_422_naming_what_is_wrong(hq, http, till):
    till.write(2)
    push = "/v1/sync/push"
    not_json = http.http.post(push, content=b'{"events": [', headers=_headers(till.token))
    assert not_json.status_code == 422 and not_json.json()["error"] == "invalid"
    raw = till.batch().model_dump(mode="json")
    del raw["events"][1]["stream_id"]
    missing = http.http.post(push, json=raw, headers=_headers(till.token))
    assert missing.status_code == 422 and "events.1.stream_id" in missing.json()["detail"]
    # The token is checked before the body is read: a stranger learns nothing about it.
    stranger = http.http.post(push, content=b"[", headers=_headers("x" * 43))
    assert stranger.status_code == 401
    assert hq.count_events() == 0


def _headers(token: str) -> dict[str, str]:
    return {"X-Fluxion-Protocol": "1", "Authorization": f"Bearer {token}"}


def test_unknown_wrong_and_revoked_tokens_are_401_and_nothing_is_stored(hq, http, till):
    till.write(2)
    assert http.push("x" * 43, till.batch()).status_code == 401
    assert http.get("/v1/sync/pull").status_code == 401  # no Authorization header at all
    hq.revoke(till.device_id)
    for response in (
        http.push(till.token, till.batch()),
        http.pull(till.token),
        http.status(till.token),
    ):
        assert response.status_code == 401 and response.json()["error"] == "unauthorized"
    assert hq.count_events() == 0


@pytest.mark.parametrize("field", ["tenant_id", "store_id", "device_id"])
def test_events_forged_for_another_tenant_store_or_device_are_403(hq, http, till, field):
    other_tenant, other_store = hq.tenant_and_store("Otra cadena")
    victim = {"tenant_id": other_tenant, "store_id": other_store, "device_id": "someone-else"}[
        field
    ]
    till.write(1)
    till.write(1, **{field: victim})
    response = http.push(till.token, till.batch())
    assert response.status_code == 403 and response.json()["error"] == "forbidden"
    assert hq.count_events() == 0


def test_a_batch_in_another_devices_name_is_403(hq, http, till):
    other = enrolled_device(http, hq.enrollment_code(till.store_id), till.tenant_id, till.store_id)
    other.write(2)
    assert http.push(till.token, other.batch()).status_code == 403
    assert hq.count_events() == 0


def test_the_protocol_header_is_required(hq, http, till):
    response = http.http.get("/v1/sync/status", headers={"Authorization": f"Bearer {till.token}"})
    assert response.status_code == 400 and response.json()["error"] == "unsupported_protocol"
    response = http.http.get(
        "/v1/sync/status", headers={**_headers(till.token), "X-Fluxion-Protocol": "2"}
    )
    assert response.status_code == 400


def test_bodies_over_the_limits_are_413(hq, http, till):
    import gzip

    headers = {**_headers(till.token), "Content-Type": "application/json"}
    huge = b" " * (8 * 1024 * 1024 + 1)
    assert http.http.post("/v1/sync/push", content=huge, headers=headers).status_code == 413
    bomb = gzip.compress(b" " * (33 * 1024 * 1024))  # 32 KiB on the wire, 33 MiB inflated
    response = http.http.post(
        "/v1/sync/push", content=bomb, headers={**headers, "Content-Encoding": "gzip"}
    )
    assert response.status_code == 413 and response.json()["error"] == "payload_too_large"
    response = http.http.post(
        "/v1/sync/push", content=b"not gzip", headers={**headers, "Content-Encoding": "gzip"}
    )
    assert response.status_code == 400
    assert hq.count_events() == 0


def test_health_and_metrics(hq, http, till):
    till.write(3)
    http.push(till.token, till.batch().model_copy(update={"pending": 7}))
    http.push("nope", till.batch())
    assert http.get("/health").json()["status"] == "ok"
    text = http.get("/metrics").text
    assert 'fluxion_hq_events_ingested_total{outcome="accepted"} 3' in text
    assert "fluxion_hq_devices_lagging 1" in text
    assert 'fluxion_hq_errors_total{code="unauthorized"} 1' in text


def test_push_request_model_refuses_more_than_500_events():
    chain = DeviceChain("t", "s")
    chain.write(501)
    with pytest.raises(ValueError):
        PushRequest(
            device_id=chain.device_id,
            prev_hash=GENESIS_HASH,
            last_hash=chain.hashes[-1],
            events=chain.events,
        )
