"""The connection the message bus keeps from one command to the next, and the pool's order."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from fluxion_desktop.adapters.database import open_database
from fluxion_desktop.adapters.sqlite_engine import (
    CommandConnection,
    create_sqlite_engine,
    pinned_connection,
    raw_read_transaction,
    raw_write_transaction,
)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = open_database(tmp_path / "till.db")
    with raw_write_transaction(engine) as db:
        db.execute("CREATE TABLE tally (n INTEGER)")
    yield engine
    engine.dispose()


@pytest.fixture
def commands(engine: Engine) -> Iterator[CommandConnection]:
    commands = CommandConnection(engine)
    yield commands
    commands.release()


def _used(engine: Engine) -> sqlite3.Connection:
    with raw_read_transaction(engine) as db:
        return db


def test_commands_on_different_threads_share_one_connection(
    engine: Engine, commands: CommandConnection
) -> None:
    seen: list[sqlite3.Connection] = []

    def command() -> None:
        with commands.scope():
            seen.append(_used(engine))

    command()
    worker = threading.Thread(target=command)
    worker.start()
    worker.join()
    kept_between_commands = engine.pool.checkedout()  # type: ignore[attr-defined]
    command()

    assert len(seen) == 3 and seen[0] is seen[1] is seen[2]
    assert kept_between_commands == 1


def test_a_command_inside_another_gets_a_connection_of_its_own_only_when_the_first_is_busy(
    engine: Engine, commands: CommandConnection
) -> None:
    with commands.scope():
        outer = _used(engine)
        with raw_write_transaction(engine) as writing:
            with commands.scope():  # the kept connection is in a transaction: a pooled one
                inner = _used(engine)
            writing.execute("INSERT INTO tally VALUES (1)")
        with commands.scope():  # the same thread's pin is free again: it is shared
            again = _used(engine)

    assert outer is writing is again
    assert inner is not outer


def test_two_threads_inside_a_scope_at_once_never_share_a_connection(
    engine: Engine, commands: CommandConnection
) -> None:
    # The bus never lets this happen (one command at a time); the connection stays safe anyway.
    inside, leave = threading.Event(), threading.Event()
    seen: list[sqlite3.Connection] = []

    def first() -> None:
        with commands.scope():
            seen.append(_used(engine))
            inside.set()
            leave.wait(5)

    worker = threading.Thread(target=first)
    worker.start()
    assert inside.wait(5)
    with commands.scope():
        seen.append(_used(engine))
    leave.set()
    worker.join()

    assert seen[0] is not seen[1]


def test_a_command_never_leaves_a_snapshot_open(
    engine: Engine, commands: CommandConnection
) -> None:
    with commands.scope():
        with raw_write_transaction(engine) as db:
            db.execute("INSERT INTO tally VALUES (1)")
        kept = _used(engine)
        kept.execute("BEGIN")  # a read left open by mistake
        kept.execute("SELECT COUNT(*) FROM tally").fetchone()

    assert not kept.in_transaction


def test_release_during_a_command_gives_the_connection_back_when_it_ends(
    engine: Engine, commands: CommandConnection
) -> None:
    with commands.scope():
        kept = _used(engine)
        commands.release()
        assert engine.pool.checkedout() == 1  # type: ignore[attr-defined]
        assert _used(engine) is kept
    assert engine.pool.checkedout() == 0  # type: ignore[attr-defined]

    with commands.scope():  # after the release: one checked out for the command only
        assert engine.pool.checkedout() == 1  # type: ignore[attr-defined]
    assert engine.pool.checkedout() == 0  # type: ignore[attr-defined]


def test_the_pool_hands_out_the_connection_used_last(engine: Engine) -> None:
    # SQLite drops a connection's whole page cache when another connection committed since its
    # last transaction: taking turns between connections made every command re-read its pages.
    # Two at once: the pool then holds two connections.
    with (
        pinned_connection(engine),
        raw_read_transaction(engine) as first,
        raw_read_transaction(engine) as second,
    ):
        assert second is not first
    for _ in range(3):
        with raw_write_transaction(engine) as writer:
            writer.execute("INSERT INTO tally VALUES (1)")
        assert _used(engine) is writer


def test_a_dispose_closes_the_kept_connection_and_the_next_command_gets_another(
    engine: Engine, commands: CommandConnection
) -> None:
    with commands.scope():
        before = _used(engine)
    engine.dispose()
    with commands.scope():
        after = _used(engine)

    assert after is not before
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        before.execute("SELECT 1")


def test_a_connection_that_fails_at_the_end_of_a_command_is_not_kept(
    engine: Engine, commands: CommandConnection
) -> None:
    with pytest.raises(sqlite3.ProgrammingError), commands.scope():
        broken = _used(engine)
        broken.close()  # what a failing ROLLBACK would leave: a connection nobody can use

    with commands.scope():
        after = _used(engine)
        assert after.execute("SELECT COUNT(*) FROM tally").fetchone() == (0,)
    assert after is not broken


def test_an_engine_without_a_queue_pool_keeps_no_connection() -> None:
    # ":memory:" hands each thread a connection of its own that no other thread may use.
    engine = create_sqlite_engine(":memory:")
    commands = CommandConnection(engine)
    errors: list[BaseException] = []

    def command() -> None:
        try:
            with commands.scope(), raw_read_transaction(engine) as db:
                db.execute("SELECT 1")
        except BaseException as error:  # reported by the assertion below
            errors.append(error)

    command()
    worker = threading.Thread(target=command)
    worker.start()
    worker.join()

    assert errors == []
    engine.dispose()
