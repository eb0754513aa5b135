"""Pull: what a device receives (scoping), the cursor, and no skipped event under concurrent
ingest; on SQLite and PostgreSQL alike."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from sync.protocol import HQ_DEVICE_ID, chain_hash
from sync.server import hq_directives
from tests.sync.support.hq_server import RunningHq
from tests.sync.support.wire import DeviceChain, HqHttp, enrolled_device


@pytest.fixture
def http(hq: RunningHq) -> Iterator[HqHttp]:
    client = HqHttp(hq.url)
    yield client
    client.close()


def _pull_all(
    http: HqHttp, token: str, cursor: int = 0, limit: int = 500
) -> tuple[list[dict], int]:
    events: list[dict] = []
    while True:
        body = http.pull(token, cursor, limit).json()
        events.extend(body["events"])
        assert body["next_cursor"] >= cursor
        cursor = body["next_cursor"]
        if not body["has_more"]:
            return events, cursor


def test_a_device_pulls_its_stores_other_devices_and_hqs_events_only(hq, http):
    tenant, store = hq.tenant_and_store()
    other_store = hq.store(tenant)
    stranger_tenant, stranger_store = hq.tenant_and_store("Otra cadena")
    me = enrolled_device(http, hq.enrollment_code(store), tenant, store, "Caja 1")
    neighbour = enrolled_device(http, hq.enrollment_code(store), tenant, store, "Caja 2")
    elsewhere = enrolled_device(http, hq.enrollment_code(other_store), tenant, other_store)
    stranger = enrolled_device(
        http, hq.enrollment_code(stranger_store), stranger_tenant, stranger_store
    )
    for device in (me, neighbour, elsewhere, stranger):
        device.write(3)
        assert http.push(device.token, device.batch()).status_code == 200
    everywhere = hq_directives.set_rate(hq.database, tenant, "36.50", hq.clock())
    mine = hq_directives.set_rate(hq.database, tenant, "36.60", hq.clock(), store_id=store)
    hq_directives.set_rate(hq.database, tenant, "40.00", hq.clock(), store_id=other_store)
    hq_directives.set_rate(hq.database, stranger_tenant, "41.00", hq.clock())

    events, cursor = _pull_all(http, me.token)
    ids = [e["event_id"] for e in events]
    assert ids == [e.event_id for e in neighbour.events] + [everywhere, mine]
    status = http.status(me.token).json()
    assert cursor == status["pull_high_water"]
    # Every pulled event carries its hashes, and they chain as its writer's chain.
    for event in events:
        assert chain_hash(event, event["prev_hash"]) == event["hash"]
    hq_events = [e for e in events if e["device_id"] == HQ_DEVICE_ID]
    assert [e["position"] for e in hq_events] == [1, 2]  # HQ's chain for the tenant
    assert hq_events[1]["prev_hash"] == hq_events[0]["hash"]
    # Nothing new: an empty page at the same cursor.
    body = http.pull(me.token, cursor).json()
    assert (body["events"], body["next_cursor"], body["has_more"]) == ([], cursor, False)


def test_the_cursor_pages_without_gaps_or_repeats(hq, http):
    tenant, store = hq.tenant_and_store()
    me = enrolled_device(http, hq.enrollment_code(store), tenant, store)
    neighbour = enrolled_device(http, hq.enrollment_code(store), tenant, store)
    neighbour.write(23)
    http.push(neighbour.token, neighbour.batch())
    pages = []
    cursor = 0
    while True:
        body = http.pull(me.token, cursor, limit=5).json()
        pages.append(len(body["events"]))
        cursor = body["next_cursor"]
        if not body["has_more"]:
            break
    assert pages == [5, 5, 5, 5, 3]
    big = http.pull(me.token, 0, limit=20)  # over 1 KiB: gzip'd, as httpx accepts by default
    assert big.headers["content-encoding"] == "gzip" and len(big.json()["events"]) == 20
    events, _ = _pull_all(http, me.token, 0, limit=7)
    assert [e["event_id"] for e in events] == [e.event_id for e in neighbour.events]
    assert http.pull(me.token, 0, limit=1001).status_code == 422
    assert http.pull(me.token, -1).status_code == 422


@pytest.mark.slow
def test_concurrent_ingest_never_lets_a_pull_skip_an_event(hq, http):
    """Four tills push small batches at once while a fifth pulls as fast as it can: whatever
    order the commits land in, the reader's cursor never passes an event it has not received.
    (Checked: with the per-tenant ingest lock removed, this fails on PostgreSQL.)"""
    tenant, store = hq.tenant_and_store()
    reader = enrolled_device(http, hq.enrollment_code(store), tenant, store, "Lectora")
    writers = [
        enrolled_device(http, hq.enrollment_code(store), tenant, store, f"Caja {n}")
        for n in range(4)
    ]
    batches, size = 60, 5
    for writer in writers:
        writer.write(batches * size)
    done = threading.Event()
    failures: list[str] = []

    def push_all(writer: DeviceChain) -> None:
        client = HqHttp(hq.url)
        try:
            for n in range(batches):
                response = client.push(writer.token, writer.batch(n * size, (n + 1) * size))
                if response.status_code != 200:
                    failures.append(response.text)
        finally:
            client.close()

    threads = [threading.Thread(target=push_all, args=(w,)) for w in writers]
    for thread in threads:
        thread.start()
    seen: list[str] = []
    cursor = 0
    watcher = threading.Thread(target=lambda: ([t.join() for t in threads], done.set()))
    watcher.start()
    while True:
        finished = done.is_set()
        events, cursor = _pull_all(http, reader.token, cursor, limit=40)
        seen.extend(e["event_id"] for e in events)
        if finished:
            break
    watcher.join()
    assert failures == []
    expected = {e.event_id for w in writers for e in w.events}
    assert len(seen) == len(set(seen)) == len(expected)
    assert set(seen) == expected
