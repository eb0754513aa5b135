"""Engines, migrations and the two kinds of transaction HQ runs.

SQLite (the one-box default) runs in WAL mode with synchronous=FULL: a write transaction starts
with BEGIN IMMEDIATE (one writer at a time, so ingest is serialised and a pull can never skip a
late commit); reads use plain BEGIN and see one snapshot. PostgreSQL: a write transaction that
touches a tenant's events first takes `pg_advisory_xact_lock` on the tenant, so a tenant's
events commit in `seq` order; a pull reads in REPEATABLE READ (one snapshot).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import platformdirs
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, Table, any_, bindparam, create_engine, event, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

SQLITE_BUSY_TIMEOUT_S = 60
# The WAL is copied back into the database every this many pages (~40 MB) instead of SQLite's
# 1,000: a 500-event push writes a few hundred pages, so with the default the same hot index
# pages were copied back every few commits. Measured on a 100,000-event drain: commits 40 %
# shorter, the drain 10-25 % shorter (the WAL file keeps up to that size on disk).
SQLITE_WAL_CHECKPOINT_PAGES = 10_000


class DatabaseError(Exception):
    """A database HQ cannot use (unknown URL, newer schema); the message says why."""


def default_database_url() -> str:
    """A SQLite file under the user's data directory (created on first use)."""
    directory = Path(platformdirs.user_data_dir("fluxion-hq", appauthor=False))
    directory.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{directory / 'hq.db'}"


@dataclass
class Database:
    """The engine and how to open transactions on it (one per process; workers are stateless)."""

    engine: Engine
    read_engine: Engine

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def write(self, tenant_id: str | None = None) -> Iterator[Connection]:
        """One write transaction; with `tenant_id`, serialised with every other write to that
        tenant's events (PostgreSQL advisory lock; SQLite has one writer anyway)."""
        with self.engine.begin() as conn:
            if tenant_id is not None and self.dialect == "postgresql":
                conn.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": lock_key(tenant_id)}
                )
            yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """One read transaction over a single snapshot."""
        with self.read_engine.connect() as conn:
            if self.dialect == "postgresql":
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                yield conn

    def dispose(self) -> None:
        self.engine.dispose()
        if self.read_engine is not self.engine:
            self.read_engine.dispose()


def lock_key(tenant_id: str) -> int:
    """A stable signed 64-bit advisory-lock key for a tenant."""
    return int.from_bytes(
        hashlib.sha256(b"fluxion-hq:" + tenant_id.encode()).digest()[:8], "big", signed=True
    )


def open_database(url: str, pool_size: int = 10) -> Database:
    """Engines for `url` (sqlite:///FILE or postgresql+psycopg://...); DatabaseError if unusable.

    Does not migrate: call `migrate` (the CLI does on every command)."""
    try:
        parsed = make_url(url)
    except Exception:
        raise DatabaseError(f"not a database URL: {url!r}") from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if parsed.database in (None, "", ":memory:"):
            raise DatabaseError("SQLite needs a file: sqlite:///path/to/hq.db")
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        return Database(_sqlite_engine(url, immediate=True), _sqlite_engine(url, immediate=False))
    if backend == "postgresql":
        if parsed.get_driver_name() not in ("psycopg", "psycopg2"):
            parsed = parsed.set(drivername="postgresql+psycopg")
        engine = create_engine(
            parsed, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True
        )
        return Database(engine, engine)
    raise DatabaseError(
        f"unsupported database {backend!r}: use sqlite:/// or postgresql+psycopg://"
    )


def _sqlite_engine(url: str, immediate: bool) -> Engine:
    engine = create_engine(
        url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S, "check_same_thread": False}
    )

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}")
        cursor.execute(f"PRAGMA wal_autocheckpoint={SQLITE_WAL_CHECKPOINT_PAGES}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _alembic_config() -> Config:
    config = Config()
    location = resources.files("sync.server") / "migrations"
    config.set_main_option("script_location", str(location))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(database: Database) -> str | None:
    with database.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(database: Database) -> None:
    """Upgrade the schema to this version's head, under the write lock (SQLite) or an advisory
    lock (PostgreSQL), so workers starting together migrate once. A database from a newer
    version of HQ raises DatabaseError and is left alone."""
    config = _alembic_config()
    script = ScriptDirectory.from_config(config)
    with database.engine.begin() as conn:
        if database.dialect == "postgresql":
            conn.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": lock_key("~migrations")}
            )
        current = MigrationContext.configure(conn).get_current_revision()
        if current is not None and not _known(script, current):
            raise DatabaseError(
                f"the database is at schema {current}, newer than this HQ knows; upgrade fluxion-hq"
            )
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def _known(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is not None
    except Exception:
        return False


class DuplicateKey(Exception):
    """An insert hit a unique index (the transaction is lost; the caller may retry it)."""


def insert_rows(
    conn: Connection, table: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Insert `rows` (tuples of values in `columns` order) in the current transaction, straight
    through the driver: COPY on PostgreSQL (several times faster than an INSERT per row,
    measured on HQ ingest), one executemany of plain tuples on SQLite (a third of the time
    SQLAlchemy's executemany of dicts takes, measured on the drain). DuplicateKey when a row
    breaks a unique index."""
    if not rows:
        return
    names = ", ".join(f'"{name}"' for name in columns)
    if conn.dialect.name != "postgresql":
        marks = ", ".join("?" for _ in columns)
        try:
            conn.exec_driver_sql(f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})', rows)
        except IntegrityError as error:
            raise DuplicateKey(str(error.orig)) from error
        return
    import psycopg

    driver = conn.connection.driver_connection
    assert driver is not None
    try:
        with (
            driver.cursor() as cursor,
            cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy,
        ):
            for row in rows:
                copy.write_row(row)
    except psycopg.errors.UniqueViolation as error:
        raise DuplicateKey(str(error)) from error


def in_parameter(dialect: str, column: Any, name: str) -> Any:
    """`column IN :name` for a statement built once and run with a list bound to `name`: on
    PostgreSQL one array parameter (see `in_values`), elsewhere an expanding IN list."""
    if dialect == "postgresql":
        return column == any_(bindparam(name, type_=ARRAY(column.type)))
    return column.in_(bindparam(name, expanding=True))


def in_values(conn: Connection, column: Any, values: Iterable[Any]) -> Any:
    """`column IN values` as the backend serves it best: on PostgreSQL one array parameter
    (`= ANY(:array)`: a list of hundreds of parameters is parsed anew on every call, measured at
    a tenth of ingest time), elsewhere a plain IN list."""
    listed = list(values)
    if conn.dialect.name == "postgresql":
        return column == any_(bindparam(None, listed, type_=ARRAY(column.type)))
    return column.in_(listed)
