"""Log-in, lockout that survives the failing command, overrides and user administration.

PIN attempts go to this till's PIN guard ("pinguard-<user>@<device>"), never to the user's own
stream, so two tills (or a till and HQ) never write the same stream."""

from __future__ import annotations

from pathlib import Path

import pytest

from fluxion_desktop.application.authorization import Credentials
from fluxion_desktop.application.identity import ChangeRole, CreateUser, LogIn, UnlockUser
from fluxion_desktop.domain.errors import (
    AccountLocked,
    InvalidState,
    InvalidValue,
    NotFound,
    PermissionDenied,
    WrongPin,
)
from fluxion_desktop.domain.identity import Permission, Role
from tests.support.app import Till, open_till


def _guard_stream(till: Till, user_id: str, device_id: str | None = None) -> str:
    return f"pinguard-{user_id}@{device_id or till.services.identity.device_id}"


def _types(till: Till, stream_id: str) -> list[str]:
    return [e.event_type for e in till.services.store.read_stream(stream_id)]


def _fail(till: Till, username: str, times: int) -> None:
    for _ in range(times):
        with pytest.raises((WrongPin, AccountLocked)):
            till.services.bus.handle(LogIn(Credentials(username, "0000")))


@pytest.fixture
def till(tmp_path: Path) -> Till:
    till = open_till(tmp_path)
    yield till
    till.services.close()


def test_a_user_logs_in_with_the_right_pin(till: Till):
    view = till.services.bus.handle(LogIn(Credentials("JOSE", "1111")))
    assert (view.user_id, view.role) == (till.cashier, Role.CASHIER)


def test_five_wrong_pins_lock_the_user_even_though_each_command_failed(till: Till):
    bus = till.services.bus
    for left in (4, 3, 2, 1):
        with pytest.raises(WrongPin) as raised:
            bus.handle(LogIn(Credentials("jose", "0000")))
        assert raised.value.attempts_left == left
    with pytest.raises(AccountLocked):
        bus.handle(LogIn(Credentials("jose", "0000")))
    with pytest.raises(AccountLocked):
        bus.handle(LogIn(Credentials("jose", "1111")))  # even the right PIN

    till.services.bus.handle(UnlockUser(till.admin, till.cashier))
    assert bus.handle(LogIn(Credentials("jose", "1111"))).user_id == till.cashier


def test_pin_attempts_go_to_this_tills_guard_and_never_to_the_users_stream(till: Till):
    _fail(till, "jose", 5)
    till.services.bus.handle(UnlockUser(till.admin, till.cashier))
    _fail(till, "jose", 1)
    till.services.bus.handle(LogIn(Credentials("jose", "1111")))

    store, device = till.services.store, till.services.identity.device_id
    assert _types(till, f"user-{till.cashier}") == ["UserCreated"]
    guard = store.read_stream(_guard_stream(till, till.cashier))
    assert [e.event_type for e in guard] == [
        *["PinRejected"] * 5,
        "PinLockedOut",
        "PinGuardReset",
        "PinRejected",
        "PinAccepted",
    ]
    assert {e.device_id for e in guard} == {device}
    # The attempts are the cashier's; the reset is the admin's.
    assert [e.user_id for e in guard if e.event_type == "PinGuardReset"] == [till.admin]
    assert {e.user_id for e in guard if e.event_type != "PinGuardReset"} == {till.cashier}
    assert "0000" not in repr([e.payload for e in guard])


def test_a_right_pin_with_no_failures_writes_nothing(till: Till):
    before = till.services.store.last_position()

    till.services.bus.handle(LogIn(Credentials("jose", "1111")))
    till.services.identity_handlers.override(Credentials("maria", "1234"), Permission.REFUND)

    assert till.services.store.last_position() == before


def test_a_wrong_managers_pin_on_an_override_is_counted_too(till: Till):
    handlers = till.services.identity_handlers
    with pytest.raises(WrongPin) as raised:
        handlers.override(Credentials("maria", "0000"), Permission.REFUND)
    assert raised.value.attempts_left == 4

    assert _types(till, _guard_stream(till, till.manager)) == ["PinRejected"]


def test_unlocking_a_user_who_is_not_locked_is_refused_and_writes_nothing(till: Till):
    before = till.services.store.last_position()

    with pytest.raises(InvalidState) as raised:
        till.services.bus.handle(UnlockUser(till.admin, till.cashier))

    assert raised.value.field == "username"
    assert till.services.store.last_position() == before


def test_only_user_managers_unlock(till: Till):
    _fail(till, "jose", 5)

    with pytest.raises(PermissionDenied):
        till.services.bus.handle(UnlockUser(till.manager, till.cashier))

    with pytest.raises(AccountLocked):
        till.services.bus.handle(LogIn(Credentials("jose", "1111")))


def test_the_lockout_ends_by_itself_after_fifteen_minutes(till: Till):
    _fail(till, "jose", 5)
    till.clock.advance(minutes=16)
    assert till.services.bus.handle(LogIn(Credentials("jose", "1111"))).user_id == till.cashier


def test_a_lockout_survives_reopening_the_till(tmp_path: Path):
    till = open_till(tmp_path)
    try:
        _fail(till, "jose", 5)
    finally:
        till.services.close()
    reopened = open_till(tmp_path)
    try:
        with pytest.raises(AccountLocked):
            reopened.services.bus.handle(LogIn(Credentials("jose", "1111")))
    finally:
        reopened.services.close()


def test_unknown_users_and_pins_never_appear_in_errors(till: Till):
    with pytest.raises(NotFound) as raised:
        till.services.bus.handle(LogIn(Credentials("nobody", "4321")))
    assert "4321" not in str(raised.value)
    assert "4321" not in repr(Credentials("nobody", "4321"))


def test_a_managers_override_returns_the_manager_and_a_cashiers_is_refused(till: Till):
    handlers = till.services.identity_handlers
    assert handlers.override(Credentials("maria", "1234"), Permission.REFUND) == till.manager
    with pytest.raises(PermissionDenied) as raised:
        handlers.override(Credentials("jose", "1111"), Permission.REFUND)
    assert raised.value.field == "permission"


def test_only_admins_manage_users_and_usernames_are_unique(till: Till):
    bus = till.services.bus
    with pytest.raises(PermissionDenied):
        bus.handle(CreateUser(till.manager, "pedro", "Pedro", Role.CASHIER, "2222"))
    with pytest.raises(InvalidValue) as raised:
        bus.handle(CreateUser(till.admin, "Maria", "Otra María", Role.CASHIER, "2222"))
    assert raised.value.field == "username"
    with pytest.raises(InvalidValue) as raised:
        bus.handle(CreateUser(None, "first", "First", Role.ADMIN, "2222"))
    assert raised.value.field == "by"
    bus.handle(ChangeRole(till.admin, till.cashier, Role.SUPERVISOR))
    assert till.services.queries.users.get(till.cashier).role is Role.SUPERVISOR


# -- two tills ----------------------------------------------------------------------------------


def _exchange(source: Till, target: Till, after: int = 0) -> int:
    """Copy `source`'s own events after `after` into `target` (what sync does); the last copied."""
    own = [
        e
        for e in source.services.store.read_all(after, limit=100_000)
        if e.device_id == source.services.identity.device_id
    ]
    target.services.store.import_remote(own)
    return own[-1].position if own else after


def test_two_tills_count_one_users_wrong_pins_in_their_own_streams(tmp_path: Path):
    a = open_till(tmp_path / "a")
    b = open_till(tmp_path / "b")
    try:
        mark_a = _exchange(a, b)  # A's users reach B: both tills now know A's José
        mark_b = b.services.store.last_position()  # B's own users stay home (other ids)
        jose = a.cashier
        assert b.services.queries.users.by_username("jose").user_id == jose
        device_a, device_b = a.services.identity.device_id, b.services.identity.device_id

        _fail(a, "jose", 4)  # one short of a lockout on A
        _fail(b, "jose", 5)  # locked out on B

        mark_a = _exchange(a, b, mark_a)  # a conflict would raise InvalidEvent here
        mark_b = _exchange(b, a, mark_b)

        for till in (a, b):
            assert _types(till, f"user-{jose}") == ["UserCreated"]
            assert _types(till, _guard_stream(till, jose, device_a)) == ["PinRejected"] * 4
            assert _types(till, _guard_stream(till, jose, device_b)) == [
                *["PinRejected"] * 5,
                "PinLockedOut",
            ]
            assert till.services.store.verify().ok
            assert till.services.projections.check() == []
        # Each till's lockout is its own: B's does not lock José out on A, and the counts never add.
        assert a.services.bus.handle(LogIn(Credentials("jose", "1111"))).user_id == jose
        with pytest.raises(AccountLocked):
            b.services.bus.handle(LogIn(Credentials("jose", "1111")))
        # A manager unlocks José on B; that, too, stays in B's guard and merges cleanly.
        b_admin = b.services.queries.users.by_username("admin").user_id
        b.services.bus.handle(UnlockUser(b_admin, jose))
        assert b.services.bus.handle(LogIn(Credentials("jose", "1111"))).user_id == jose

        _exchange(a, b, mark_a)
        _exchange(b, a, mark_b)
        for till in (a, b):
            assert _types(till, _guard_stream(till, jose, device_a))[-1] == "PinAccepted"
            # After a reset there is nothing for the right PIN to clear.
            assert _types(till, _guard_stream(till, jose, device_b))[-2:] == [
                "PinLockedOut",
                "PinGuardReset",
            ]
            assert till.services.store.verify().ok
    finally:
        a.services.close()
        b.services.close()
