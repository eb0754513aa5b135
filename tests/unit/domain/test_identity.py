"""Users, roles, manager overrides and PIN hashing (PIN attempts and lockout: test_pin_guard)."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

import pytest

from fluxion_desktop.application.event_registry import EventRegistry
from fluxion_desktop.domain.errors import DomainError, InvalidState, InvalidType, InvalidValue
from fluxion_desktop.domain.events import DomainEvent
from fluxion_desktop.domain.identity import (
    EVENT_TYPES,
    LEGACY_EVENT_TYPES,
    ROLE_PERMISSIONS,
    ManagerOverride,
    Permission,
    Role,
    User,
    UserCreated,
    UserDeactivated,
    UserLockedOut,
    UserPinAccepted,
    UserPinChanged,
    UserPinRejected,
    UserRoleChanged,
    UserUnlocked,
)
from fluxion_desktop.domain.pin import PinHasher, check_pin_policy, is_pin_hash

HASHER = PinHasher(n=2**4)  # cheap parameters: the format and logic are what is under test
PIN = "4821"


def new_user(role: Role = Role.CASHIER, pin: str = PIN) -> User:
    user = User.create("u-1", "Maria.Perez", "María Pérez", role, HASHER.hash(pin))
    user.mark_committed()
    return user


def registry() -> EventRegistry:
    reg = EventRegistry()
    reg.register_all(EVENT_TYPES)
    return reg


# -- creation ---------------------------------------------------------------------------------


def test_create_records_the_user_with_a_lower_case_username() -> None:
    pin_hash = HASHER.hash(PIN)
    user = User.create("u-1", "  Maria.Perez ", "María Pérez", "supervisor", pin_hash)

    assert user.pending_events == (
        UserCreated("u-1", "maria.perez", "María Pérez", Role.SUPERVISOR, pin_hash),
    )
    assert (user.username, user.role, user.active, user.pin_hash) == (
        "maria.perez",
        Role.SUPERVISOR,
        True,
        pin_hash,
    )


@pytest.mark.parametrize(
    ("kwargs", "error", "field"),
    [
        ({"user_id": " "}, InvalidValue, "user_id"),
        ({"username": ""}, InvalidValue, "username"),
        ({"username": "maria perez"}, InvalidValue, "username"),
        ({"username": "x" * 33}, InvalidValue, "username"),
        ({"username": 7}, InvalidType, "username"),
        ({"display_name": "  "}, InvalidValue, "display_name"),
        ({"role": "owner"}, InvalidValue, "role"),
    ],
)
def test_create_refuses_bad_input(
    kwargs: dict[str, object], error: type[DomainError], field: str
) -> None:
    args: dict[str, object] = {
        "user_id": "u-1",
        "username": "maria",
        "display_name": "María",
        "role": Role.CASHIER,
        "pin_hash": HASHER.hash(PIN),
        **kwargs,
    }
    with pytest.raises(error) as caught:
        User.create(**args)  # type: ignore[arg-type]

    assert caught.value.field == field


@pytest.mark.parametrize("not_a_hash", ["4821", "scrypt$16$8$1$abc", "bcrypt$x", ""])
def test_a_plain_pin_is_never_accepted_as_a_hash(not_a_hash: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        User.create("u-1", "maria", "María", Role.CASHIER, not_a_hash)

    assert caught.value.field == "pin_hash"
    assert "4821" not in str(caught.value)


# -- roles, permissions, overrides ---------------------------------------------------------------


def test_role_permissions() -> None:
    P = Permission
    assert ROLE_PERMISSIONS[Role.CASHIER] == {P.SELL, P.VOID_LINE, P.CLOSE_SHIFT}
    assert ROLE_PERMISSIONS[Role.SUPERVISOR] == {
        P.SELL,
        P.VOID_LINE,
        P.CLOSE_SHIFT,
        P.PRICE_OVERRIDE,
        P.DISCOUNT_ABOVE_THRESHOLD,
        P.REFUND,
        P.CASH_IN_OUT,
        P.ALLOW_NEGATIVE_STOCK,
        P.VIEW_REPORTS,
    }
    assert ROLE_PERMISSIONS[Role.MANAGER] == set(P) - {P.MANAGE_USERS}
    assert ROLE_PERMISSIONS[Role.ADMIN] == set(P)
    assert len(P) == 14


@pytest.mark.parametrize(
    ("role", "permission", "allowed"),
    [
        (Role.CASHIER, Permission.SELL, True),
        (Role.CASHIER, Permission.PRICE_OVERRIDE, False),
        (Role.CASHIER, Permission.CASH_IN_OUT, False),
        (Role.SUPERVISOR, Permission.REFUND, True),
        (Role.SUPERVISOR, Permission.MANAGE_STOCK, False),
        (Role.MANAGER, Permission.MANAGE_SETTINGS, True),
        (Role.MANAGER, Permission.MANAGE_USERS, False),
        (Role.ADMIN, Permission.MANAGE_USERS, True),
    ],
)
def test_can(role: Role, permission: Permission, allowed: bool) -> None:
    assert new_user(role).can(permission) is allowed


def test_change_role() -> None:
    user = new_user()

    user.change_role(Role.SUPERVISOR, by="admin-1")

    assert user.pending_events == (UserRoleChanged(role=Role.SUPERVISOR, by="admin-1"),)
    assert user.can(Permission.REFUND)


def test_changing_to_the_same_role_is_refused() -> None:
    with pytest.raises(InvalidValue) as caught:
        new_user().change_role(Role.CASHIER, by="admin-1")

    assert caught.value.field == "role"


def test_change_role_needs_who_did_it() -> None:
    with pytest.raises(InvalidValue) as caught:
        new_user().change_role(Role.MANAGER, by=" ")

    assert caught.value.field == "by"


def test_change_pin() -> None:
    user = new_user()
    new_hash = HASHER.hash("135790")

    user.change_pin(new_hash)

    assert user.pending_events == (UserPinChanged(pin_hash=new_hash),)
    assert user.pin_hash == new_hash
    assert HASHER.verify("135790", user.pin_hash)
    assert not HASHER.verify(PIN, user.pin_hash)


def test_change_pin_refuses_a_plain_pin() -> None:
    with pytest.raises(InvalidValue) as caught:
        new_user().change_pin("135790")

    assert caught.value.field == "pin_hash"


def test_a_deactivated_user_cannot_do_anything() -> None:
    user = new_user(Role.ADMIN)
    user.deactivate(by="admin-2")
    assert user.pending_events == (UserDeactivated(by="admin-2"),)
    assert not user.can(Permission.SELL)

    for attempt in (
        user.require_active,
        lambda: user.change_role(Role.CASHIER, by="admin-2"),
        lambda: user.change_pin(HASHER.hash(PIN)),
        lambda: user.deactivate(by="admin-2"),
    ):
        with pytest.raises(InvalidState) as caught:
            attempt()
        assert caught.value.field == "username"


# -- event sourcing ------------------------------------------------------------------------------


def a_busy_history() -> User:
    user = User.create("u-1", "jose", "José", Role.CASHIER, HASHER.hash(PIN))
    user.change_role(Role.SUPERVISOR, by="admin-1")
    user.change_pin(HASHER.hash("2468"))
    user.deactivate(by="admin-1")
    return user


def test_replay_equals_live() -> None:
    live = a_busy_history()

    replayed = User.replay("u-1", live.pending_events)

    assert replayed.snapshot_state() == live.snapshot_state()
    assert replayed.version == len(live.pending_events)
    assert {type(event) for event in live.pending_events} == set(EVENT_TYPES) - set(
        LEGACY_EVENT_TYPES
    )


def test_snapshot_and_restore_equal_replay() -> None:
    user = a_busy_history()
    restored = User("u-1")

    restored.restore_state(user.snapshot_state())

    assert restored.snapshot_state() == user.snapshot_state()
    assert restored.snapshot_state() == {
        "username": "jose",
        "display_name": "José",
        "role": "supervisor",
        "pin_hash": user.pin_hash,
        "active": False,
    }


def test_a_snapshot_from_before_the_pin_guard_still_restores() -> None:
    pin_hash = HASHER.hash(PIN)
    old = {
        "username": "jose",
        "display_name": "José",
        "role": "cashier",
        "pin_hash": pin_hash,
        "active": True,
        "failed_attempts": 3,
        "locked_until": "2026-11-25T12:15:00+00:00",
    }
    user = User("u-1")

    user.restore_state(old)

    assert (user.username, user.role, user.pin_hash, user.active) == (
        "jose",
        Role.CASHIER,
        pin_hash,
        True,
    )


def legacy_history() -> list[DomainEvent]:
    """A user stream as tills wrote it before PIN attempts moved to the PIN guard."""
    return [
        UserCreated("u-1", "jose", "José", Role.CASHIER, HASHER.hash(PIN)),
        *(UserPinRejected(attempts=n) for n in range(1, 6)),
        UserLockedOut(until=datetime(2026, 11, 25, 12, 15, tzinfo=UTC)),
        UserUnlocked(by="manager-1"),
        UserPinRejected(attempts=1),
        UserPinAccepted(),
        UserRoleChanged(role=Role.SUPERVISOR, by="admin-1"),
    ]


def test_legacy_pin_events_still_replay_and_change_nothing() -> None:
    user = User.replay("u-1", legacy_history())

    assert user.version == 11
    assert (user.username, user.role, user.active) == ("jose", Role.SUPERVISOR, True)
    assert set(LEGACY_EVENT_TYPES) == {
        UserPinRejected,
        UserPinAccepted,
        UserLockedOut,
        UserUnlocked,
    }
    assert set(LEGACY_EVENT_TYPES) <= set(EVENT_TYPES)


def test_every_event_round_trips_through_the_registry() -> None:
    events: list[DomainEvent] = [*a_busy_history().pending_events, *legacy_history()]
    reg = registry()
    assert {type(event) for event in events} == set(EVENT_TYPES)

    for event in events:
        payload = reg.to_payload(event)
        assert reg.from_payload(event.event_type, event.schema_version, payload) == event


def test_a_manager_override_round_trips_inside_another_event() -> None:
    from dataclasses import dataclass

    @dataclass(frozen=True, slots=True)
    class PriceOverridden(DomainEvent):
        event_type = "PriceOverriddenForTest"
        override_by: ManagerOverride

    reg = EventRegistry()
    reg.register(PriceOverridden)
    event = PriceOverridden(ManagerOverride("u-9", Permission.PRICE_OVERRIDE))

    payload = reg.to_payload(event)

    assert payload == {"override_by": {"user_id": "u-9", "permission": "price_override"}}
    assert reg.from_payload(event.event_type, 1, payload) == event


# -- PIN policy and hashing ----------------------------------------------------------------------


@pytest.mark.parametrize("pin", ["1234", "00000000", "987654"])
def test_pin_policy_accepts_four_to_eight_digits(pin: str) -> None:
    assert check_pin_policy(pin) == pin


@pytest.mark.parametrize("pin", ["123", "123456789", "12a4", " 1234", "", "١٢٣٤", "12.4"])
def test_pin_policy_refuses_anything_else(pin: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        HASHER.hash(pin)

    assert caught.value.field == "pin"
    assert pin not in str(caught.value) or not pin


def test_a_pin_must_be_text() -> None:
    with pytest.raises(InvalidType) as caught:
        check_pin_policy(1234)

    assert caught.value.field == "pin"


def test_hash_format_names_its_parameters() -> None:
    stored = PinHasher(n=2**4, r=4, p=2).hash("4821")

    scheme, n, r, p, salt, digest = stored.split("$")
    assert (scheme, n, r, p) == ("scrypt", "16", "4", "2")
    assert len(base64.b64decode(salt)) == 16
    assert len(base64.b64decode(digest)) == 32
    assert is_pin_hash(stored)


def test_the_same_pin_hashes_differently_twice_and_both_verify() -> None:
    first, second = HASHER.hash(PIN), HASHER.hash(PIN)

    assert first != second
    assert HASHER.verify(PIN, first) and HASHER.verify(PIN, second)
    assert not HASHER.verify("4822", first)


def test_verify_reads_the_parameters_from_the_stored_hash() -> None:
    stored = PinHasher(n=2**5, r=2).hash(PIN)

    assert HASHER.verify(PIN, stored)
    assert PinHasher().verify(PIN, stored)


def test_production_parameters() -> None:
    hasher = PinHasher()

    stored = hasher.hash(PIN)

    assert (hasher.n, hasher.r, hasher.p) == (2**14, 8, 1)
    assert stored.startswith("scrypt$16384$8$1$")
    assert hasher.verify(PIN, stored)


def test_a_pin_outside_the_policy_simply_does_not_match() -> None:
    assert not HASHER.verify("12", HASHER.hash(PIN))


@pytest.mark.parametrize(
    "stored",
    [
        "4821",
        "scrypt$16$8$1$!!!$AAAA",
        "scrypt$15$8$1$AAAA$AAAA",  # n not a power of two
        "scrypt$1073741824$8$1$AAAA$AAAA",  # n far too large to be ours
        "scrypt$16$8$1$$AAAA",
    ],
)
def test_a_malformed_stored_hash_is_an_error_not_a_wrong_pin(stored: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        HASHER.verify(PIN, stored)

    assert caught.value.field == "pin_hash"


@pytest.mark.parametrize(
    ("n", "r", "p", "field"),
    [(15, 8, 1, "n"), (1, 8, 1, "n"), (2**21, 8, 1, "n"), (16, 0, 1, "r"), (16, 8, 0, "p")],
)
def test_hasher_parameters_are_checked(n: int, r: int, p: int, field: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        PinHasher(n=n, r=r, p=p)

    assert caught.value.field == field
