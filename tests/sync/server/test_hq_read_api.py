"""The staff read API over a real till's events: consolidated stock and daily sales counted
exactly once, the store summary with lag, and tenant isolation."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from importlib import resources
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, text

from sync.protocol import GENESIS_HASH, PushRequest
from sync.server.database import migrate
from tests.support.app import open_till
from tests.sync.support.hq_server import RunningHq
from tests.sync.support.till_events import ring_up_sales, stored_rows, wire_event
from tests.sync.support.wire import HqHttp


@pytest.fixture
def http(hq: RunningHq) -> Iterator[HqHttp]:
    client = HqHttp(hq.url)
    yield client
    client.close()


def test_stock_and_daily_sales_of_a_real_till_count_each_event_once(hq, http, tmp_path: Path):
    tenant, store = hq.tenant_and_store()
    till = open_till(tmp_path / "till", tenant=tenant, store=store)
    try:
        ring_up_sales(till, 3)
        device_id = till.services.identity.device_id
        product = till.services.queries.catalog.by_sku("CAF-1")
        till_stock = till.services.queries.stock.level(product.product_id).current
    finally:
        till.services.close()
    rows = stored_rows(tmp_path / "till" / "fluxion.db")
    events = [wire_event(row, with_hashes=False) for row in rows]
    token = http.enroll(hq.enrollment_code(store), device_id).json()["token"]
    half = len(events) // 2
    first = PushRequest(
        device_id=device_id,
        prev_hash=GENESIS_HASH,
        last_hash=rows[half - 1]["hash"],
        events=events[:half],
        pending=len(events) - half,
    )
    assert http.push(token, first).json()["acked_position"] == rows[half - 1]["position"]
    everything = PushRequest(
        device_id=device_id,
        prev_hash=GENESIS_HASH,
        last_hash=rows[-1]["hash"],
        events=events,
        pending=0,
    )
    again = http.push(token, everything).json()  # overlaps the first half: counted once
    assert (again["accepted"], again["duplicates"]) == (len(events) - half, half)
    http.push(token, everything)

    staff = hq.staff_token(tenant)
    stock = http.get(f"/v1/stores/{store}/stock", staff).json()
    assert [(i["product_id"], Decimal(i["quantity"])) for i in stock["items"]] == [
        (product.product_id, till_stock)
    ]
    assert till_stock == Decimal(100 - 1 - 2 - 3)
    sales = [json.loads(r["payload"]) for r in rows if r["event_type"] == "SaleCompleted"]
    expected = sum(Decimal(s["totals"]["reference"]["total"]["amount"]) for s in sales)
    days = http.get(f"/v1/stores/{store}/daily-sales", staff).json()["days"]
    assert [(d["currency"], d["sales"], Decimal(d["total"])) for d in days] == [
        ("USD", 3, expected)
    ]
    assert days[0]["day"] == sales[0]["completed_at"][:10]

    summary = http.get(f"/v1/stores/{store}/summary", staff).json()
    assert summary["events"] == len(events)
    [device] = summary["devices"]
    assert (device["device_id"], device["acked_position"], device["lag_events"]) == (
        device_id,
        rows[-1]["position"],
        0,
    )
    assert device["last_seen"] is not None


def test_lag_is_what_the_device_reported_and_for_how_long(hq, http, tmp_path: Path):
    from tests.sync.support.wire import enrolled_device

    tenant, store = hq.tenant_and_store()
    device = enrolled_device(http, hq.enrollment_code(store), tenant, store)
    device.write(2)
    http.push(device.token, device.batch().model_copy(update={"pending": 40}))
    hq.clock.advance(timedelta(minutes=5))
    [row] = http.get(f"/v1/stores/{store}/summary", hq.staff_token(tenant)).json()["devices"]
    assert row["lag_events"] == 40 and 299 <= row["lag_seconds"] <= 310


def test_staff_read_only_their_tenants_stores_and_devices_cannot_read_at_all(hq, http):
    from tests.sync.support.wire import enrolled_device

    tenant, store = hq.tenant_and_store()
    other_tenant, other_store = hq.tenant_and_store("Competencia")
    staff = hq.staff_token(tenant)
    for path in ("summary", "stock", "daily-sales"):
        assert http.get(f"/v1/stores/{store}/{path}", staff).status_code == 200
        refused = http.get(f"/v1/stores/{other_store}/{path}", staff)
        assert refused.status_code == 403 and refused.json()["error"] == "forbidden"
        assert http.get(f"/v1/stores/no-such-store/{path}", staff).status_code == 403
        assert http.get(f"/v1/stores/{store}/{path}", "not-a-token").status_code == 401
    device = enrolled_device(http, hq.enrollment_code(store), tenant, store)
    assert http.get(f"/v1/stores/{store}/summary", device.token).status_code == 403
    assert http.status(staff).status_code == 403  # a staff token is not a device token
    assert (
        http.get(f"/v1/stores/{other_store}/summary", hq.staff_token(other_tenant)).status_code
        == 200
    )


def test_a_sale_at_night_in_caracas_counts_on_that_day_at_hq_as_on_the_till(
    hq, http, tmp_path: Path
):
    tenant, store = hq.tenant_and_store()
    till = open_till(tmp_path / "till", tenant=tenant, store=store)
    try:
        # 01:30 UTC on the 26th is 21:30 on the 25th in Caracas: still the 25th's business day.
        till.clock.current = datetime(2026, 11, 26, 1, 30, tzinfo=UTC)
        ring_up_sales(till, 2)
        device_id = till.services.identity.device_id
        on_till = till.services.queries.sales.daily_sales(date(2026, 11, 25), date(2026, 11, 26))
    finally:
        till.services.close()
    rows = stored_rows(tmp_path / "till" / "fluxion.db")
    token = http.enroll(hq.enrollment_code(store), device_id).json()["token"]
    events = [wire_event(r, with_hashes=False) for r in rows]
    push = PushRequest(device_id=device_id, prev_hash=GENESIS_HASH, last_hash=rows[-1]["hash"],
                       events=events, pending=0)  # fmt: skip
    http.push(token, push)

    days = http.get(f"/v1/stores/{store}/daily-sales", hq.staff_token(tenant)).json()["days"]
    assert [(d["day"], d["sales"]) for d in days] == [("2026-11-25", 2)]
    assert on_till, "the till's own report has the sales"
    assert {row.day for row in on_till} == {date(2026, 11, 25)}

    # An HQ upgraded from the version that counted UTC days counts its past sales again.
    with hq.database.engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0002_user_names")
    assert _days(hq) == [("2026-11-26", 2)]  # as that version had them
    migrate(hq.database)
    assert _days(hq) == [("2026-11-25", 2)]


def _alembic_config(conn: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(resources.files("sync.server") / "migrations"))
    config.attributes["connection"] = conn
    return config


def _days(hq: RunningHq) -> list[tuple[str, int]]:
    with hq.database.engine.connect() as conn:
        rows = conn.execute(text("SELECT day, sales FROM daily_sales ORDER BY day")).all()
    return [(str(day), int(sales)) for day, sales in rows]
