"""`fluxion-pos backup`, run as its own process while a till process keeps selling: the till never
fails a sale, and every backup is a whole, consistent database (chain intact, read models as a
replay makes them, only whole sales)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from fluxion_desktop.bootstrap import bootstrap
from fluxion_desktop.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("selling_child.py")


def _sales(database: Path) -> tuple[int, int]:
    """(rows in the sales read model, SaleCompleted events) of a database file."""
    with closing(sqlite3.connect(database)) as db:
        rows = db.execute("SELECT COUNT(*) FROM sales WHERE status = 'completed'").fetchone()[0]
        events = db.execute(
            "SELECT COUNT(*) FROM events WHERE event_type = 'SaleCompleted'"
        ).fetchone()[0]
    return int(rows), int(events)


def _checked(backup: Path, scratch: Path) -> int:
    """Open a copy of `backup` as a till would; the SaleCompleted events it holds."""
    scratch.mkdir()
    shutil.copyfile(backup, scratch / "fluxion.db")
    services = bootstrap(Settings(scratch), configure_logs=False)
    try:
        assert not services.store.verify().problems
        assert services.projections.check() == []
    finally:
        services.close()
    rows, events = _sales(scratch / "fluxion.db")
    assert rows == events
    return events


@pytest.mark.slow
def test_backups_taken_by_another_process_while_a_till_sells_are_whole(tmp_path: Path):
    data = tmp_path / "till"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    till = subprocess.Popen([sys.executable, str(CHILD), str(data)], env=env, cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)  # fmt: skip
    assert till.stdin is not None and till.stdout is not None
    try:
        assert till.stdout.readline().strip() == "READY"
        for number in range(3):
            backup = tmp_path / f"backup-{number}.db"
            done = subprocess.run(
                [sys.executable, "-m", "fluxion_desktop", "--data-dir", str(data), "backup",
                 str(backup)], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120,
            )  # fmt: skip
            assert (done.returncode, done.stderr) == (0, ""), done.stderr
        till.stdin.close()
        sold = till.stdout.readline().split()
        assert till.wait(timeout=60) == 0
    finally:
        till.kill()
        till.wait()

    counts = [_checked(tmp_path / f"backup-{n}.db", tmp_path / f"open-{n}") for n in range(3)]

    assert sold[0] == "SOLD" and int(sold[1]) > 0
    assert counts == sorted(counts) and counts[-1] > counts[0], "the till sold between backups"
    assert _sales(data / "fluxion.db")[1] == 1 + int(sold[1]) >= counts[-1]
