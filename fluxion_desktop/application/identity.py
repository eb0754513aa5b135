"""Users and PINs: create users, log in, change PINs and roles, and managers' overrides.

A wrong PIN is recorded (and may lock the user out) even though the command fails: the handler
saves the user's pending events before it re-raises.
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
from fluxion_desktop.application.message_bus import MessageBus
from fluxion_desktop.application.ports import Clock, IdGenerator
from fluxion_desktop.application.repository import Repository
from fluxion_desktop.domain.errors import DomainError, InvalidValue, NotFound
from fluxion_desktop.domain.identity import Permission, Role, User
from fluxion_desktop.domain.pin import PinHasher, check_pin_policy


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
        queries: UserQueries,
        authorizer: Authorizer,
        hasher: PinHasher,
        clock: Clock,
        ids: IdGenerator,
    ) -> None:
        self._users = users
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
        """The user behind the credentials; wrong PINs count toward a lockout."""
        user = self._load_by_username(command.credentials.username)
        self._checked(
            user, lambda: user.verify_pin(command.credentials.pin, self._hasher, self._clock.now())
        )
        view = self._queries.get(user.id)
        assert view is not None
        return view

    def override(self, credentials: Credentials, permission: Permission) -> str:
        """A manager's PIN for `permission`: their user id, or the DomainError that stops it."""
        user = self._load_by_username(credentials.username)
        self._checked(
            user,
            lambda: user.authorize(permission, credentials.pin, self._hasher, self._clock.now()),
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
        user.unlock(command.by)
        self._users.save(user, command.by)

    def deactivate_user(self, command: DeactivateUser) -> None:
        self._authorizer.require(command.by, Permission.MANAGE_USERS)
        user = self._load(command.user_id)
        user.deactivate(command.by)
        self._users.save(user, command.by)

    def _checked(self, user: User, action: Callable[[], object]) -> None:
        try:
            action()
        except DomainError:
            # Failed attempts and lockouts must outlive the failing command.
            if user.pending_events:
                self._users.save(user, user.id)
            raise
        if user.pending_events:
            self._users.save(user, user.id)

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
