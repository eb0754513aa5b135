"""Opening the local database: recognise it, refuse what is not ours, and migrate it to head.

Every failure is a `DatabaseUnusable` with a message a store manager can act on; the CLI and the
app show that message, never a traceback.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DatabaseError, OperationalError

from fluxion_desktop.adapters.database_errors import (
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseTooNew,
    DatabaseUnusable,
    NotAFluxionDatabase,
)
from fluxion_desktop.adapters.sqlite_engine import create_sqlite_engine

__all__ = [
    "DatabaseCorrupt",
    "DatabaseLocked",
    "DatabaseTooNew",
    "DatabaseUnusable",
    "NotAFluxionDatabase",
    "open_database",
]

# "FLXP" in the SQLite header tells our files from any other SQLite database.
APPLICATION_ID = 0x464C5850
_SQLITE_MAGIC = b"SQLite format 3\x00"
MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def open_database(path: Path, busy_timeout_ms: int = 5000) -> Engine:
    """An engine on the local database at `path`, created or upgraded to the current schema."""
    _check_file(path)
    engine = create_sqlite_engine(path, busy_timeout_ms)
    try:
        _check_application(engine, path)
        upgrade(engine, path)
    except OperationalError as error:
        engine.dispose()
        if "locked" in str(error).lower():
            raise DatabaseLocked(
                f"{path} is locked by another program (is Fluxion POS already running?)"
            ) from None
        raise DatabaseCorrupt(f"{path} cannot be read: {error.orig}") from None
    except DatabaseError as error:
        engine.dispose()
        raise DatabaseCorrupt(f"{path} is damaged and cannot be opened ({error.orig})") from None
    except DatabaseUnusable:
        engine.dispose()
        raise
    return engine


def upgrade(engine: Engine, path: Path | str = "the database") -> None:
    """Migrate to head; refuse a database written by a newer version of the app."""
    script = ScriptDirectory.from_config(alembic_config())
    current = current_revision(engine)
    head = script.get_current_head()
    if current == head:
        return
    if current is not None and current not in {r.revision for r in script.walk_revisions()}:
        raise DatabaseTooNew(
            f"{path} was written by a newer version of Fluxion POS (schema {current}); "
            "install that version or newer to open it"
        )
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")


def _check_file(path: Path) -> None:
    if path.is_dir():
        raise NotAFluxionDatabase(f"{path} is a folder, not a Fluxion POS database")
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as handle:
        header = handle.read(len(_SQLITE_MAGIC))
    if header != _SQLITE_MAGIC:
        raise NotAFluxionDatabase(f"{path} is not a Fluxion POS database (not an SQLite file)")


def _check_application(engine: Engine, path: Path) -> None:
    with engine.connect() as connection:
        app_id = connection.exec_driver_sql("PRAGMA application_id").scalar()
        tables = connection.exec_driver_sql(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"
        ).scalar()
        if app_id == APPLICATION_ID:
            return
        if app_id or tables:
            raise NotAFluxionDatabase(
                f"{path} is an SQLite database of another program, not of Fluxion POS"
            )
        connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.commit()
