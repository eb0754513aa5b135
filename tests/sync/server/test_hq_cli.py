"""`fluxion-hq`: output contracts scripts rely on, one-line errors, and `serve` with no set-up."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import pytest

from sync.server.cli import main
from sync.server.database import head_revision
from tests.sync.support.postgres import free_port


def run(capsys, *argv: str, stdin: str | None = None, monkeypatch=None) -> tuple[int, str, str]:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_ids_codes_and_tokens_alone_on_stdout_so_scripts_can_chain_them(
    capsys, monkeypatch, hq_database_url
):
    db = ("--database-url", hq_database_url)
    code, tenant, _ = run(capsys, "create-tenant", "Bodegas La Esquina", *db)
    assert code == 0 and uuid.UUID(tenant.strip()) and tenant.count("\n") == 1
    tenant = tenant.strip()
    code, store, _ = run(capsys, "create-store", "--tenant", tenant, "Centro", *db)
    store = store.strip()
    assert code == 0 and uuid.UUID(store)
    code, enrol, _ = run(capsys, "enroll-code", "--store", store, *db)
    assert code == 0 and len(enrol.strip().replace("-", "")) == 16 and enrol.count("\n") == 1
    code, token, _ = run(capsys, "staff-token", "--tenant", tenant, *db)
    assert code == 0 and len(token.strip()) >= 43 and " " not in token.strip()

    code, user, _ = run(
        capsys,
        "add-user",
        "--tenant",
        tenant,
        "--username",
        "ana",
        "--name",
        "Ana",
        "--role",
        "cashier",
        *db,
        stdin="2468\n",
        monkeypatch=monkeypatch,
    )
    assert code == 0 and user.strip()
    code, _, _ = run(capsys, "set-rate", "--tenant", tenant, "36.50", *db)
    assert code == 0
    code, out, _ = run(capsys, "migrate", *db)
    assert code == 0 and f"schema at {head_revision()}" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("create-store", "--tenant", "nope", "Centro"), "no tenant 'nope'"),
        (("enroll-code", "--store", "nope"), "no store 'nope'"),
        (("revoke-device", "nope"), "no device 'nope'"),
        (("set-rate", "--tenant", "nope", "abc"), "rate must be a plain decimal"),
        (("create-tenant", "  "), "tenant name"),
    ],
)
def test_errors_are_one_line_with_a_non_zero_exit(capsys, tmp_path: Path, argv, message):
    code, out, err = run(capsys, *argv, "--database-url", f"sqlite:///{tmp_path / 'hq.db'}")
    assert code != 0 and out == ""
    assert err.count("\n") == 1 and message in err and "Traceback" not in err


def test_a_bad_catalog_or_a_bad_pin_writes_nothing(capsys, monkeypatch, tmp_path: Path):
    db = ("--database-url", f"sqlite:///{tmp_path / 'hq.db'}")
    _, tenant, _ = run(capsys, "create-tenant", "Bodegas", *db)
    catalog = tmp_path / "catalog.csv"
    catalog.write_text(
        "sku,name,price\nA-1,Arroz,1.10\nB-2,,2.00\nC-3,Café,tres\n", encoding="utf-8"
    )
    code, out, err = run(capsys, "import-catalog", "--tenant", tenant.strip(), str(catalog), *db)
    assert code != 0 and out == "" and "line 3: name" in err and "line 4: price" in err
    code, _, err = run(
        capsys,
        "add-user",
        "--tenant",
        tenant.strip(),
        "--username",
        "ana",
        "--name",
        "Ana",
        "--role",
        "cashier",
        *db,
        stdin="12\n",
        monkeypatch=monkeypatch,
    )
    assert code != 0 and "PIN must be 4 to 8 digits" in err and "12" not in err.replace("1 to", "")
    catalog.write_text("sku,name,price\nA-1,Arroz,1.10\n", encoding="utf-8")
    code, out, _ = run(capsys, "import-catalog", "--tenant", tenant.strip(), str(catalog), *db)
    assert code == 0 and out.startswith("1 created")


def test_a_database_url_that_is_not_one_is_a_clear_error(capsys):
    code, _, err = run(capsys, "migrate", "--database-url", "mysql://x/y")
    assert code != 0 and "unsupported database" in err


@pytest.mark.slow
def test_serve_works_with_no_set_up(tmp_path: Path):
    """No --database-url, no migrate: a SQLite file appears in the user's data folder."""
    port = free_port()
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "HOME": str(tmp_path)}
    env.pop("FLUXION_HQ_DATABASE_URL", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "sync.server", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        cwd=Path(__file__).parents[3],
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/health", timeout=2)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stdout.read().decode() if server.stdout else ""
                assert time.monotonic() < deadline, "fluxion-hq serve did not answer"
                time.sleep(0.2)
        assert health.json() == {"status": "ok", "database": "sqlite"}
        assert list((tmp_path / "data").rglob("hq.db"))
    finally:
        server.terminate()
        server.wait(timeout=20)
