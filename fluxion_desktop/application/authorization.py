"""Who may do what: role checks for the acting user, and managers' PIN overrides."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from fluxion_desktop.domain.errors import NotFound, PermissionDenied
from fluxion_desktop.domain.identity import ROLE_PERMISSIONS, Permission, Role


@dataclass(frozen=True, slots=True)
class UserView:
    user_id: str
    username: str
    display_name: str
    role: Role
    active: bool


@dataclass(frozen=True, slots=True)
class Credentials:
    """A username and PIN typed at the till; the PIN never appears in a repr or a log."""

    username: str
    pin: str = field(repr=False)


class UserQueries(Protocol):
    def get(self, user_id: str) -> UserView | None: ...

    def by_username(self, username: str) -> UserView | None: ...

    def all(self) -> list[UserView]: ...


class OverrideChecker(Protocol):
    def override(self, credentials: Credentials, permission: Permission) -> str:
        """Verify a manager's PIN and permission; the manager's user id, or a DomainError."""
        ...


class Authorizer:
    """Role checks against the users read model."""

    def __init__(self, users: UserQueries) -> None:
        self._users = users

    def require(self, user_id: str, permission: Permission) -> UserView:
        """The acting user, if active and allowed; else PermissionDenied naming "user_id"."""
        user = self._users.get(user_id)
        if user is None:
            raise NotFound(f"unknown user {user_id!r}", "user_id")
        if not user.active or permission not in ROLE_PERMISSIONS[user.role]:
            raise PermissionDenied(
                f"{user.display_name} ({user.role.value}) may not "
                f"{permission.value.replace('_', ' ')}",
                "user_id",
            )
        return user

    def allows(self, user_id: str, permission: Permission) -> bool:
        user = self._users.get(user_id)
        return user is not None and user.active and permission in ROLE_PERMISSIONS[user.role]
