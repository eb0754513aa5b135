"""Log-in, lockout that survives the failing command, overrides and user administration."""

from __future__ import annotations

from pathlib import Path

import pytest

from fluxion_desktop.application.authorization import Credentials
from fluxion_desktop.application.identity import ChangeRole, CreateUser, LogIn, UnlockUser
from fluxion_desktop.domain.errors import (
    AccountLocked,
    InvalidValue,
    NotFound,
    PermissionDenied,
    WrongPin,
)
from fluxion_desktop.domain.identity import Permission, Role
from tests.support.app import Till, open_till


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


def test_the_lockout_ends_by_itself_after_fifteen_minutes(till: Till):
    for _ in range(5):
        with pytest.raises((WrongPin, AccountLocked)):
            till.services.bus.handle(LogIn(Credentials("jose", "0000")))
    till.clock.advance(minutes=16)
    assert till.services.bus.handle(LogIn(Credentials("jose", "1111"))).user_id == till.cashier


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
