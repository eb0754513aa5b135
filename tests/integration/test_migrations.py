"""Alembic owns the schema: migrate from empty and from every earlier revision; refuse strangers."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from fluxion_desktop.adapters.all_tables import VIRTUAL_TABLE_PREFIXES, all_metadata
from fluxion_desktop.adapters.database import (
    APPLICATION_ID,
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseTooNew,
    NotAFluxionDatabase,
    alembic_config,
    current_revision,
    head_revision,
    open_database,
)
from fluxion_desktop.adapters.sqlite_engine import create_sqlite_engine

REVISIONS = [
    r.revision
    for r in reversed(list(ScriptDirectory.from_config(alembic_config()).walk_revisions()))
]


def _not_virtual(name: str | None, type_: str, _parents: object) -> bool:
    return not (type_ == "table" and name is not None and name.startswith(VIRTUAL_TABLE_PREFIXES))


def _schema(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
        ).fetchall()
    return [(name, sql or "") for name, sql in rows]


def test_migrating_from_empty_reaches_head_and_matches_the_metadata(tmp_path: Path):
    engine = open_database(tmp_path / "new.db")

    assert current_revision(engine) == head_revision()
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": _not_virtual})
        diff = compare_metadata(context, all_metadata())
        app_id = connection.exec_driver_sql("PRAGMA application_id").scalar()
    assert diff == []
    assert app_id == APPLICATION_ID


@pytest.mark.parametrize("start", REVISIONS[:-1] or ["base"])
def test_migrating_from_every_earlier_revision_gives_the_same_schema(tmp_path: Path, start: str):
    fresh = tmp_path / "fresh.db"
    open_database(fresh).dispose()
    old = tmp_path / "old.db"
    engine = create_sqlite_engine(old)
    with engine.begin() as connection:
        connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        command.upgrade(alembic_config(connection), start)
    engine.dispose()

    open_database(old).dispose()

    assert _schema(old) == _schema(fresh)


def test_a_database_from_a_newer_app_is_refused_with_a_clear_message(tmp_path: Path):
    path = tmp_path / "newer.db"
    open_database(path).dispose()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")

    with pytest.raises(DatabaseTooNew, match="newer version of Fluxion POS"):
        open_database(path)


def test_a_file_that_is_not_sqlite_is_refused(tmp_path: Path):
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database")

    with pytest.raises(NotAFluxionDatabase, match="not an SQLite file"):
        open_database(path)
    assert path.read_text() == "these are my notes, not a database"


def test_another_programs_sqlite_database_is_refused_and_left_alone(tmp_path: Path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE recipes (name TEXT)")

    with pytest.raises(NotAFluxionDatabase, match="another program"):
        open_database(path)
    assert [n for (n, _) in _schema(path)] == ["recipes"]


def test_a_corrupt_database_is_refused_with_a_message(tmp_path: Path):
    path = tmp_path / "corrupt.db"
    open_database(path).dispose()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # smash the schema page after the header
    path.write_bytes(bytes(data))

    with pytest.raises((DatabaseCorrupt, NotAFluxionDatabase)) as raised:
        open_database(path)
    assert str(path) in str(raised.value)


def test_a_database_locked_by_another_writer_is_reported(tmp_path: Path):
    path = tmp_path / "busy.db"
    engine = open_database(path)
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), REVISIONS[0])
    engine.dispose()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseLocked, match="locked by another program"):
            open_database(path, busy_timeout_ms=50)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_write_blocked_by_another_program_says_so_and_writes_nothing(sqlite_store, db_path):
    from tests.support.sample_events import new_event

    holder = sqlite3.connect(db_path, isolation_level=None, timeout=0.05)
    holder.execute("BEGIN IMMEDIATE")
    slow = open_database(db_path, busy_timeout_ms=50)
    try:
        blocked = type(sqlite_store)(slow, sqlite_store.device_id, lambda _t: True)
        with pytest.raises(DatabaseLocked, match="nothing was written"):
            blocked.append("tally-1", [new_event()], 0)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        slow.dispose()
    assert sqlite_store.last_position() == 0
