"""A throwaway PostgreSQL server for tests and benchmarks: initdb + pg_ctl in a temporary
directory, on a free port of 127.0.0.1, stopped and deleted afterwards.

    with PostgresServer.start() as server:          # or the session fixture `postgres`
        url = server.create_database("hq_test")     # "postgresql+psycopg://postgres@127.0.0.1:PORT/hq_test"

Durability settings are off (fsync, synchronous_commit): the data is thrown away anyway.
Run as root (containers), the server runs as the `postgres` system user, as initdb demands.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CANDIDATE_BIN_DIRS = (
    Path(os.environ.get("FLUXION_PG_BIN", "/usr/lib/postgresql/15/bin")),
    Path("/usr/lib/postgresql/16/bin"),
    Path("/usr/lib/postgresql/14/bin"),
)


def find_pg_bin() -> Path | None:
    """The directory holding initdb and pg_ctl, or None when PostgreSQL is not installed."""
    for directory in CANDIDATE_BIN_DIRS:
        if (directory / "initdb").exists() and (directory / "pg_ctl").exists():
            return directory
    found = shutil.which("initdb")
    return Path(found).parent if found and shutil.which("pg_ctl") else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PostgresServer:
    """A running throwaway server; `url(database)` gives SQLAlchemy URLs for it."""

    def __init__(self, bin_dir: Path, root: Path, port: int, run_as: list[str]) -> None:
        self.bin_dir = bin_dir
        self.root = root
        self.port = port
        self._run_as = run_as

    @classmethod
    @contextmanager
    def start(cls, bin_dir: Path | None = None) -> Iterator[PostgresServer]:
        """Start a server (RuntimeError when the binaries are missing); stop and delete it on
        exit."""
        bin_dir = bin_dir or find_pg_bin()
        if bin_dir is None:
            raise RuntimeError("PostgreSQL binaries (initdb, pg_ctl) not found")
        # Not under pytest's tmp_path: a root-owned 0700 tree the postgres user cannot enter.
        root = Path(tempfile.mkdtemp(prefix="fluxion-pg-"))
        run_as: list[str] = []
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            os.chown(root, user.pw_uid, user.pw_gid)
            run_as = ["runuser", "-u", "postgres", "--"]
        server = cls(bin_dir, root, free_port(), run_as)
        try:
            server._init_and_start()
            yield server
        finally:
            server._stop()
            shutil.rmtree(root, ignore_errors=True)

    def _run(self, *args: str) -> None:
        result = subprocess.run([*self._run_as, *args], capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"{args[0]} failed: {result.stdout}\n{result.stderr}")

    def _init_and_start(self) -> None:
        data = self.root / "data"
        self._run(
            str(self.bin_dir / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-sync",
            "--locale=C",
        )
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200 "
            "-c shared_buffers=128MB"
        )
        self._run(
            str(self.bin_dir / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-l",
            str(self.root / "server.log"),
            "-w",
            "-t",
            "60",
            "start",
        )

    def _stop(self) -> None:
        data = self.root / "data"
        if (data / "postmaster.pid").exists():
            subprocess.run(
                [
                    *self._run_as,
                    str(self.bin_dir / "pg_ctl"),
                    "-D",
                    str(data),
                    "-m",
                    "immediate",
                    "-w",
                    "stop",
                ],
                capture_output=True,
                check=False,
            )

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str | None = None) -> str:
        """A new empty database (a fresh random name when none is given); its URL."""
        import psycopg

        name = name or f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True
        ) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)
