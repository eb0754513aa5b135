"""PIN checks on one till: wrong PINs counted toward a lockout, overrides, the manager's reset."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from fluxion_desktop.application.event_registry import EventRegistry
from fluxion_desktop.domain.errors import (
    AccountLocked,
    DomainError,
    InvalidState,
    InvalidType,
    InvalidValue,
    PermissionDenied,
    WrongPin,
)
from fluxion_desktop.domain.events import DomainEvent
from fluxion_desktop.domain.identity import ManagerOverride, Permission, Role, User
from fluxion_desktop.domain.pin import PinHasher
from fluxion_desktop.domain.pin_guard import (
    EVENT_TYPES,
    LOCKOUT,
    MAX_PIN_ATTEMPTS,
    PinAccepted,
    PinGuard,
    PinGuardReset,
    PinLockedOut,
    PinRejected,
    guard_id,
)

HASHER = PinHasher(n=2**4)  # cheap parameters: the lockout logic is what is under test
NOON = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
PIN = "4821"
WRONG = "0000"
TILL = "till-7"


class CountingHasher(PinHasher):
    """A real hasher that remembers how often it was asked to verify."""

    def __init__(self) -> None:
        super().__init__(n=2**4)
        self.verifications = 0

    def verify(self, pin: str, stored: str) -> bool:
        self.verifications += 1
        return super().verify(pin, stored)


def new_user(role: Role = Role.CASHIER, pin: str = PIN) -> User:
    user = User.create("u-1", "Maria.Perez", "María Pérez", role, HASHER.hash(pin))
    user.mark_committed()
    return user


def fail(guard: PinGuard, user: User, times: int, at: datetime = NOON) -> None:
    for _ in range(times):
        with pytest.raises(WrongPin):
            guard.verify(user, WRONG, HASHER, at)


def locked_out(user: User) -> PinGuard:
    """A guard whose fifth wrong PIN at noon locked `user` out until 12:15 (committed)."""
    guard = PinGuard.for_user(user.id, TILL)
    fail(guard, user, 4)
    with pytest.raises(AccountLocked):
        guard.verify(user, WRONG, HASHER, NOON)
    guard.mark_committed()
    return guard


def registry() -> EventRegistry:
    reg = EventRegistry()
    reg.register_all(EVENT_TYPES)
    return reg


# -- identity of a guard ------------------------------------------------------------------------


def test_a_guard_belongs_to_one_user_on_one_till() -> None:
    guard = PinGuard.for_user("u-1", TILL)

    assert guard.id == "u-1@till-7" == guard_id(" u-1 ", "till-7")
    assert (guard.user_id, guard.device_id) == ("u-1", "till-7")
    assert PinGuard.stream_type == "pinguard"
    assert (guard.version, guard.pending_events, guard.attempts_left) == (0, (), 5)
    assert not guard.is_locked(NOON)


def test_a_user_id_with_the_separator_still_parses() -> None:
    guard = PinGuard.for_user("maria@store", TILL)

    assert (guard.user_id, guard.device_id) == ("maria@store", "till-7")


@pytest.mark.parametrize(
    ("user_id", "device_id", "error", "field"),
    [
        (" ", TILL, InvalidValue, "user_id"),
        (7, TILL, InvalidType, "user_id"),
        ("u-1", "", InvalidValue, "device_id"),
        ("u-1", "till@7", InvalidValue, "device_id"),
    ],
)
def test_guard_ids_are_checked(
    user_id: object, device_id: object, error: type[DomainError], field: str
) -> None:
    with pytest.raises(error) as caught:
        guard_id(user_id, device_id)  # type: ignore[arg-type]

    assert caught.value.field == field


def test_a_guard_checks_only_its_own_users_pin() -> None:
    guard = PinGuard.for_user("u-2", TILL)

    with pytest.raises(InvalidValue) as caught:
        guard.verify(new_user(), PIN, HASHER, NOON)

    assert caught.value.field == "user"
    assert guard.pending_events == ()


def test_a_guard_needs_a_user() -> None:
    with pytest.raises(InvalidType) as caught:
        PinGuard.for_user("u-1", TILL).verify("u-1", PIN, HASHER, NOON)  # type: ignore[arg-type]

    assert caught.value.field == "user"


# -- PIN checks and lockout ---------------------------------------------------------------------


def test_a_right_pin_with_no_earlier_failures_records_nothing() -> None:
    guard = PinGuard.for_user("u-1", TILL)

    guard.verify(new_user(), PIN, HASHER, NOON)

    assert guard.pending_events == ()


def test_a_wrong_pin_is_recorded_and_tells_the_attempts_left() -> None:
    guard = PinGuard.for_user("u-1", TILL)

    with pytest.raises(WrongPin) as caught:
        guard.verify(new_user(), WRONG, HASHER, NOON)

    assert (caught.value.attempts_left, caught.value.field) == (4, "pin")
    assert str(caught.value) == "wrong PIN; 4 attempts left"
    assert guard.pending_events == (PinRejected(attempts=1),)
    assert guard.attempts_left == 4


def test_the_last_attempt_left_is_singular() -> None:
    user = new_user()
    guard = PinGuard.for_user(user.id, TILL)
    fail(guard, user, 3)

    with pytest.raises(WrongPin) as caught:
        guard.verify(user, WRONG, HASHER, NOON)

    assert str(caught.value) == "wrong PIN; 1 attempt left"


def test_the_fifth_wrong_pin_locks_the_user_out_for_fifteen_minutes() -> None:
    user = new_user()
    guard = PinGuard.for_user(user.id, TILL)
    fail(guard, user, 4)

    with pytest.raises(AccountLocked) as caught:
        guard.verify(user, WRONG, HASHER, NOON)

    assert caught.value.field == "pin"
    assert MAX_PIN_ATTEMPTS == 5 and timedelta(minutes=15) == LOCKOUT
    assert guard.pending_events == (
        *(PinRejected(attempts=n) for n in range(1, 6)),
        PinLockedOut(until=datetime(2026, 11, 25, 12, 15, tzinfo=UTC)),
    )
    assert guard.is_locked(NOON + timedelta(minutes=14, seconds=59))
    assert not guard.is_locked(NOON + LOCKOUT)


def test_a_locked_user_cannot_even_try_a_pin() -> None:
    user = new_user()
    guard = locked_out(user)
    counting = CountingHasher()

    with pytest.raises(AccountLocked) as caught:
        guard.verify(user, PIN, counting, NOON + timedelta(minutes=10))

    assert caught.value.field == "pin"
    assert "12:15" in str(caught.value)
    assert counting.verifications == 0
    assert guard.pending_events == ()


def test_the_lockout_ends_when_its_time_runs_out_with_five_fresh_attempts() -> None:
    user = new_user()
    guard = locked_out(user)

    guard.verify(user, PIN, HASHER, NOON + LOCKOUT)
    assert guard.pending_events == ()

    with pytest.raises(WrongPin) as caught:
        guard.verify(user, WRONG, HASHER, NOON + LOCKOUT)
    assert caught.value.attempts_left == 4


def test_a_manager_can_reset_the_guard_before_the_time_runs_out() -> None:
    user = new_user()
    guard = locked_out(user)

    guard.reset(user, by="manager-1")
    guard.verify(user, PIN, HASHER, NOON + timedelta(minutes=1))

    assert guard.pending_events == (PinGuardReset(by="manager-1"),)
    assert not guard.is_locked(NOON + timedelta(minutes=1))
    assert guard.attempts_left == 5


def test_a_manager_can_clear_failures_that_did_not_lock_yet() -> None:
    user = new_user()
    guard = PinGuard.for_user(user.id, TILL)
    fail(guard, user, 2)

    guard.reset(user, by="manager-1")

    assert guard.attempts_left == 5


def test_resetting_a_user_who_is_not_locked_is_refused() -> None:
    user = new_user()

    with pytest.raises(InvalidState) as caught:
        PinGuard.for_user(user.id, TILL).reset(user, by="manager-1")

    assert caught.value.field == "username"
    assert "not locked out on this till" in str(caught.value)


def test_a_reset_needs_who_did_it() -> None:
    user = new_user()

    with pytest.raises(InvalidValue) as caught:
        locked_out(user).reset(user, by=" ")

    assert caught.value.field == "by"


def test_a_right_pin_resets_the_failed_attempts() -> None:
    user = new_user()
    guard = PinGuard.for_user(user.id, TILL)
    fail(guard, user, 3)

    guard.verify(user, PIN, HASHER, NOON)
    assert guard.pending_events[-1] == PinAccepted()
    assert guard.attempts_left == 5

    with pytest.raises(WrongPin) as caught:
        guard.verify(user, WRONG, HASHER, NOON)
    assert caught.value.attempts_left == 4


def test_failures_are_consecutive_across_logins_only_until_a_success() -> None:
    user = new_user()
    guard = PinGuard.for_user(user.id, TILL)
    fail(guard, user, 3)
    guard.verify(user, PIN, HASHER, NOON)
    fail(guard, user, 4)  # 3 + 4 would lock if the success had not reset the count

    assert not guard.is_locked(NOON)


def test_a_new_pin_from_the_profile_is_what_the_guard_checks() -> None:
    user = new_user()
    guard = PinGuard.for_user(user.id, TILL)
    user.change_pin(HASHER.hash("135790"))

    guard.verify(user, "135790", HASHER, NOON)
    with pytest.raises(WrongPin):
        guard.verify(user, PIN, HASHER, NOON)


@pytest.mark.parametrize("at", [datetime(2026, 11, 25, 12, 0), "2026-11-25T12:00Z"])
def test_verify_needs_an_aware_datetime(at: object) -> None:
    with pytest.raises((InvalidValue, InvalidType)) as caught:
        PinGuard.for_user("u-1", TILL).verify(new_user(), PIN, HASHER, at)  # type: ignore[arg-type]

    assert caught.value.field == "at"


def test_a_pin_must_be_text() -> None:
    guard = PinGuard.for_user("u-1", TILL)

    with pytest.raises(InvalidType) as caught:
        guard.verify(new_user(), 4821, HASHER, NOON)  # type: ignore[arg-type]

    assert caught.value.field == "pin"
    assert guard.pending_events == ()


def test_a_deactivated_user_cannot_log_in_authorize_or_be_reset() -> None:
    user = new_user(Role.ADMIN)
    guard = PinGuard.for_user(user.id, TILL)
    fail(guard, user, 1)
    guard.mark_committed()
    user.deactivate(by="admin-2")

    for attempt in (
        lambda: guard.verify(user, PIN, HASHER, NOON),
        lambda: guard.authorize(user, Permission.SELL, PIN, HASHER, NOON),
        lambda: guard.reset(user, by="admin-2"),
    ):
        with pytest.raises(InvalidState) as caught:
            attempt()
        assert caught.value.field == "username"
    assert guard.pending_events == ()


def test_no_plain_pin_reaches_an_event_or_an_error() -> None:
    user = new_user()
    guard = PinGuard.for_user(user.id, TILL)
    messages = []
    for _ in range(6):
        with pytest.raises((WrongPin, AccountLocked)) as caught:
            guard.verify(user, "97531", HASHER, NOON)
        messages.append(str(caught.value))
    guard.reset(user, by="manager-1")

    payloads = [registry().to_payload(event) for event in guard.pending_events]
    assert len(payloads) == 7  # 5 rejections, the lockout, the reset
    assert "97531" not in repr(payloads) + repr(messages) + repr(guard.snapshot_state())
    assert PIN not in repr(payloads) + repr(messages) + repr(guard.snapshot_state())


# -- overrides ----------------------------------------------------------------------------------


def test_authorize_returns_the_override_other_events_embed() -> None:
    manager = new_user(Role.MANAGER)
    guard = PinGuard.for_user(manager.id, TILL)

    override = guard.authorize(manager, Permission.PRICE_OVERRIDE, PIN, HASHER, NOON)

    assert override == ManagerOverride(user_id="u-1", permission=Permission.PRICE_OVERRIDE)
    assert guard.pending_events == ()


def test_authorize_refuses_a_role_without_the_permission() -> None:
    cashier = new_user(Role.CASHIER)
    guard = PinGuard.for_user(cashier.id, TILL)

    with pytest.raises(PermissionDenied) as caught:
        guard.authorize(cashier, Permission.REFUND, PIN, HASHER, NOON)

    assert caught.value.field == "permission"
    assert "may not refund" in str(caught.value)
    assert guard.pending_events == ()  # the PIN was right: nothing to count


def test_authorize_with_a_wrong_pin_counts_toward_the_lockout() -> None:
    manager = new_user(Role.MANAGER)
    guard = PinGuard.for_user(manager.id, TILL)

    with pytest.raises(WrongPin):
        guard.authorize(manager, Permission.REFUND, WRONG, HASHER, NOON)

    assert guard.pending_events == (PinRejected(attempts=1),)


def test_authorize_while_locked_is_refused_without_checking_the_pin() -> None:
    manager = new_user(Role.MANAGER)
    guard = locked_out(manager)
    counting = CountingHasher()

    with pytest.raises(AccountLocked):
        guard.authorize(manager, Permission.REFUND, PIN, counting, NOON)

    assert counting.verifications == 0


def test_authorize_needs_a_permission() -> None:
    admin = new_user(Role.ADMIN)

    guard = PinGuard.for_user(admin.id, TILL)

    with pytest.raises(InvalidType) as caught:
        guard.authorize(admin, "refund", PIN, HASHER, NOON)  # type: ignore[arg-type]

    assert caught.value.field == "permission"


# -- event sourcing ------------------------------------------------------------------------------


def a_busy_history() -> PinGuard:
    user = new_user()
    guard = PinGuard.for_user(user.id, TILL)
    fail(guard, user, 2)
    guard.verify(user, PIN, HASHER, NOON)
    fail(guard, user, 4)
    with pytest.raises(AccountLocked):
        guard.verify(user, WRONG, HASHER, NOON)
    guard.reset(user, by="manager-1")
    fail(guard, user, 1)
    return guard


def test_replay_equals_live() -> None:
    live = a_busy_history()

    replayed = PinGuard.replay(live.id, live.pending_events)

    assert replayed.snapshot_state() == live.snapshot_state()
    assert live.snapshot_state() == {"failed_attempts": 1, "locked_until": None}
    assert replayed.version == len(live.pending_events) == 11
    assert {type(event) for event in live.pending_events} == set(EVENT_TYPES)


def test_snapshot_and_restore_equal_replay_while_locked() -> None:
    guard = locked_out(new_user())
    restored = PinGuard(guard.id)

    restored.restore_state(guard.snapshot_state())

    assert restored.snapshot_state() == guard.snapshot_state()
    assert restored.is_locked(NOON + timedelta(minutes=5))
    assert restored.snapshot_state()["locked_until"] == "2026-11-25T12:15:00+00:00"


def test_every_event_round_trips_through_the_registry() -> None:
    events: list[DomainEvent] = list(a_busy_history().pending_events)
    reg = registry()

    for event in events:
        payload = reg.to_payload(event)
        assert reg.from_payload(event.event_type, event.schema_version, payload) == event
