"""`fluxion-pos status | verify | rebuild-projections`, data folders and clear errors."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from fluxion_desktop.adapters.device_identity import assign_store
from fluxion_desktop.bootstrap import bootstrap
from fluxion_desktop.cli import main
from fluxion_desktop.settings import Settings
from tests.support.app import open_till
from tests.support.sample_events import TallyAdded, TallyOpened, new_event


def _seed(data_dir: Path, n: int = 5) -> str:
    services = bootstrap(
        Settings(data_dir=data_dir), configure_logs=False, event_types=[TallyOpened, TallyAdded]
    )
    assign_store(services.engine, "tenant-a", "store-1")
    device = services.identity.device_id
    for i in range(n):
        services.store.append(
            f"tally-{i % 2}",
            [new_event(device_id=device)],
            services.store.stream_version(f"tally-{i % 2}"),
        )
    services.close()
    return device


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_status_json_reports_the_log(tmp_path: Path, capsys):
    device = _seed(tmp_path, n=5)

    code, out, _ = _run(capsys, "--data-dir", str(tmp_path), "status", "--json")

    status = json.loads(out)
    assert code == 0
    assert status["data_dir"] == str(tmp_path.resolve())
    assert status["schema_version"]
    assert (status["events"], status["own_events"], status["last_position"]) == (5, 5, 5)
    assert status["pending_push"] == 5
    assert status["device_id"] == device
    assert status["tenant_id"] == "tenant-a"


def test_the_data_dir_comes_from_the_environment(tmp_path: Path, capsys, monkeypatch):
    monkeypatch.setenv("FLUXION_DATA_DIR", str(tmp_path / "from-env"))
    code, out, _ = _run(capsys, "status", "--json")
    assert code == 0
    assert json.loads(out)["data_dir"] == str((tmp_path / "from-env").resolve())
    assert (tmp_path / "from-env" / "fluxion.db").exists()


def test_verify_passes_on_a_clean_log_and_fails_naming_a_tampered_position(tmp_path, capsys):
    _seed(tmp_path, n=4)
    code, out, _ = _run(capsys, "--data-dir", str(tmp_path), "verify")
    assert code == 0
    assert "ok: 4 events" in out

    with sqlite3.connect(tmp_path / "fluxion.db") as connection:
        connection.execute(
            "UPDATE events SET payload = replace(payload, '1.50', '1.51') WHERE position = 3"
        )
    code, out, _ = _run(capsys, "--data-dir", str(tmp_path), "verify")

    assert code == 1
    assert "position 3" in out


def test_verify_fails_on_a_drifted_projection_and_rebuild_repairs_it(tmp_path, capsys):
    till = open_till(tmp_path)
    till.product("SKU-1", "Harina PAN", "1.50", "7591234567894")
    events = till.services.store.last_position()
    till.services.close()
    with sqlite3.connect(tmp_path / "fluxion.db") as connection:
        connection.execute("DELETE FROM products")

    code, out, _ = _run(capsys, "--data-dir", str(tmp_path), "verify")
    assert code == 1
    assert "catalog" in out

    code, out, _ = _run(capsys, "--data-dir", str(tmp_path), "rebuild-projections")
    assert code == 0
    assert f"from {events} events" in out
    assert _run(capsys, "--data-dir", str(tmp_path), "verify")[0] == 0
    with sqlite3.connect(tmp_path / "fluxion.db") as connection:
        assert connection.execute("SELECT name FROM products").fetchall() == [("Harina PAN",)]


def test_a_foreign_file_gets_one_clear_line_and_exit_2(tmp_path: Path, capsys):
    (tmp_path / "fluxion.db").write_text("not a database")

    code, out, err = _run(capsys, "--data-dir", str(tmp_path), "status")

    assert code == 2
    assert "not a Fluxion POS database" in err
    assert "Traceback" not in err + out


def test_a_second_running_app_is_refused(tmp_path: Path, capsys):
    from filelock import FileLock

    with FileLock(str(tmp_path / "fluxion.lock")):
        code, _, err = _run(capsys, "--data-dir", str(tmp_path), "rebuild-projections")
    assert code == 2
    assert "already running" in err


def test_the_console_script_runs_without_a_traceback(tmp_path: Path):
    env = {**os.environ, "FLUXION_DATA_DIR": str(tmp_path)}
    script = Path(sys.executable).with_name("fluxion-pos")
    done = subprocess.run(
        [str(script), "status", "--json"], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["events"] == 0
    version = subprocess.run([str(script), "--version"], capture_output=True, text=True, timeout=60)
    assert version.stdout.startswith("fluxion-pos ")


def test_a_command_run_in_process_leaves_no_log_handler_behind(tmp_path: Path):
    import logging

    before = list(logging.getLogger().handlers)
    assert main(["--data-dir", str(tmp_path), "status"]) == 0
    assert (tmp_path / "logs" / "fluxion.jsonl").exists()  # it did log while it ran
    assert logging.getLogger().handlers == before
