"""`fluxion-pos backup` and `restore` on real database files, with a till writing meanwhile."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from pathlib import Path

import pytest
from alembic import command

from fluxion_desktop.adapters.backup import (
    BACKUP_TAKEN_AT_KEY,
    RESTORED_AT_KEY,
    read_restore_mark,
)
from fluxion_desktop.adapters.database import APPLICATION_ID, alembic_config, head_revision
from fluxion_desktop.adapters.device_identity import assign_store
from fluxion_desktop.adapters.sqlite_engine import create_sqlite_engine
from fluxion_desktop.bootstrap import Services, bootstrap
from fluxion_desktop.cli import main
from fluxion_desktop.settings import Settings
from tests.support.sample_events import TallyAdded, TallyOpened, new_event

EVENTS_PER_WRITE = 2


def _open(data_dir: Path) -> Services:
    return bootstrap(
        Settings(data_dir=data_dir), configure_logs=False, event_types=[TallyOpened, TallyAdded]
    )


def _seed(data_dir: Path, writes: int) -> Services:
    services = _open(data_dir)
    assign_store(services.engine, "tenant-a", "store-1")
    _write(services, writes)
    return services


def _write(services: Services, writes: int, stream: str = "tally-1") -> None:
    device = services.identity.device_id
    for _ in range(writes):
        events = [new_event(device_id=device) for _ in range(EVENTS_PER_WRITE)]
        services.store.append(stream, events, services.store.stream_version(stream))


def _event_count(database: Path) -> int:
    with sqlite3.connect(database) as db:
        return int(db.execute("SELECT COUNT(*) FROM events").fetchone()[0])


def _meta(database: Path, key: str) -> str | None:
    with sqlite3.connect(database) as db:
        row = db.execute("SELECT value FROM local_meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _verified(backup: Path, scratch: Path) -> int:
    """Open a copy of `backup` as a till's database; its chain and read models must check out."""
    scratch.mkdir()
    shutil.copyfile(backup, scratch / "fluxion.db")
    services = _open(scratch)
    try:
        report = services.store.verify()
        assert not report.problems
        assert services.projections.check() == []
        return report.events_checked
    finally:
        services.close()


def test_a_backup_taken_while_a_till_writes_holds_whole_transactions(tmp_path: Path, capsys):
    till = _seed(tmp_path / "till", writes=50)
    stop = threading.Event()
    failures: list[BaseException] = []

    def writer() -> None:
        try:
            while not stop.is_set():
                _write(till, 1)
        except BaseException as error:  # surfaced below: a failed writer must fail the test
            failures.append(error)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        counts = []
        for i in range(3):
            backup = tmp_path / f"backup-{i}.db"
            code, out, err = _cli(
                capsys, "--data-dir", str(tmp_path / "till"), "backup", str(backup)
            )
            assert (code, err) == (0, ""), err
            assert str(backup) in out
            counts.append(_verified(backup, tmp_path / f"check-{i}"))
    finally:
        stop.set()
        thread.join()
    till.close()

    assert failures == []
    assert all(count % EVENTS_PER_WRITE == 0 for count in counts), counts
    assert counts[0] >= 50 * EVENTS_PER_WRITE
    assert counts == sorted(counts)
    assert counts[-1] > counts[0], "the till kept writing between the backups"
    assert _event_count(tmp_path / "till" / "fluxion.db") >= counts[-1]


def test_a_backup_is_one_self_contained_file_stamped_with_its_time(tmp_path: Path, capsys):
    _seed(tmp_path / "till", writes=3).close()
    backup = tmp_path / "backup.db"

    code, _, _ = _cli(capsys, "--data-dir", str(tmp_path / "till"), "backup", str(backup))

    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backup.db", "till"]
    with sqlite3.connect(backup) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert _event_count(backup) == 3 * EVENTS_PER_WRITE
    assert _meta(backup, BACKUP_TAKEN_AT_KEY)


def test_a_backup_never_overwrites_a_file(tmp_path: Path, capsys):
    _seed(tmp_path / "till", writes=1).close()
    existing = tmp_path / "keep.db"
    existing.write_bytes(b"precious")

    code, _, err = _cli(capsys, "--data-dir", str(tmp_path / "till"), "backup", str(existing))

    assert code == 2
    assert "already exists" in err
    assert existing.read_bytes() == b"precious"


def test_restore_replaces_the_database_keeps_the_old_one_and_marks_it(tmp_path: Path, capsys):
    data = tmp_path / "till"
    till = _seed(data, writes=5)
    device = till.identity.device_id
    till.close()
    backup = tmp_path / "backup.db"
    assert _cli(capsys, "--data-dir", str(data), "backup", str(backup))[0] == 0
    later = _open(data)
    _write(later, 4)
    later.close()

    code, out, err = _cli(capsys, "--data-dir", str(data), "restore", str(backup))

    assert (code, err) == (0, "")
    assert "kept as" in out
    assert _event_count(data / "fluxion.db") == 5 * EVENTS_PER_WRITE
    (aside,) = data.glob("fluxion.db.before-restore-*")
    assert _event_count(aside) == 9 * EVENTS_PER_WRITE
    with sqlite3.connect(data / "fluxion.db") as db:
        mark = read_restore_mark(db)
        head = db.execute(
            "SELECT last_position, last_hash FROM chain_heads WHERE device_id = ?", (device,)
        ).fetchone()
    assert mark is not None
    assert mark.restored_from == "backup.db"
    assert mark.backup_taken_at == _meta(backup, BACKUP_TAKEN_AT_KEY)
    assert (mark.chain_position, mark.chain_hash) == (head[0], head[1])
    assert mark.chain_position == 5 * EVENTS_PER_WRITE
    reopened = _open(data)  # the till starts on it, chain intact, device the same
    assert reopened.identity.device_id == device
    assert not reopened.store.verify().problems
    reopened.close()


def test_restore_migrates_a_backup_from_an_older_version(tmp_path: Path, capsys):
    old = tmp_path / "old.db"
    engine = create_sqlite_engine(old)
    with engine.begin() as connection:
        connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        command.upgrade(alembic_config(connection), "0007_fast_search")
    engine.dispose()

    code, _, err = _cli(capsys, "--data-dir", str(tmp_path / "till"), "restore", str(old))

    assert (code, err) == (0, "")
    with sqlite3.connect(tmp_path / "till" / "fluxion.db") as db:
        assert (
            db.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
        )
    assert _meta(tmp_path / "till" / "fluxion.db", RESTORED_AT_KEY)


def _newer_backup(path: Path, tmp_path: Path) -> Path:
    _seed(tmp_path / "newer", writes=1).close()
    shutil.copyfile(tmp_path / "newer" / "fluxion.db", path)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    return path


def _other_programs_db(path: Path, _tmp_path: Path) -> Path:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE recipes (name TEXT)")
    return path


def _text_file(path: Path, _tmp_path: Path) -> Path:
    path.write_text("not a database")
    return path


def _empty_sqlite(path: Path, _tmp_path: Path) -> Path:
    sqlite3.connect(path).close()
    path.write_bytes(b"")
    return path


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "fluxion.lock")


@pytest.mark.parametrize(
    ("make_backup", "reason"),
    [
        (_newer_backup, "newer version of Fluxion POS"),
        (_other_programs_db, "not a Fluxion POS database"),
        (_text_file, "not an SQLite file"),
        (_empty_sqlite, "not a Fluxion POS database"),
    ],
)
def test_restore_refuses_what_it_cannot_use_and_changes_nothing(
    tmp_path: Path, capsys, make_backup, reason
):
    data = tmp_path / "till"
    _seed(data, writes=2).close()
    before = _files(data)
    database = (data / "fluxion.db").read_bytes()
    backup = make_backup(tmp_path / "backup.db", tmp_path)

    code, out, err = _cli(capsys, "--data-dir", str(data), "restore", str(backup))

    assert code == 2
    assert reason in err
    assert "Traceback" not in err + out
    assert _files(data) == before
    assert (data / "fluxion.db").read_bytes() == database


def test_restore_refuses_while_a_till_runs_on_the_folder(tmp_path: Path, capsys):
    from filelock import FileLock

    data = tmp_path / "till"
    _seed(data, writes=1).close()
    backup = tmp_path / "backup.db"
    assert _cli(capsys, "--data-dir", str(data), "backup", str(backup))[0] == 0

    with FileLock(str(data / "fluxion.lock")):  # what a running till holds
        code, _, err = _cli(capsys, "--data-dir", str(data), "restore", str(backup))

    assert code == 2
    assert "already running" in err
    assert not list(data.glob("fluxion.db.before-restore-*"))


def test_backing_up_a_folder_without_a_database_says_so(tmp_path: Path, capsys):
    code, _, err = _cli(
        capsys, "--data-dir", str(tmp_path / "empty"), "backup", str(tmp_path / "b.db")
    )

    assert code == 2
    assert "no database" in err
    assert not (tmp_path / "b.db").exists()


def test_restoring_another_tills_backup_warns_that_only_one_may_sync(tmp_path: Path, capsys):
    _seed(tmp_path / "other", writes=1).close()
    backup = tmp_path / "other.db"
    assert _cli(capsys, "--data-dir", str(tmp_path / "other"), "backup", str(backup))[0] == 0
    _seed(tmp_path / "till", writes=1).close()

    code, out, _ = _cli(capsys, "--data-dir", str(tmp_path / "till"), "restore", str(backup))

    assert code == 0
    assert "backup is of another till" in out


def test_restoring_a_tills_own_backup_gives_no_such_warning(tmp_path: Path, capsys):
    _seed(tmp_path / "till", writes=1).close()
    backup = tmp_path / "own.db"
    assert _cli(capsys, "--data-dir", str(tmp_path / "till"), "backup", str(backup))[0] == 0

    code, out, _ = _cli(capsys, "--data-dir", str(tmp_path / "till"), "restore", str(backup))

    assert code == 0
    assert "another till" not in out
