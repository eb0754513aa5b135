"""HQ's Alembic migrations build exactly sync.server.schema, on SQLite and PostgreSQL, and a
database from a newer HQ is refused and left alone."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from sync.server.database import (
    SQLITE_WAL_CHECKPOINT_PAGES,
    DatabaseError,
    current_revision,
    head_revision,
    migrate,
    open_database,
)
from sync.server.schema import metadata


def test_migrations_build_the_schema_and_rerun_as_no_ops(hq_database_url):
    db = open_database(hq_database_url)
    try:
        migrate(db)
        migrate(db)
        assert current_revision(db) == head_revision()
        with db.engine.connect() as conn:
            differences = compare_metadata(MigrationContext.configure(conn), metadata)
        assert differences == []
    finally:
        db.dispose()


def test_a_database_from_a_newer_hq_is_refused(hq_database_url):
    db = open_database(hq_database_url)
    try:
        migrate(db)
        with db.engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
        with pytest.raises(DatabaseError, match="newer than this HQ knows"):
            migrate(db)
        assert current_revision(db) == "9999_future"
    finally:
        db.dispose()


def test_a_sqlite_hq_commits_durably_and_checkpoints_its_wal_in_large_steps(tmp_path):
    db = open_database(f"sqlite:///{tmp_path / 'hq.db'}")
    try:
        for engine in (db.engine, db.read_engine):
            with engine.connect() as conn:
                settings = [
                    conn.exec_driver_sql(f"PRAGMA {name}").scalar()
                    for name in ("journal_mode", "synchronous", "wal_autocheckpoint")
                ]
            assert settings == ["wal", 2, SQLITE_WAL_CHECKPOINT_PAGES]  # 2: FULL
        assert SQLITE_WAL_CHECKPOINT_PAGES > 1000  # SQLite's default
    finally:
        db.dispose()
