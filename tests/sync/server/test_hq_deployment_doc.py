"""docs/hq-deployment.md as an operator follows it: its systemd unit is one systemd accepts, and
`fluxion-hq serve --workers N` on PostgreSQL really is N stateless workers over one database (tills
pushing at once, the same batch sent to two workers at once: every event stored exactly once)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from sync.server import schema, tenancy
from sync.server.database import open_database
from tests.sync.support.postgres import PostgresServer, free_port
from tests.sync.support.wire import DeviceChain, HqHttp, enrolled_device

ROOT = Path(__file__).resolve().parents[3]
DOC = (ROOT / "docs" / "hq-deployment.md").read_text(encoding="utf-8")
UNIT = re.search(r"fluxion-hq\.service`:\n\n```ini\n(.*?)```", DOC, re.S)


def test_the_documented_systemd_unit_is_valid(tmp_path: Path):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed")
    assert UNIT is not None, "the guide shows the unit file"
    # The one thing only the server has: the venv the guide installs into /opt/fluxion-hq.
    fluxion_hq = Path(sys.executable).with_name("fluxion-hq")
    unit = UNIT.group(1).replace("/opt/fluxion-hq/venv/bin/fluxion-hq", str(fluxion_hq))
    path = tmp_path / "fluxion-hq.service"
    path.write_text(unit, encoding="utf-8")

    result = subprocess.run([analyze, "verify", str(path)], capture_output=True, text=True)

    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def _documented_serve_arguments() -> list[str]:
    assert UNIT is not None
    exec_start = re.search(r"^ExecStart=(.*)$", UNIT.group(1), re.M)
    assert exec_start is not None
    return shlex.split(exec_start.group(1))[1:]  # after the fluxion-hq program itself


@pytest.fixture
def served(postgres: PostgresServer, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """`fluxion-hq serve` as the unit runs it (2 workers: this machine's cores); (url, db url)."""
    database_url = postgres.create_database()
    argv = _documented_serve_arguments()
    assert argv[:1] == ["serve"] and "--workers" in argv
    port = free_port()
    argv[argv.index("--port") + 1] = str(port)
    argv[argv.index("--workers") + 1] = "2"
    output = (tmp_path / "serve.log").open("w+", encoding="utf-8")
    env = {**os.environ, "FLUXION_HQ_DATABASE_URL": database_url}
    server = subprocess.Popen([sys.executable, "-m", "sync.server", *argv], env=env, cwd=ROOT,
                              stdout=output, stderr=subprocess.STDOUT)  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_both_workers_answer(server, url, tmp_path / "serve.log")
        yield url, database_url
    finally:
        server.terminate()
        server.wait(timeout=30)
        output.close()


def _wait_until_both_workers_answer(server: subprocess.Popen[bytes], url: str, log: Path) -> None:
    deadline = time.monotonic() + 60
    while log.read_text().count("Application startup complete") < 2:
        assert server.poll() is None, log.read_text()
        assert time.monotonic() < deadline, f"two workers did not start:\n{log.read_text()}"
        time.sleep(0.2)
    assert httpx.get(f"{url}/health", timeout=10).json() == {
        "status": "ok",
        "database": "postgresql",
    }


@pytest.mark.slow
def test_several_workers_over_one_postgresql_store_every_event_once(served: tuple[str, str]):
    url, database_url = served
    database = open_database(database_url, pool_size=2)
    now = datetime.now(UTC)
    tenant = tenancy.create_tenant(database, "Bodegas", now)
    store = tenancy.create_store(database, tenant, "Centro", now)
    clients = [HqHttp(url) for _ in range(4)]
    tills = [
        enrolled_device(http, tenancy.create_enrollment_code(database, store, now), tenant, store)
        for http in clients
    ]

    def push_all(pair: tuple[HqHttp, DeviceChain]) -> list[int]:
        http, till = pair
        till.write(120)
        statuses = []
        for start in range(0, 120, 40):
            batch = till.batch(start, start + 40)
            with ThreadPoolExecutor(2) as twice:  # one batch sent twice at once: a retry race
                sent = [twice.submit(http.push, till.token, batch) for _ in range(2)]
                statuses += [future.result().status_code for future in sent]
        return statuses

    try:
        with ThreadPoolExecutor(len(tills)) as pool:
            statuses = [s for result in pool.map(push_all, zip(clients, tills, strict=True))
                        for s in result]  # fmt: skip
        with database.read() as conn:
            stored = conn.execute(select(func.count()).select_from(schema.events)).scalar()
            distinct = conn.execute(
                select(func.count(func.distinct(schema.events.c.event_id)))
            ).scalar()
        acked = [http.status(till.token).json()["acked_position"]
                 for http, till in zip(clients, tills, strict=True)]  # fmt: skip
    finally:
        for http in clients:
            http.close()
        database.dispose()

    assert set(statuses) <= {200, 409}, statuses  # a losing twin may be told to retry
    assert (stored, distinct) == (4 * 120, 4 * 120)
    assert acked == [120] * 4
