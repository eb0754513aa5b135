"""Look-ups before the ingest lock can go stale under a concurrent writer: the unique index
catches it and the batch is done again with the look-ups under the lock."""

from __future__ import annotations

from datetime import UTC, datetime

from sync.server import ingest
from sync.server.auth import DeviceCaller
from tests.sync.support.wire import DeviceChain


def test_a_stale_look_up_is_redone_under_the_lock(hq, monkeypatch):
    tenant, store = hq.tenant_and_store()
    first = DeviceChain(tenant, store, "till-a")
    second = DeviceChain(tenant, store, "till-b")
    for chain in (first, second):
        from sync.protocol import EnrollRequest
        from sync.server.auth import enroll

        enroll(hq.database, EnrollRequest(code=hq.enrollment_code(store), device_id=chain.device_id,
                                          device_name="Caja"), datetime.now(UTC))  # fmt: skip
    first.write(1, stream_id="settings-store")
    second.write(1, stream_id="settings-store")  # the same stream version: a conflict
    second.write(1)
    now = datetime.now(UTC)
    ingest.push(hq.database, DeviceCaller("till-a", tenant, store, None), first.batch(), now)

    real = ingest._look_up
    calls: list[int] = []

    def stale_then_real(conn, tenant_id, rows):
        calls.append(len(rows))
        if len(calls) == 1:  # as if looked up just before till-a's batch committed
            return ingest._Found({}, set())
        return real(conn, tenant_id, rows)

    monkeypatch.setattr(ingest, "_look_up", stale_then_real)
    response = ingest.push(
        hq.database, DeviceCaller("till-b", tenant, store, None), second.batch(), now
    )
    assert len(calls) == 2
    assert [c.event_id for c in response.conflicts] == [second.events[0].event_id]
    assert (response.accepted, response.acked_position) == (1, 2)
    assert hq.count_events(device_id="till-b") == 1
