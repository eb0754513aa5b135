"""The till's sync adapters on a real SQLite till: marks, outbox, inbox (page + cursor in one
transaction), and where the token goes."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import pytest

from fluxion_desktop.adapters.sync.inbox import SqliteInbox, from_wire
from fluxion_desktop.adapters.sync.outbox import SqliteOutbox
from fluxion_desktop.adapters.sync.session import read_status
from fluxion_desktop.adapters.sync.state_store import SqliteSyncState
from fluxion_desktop.adapters.sync.token_store import FILE_FALLBACK, KEYRING, TokenStore
from sync.client.errors import PullRefused
from sync.client.outgoing import OwnEvent, PushBatch
from sync.protocol import GENESIS_HASH, WireEvent, chain_hash
from tests.support.app import Till, open_till
from tests.sync.support.till_events import ring_up_sales


@pytest.fixture
def till(tmp_path: Path) -> Till:
    till = open_till(tmp_path / "a")
    yield till
    till.services.close()


@pytest.fixture
def other(tmp_path: Path) -> Till:
    till = open_till(tmp_path / "b")
    ring_up_sales(till, 2)
    yield till
    till.services.close()


def test_the_outbox_gives_own_events_with_hashes_hq_can_recompute(till: Till):
    ring_up_sales(till, 2)
    outbox = SqliteOutbox(till.services.store)

    events = own_wire(till)

    assert len(events) == till.services.store.count(own_only=True)
    assert [e.position for e in events] == sorted(e.position for e in events)
    prev = GENESIS_HASH
    for event in events:
        assert event.prev_hash == prev
        prev = chain_hash(event, prev)  # sync.protocol's own chain, byte for byte the till's
        assert event.hash == prev
    assert outbox.last_own_position() == events[-1].position
    assert outbox.own_hash_at(events[3].position) == events[3].hash
    assert outbox.pending_after(events[3].position) == len(events) - 4


def test_the_outbox_skips_pulled_events(till: Till, other: Till):
    own_before = SqliteOutbox(till.services.store).own_events_after(0, 1000)
    theirs = own_wire(other)
    SqliteInbox(till.services.store).apply(theirs, next_cursor=len(theirs))
    # Both tills made a 'maria'; the one created first holds the name on both from now on.
    maria = till.services.queries.users.by_username("maria")
    assert maria is not None and maria.user_id in (till.manager, other.manager)
    till.manager = maria.user_id
    for number in range(5):
        till.product(f"EXTRA-{number}", f"Extra {number}", "1.00")
    outbox = SqliteOutbox(till.services.store)

    after = own_wire(till, own_before[-1].position, 5)

    assert len(after) == 5
    written_here = {str(e.event_id) for e in till.services.store.read_all(0, 10_000)
                    if e.device_id == till.services.identity.device_id}  # fmt: skip
    assert {e.event_id for e in after} <= written_here
    assert after[0].position > own_before[-1].position + len(theirs)
    assert outbox.own_hash_at(own_before[-1].position + 1) is None  # a pulled event's place


def test_a_pulled_page_and_its_cursor_commit_together(till: Till, other: Till):
    theirs = own_wire(other)
    inbox, state = SqliteInbox(till.services.store), SqliteSyncState(till.services.engine)

    assert inbox.apply(theirs[:10], next_cursor=10) == 10
    assert inbox.apply(theirs[:12], next_cursor=12) == 2  # a page again: only the new ones
    assert state.marks().pull_cursor == 12

    tampered = theirs[12].model_copy(update={"payload": {"forged": "yes"}})
    with pytest.raises(PullRefused, match="does not match its hash"):
        inbox.apply([*theirs[12:14], tampered], next_cursor=99)

    assert state.marks().pull_cursor == 12  # nothing of the refused page, not even the cursor
    assert till.services.store.count() == SqliteOutbox(till.services.store).pending_after(0) + 12


def test_a_page_a_read_model_cannot_take_is_refused_whole(till: Till):
    bogus = WireEvent(
        event_id="00000000-0000-4000-8000-00000000b0b0", event_type="ProductCreated",
        stream_id="product-bogus", version=1, tenant_id="tenant-a", store_id="", device_id="hq",
        occurred_at="2026-11-25T12:00:00.000000+00:00", position=1, payload={"sku": "X"},
    )  # fmt: skip
    bogus = bogus.model_copy(update={"prev_hash": GENESIS_HASH,
                                     "hash": chain_hash(bogus, GENESIS_HASH)})  # fmt: skip
    before = till.services.store.last_position()

    with pytest.raises(PullRefused, match="read models"):
        SqliteInbox(till.services.store).apply([bogus], next_cursor=5)

    assert till.services.store.last_position() == before
    assert SqliteSyncState(till.services.engine).marks().pull_cursor == 0


def test_an_empty_page_still_moves_the_cursor(till: Till):
    SqliteInbox(till.services.store).apply([], next_cursor=41)

    assert SqliteSyncState(till.services.engine).marks().pull_cursor == 41


def test_a_pulled_time_in_another_form_is_refused_by_name(other: Till):
    event = own_wire(other, 0, 1)[0]
    reformatted = event.model_copy(update={"occurred_at": event.occurred_at.replace("+00:00", "Z")})

    with pytest.raises(PullRefused, match="occurred_at"):
        from_wire(reformatted)


def test_marks_and_status_survive_a_restart(tmp_path: Path, till: Till):
    ring_up_sales(till, 1)
    state = SqliteSyncState(till.services.engine)
    state.set_hq_url("http://hq.example")
    position = SqliteOutbox(till.services.store).own_events_after(0, 3)[-1].position
    state.record_acked(position, "a" * 64)
    state.record_error(till.clock.now(), "HQ unreachable")
    till.services.close()

    reopened = open_till(tmp_path / "a")
    saved = SqliteSyncState(reopened.services.engine).load()
    tokens = TokenStore(tmp_path / "a", reopened.services.identity.device_id, FakeKeyring())
    status = read_status(SqliteSyncState(reopened.services.engine),
                         SqliteOutbox(reopened.services.store), tokens, online=False)  # fmt: skip
    reopened.services.close()

    assert (saved.hq_url, saved.marks.acked_position, saved.marks.acked_hash) == (
        "http://hq.example", position, "a" * 64)  # fmt: skip
    assert status.last_error == "HQ unreachable" and not status.enrolled
    assert status.pending == reopened.services.status().pending_push > 0


def test_without_a_keyring_the_token_goes_to_a_private_file_after_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
):
    from keyring.backends import fail

    tokens = TokenStore(tmp_path, "device-1", fail.Keyring())
    with caplog.at_level(logging.WARNING):
        tokens.save("s3cret-token")

    path = tmp_path / "sync_token"
    assert tokens.storage == FILE_FALLBACK
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert any("no usable OS keyring" in r.getMessage() and r.levelno == logging.WARNING
               for r in caplog.records)  # fmt: skip
    assert TokenStore(tmp_path, "device-1", fail.Keyring()).load() == "s3cret-token"


def test_an_empty_chainer_counts_as_no_keyring(tmp_path: Path):
    from keyring.backends import chainer

    empty = chainer.ChainerBackend()
    empty.__dict__["backends"] = []

    assert TokenStore(tmp_path, "d", empty).storage == FILE_FALLBACK


def test_with_a_keyring_no_file_is_written(tmp_path: Path):
    keyring = FakeKeyring()
    tokens = TokenStore(tmp_path, "device-1", keyring)

    tokens.save("s3cret-token")

    assert tokens.storage == KEYRING
    assert keyring.secrets == {("fluxion-pos", "device-token:device-1"): "s3cret-token"}
    assert not (tmp_path / "sync_token").exists()
    assert TokenStore(tmp_path, "device-1", keyring).load() == "s3cret-token"


def pulled(event: OwnEvent, device_id: str) -> WireEvent:
    """An own event of one till as another would pull it from HQ (with its hashes)."""
    wire = PushBatch(device_id, [event], 0).to_request().events[0]
    return wire.model_copy(update={"prev_hash": event.prev_hash, "hash": event.hash})


def own_wire(till: Till, after: int = 0, limit: int = 1000) -> list[WireEvent]:
    """`till`'s own events after `after`, as HQ would serve them to another till."""
    device = till.services.identity.device_id
    outbox = SqliteOutbox(till.services.store)
    return [pulled(e, device) for e in outbox.own_events_after(after, limit)]


class FakeKeyring:
    """The OS keyring is outside our code (like a printer): a dict stands in for it."""

    def __init__(self) -> None:
        self.secrets: dict[tuple[str, str], str] = {}

    def set_password(self, service: str, user: str, secret: str) -> None:
        self.secrets[(service, user)] = secret

    def get_password(self, service: str, user: str) -> str | None:
        return self.secrets.get((service, user))

    def delete_password(self, service: str, user: str) -> None:
        self.secrets.pop((service, user), None)
