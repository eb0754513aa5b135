"""The users read model (who can log in, with which role) and its queries."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Engine, Table

from fluxion_desktop.adapters.projections import Db, DomainProjection
from fluxion_desktop.adapters.read_models.row_views import RowViews
from fluxion_desktop.adapters.read_models.user_tables import users
from fluxion_desktop.adapters.sqlite_engine import raw_read_transaction
from fluxion_desktop.application.authorization import UserView
from fluxion_desktop.application.event_store import StoredEvent
from fluxion_desktop.domain import identity as i
from fluxion_desktop.domain.events import DomainEvent

log = logging.getLogger(__name__)


class UsersProjection(DomainProjection):
    name = "users"
    tables: tuple[Table, ...] = (users,)
    virtual_tables: Mapping[str, str] = {}
    event_types = (i.UserCreated, i.UserRoleChanged, i.UserDeactivated)

    def apply(self, db: Db, events: list[tuple[StoredEvent, DomainEvent]]) -> None:
        for stored, event in events:
            user_id = stored.stream_id.split("-", 1)[1]
            match event:
                case i.UserCreated():
                    _add(db, event)
                case i.UserRoleChanged():
                    db.execute(
                        "UPDATE users SET role = ? WHERE user_id = ?", (event.role.value, user_id)
                    )
                case i.UserDeactivated():
                    db.execute("UPDATE users SET active = 0 WHERE user_id = ?", (user_id,))


def _add(db: Db, event: i.UserCreated) -> None:
    """A new user. Two tills offline (or a till and HQ) can each create the same name; then the
    user created first (the smaller time-ordered id) keeps it on every till, whatever order the
    events arrive in, and the other cannot log in: said in the log, never silently."""
    holder = db.execute("SELECT user_id FROM users WHERE username = ?", (event.username,))
    found = holder.fetchone()
    if found is not None and found[0] != event.user_id:
        kept, dropped = sorted((str(found[0]), event.user_id))
        log.warning("two users are named %s: %s keeps the name, %s cannot log in here",
                    event.username, kept, dropped)  # fmt: skip
        if kept == found[0]:
            return
        db.execute("DELETE FROM users WHERE user_id = ?", (found[0],))
    db.execute(
        "INSERT INTO users (user_id, username, display_name, role, active) "
        "VALUES (?, ?, ?, ?, 1) ON CONFLICT(user_id) DO NOTHING",
        (event.user_id, event.username, event.display_name, event.role.value),
    )


def _view(row: Any) -> UserView:
    return UserView(row[0], row[1], row[2], i.Role(row[3]), bool(row[4]))


_COLUMNS = "user_id, username, display_name, role, active"


class SqlUserQueries:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        # Every command checks its user: the row is read each time (a role change or a
        # deactivation shows on the next command), the view is built once per row.
        self._views: RowViews[str, UserView] = RowViews(lambda _id, row: _view(row))

    def get(self, user_id: str) -> UserView | None:
        with raw_read_transaction(self._engine) as db:
            row = db.execute(f"SELECT {_COLUMNS} FROM users WHERE user_id = ?", (user_id,))
            found = row.fetchone()
        return None if found is None else self._views.view(found[0], found)

    def by_username(self, username: str) -> UserView | None:
        with raw_read_transaction(self._engine) as db:
            row = db.execute(
                f"SELECT {_COLUMNS} FROM users WHERE username = ?", (username.strip().lower(),)
            ).fetchone()
        return None if row is None else self._views.view(row[0], row)

    def all(self) -> list[UserView]:
        with raw_read_transaction(self._engine) as db:
            rows = db.execute(f"SELECT {_COLUMNS} FROM users ORDER BY username").fetchall()
        return [_view(r) for r in rows]
