"""Users and PINs: create users, log in, change PINs and roles, and managers' overrides.

Two streams per user, each with one writer: the profile ("user-<id>", written where users are
managed) and this till's PIN guard ("pinguard-<user_id>@<device_id>", written only by this till).
A PIN typed here is checked against the profile's hash and counted in this till's guard. A wrong
PIN is recorded (and may lock the user out) even though the command fails: the handler saves the
guard's pending events before it re-raises. Unlocking resets this till's guard only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from fluxion_desktop.application.authorization import (
    Authorizer,
    Credentials,
    UserQueries,
    UserView,
)
from fluxion_desktop.application.device import DeviceIdentity
from fluxion_desktop.application.message_bus import MessageBus
from fluxion_desktop.application.ports import Clock, IdGenerator
from fluxion_desktop.application.repository import Repository
from fluxion_desktop.domain.errors import DomainError, InvalidValue, NotFound
from fluxion_desktop.domain.identity import Permission, Role, User
from fluxion_desktop.domain.pin import PinHasher, check_pin_policy
from fluxion_desktop.domain.pin_guard import PinGuard, guard_id


@dataclass(frozen=True, slots=True)
class CreateUser:
    """`by` is the admin creating the user; None only for the first user of a new till."""

    by: str | None
    username: str
    display_name: str
    role: Role
    pin: str = field(repr=False)
    user_id: str | None = None


@dataclass(frozen=True, slots=True)
class LogIn:
    credentials: Credentials


@dataclass(frozen=True, slots=True)
class ChangePin:
    by: str
    user_id: str
    new_pin: str = field(repr=False)


@dataclass(frozen=True, slots=True)
class ChangeRole:
    by: str
    user_id: str
    role: Role


@dataclass(frozen=True, slots=True)
class UnlockUser:
    """Lift `user_id`'s PIN lockout on this till (a lockout on another till is that till's)."""

    by: str
    user_id: str


@dataclass(frozen=True, slots=True)
class DeactivateUser:
    by: str
    user_id: str


class IdentityHandlers:
    def __init__(
        self,
        users: Repository[User],
        guards: Repository[PinGuard],
        queries: UserQueries,
        authorizer: Authorizer,
        hasher: PinHasher,
        clock: Clock,
        ids: IdGenerator,
        device: DeviceIdentity,
    ) -> None:
        self._users = users
        self._guards = guards
        self._device = device
        self._queries = queries
        self._authorizer = authorizer
        self._hasher = hasher
        self._clock = clock
        self._ids = ids

    def register(self, bus: MessageBus) -> None:
        bus.register(CreateUser, self.create_user)
        bus.register(LogIn, self.log_in)
        bus.register(ChangePin, self.change_pin)
        bus.register(ChangeRole, self.change_role)
        bus.register(UnlockUser, self.unlock_user)
        bus.register(DeactivateUser, self.deactivate_user)

    def create_user(self, command: CreateUser) -> str:
        if command.by is None:
            if self._queries.all():
                raise InvalidValue(
                    "only the first user of a till may be created without an administrator", "by"
                )
        else:
            self._authorizer.require(command.by, Permission.MANAGE_USERS)
        if self._queries.by_username(command.username) is not None:
            raise InvalidValue(f"the username {command.username!r} is taken", "username")
        pin_hash = self._hasher.hash(check_pin_policy(command.pin))
        user = User.create(
            command.user_id or str(self._ids.new_id()),
            command.username,
            command.display_name,
            command.role,
            pin_hash,
        )
        self._users.save(user, command.by)
        return user.id

    def log_in(self, command: LogIn) -> UserView:
        """The user behind the credentials; wrong PINs count toward a lockout on this till."""
        user = self._load_by_username(command.credentials.username)
        guard = self._guard(user.id)
        self._checked(
            guard,
            lambda: guard.verify(user, command.credentials.pin, self._hasher, self._clock.now()),
        )
        view = self._queries.get(user.id)
        assert view is not None
        return view

    def override(self, credentials: Credentials, permission: Permission) -> str:
        """A manager's PIN for `permission`: their user id, or the DomainError that stops it."""
        user = self._load_by_username(credentials.username)
        guard = self._guard(user.id)
        self._checked(
            guard,
            lambda: guard.authorize(
                user, permission, credentials.pin, self._hasher, self._clock.now()
            ),
        )
        return user.id

    def change_pin(self, command: ChangePin) -> None:
        if command.by != command.user_id:
            self._authorizer.require(command.by, Permission.MANAGE_USERS)
        user = self._load(command.user_id)
        user.change_pin(self._hasher.hash(check_pin_policy(command.new_pin)))
        self._users.save(user, command.by)

    def change_role(self, command: ChangeRole) -> None:
        self._authorizer.require(command.by, Permission.MANAGE_USERS)
        user = self._load(command.user_id)
        user.change_role(command.role, command.by)
        self._users.save(user, command.by)

    def unlock_user(self, command: UnlockUser) -> None:
        self._authorizer.require(command.by, Permission.MANAGE_USERS)
        user = self._load(command.user_id)
        guard = self._guard(user.id)
        guard.reset(user, command.by)
        self._guards.save(guard, command.by)

    def deactivate_user(self, command: DeactivateUser) -> None:
        self._authorizer.require(command.by, Permission.MANAGE_USERS)
        user = self._load(command.user_id)
        user.deactivate(command.by)
        self._users.save(user, command.by)

    def _checked(self, guard: PinGuard, action: Callable[[], object]) -> None:
        try:
            action()
        except DomainError:
            # Failed attempts and lockouts must outlive the failing command.
            if guard.pending_events:
                self._guards.save(guard, guard.user_id)
            raise
        if guard.pending_events:
            self._guards.save(guard, guard.user_id)

    def _guard(self, user_id: str) -> PinGuard:
        """This till's PIN guard for the user; a fresh one until a first wrong PIN is saved."""
        found = self._guards.get(guard_id(user_id, self._device.device_id))
        return found or PinGuard.for_user(user_id, self._device.device_id)

    def _load_by_username(self, username: str) -> User:
        view = self._queries.by_username(username)
        if view is None:
            raise NotFound("unknown user or wrong PIN", "username")
        return self._load(view.user_id)

    def _load(self, user_id: str) -> User:
        user = self._users.get(user_id)
        if user is None:
            raise NotFound(f"unknown user {user_id!r}", "user_id")
        return user
