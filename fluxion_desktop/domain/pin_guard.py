"""PIN checks at one till: wrong PINs counted toward a lockout, per user and per device.

Why not in the user's stream: "user-<id>" is written by whoever manages users (the till's admin
today, HQ later), while a PIN is typed at every till. If each till recorded its attempts there,
two devices would write the same version of one stream and merging their logs would conflict. So
each till keeps a `PinGuard` per user, stream "pinguard-<user_id>@<device_id>", that only it
writes (ARCHITECTURE §3: one writer per stream).

Rules: five wrong PINs in a row lock the user out on this till for 15 minutes; while locked, the
PIN is not even checked; a right PIN after failures resets the count; the lockout ends by itself
when its time runs out, or sooner when a manager on this till resets the guard (`PinGuardReset`).
A lockout is the till's own: other tills keep their own counts.

Commands that check a PIN (`verify`, `authorize`) record events *and then* raise on failure, so
the application must save the guard's pending events before re-raising `WrongPin` or
`AccountLocked`, or the failed attempt (and the lockout) would be lost. No plain PIN ever reaches
an event, a snapshot or an error message.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
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
from fluxion_desktop.domain.identity import ManagerOverride, Permission, User
from fluxion_desktop.domain.pin import PinHasher

MAX_PIN_ATTEMPTS = 5
LOCKOUT = timedelta(minutes=15)

# Separates the user id from the device id in a guard's id; device ids (UUIDs) never hold it.
_SEPARATOR = "@"


@dataclass(frozen=True, slots=True)
class PinRejected(DomainEvent):
    """A wrong PIN; `attempts` counts consecutive failures on this till including this one."""

    event_type = "PinRejected"
    attempts: int


@dataclass(frozen=True, slots=True)
class PinAccepted(DomainEvent):
    """A right PIN after failed attempts: the failure count goes back to zero."""

    event_type = "PinAccepted"


@dataclass(frozen=True, slots=True)
class PinLockedOut(DomainEvent):
    """The last allowed wrong PIN: no PIN is checked on this till before `until`."""

    event_type = "PinLockedOut"
    until: datetime


@dataclass(frozen=True, slots=True)
class PinGuardReset(DomainEvent):
    """A manager (`by`, a user id) lifted the lockout and cleared the failures on this till."""

    event_type = "PinGuardReset"
    by: str


EVENT_TYPES: tuple[type[DomainEvent], ...] = (PinRejected, PinAccepted, PinLockedOut, PinGuardReset)


def guard_id(user_id: str, device_id: str) -> str:
    """The id of the guard of `user_id` on the till `device_id`: "<user_id>@<device_id>"."""
    user = _required_text(user_id, "user_id")
    device = _required_text(device_id, "device_id")
    if _SEPARATOR in device:
        raise InvalidValue(f"device_id must not contain {_SEPARATOR!r}", "device_id")
    return f"{user}{_SEPARATOR}{device}"


class PinGuard(Aggregate):
    """Wrong-PIN count and lockout of one user on one till (stream type "pinguard").

    The stream starts with the first event worth keeping (a wrong PIN); a user who always types
    the right PIN has no stream, and `for_user` stands in for it.
    """

    stream_type = "pinguard"

    def __init__(self, aggregate_id: str) -> None:
        super().__init__(aggregate_id)
        self.failed_attempts = 0
        self.locked_until: datetime | None = None

    @classmethod
    def for_user(cls, user_id: str, device_id: str) -> PinGuard:
        """A guard with no history: no failures, not locked, nothing pending."""
        return cls(guard_id(user_id, device_id))

    # -- queries ---------------------------------------------------------------------------

    @property
    def user_id(self) -> str:
        return self.id.rpartition(_SEPARATOR)[0]

    @property
    def device_id(self) -> str:
        return self.id.rpartition(_SEPARATOR)[2]

    def is_locked(self, at: datetime) -> bool:
        """True while a lockout is in force at `at`."""
        return self.locked_until is not None and _aware(at) < self.locked_until

    @property
    def attempts_left(self) -> int:
        """Wrong PINs still allowed on this till before the next lockout."""
        return MAX_PIN_ATTEMPTS - self.failed_attempts

    # -- commands --------------------------------------------------------------------------

    def verify(self, user: User, pin: str, hasher: PinHasher, at: datetime) -> None:
        """Check `user`'s PIN at `at` (aware), counting failures toward a lockout.

        Raises `InvalidState` (field "username") for a deactivated user and `AccountLocked`
        (field "pin") while locked, without checking the PIN. A wrong PIN records `PinRejected`
        and raises `WrongPin` with `attempts_left`; the fifth in a row also records `PinLockedOut`
        and raises `AccountLocked`. A right PIN records `PinAccepted` only when it clears earlier
        failures. `user` must be the guard's own (field "user").
        """
        when = _aware(at)
        self._require_own(user)
        user.require_active()
        if self.is_locked(when):
            raise AccountLocked(
                f"too many wrong PINs; locked until {self.locked_until:%Y-%m-%d %H:%M} UTC "
                "or until a manager unlocks the account",
                "pin",
            )
        if not isinstance(pin, str):
            raise InvalidType("the PIN must be text", "pin")
        if hasher.verify(pin, user.pin_hash):
            if self.failed_attempts:
                self._record(PinAccepted())
            return
        self._reject(when)

    def authorize(
        self, user: User, permission: Permission, pin: str, hasher: PinHasher, at: datetime
    ) -> ManagerOverride:
        """Verify the PIN (as `verify`) and that `user`'s role grants `permission`.

        Returns the `ManagerOverride` that the protected action's event embeds; raises
        `PermissionDenied` (field "permission") when the role lacks it.
        """
        if not isinstance(permission, Permission):
            raise InvalidType("permission must be a Permission", "permission")
        self.verify(user, pin, hasher, at)
        if not user.can(permission):
            raise PermissionDenied(
                f"{user.display_name} ({user.role}) may not {permission.value.replace('_', ' ')}",
                "permission",
            )
        return ManagerOverride(user_id=user.id, permission=permission)

    def reset(self, user: User, by: str) -> None:
        """A manager lifts the lockout and clears the failures before the lockout time runs out.

        Refused (`InvalidState`, field "username") for a deactivated user or one with nothing to
        clear on this till.
        """
        self._require_own(user)
        user.require_active()
        if self.locked_until is None and not self.failed_attempts:
            raise InvalidState(f"{user.username} is not locked out on this till", "username")
        self._record(PinGuardReset(by=_required_text(by, "by")))

    def _reject(self, at: datetime) -> None:
        attempts = self.failed_attempts + 1
        self._record(PinRejected(attempts=attempts))
        if attempts >= MAX_PIN_ATTEMPTS:
            until = at + LOCKOUT
            self._record(PinLockedOut(until=until))
            raise AccountLocked(
                f"{MAX_PIN_ATTEMPTS} wrong PINs in a row; locked until {until:%Y-%m-%d %H:%M} UTC",
                "pin",
            )
        left = MAX_PIN_ATTEMPTS - attempts
        raise WrongPin(f"wrong PIN; {left} attempt{'s' if left != 1 else ''} left", left)

    def _require_own(self, user: object) -> None:
        if not isinstance(user, User):
            raise InvalidType("user must be a User", "user")
        if user.id != self.user_id:
            raise InvalidValue(f"this PIN guard is not user {user.id!r}'s", "user")

    # -- state -----------------------------------------------------------------------------

    def _apply(self, event: DomainEvent) -> None:
        if isinstance(event, PinRejected):
            self.failed_attempts = event.attempts
        elif isinstance(event, PinAccepted | PinGuardReset):
            self.failed_attempts = 0
            self.locked_until = None
        elif isinstance(event, PinLockedOut):
            # The count restarts so that, once the time runs out, the user has five tries again.
            self.locked_until = event.until
            self.failed_attempts = 0

    def snapshot_state(self) -> Mapping[str, Any]:
        return {
            "failed_attempts": self.failed_attempts,
            "locked_until": self.locked_until.isoformat() if self.locked_until else None,
        }

    def restore_state(self, state: Mapping[str, Any]) -> None:
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


def _aware(at: object) -> datetime:
    if not isinstance(at, datetime):
        raise InvalidType("at must be a datetime", "at")
    if at.tzinfo is None or at.utcoffset() is None:
        raise InvalidValue("at must be timezone-aware (UTC)", "at")
    return at.astimezone(UTC)
