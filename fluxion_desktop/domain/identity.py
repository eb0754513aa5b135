"""Users, roles and permissions, and the manager overrides other events embed.

Role choices (what a Venezuelan store expects at the counter):

- a cashier sells, voids a line of the sale still open on their till, and closes their own shift
  (that the shift is theirs is the application's check: `shift.cashier_id == user.id`);
- a supervisor also overrides prices, gives discounts above the store's threshold, refunds, moves
  cash in and out of the drawer, sells into negative stock and reads reports;
- a manager can do everything except administer users;
- an admin can do everything.

The `User` stream ("user-<id>") holds the profile only: who the user is, their role, their PIN
hash and whether they are active. One device writes it: whoever manages users (the till's admin
today, HQ later). A PIN is checked against its hash only; no plain PIN is ever stored in an event, a
snapshot or an error message. Typing a PIN, counting wrong ones and locking out is each till's own
business and lives in `pin_guard.PinGuard`, a stream per user per till, so that no two devices
ever write the same stream (ARCHITECTURE §3).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from fluxion_desktop.domain.aggregate import Aggregate
from fluxion_desktop.domain.errors import InvalidState, InvalidType, InvalidValue
from fluxion_desktop.domain.events import DomainEvent
from fluxion_desktop.domain.pin import is_pin_hash

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
class UserRoleChanged(DomainEvent):
    event_type = "UserRoleChanged"
    role: Role
    by: str


@dataclass(frozen=True, slots=True)
class UserDeactivated(DomainEvent):
    event_type = "UserDeactivated"
    by: str


# -- legacy events: read, never written ------------------------------------------------------
# Until PIN attempts moved to `PinGuard`, every till wrote these into "user-<id>", which broke the
# single-writer rule. Logs (and HQ) may still hold them, so they stay registered and replay as
# no-ops: a lockout recorded this way lapses at the upgrade, 15 minutes early at worst.


@dataclass(frozen=True, slots=True)
class UserPinRejected(DomainEvent):
    """Legacy: now `pin_guard.PinRejected`."""

    event_type = "UserPinRejected"
    attempts: int


@dataclass(frozen=True, slots=True)
class UserPinAccepted(DomainEvent):
    """Legacy: now `pin_guard.PinAccepted`."""

    event_type = "UserPinAccepted"


@dataclass(frozen=True, slots=True)
class UserLockedOut(DomainEvent):
    """Legacy: now `pin_guard.PinLockedOut`."""

    event_type = "UserLockedOut"
    until: datetime


@dataclass(frozen=True, slots=True)
class UserUnlocked(DomainEvent):
    """Legacy: now `pin_guard.PinGuardReset`."""

    event_type = "UserUnlocked"
    by: str


LEGACY_EVENT_TYPES: tuple[type[DomainEvent], ...] = (
    UserPinRejected,
    UserPinAccepted,
    UserLockedOut,
    UserUnlocked,
)

EVENT_TYPES: tuple[type[DomainEvent], ...] = (
    UserCreated,
    UserPinChanged,
    UserRoleChanged,
    UserDeactivated,
    *LEGACY_EVENT_TYPES,
)


class User(Aggregate):
    """A person who logs in to the till with a PIN (stream type "user").

    Only the device that manages users writes this stream. PINs are checked (and wrong ones
    counted) by `pin_guard.PinGuard`, which reads `pin_hash` and `require_active` from here.
    """

    stream_type = "user"

    def __init__(self, aggregate_id: str) -> None:
        super().__init__(aggregate_id)
        self.username = ""
        self.display_name = ""
        self.role = Role.CASHIER
        self.pin_hash = ""
        self.active = False

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

    def require_active(self) -> None:
        """Raise `InvalidState` (field "username") unless the user is active."""
        if not self.active:
            raise InvalidState(f"user {self.username or self.id} is not active", "username")

    # -- commands --------------------------------------------------------------------------

    def change_pin(self, new_pin_hash: str) -> None:
        """Replace the PIN hash (who may do so is the application's check)."""
        self.require_active()
        self._record(UserPinChanged(pin_hash=_pin_hash(new_pin_hash)))

    def change_role(self, role: Role | str, by: str) -> None:
        """Give the user another role; the same role again is refused (field "role")."""
        self.require_active()
        new_role = _role(role)
        if new_role is self.role:
            raise InvalidValue(f"{self.username} already has the role {new_role}", "role")
        self._record(UserRoleChanged(role=new_role, by=_required_text(by, "by")))

    def deactivate(self, by: str) -> None:
        """Stop the user from logging in or authorizing anything, for good."""
        self.require_active()
        self._record(UserDeactivated(by=_required_text(by, "by")))

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
        elif isinstance(event, UserRoleChanged):
            self.role = event.role
        elif isinstance(event, UserDeactivated):
            self.active = False
        # Legacy PIN-attempt events change nothing here (see LEGACY_EVENT_TYPES).

    def snapshot_state(self) -> Mapping[str, Any]:
        return {
            "username": self.username,
            "display_name": self.display_name,
            "role": self.role.value,
            "pin_hash": self.pin_hash,
            "active": self.active,
        }

    def restore_state(self, state: Mapping[str, Any]) -> None:
        # Snapshots from before the PIN guard also hold "failed_attempts" and "locked_until";
        # they are ignored, like the legacy events they came from.
        self.username = state["username"]
        self.display_name = state["display_name"]
        self.role = Role(state["role"])
        self.pin_hash = state["pin_hash"]
        self.active = state["active"]


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
