"""SQLite engines with the durability settings every Fluxion database uses.

WAL with synchronous=FULL means a commit is on disk when it returns; write transactions start with
BEGIN IMMEDIATE so two writers queue on the lock instead of failing half-way through.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import Pool, PoolProxiedConnection, QueuePool

from fluxion_desktop.adapters.database_errors import DatabaseLocked

DEFAULT_BUSY_TIMEOUT_MS = 5000
# A commit that takes the WAL past this many pages copies it back into the file itself: only a
# backstop, checkpoints normally run in the background when the till is idle (wal_checkpointer).
AUTOCHECKPOINT_PAGES = 20_000
_WRITE = "fluxion_write"
_FULL = 2  # what `PRAGMA synchronous` answers for FULL


class _Pin(threading.local):
    connection: sqlite3.Connection | None = None


# Each engine's pinned connection, per thread (see `pinned_connection`); an entry goes with its
# engine.
_PINS: weakref.WeakKeyDictionary[Engine, _Pin] = weakref.WeakKeyDictionary()


class _Writers:
    """How many write transactions of this process wait for an engine's write lock or hold it."""

    def __init__(self) -> None:
        self.count = 0
        self.lock = threading.Lock()

    @contextmanager
    def counted(self) -> Iterator[None]:
        with self.lock:
            self.count += 1
        try:
            yield
        finally:
            with self.lock:
                self.count -= 1


_WRITERS: weakref.WeakKeyDictionary[Engine, _Writers] = weakref.WeakKeyDictionary()
_WRITERS_LOCK = threading.Lock()


def _writers(engine: Engine) -> _Writers:
    writers = _WRITERS.get(engine)
    if writers is None:
        with _WRITERS_LOCK:
            writers = _WRITERS.setdefault(engine, _Writers())
    return writers


def writers_busy(engine: Engine) -> bool:
    """Whether a write transaction of this process waits for `engine`'s write lock or holds it.

    Work that can wait (feeding the lagging read models) gives way to them: SQLite lets a writer
    that found the lock taken in only when it next looks, and a run of back-to-back transactions
    of other work kept a sale out for seconds (and past the busy timeout). Such work opens its
    transactions with `gives_way=True`, so it is not counted itself, and must not be called from
    inside a counted write transaction (it would wait for itself).
    """
    return _writers(engine).count > 0


def create_sqlite_engine(
    path: Path | str, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS
) -> Engine:
    """An engine on the SQLite file at `path` (":memory:" for a scratch database)."""
    if str(path) == ":memory:":
        engine = create_engine("sqlite+pysqlite:///:memory:")
    else:
        # Last in, first out: the connection that just committed serves the next transaction.
        # Each connection keeps its own page cache, and SQLite drops all of it when another
        # connection committed since its last transaction; first in, first out took turns
        # between two connections, and a sale re-read its pages (0.2-0.35 ms of its ~2.7).
        engine = create_engine(f"sqlite+pysqlite:///{path}", pool_use_lifo=True)

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        # We issue BEGIN ourselves (below); pysqlite's own transaction handling would defer it.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute(f"PRAGMA wal_autocheckpoint = {AUTOCHECKPOINT_PAGES}")
            cursor.execute("PRAGMA foreign_keys = ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get(_WRITE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A connection inside a BEGIN IMMEDIATE transaction, committed on success.

    A lock held past the busy timeout by another program becomes `DatabaseLocked`.
    """
    try:
        with _writers(engine).counted(), engine.connect() as connection:
            connection.execution_options(**{_WRITE: True})
            with connection.begin():
                yield connection
    except OperationalError as error:
        original = error.orig if isinstance(error.orig, Exception) else error
        translated = _locked(engine, original)
        if translated is original:
            raise
        raise translated from error


@contextmanager
def pinned_connection(engine: Engine) -> Iterator[None]:
    """Within the block, this thread's raw transactions on `engine` share one pooled connection.

    A command reads a dozen times and writes once; checking a connection out of the pool for
    each of them cost more than most of the statements. Transactions stay exactly as they were
    (each read its own snapshot, the write its own BEGIN IMMEDIATE); one started while another
    is open on this thread (a read inside a write) gets a connection of its own, as before.
    Nested blocks reuse the outer one's connection.
    """
    pin = _pin(engine)
    if pin.connection is not None:
        yield
        return
    pooled = engine.raw_connection()
    try:
        connection = pooled.driver_connection
        assert isinstance(connection, sqlite3.Connection)
        pin.connection = connection
        try:
            yield
        finally:
            pin.connection = None
    finally:
        pooled.close()


class CommandConnection:
    """One pooled connection that the message bus's commands use, kept from one to the next.

    `scope()` pins it (as `pinned_connection` does) for the command running on the calling
    thread. Checking a connection out of the pool and back in for each of a sale's nine commands
    cost 0.1-0.2 ms of its ~2.5 (and, with several pooled, each could find its page cache
    dropped: see `create_sqlite_engine`). The bus runs one command at a time, which is what
    lets them share it, whichever thread each runs on. A `scope()` inside a pinned block keeps
    that block's connection; one while the kept connection is busy (nested in a transaction, or
    from another thread) pins a connection of its own from the pool. `release()` gives it back
    for good (before the engine is disposed); a command still running keeps it until it ends.
    A dispose of the engine closes the kept connection (at once if no command holds it), as it
    closes the pool's. An engine without a queue pool (":memory:", whose connection belongs to
    one thread) keeps none: each command pins one as `pinned_connection` does.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._lock = threading.Lock()
        self._keeps = isinstance(engine.pool, QueuePool)
        self._pool: Pool | None = None
        self._pooled: PoolProxiedConnection | None = None
        self._in_use = False
        self._released = False
        if self._keeps:
            event.listen(engine, "engine_disposed", self._disposed)

    @contextmanager
    def scope(self) -> Iterator[None]:
        pin = _pin(self._engine)
        connection = None if pin.connection is not None else self._take()
        if connection is None:  # inside a pinned block (it keeps its own), or the kept is busy
            with pinned_connection(self._engine):
                yield
            return
        pin.connection = connection
        try:
            yield
        finally:
            pin.connection = None
            self._end_command(connection)

    def release(self) -> None:
        """Return the connection to the pool; later commands check one out each."""
        with self._lock:
            self._released = True
            if not self._in_use:
                self._close_pooled()

    def _take(self) -> sqlite3.Connection | None:
        with self._lock:
            if self._in_use or self._released or not self._keeps:
                return None
            if self._pool is not self._engine.pool:
                self._close_pooled()  # a dispose came while a command held it
            if self._pooled is None:
                self._pool = self._engine.pool
                self._pooled = self._engine.raw_connection()
            self._in_use = True
            connection = self._pooled.driver_connection
        assert isinstance(connection, sqlite3.Connection)
        return connection

    def _end_command(self, connection: sqlite3.Connection) -> None:
        try:
            if connection.in_transaction:
                # Never keep a snapshot open between commands: it would stop every checkpoint.
                connection.rollback()
        except BaseException:
            with self._lock:  # a connection that cannot roll back is not kept
                if self._pooled is not None:
                    self._pooled.invalidate()
                self._close_pooled()
            raise
        finally:
            self._give_back()

    def _give_back(self) -> None:
        with self._lock:
            self._in_use = False
            if self._released:
                self._close_pooled()

    def _disposed(self, _engine: Engine) -> None:
        with self._lock:
            if not self._in_use:
                self._close_pooled()

    def _close_pooled(self) -> None:
        if self._pooled is not None:
            if self._pool is not self._engine.pool:
                # Its pool was disposed: checked back in there, it would stay open (the file
                # held) for as long as we referred to that pool.
                self._pooled.invalidate()
            self._pooled.close()
        self._pooled = None
        self._pool = None


def _pin(engine: Engine) -> _Pin:
    pin = _PINS.get(engine)
    if pin is None:
        pin = _PINS.setdefault(engine, _Pin())
    return pin


def _checkout(engine: Engine) -> tuple[sqlite3.Connection, PoolProxiedConnection | None]:
    """This thread's pinned connection if it is free (nothing to give back), else one from the
    pool with the handle that gives it back."""
    pin = _PINS.get(engine)
    pinned = None if pin is None else pin.connection
    if pinned is not None and not pinned.in_transaction:
        return pinned, None
    pooled = engine.raw_connection()
    connection = pooled.driver_connection
    assert isinstance(connection, sqlite3.Connection)
    return connection, pooled


@contextmanager
def _connection(engine: Engine) -> Iterator[sqlite3.Connection]:
    """This thread's pinned connection if it is free, else one from the pool."""
    connection, pooled = _checkout(engine)
    try:
        yield connection
    finally:
        if pooled is not None:
            pooled.close()


@contextmanager
def raw_write_transaction(
    engine: Engine, *, checkpoint: bool = True, wait_for_disk: bool = True, gives_way: bool = False
) -> Iterator[sqlite3.Connection]:
    """The pooled DB-API connection inside BEGIN IMMEDIATE: the append hot path.

    SQLAlchemy's per-statement overhead would double the cost of a durable single-event append,
    so the event store and the projections it feeds talk to sqlite3 directly here.
    `checkpoint=False` keeps this commit from copying the WAL back into the file itself (a large
    append whose caller has that done in the background); the commit is as durable either way.
    `wait_for_disk=False` commits at synchronous=NORMAL: the commit is in the WAL (it survives
    the app crashing) but not forced to disk, so a power cut may take it, and only it and later
    such commits: the next commit that waits, or a checkpoint, syncs the whole WAL, everything
    before it included. See `make_log_durable` for readers that must not see such a commit
    before it is on disk. `gives_way=True`: work that gives way to other writers (see
    `writers_busy`), not counted among them.
    """
    counted = nullcontext() if gives_way else _writers(engine).counted()
    with counted, _connection(engine) as connection:
        lowered = not wait_for_disk and _lower_to_normal(connection)
        try:
            try:
                connection.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as error:
                raise _locked(engine, error) from error
            if not checkpoint:
                connection.execute("PRAGMA wal_autocheckpoint = 0")
            try:
                yield connection
                connection.execute("COMMIT")
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            finally:
                if not checkpoint:
                    connection.execute(f"PRAGMA wal_autocheckpoint = {AUTOCHECKPOINT_PAGES}")
        finally:
            if lowered:
                connection.execute("PRAGMA synchronous = FULL")


def _lower_to_normal(connection: sqlite3.Connection) -> bool:
    """synchronous=NORMAL for one commit on a FULL connection; whether it was lowered (a
    profiling run's connection at OFF stays at OFF)."""
    if connection.execute("PRAGMA synchronous").fetchone()[0] != _FULL:
        return False
    connection.execute("PRAGMA synchronous = NORMAL")
    return True


def make_log_durable(engine: Engine) -> None:
    """Force every transaction committed so far onto the disk, those that did not wait included.

    Whoever sends committed events off the device (the sync push) calls this after reading them
    and before sending: an event HQ holds must never vanish from the till in a power cut, or the
    till would later write another event at its stream version. Syncing the WAL file is enough
    (its frames are all the commits since the last checkpoint, and a checkpoint syncs the WAL
    before copying it); no WAL file means everything is in the database file, synced already.
    """
    database = engine.url.database
    if not database or database == ":memory:":
        return
    try:
        # Write access: Windows flushes a file's buffers only through a handle that may write.
        descriptor = os.open(f"{database}-wal", os.O_RDWR)
    except FileNotFoundError:
        return
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _locked(engine: Engine, error: Exception) -> Exception:
    text = str(error).lower()
    if "locked" not in text and "busy" not in text:
        return error
    return DatabaseLocked(
        f"the database is locked by another program ({engine.url.database}); nothing was written"
    )


# Lower case: it is used like the context-manager functions beside it.
class raw_read_transaction:
    """The pooled DB-API connection inside a deferred (snapshot) read transaction.

    A class rather than a generator: a sale runs some seventy of these, and two nested
    generator context managers cost more than the BEGIN, the look-up and the COMMIT together.
    """

    __slots__ = ("_connection", "_engine", "_pooled")

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._pooled: PoolProxiedConnection | None = None
        self._connection: sqlite3.Connection | None = None

    def __enter__(self) -> sqlite3.Connection:
        connection, self._pooled = _checkout(self._engine)
        try:
            connection.execute("BEGIN")
        except BaseException:
            self._release()
            raise
        self._connection = connection
        return connection

    def __exit__(self, *_exc: object) -> None:
        assert self._connection is not None
        try:
            self._connection.execute("COMMIT")
        finally:
            self._connection = None
            self._release()

    def _release(self) -> None:
        if self._pooled is not None:
            self._pooled.close()
            self._pooled = None
