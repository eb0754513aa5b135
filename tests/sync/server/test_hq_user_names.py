"""A user name is taken once per tenant: HQ records the names tills push (UserCreated) in the
ingest transaction, `add_user` and `fluxion-hq add-user` refuse a taken one, and a clash
between two creators keeps both events and gives the name to the user created first, as the
tills do. Real uvicorn HQ, SQLite and PostgreSQL."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from importlib import resources

import pytest
import uuid6
from alembic import command
from alembic.config import Config
from sqlalchemy import func, select

from sync.protocol import HQ_DEVICE_ID
from sync.server import schema
from sync.server.cli import main
from sync.server.database import migrate, open_database
from sync.server.errors import Invalid
from sync.server.hq_directives import add_user
from sync.server.projections import UserName, claim_user_names
from sync.server.till_payloads import user_created
from tests.sync.support.hq_server import RunningHq
from tests.sync.support.wire import DeviceChain, HqHttp, enrolled_device

PIN_HASH = "scrypt$16$8$1$c2FsdA==$aGFzaA=="  # HQ only stores it; never checked here


@pytest.fixture
def http(hq: RunningHq) -> Iterator[HqHttp]:
    client = HqHttp(hq.url)
    yield client
    client.close()


def create_user(device: DeviceChain, username: str) -> str:
    """A UserCreated on `device`'s log, as the till's back office writes it (a UUIDv7 user
    id, time-ordered); the user id."""
    user_id = str(uuid6.uuid7())
    payload = user_created(user_id, username, username.title(), "cashier", PIN_HASH)
    device.write(1, event_type="UserCreated", stream_id=f"user-{user_id}", payload=payload)
    return user_id


def names(hq: RunningHq) -> list[tuple[str, ...]]:
    with hq.database.read() as conn:
        rows = conn.execute(select(schema.user_names).order_by(schema.user_names.c.username))
        return [tuple(row) for row in rows]


def counts(hq: RunningHq) -> tuple[int, int, int]:
    """Events, hq_users rows and user_names rows HQ holds."""
    with hq.database.read() as conn:
        return tuple(  # type: ignore[return-value]
            int(conn.execute(select(func.count()).select_from(table)).scalar() or 0)
            for table in (schema.events, schema.hq_users, schema.user_names)
        )


def test_a_name_a_till_created_is_refused_to_hq_and_nothing_is_written(
    hq: RunningHq, http: HqHttp, capsys, monkeypatch
):
    tenant, store = hq.tenant_and_store(store_name="Centro")
    till = enrolled_device(http, hq.enrollment_code(store), tenant, store)
    till.write(2)  # notes before: the user is not the first event of the batch
    maria = create_user(till, "maria")
    assert http.push(till.token, till.batch()).json()["accepted"] == 3
    assert names(hq) == [(tenant, "maria", maria, store, till.device_id, till.events[2].event_id)]
    before = counts(hq)

    with pytest.raises(Invalid, match=r"user name 'maria' is taken .*till of store 'Centro'"):
        add_user(hq.database, tenant, " Maria ", "María", "manager", "1357", hq.clock(),
                 pin_cost=2**4)  # fmt: skip
    monkeypatch.setattr(sys, "stdin", io.StringIO("1357\n"))
    code = main(["add-user", "--tenant", tenant, "--username", "maria", "--name", "María",
                 "--role", "manager", "--database-url", hq.database_url])  # fmt: skip
    out, err = capsys.readouterr()
    assert code != 0 and out == ""
    assert "'maria' is taken" in err and err.count("\n") == 1 and "Traceback" not in err
    assert counts(hq) == before

    # Another tenant's till never takes the name from this one's HQ.
    other, _ = hq.tenant_and_store("Otra Cadena")
    assert add_user(hq.database, other, "maria", "María", "manager", "1357", hq.clock(),
                    pin_cost=2**4)  # fmt: skip


def test_a_pushed_duplicate_changes_nothing(hq: RunningHq, http: HqHttp):
    tenant, store = hq.tenant_and_store()
    till = enrolled_device(http, hq.enrollment_code(store), tenant, store)
    create_user(till, "pedro")
    assert http.push(till.token, till.batch()).json()["accepted"] == 1
    recorded, before = names(hq), counts(hq)

    again = http.push(till.token, till.batch()).json()  # the response was lost: the same batch
    assert (again["accepted"], again["duplicates"]) == (0, 1)
    assert (names(hq), counts(hq)) == (recorded, before)
    with hq.database.write(tenant) as conn:  # the same claim recorded again: no clash, no row
        assert claim_user_names(conn, [UserName(*recorded[0])]) == []
    assert names(hq) == recorded


def test_a_clash_between_hq_and_a_till_keeps_both_events_and_the_earlier_user_holds_the_name(
    hq: RunningHq, http: HqHttp
):
    tenant, store = hq.tenant_and_store()
    till = enrolled_device(http, hq.enrollment_code(store), tenant, store)
    till_luis = create_user(till, "luis")  # offline: HQ does not know it yet
    hq_luis, hq_maria = (
        add_user(hq.database, tenant, name, name.title(), "manager", "1357", hq.clock(),
                 pin_cost=2**4)
        for name in ("luis", "maria")
    )  # fmt: skip
    till_maria = create_user(till, "maria")  # after HQ's, before the till pulled it
    jose = create_user(till, "jose")
    till.write(1)
    response = http.push(till.token, till.batch())
    assert response.status_code == 200, response.text
    assert response.json()["accepted"] == 4
    assert hq.count_events(event_type="UserCreated", tenant_id=tenant) == 5

    held = {row[1]: (row[2], row[4]) for row in names(hq)}
    assert held == {
        "luis": (till_luis, till.device_id),  # created before HQ's: it took the name over
        "maria": (hq_maria, HQ_DEVICE_ID),
        "jose": (jose, till.device_id),
    }
    assert till_luis < hq_luis < hq_maria < till_maria
    till.write(1)  # the ingest goes on
    assert http.push(till.token, till.batch(4)).json()["acked_position"] == 5


def test_two_tills_of_a_store_with_one_name_keep_both_events_and_the_first_user_holds_it(
    hq: RunningHq, http: HqHttp
):
    tenant, store = hq.tenant_and_store()
    first = enrolled_device(http, hq.enrollment_code(store), tenant, store, "Caja 1")
    second = enrolled_device(http, hq.enrollment_code(store), tenant, store, "Caja 2")
    first_ana, second_ana = create_user(first, "ana"), create_user(second, "ana")
    # The later user arrives first: the name still goes to the user created first.
    assert http.push(second.token, second.batch()).json()["accepted"] == 1
    assert [(row[2], row[4]) for row in names(hq)] == [(second_ana, second.device_id)]
    assert http.push(first.token, first.batch()).json()["accepted"] == 1
    assert [(row[2], row[4]) for row in names(hq)] == [(first_ana, first.device_id)]

    # Both are facts HQ serves: each till pulls the other's UserCreated of the same name.
    pulled = http.pull(second.token).json()["events"]
    assert [e["payload"]["user_id"] for e in pulled if e["event_type"] == "UserCreated"] == [
        first_ana
    ]
    with hq.database.write(tenant) as conn:  # claims in one call: the earlier user wins too
        later = UserName(tenant, "eva", str(uuid6.uuid7()), store, second.device_id, "e2")
        earlier_id = "00000000" + later.user_id[8:]
        earlier = UserName(tenant, "eva", earlier_id, store, first.device_id, "e1")
        assert claim_user_names(conn, [later, earlier]) == [later]
        assert claim_user_names(conn, [later]) == [later]
    assert [row[1:3] for row in names(hq)] == [("ana", first_ana), ("eva", earlier.user_id)]


def test_a_malformed_user_created_is_stored_not_projected(hq: RunningHq, http: HqHttp):
    tenant, store = hq.tenant_and_store()
    till = enrolled_device(http, hq.enrollment_code(store), tenant, store)
    till.write(1, event_type="UserCreated", payload={"user_id": "u", "username": "x" * 40})
    assert http.push(till.token, till.batch()).json()["accepted"] == 1
    assert names(hq) == [] and hq.count_events(event_type="UserCreated") == 1


def test_the_upgrade_records_the_names_of_the_user_created_events_hq_holds(hq_database_url):
    db = open_database(hq_database_url)
    try:
        config = Config()
        config.set_main_option(
            "script_location", str(resources.files("sync.server") / "migrations")
        )
        with db.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "0001_initial")
        held = [  # (device, event, payload) in ingest order
            ("dev-1", "e1", {"user_id": "u3", "username": "maria"}),
            (HQ_DEVICE_ID, "e2", {"user_id": "u2", "username": "jose"}),
            ("dev-2", "e3", {"user_id": "u1", "username": "maria"}),  # created first: it holds
            ("dev-2", "e4", {"user_id": "u4", "username": "NOT A NAME"}),
            ("dev-2", "e5", {"user_id": "u5"}),
        ]
        with db.engine.begin() as conn:
            conn.execute(schema.events.insert(), [
                {"event_id": event, "event_type": "UserCreated", "schema_version": 1,
                 "stream_id": f"user-{payload['user_id']}", "version": 1, "tenant_id": "t1",
                 "store_id": "s1", "device_id": device, "user_id": None, "occurred_at": "x",
                 "position": n, "payload": json.dumps(payload), "metadata": "{}",
                 "prev_hash": "p", "hash": "h", "received_at": "x"}
                for n, (device, event, payload) in enumerate(held, 1)
            ])  # fmt: skip
        migrate(db)
        with db.read() as conn:
            rows = conn.execute(select(schema.user_names).order_by(schema.user_names.c.username))
            assert [tuple(row) for row in rows] == [
                ("t1", "jose", "u2", "s1", HQ_DEVICE_ID, "e2"),
                ("t1", "maria", "u1", "s1", "dev-2", "e3"),
            ]
    finally:
        db.dispose()
