"""Users, roles and permissions, PIN checks with lockout, and manager overrides.

Role choices (what a Venezuelan store expects at the counter):

- a cashier sells, voids a line of the sale still open on their till, and closes their own shift
  (that the shift is theirs is the application's check: `shift.cashier_id == user.id`);
- a supervisor also overrides prices, gives discounts above the store's threshold, refunds, moves
  cash in and out of the drawer, sells into negative stock and reads reports;
- a manager can do everything except administer users;
- an admin can do everything.

A PIN is checked against its hash only; no plain PIN is ever stored in an event, a snapshot or an
error message. Commands that check a PIN (`verify_pin`, `authorize`) record events *and then*
raise on failure, so the application must save the user's pending events before re-raising
`WrongPin` or `AccountLocked`, or the failed attempt (and the lockout) would be lost.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from fluxion_desktop.domain.aggregate import Aggregate
from fluxion_desktop.domain.errors import (
    AccountLocked,
    InvalidState,
    InvalidType,
    InvalidValue,
    PermissionDenied,
    WrongPin,
)
from fluxion_desktop.domain.events import DomainEvent
from fluxion_desktop.domain.pin import PinHasher, is_pin_hash

MAX_PIN_ATTEMPTS = 5
LOCKOUT = timedelta(minutes=15)

_USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,31}")


class Role(StrEnum):
    """What a user is hired to do; each role grants the permissions in `ROLE_PERMISSIONS`."""

    CASHIER = "cashier"
    SUPERVISOR = "supervisor"
    MANAGER = "manager"
    ADMIN = "admin"


class Permission(StrEnum):
    """A sensitive action that needs a role, or a manager's override, to go ahead."""

    SELL = "sell"
    VOID_LINE = "void_line"
    PRICE_OVERRIDE = "price_override"
    DISCOUNT_ABOVE_THRESHOLD = "discount_above_threshold"
    REFUND = "refund"
    CASH_IN_OUT = "cash_in_out"
    CLOSE_SHIFT = "close_shift"
    ALLOW_NEGATIVE_STOCK = "allow_negative_stock"
    MANAGE_STOCK = "manage_stock"
    MANAGE_PRODUCTS = "manage_products"
    MANAGE_USERS = "manage_users"
    MANAGE_SETTINGS = "manage_settings"
    VIEW_REPORTS = "view_reports"
    VIEW_FORECASTS = "view_forecasts"


_CASHIER = frozenset({Permission.SELL, Permission.VOID_LINE, Permission.CLOSE_SHIFT})
_SUPERVISOR = _CASHIER | {
    Permission.PRICE_OVERRIDE,
    Permission.DISCOUNT_ABOVE_THRESHOLD,
    Permission.REFUND,
    Permission.CASH_IN_OUT,
    Permission.ALLOW_NEGATIVE_STOCK,
    Permission.VIEW_REPORTS,
}
_EVERYTHING = frozenset(Permission)

ROLE_PERMISSIONS: Mapping[Role, frozenset[Permission]] = MappingProxyType(
    {
        Role.CASHIER: _CASHIER,
        Role.SUPERVISOR: _SUPERVISOR,
        Role.MANAGER: _EVERYTHING - {Permission.MANAGE_USERS},
        Role.ADMIN: _EVERYTHING,
    }
)


@dataclass(frozen=True, slots=True)
class ManagerOverride:
    """Proof that `user_id` entered a valid PIN and holds `permission`.

    Other aggregates' events embed it as ``override_by`` (a price override, a refund...).
    """

    user_id: str
    permission: Permission


@dataclass(frozen=True, slots=True)
class UserCreated(DomainEvent):
    event_type = "UserCreated"
    user_id: str
    username: str
    display_name: str
    role: Role
    pin_hash: str


@dataclass(frozen=True, slots=True)
class UserPinChanged(DomainEvent):
    event_type = "UserPinChanged"
    pin_hash: str


@dataclass(frozen=True, slots=True)
class UserPinRejected(DomainEvent):
    """A wrong PIN; `attempts` counts consecutive failures including this one."""

    event_type = "UserPinRejected"
    attempts: int


@dataclass(frozen=True, slots=True)
class UserPinAccepted(DomainEvent):
    """A right PIN after failed attempts: the failure counter goes back to zero."""

    event_type = "UserPinAccepted"


@dataclass(frozen=True, slots=True)
class UserLockedOut(DomainEvent):
    event_type = "UserLockedOut"
    until: datetime


@dataclass(frozen=True, slots=True)
class UserUnlocked(DomainEvent):
    event_type = "UserUnlocked"
    by: str


@dataclass(frozen=True, slots=True)
class UserRoleChanged(DomainEvent):
    event_type = "UserRoleChanged"
    role: Role
    by: str


@dataclass(frozen=True, slots=True)
class UserDeactivated(DomainEvent):
    event_type = "UserDeactivated"
    by: str


EVENT_TYPES: tuple[type[DomainEvent], ...] = (
    UserCreated,
    UserPinChanged,
    UserPinRejected,
    UserPinAccepted,
    UserLockedOut,
    UserUnlocked,
    UserRoleChanged,
    UserDeactivated,
)


class User(Aggregate):
    """A person who logs in to the till with a PIN (stream type "user")."""

    stream_type = "user"

    def __init__(self, aggregate_id: str) -> None:
        super().__init__(aggregate_id)
        self.username = ""
        self.display_name = ""
        self.role = Role.CASHIER
        self.pin_hash = ""
        self.active = False
        self.failed_attempts = 0
        self.locked_until: datetime | None = None

    @classmethod
    def create(
        cls, user_id: str, username: str, display_name: str, role: Role | str, pin_hash: str
    ) -> User:
        """A new active user. `username` is stored in lower case (1-32 of a-z 0-9 . _ -).

        `pin_hash` must come from `PinHasher.hash`; anything else (a plain PIN passed by mistake)
        is refused with field "pin_hash" so it never reaches the event log.
        """
        user = cls(_required_text(user_id, "user_id"))
        user._record(
            UserCreated(
                user_id=user.id,
                username=_username(username),
                display_name=_required_text(display_name, "display_name"),
                role=_role(role),
                pin_hash=_pin_hash(pin_hash),
            )
        )
        return user

    # -- queries ---------------------------------------------------------------------------

    def can(self, permission: Permission) -> bool:
        """True when the user is active and the role grants `permission`."""
        return self.active and permission in ROLE_PERMISSIONS[self.role]

    def is_locked(self, at: datetime) -> bool:
        """True while a lockout is in force at `at`."""
        return self.locked_until is not None and _aware(at) < self.locked_until

    @property
    def attempts_left(self) -> int:
        """Wrong PINs still allowed before the next lockout."""
        return MAX_PIN_ATTEMPTS - self.failed_attempts

    # -- commands --------------------------------------------------------------------------

    def verify_pin(self, pin: str, hasher: PinHasher, at: datetime) -> None:
        """Check the PIN at `at` (aware), counting failures toward a lockout.

        Raises `InvalidState` (field "username") for a deactivated user and `AccountLocked`
        (field "pin") while locked, without checking the PIN. A wrong PIN records
        `UserPinRejected` and raises `WrongPin` with `attempts_left`; the fifth in a row also
        records `UserLockedOut` and raises `AccountLocked`. A right PIN records `UserPinAccepted`
        only when it clears earlier failures.
        """
        when = _aware(at)
        self._require_active()
        if self.is_locked(when):
            raise AccountLocked(
                f"too many wrong PINs; locked until {self.locked_until:%Y-%m-%d %H:%M} UTC "
                "or until a manager unlocks the account",
                "pin",
            )
        if not isinstance(pin, str):
            raise InvalidType("the PIN must be text", "pin")
        if hasher.verify(pin, self.pin_hash):
            if self.failed_attempts:
                self._record(UserPinAccepted())
            return
        self._reject_pin(when)

    def authorize(
        self, permission: Permission, pin: str, hasher: PinHasher, at: datetime
    ) -> ManagerOverride:
        """Verify the PIN (as `verify_pin`) and that the role grants `permission`.

        Returns the `ManagerOverride` that the protected action's event embeds; raises
        `PermissionDenied` (field "permission") when the role lacks it.
        """
        if not isinstance(permission, Permission):
            raise InvalidType("permission must be a Permission", "permission")
        self.verify_pin(pin, hasher, at)
        if not self.can(permission):
            raise PermissionDenied(
                f"{self.display_name} ({self.role}) may not {permission.value.replace('_', ' ')}",
                "permission",
            )
        return ManagerOverride(user_id=self.id, permission=permission)

    def change_pin(self, new_pin_hash: str) -> None:
        """Replace the PIN hash (who may do so is the application's check)."""
        self._require_active()
        self._record(UserPinChanged(pin_hash=_pin_hash(new_pin_hash)))

    def change_role(self, role: Role | str, by: str) -> None:
        """Give the user another role; the same role again is refused (field "role")."""
        self._require_active()
        new_role = _role(role)
        if new_role is self.role:
            raise InvalidValue(f"{self.username} already has the role {new_role}", "role")
        self._record(UserRoleChanged(role=new_role, by=_required_text(by, "by")))

    def unlock(self, by: str) -> None:
        """Lift a lockout and clear failed attempts before the lockout time runs out."""
        self._require_active()
        if self.locked_until is None and not self.failed_attempts:
            raise InvalidState(f"{self.username} is not locked out", "username")
        self._record(UserUnlocked(by=_required_text(by, "by")))

    def deactivate(self, by: str) -> None:
        """Stop the user from logging in or authorizing anything, for good."""
        self._require_active()
        self._record(UserDeactivated(by=_required_text(by, "by")))

    def _reject_pin(self, at: datetime) -> None:
        attempts = self.failed_attempts + 1
        self._record(UserPinRejected(attempts=attempts))
        if attempts >= MAX_PIN_ATTEMPTS:
            until = at + LOCKOUT
            self._record(UserLockedOut(until=until))
            raise AccountLocked(
                f"{MAX_PIN_ATTEMPTS} wrong PINs in a row; locked until {until:%Y-%m-%d %H:%M} UTC",
                "pin",
            )
        left = MAX_PIN_ATTEMPTS - attempts
        raise WrongPin(f"wrong PIN; {left} attempt{'s' if left != 1 else ''} left", left)

    def _require_active(self) -> None:
        if not self.active:
            raise InvalidState(f"user {self.username or self.id} is not active", "username")

    # -- state -----------------------------------------------------------------------------

    def _apply(self, event: DomainEvent) -> None:
        if isinstance(event, UserCreated):
            self.username = event.username
            self.display_name = event.display_name
            self.role = event.role
            self.pin_hash = event.pin_hash
            self.active = True
        elif isinstance(event, UserPinChanged):
            self.pin_hash = event.pin_hash
        elif isinstance(event, UserPinRejected):
            self.failed_attempts = event.attempts
        elif isinstance(event, UserPinAccepted | UserUnlocked):
            self.failed_attempts = 0
            self.locked_until = None
        elif isinstance(event, UserLockedOut):
            # The counter restarts so that, once the time runs out, the user has five tries again.
            self.locked_until = event.until
            self.failed_attempts = 0
        elif isinstance(event, UserRoleChanged):
            self.role = event.role
        elif isinstance(event, UserDeactivated):
            self.active = False

    def snapshot_state(self) -> Mapping[str, Any]:
        return {
            "username": self.username,
            "display_name": self.display_name,
            "role": self.role.value,
            "pin_hash": self.pin_hash,
            "active": self.active,
            "failed_attempts": self.failed_attempts,
            "locked_until": self.locked_until.isoformat() if self.locked_until else None,
        }

    def restore_state(self, state: Mapping[str, Any]) -> None:
        self.username = state["username"]
        self.display_name = state["display_name"]
        self.role = Role(state["role"])
        self.pin_hash = state["pin_hash"]
        self.active = state["active"]
        self.failed_attempts = state["failed_attempts"]
        until = state["locked_until"]
        self.locked_until = datetime.fromisoformat(until) if until is not None else None


def _required_text(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise InvalidType(f"{field} must be text", field)
    text = value.strip()
    if not text:
        raise InvalidValue(f"{field} is required", field)
    return text


def _username(value: object) -> str:
    name = _required_text(value, "username").lower()
    if not _USERNAME.fullmatch(name):
        raise InvalidValue(
            "username must be 1 to 32 letters, digits, '.', '_' or '-', starting with a letter "
            "or digit",
            "username",
        )
    return name


def _role(value: object) -> Role:
    if isinstance(value, Role):
        return value
    if isinstance(value, str):
        try:
            return Role(value.strip().lower())
        except ValueError:
            pass
    known = ", ".join(member.value for member in Role)
    raise InvalidValue(f"unknown role {value!r}; expected one of {known}", "role")


def _pin_hash(value: object) -> str:
    # The value is never echoed: it might be a plain PIN passed by mistake.
    if not is_pin_hash(value):
        raise InvalidValue("pin_hash must be a hash made by PinHasher, never a PIN", "pin_hash")
    return value


def _aware(at: object) -> datetime:
    if not isinstance(at, datetime):
        raise InvalidType("at must be a datetime", "at")
    if at.tzinfo is None or at.utcoffset() is None:
        raise InvalidValue("at must be timezone-aware (UTC)", "at")
    return at.astimezone(UTC)
