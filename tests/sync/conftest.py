"""Fixtures of the sync tests (HQ server, device client, end to end).

* `postgres` (session): a throwaway PostgreSQL server (tests/sync/support/postgres.py); the
  tests using it are skipped only when the PostgreSQL binaries are missing.
* `hq_database_url`: parametrised over "sqlite" and "postgresql": a fresh empty database URL
  per test (a SQLite file in tmp_path, or a new database on the session's server).
* `hq`: a running HQ (tests/sync/support/hq_server.py `RunningHq`) on `hq_database_url`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sync.support.hq_server import RunningHq, start_hq_server
from tests.sync.support.postgres import PostgresServer, find_pg_bin


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    if find_pg_bin() is None:
        pytest.skip("PostgreSQL binaries (initdb, pg_ctl) are not installed")
    with PostgresServer.start() as server:
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def hq_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'hq.db'}"
    server: PostgresServer = request.getfixturevalue("postgres")
    return server.create_database()


@pytest.fixture
def hq(hq_database_url: str) -> Iterator[RunningHq]:
    with start_hq_server(hq_database_url) as server:
        yield server
