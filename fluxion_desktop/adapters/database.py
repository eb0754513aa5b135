"""Opening the local database: recognise it, refuse what is not ours, and migrate it to head.

Every failure is a `DatabaseUnusable` with a message a store manager can act on; the CLI and the
app show that message, never a traceback.
"""

from __future__ import annotations

import time
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
from fluxion_desktop.adapters.sqlite_engine import create_sqlite_engine, write_transaction

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
MIGRATION_WAIT_TIMEOUTS = 6
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
    # Another process migrating the same file (the app and a CLI command starting together) can
    # hold the write lock longer than one busy timeout on a loaded machine: wait a few.
    deadline = time.monotonic() + busy_timeout_ms * MIGRATION_WAIT_TIMEOUTS / 1000
    try:
        while not _claimed_and_current(engine, path, deadline):
            pass
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


def _claimed_and_current(engine: Engine, path: Path, deadline: float) -> bool:
    """Claim and migrate the file if needed; False to try again (it was locked, time is left)."""
    try:
        with engine.connect() as connection:
            ready = _is_ours(connection, path) and _at_head(connection, path)
        if not ready:
            # Claim and migrate under the write lock, looking again once we hold it: another
            # process opening the same new file may have done the work in the meantime.
            with write_transaction(engine) as connection:
                if not _is_ours(connection, path):
                    connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
                if not _at_head(connection, path):
                    command.upgrade(alembic_config(connection), "head")
    except (OperationalError, DatabaseLocked) as error:
        # SQLite answers some lock conflicts at once, without its busy wait: pause, not spin.
        if "locked" in str(error).lower() and time.monotonic() < deadline:
            time.sleep(0.05)
            return False
        raise
    return True


def upgrade(engine: Engine, path: Path | str = "the database") -> None:
    """Migrate to head (under the write lock); refuse a database of a newer version."""
    with write_transaction(engine) as connection:
        if not _at_head(connection, path):
            command.upgrade(alembic_config(connection), "head")


def _at_head(connection: Connection, path: Path | str) -> bool:
    """Whether the schema is current; a revision this app does not know is a newer app's."""
    script = ScriptDirectory.from_config(alembic_config())
    current = MigrationContext.configure(connection).get_current_revision()
    if current == script.get_current_head():
        return True
    if current is not None and current not in {r.revision for r in script.walk_revisions()}:
        raise DatabaseTooNew(
            f"{path} was written by a newer version of Fluxion POS (schema {current}); "
            "install that version or newer to open it"
        )
    return False


def _check_file(path: Path) -> None:
    if path.is_dir():
        raise NotAFluxionDatabase(f"{path} is a folder, not a Fluxion POS database")
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as handle:
        header = handle.read(len(_SQLITE_MAGIC))
    if header != _SQLITE_MAGIC:
        raise NotAFluxionDatabase(f"{path} is not a Fluxion POS database (not an SQLite file)")


def _is_ours(connection: Connection, path: Path) -> bool:
    """True for a Fluxion database, False for a new empty file; another program's is refused."""
    app_id = connection.exec_driver_sql("PRAGMA application_id").scalar()
    if app_id == APPLICATION_ID:
        return True
    tables = connection.exec_driver_sql(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"
    ).scalar()
    if app_id or tables:
        raise NotAFluxionDatabase(
            f"{path} is an SQLite database of another program, not of Fluxion POS"
        )
    return False
