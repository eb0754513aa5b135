"""A batch goes in without look-ups first; when the unique index finds an event id or stream
version HQ already holds (a conflict, a repeat, a concurrent writer's row), the transaction
rolls back and the batch is done again with the look-ups under the lock."""

from __future__ import annotations

from datetime import UTC, datetime

from sync.protocol import EnrollRequest
from sync.server import ingest
from sync.server.auth import DeviceCaller, enroll
from tests.sync.support.wire import DeviceChain


def test_a_held_stream_version_is_sorted_out_by_the_second_pass(hq, monkeypatch):
    tenant, store = hq.tenant_and_store()
    first = DeviceChain(tenant, store, "till-a")
    second = DeviceChain(tenant, store, "till-b")
    for chain in (first, second):
        enroll(hq.database, EnrollRequest(code=hq.enrollment_code(store), device_id=chain.device_id,
                                          device_name="Caja"), datetime.now(UTC))  # fmt: skip
    first.write(1, stream_id="settings-store")
    second.write(1, stream_id="settings-store")  # the same stream version: a conflict
    second.write(1)
    now = datetime.now(UTC)
    real = ingest._look_up
    calls: list[int] = []

    def counted(conn, tenant_id, events):
        calls.append(len(events))
        return real(conn, tenant_id, events)

    monkeypatch.setattr(ingest, "_look_up", counted)
    ingest.push(hq.database, DeviceCaller("till-a", tenant, store, None), first.batch(), now)
    assert calls == []  # nothing held: stored on the first pass, no look-ups
    response = ingest.push(
        hq.database, DeviceCaller("till-b", tenant, store, None), second.batch(), now
    )
    assert calls == [2]
    assert [c.event_id for c in response.conflicts] == [second.events[0].event_id]
    assert (response.accepted, response.acked_position) == (1, 2)
    assert hq.count_events(device_id="till-b") == 1
