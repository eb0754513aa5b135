"""Backing up the till's database while it runs, and restoring a backup over it.

A backup is SQLite's online backup of the live file, taken in one step inside a read snapshot: in
WAL mode the till keeps writing meanwhile, and the copy holds exactly the transactions committed
before the snapshot began (never half a sale). The copy is written beside the target, checked, and
renamed into place, so a failed backup leaves no file behind.

A restore checks that the file is a Fluxion POS database this version can open, migrates a copy
of it, marks it as restored (see `RestoreMark`), and only then moves the current database aside
(`fluxion.db.before-restore-<time>`, with its WAL) and puts the copy in its place.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing, suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from fluxion_desktop.adapters import local_meta
from fluxion_desktop.adapters.database import APPLICATION_ID, open_database
from fluxion_desktop.adapters.database_errors import (
    DatabaseCorrupt,
    DatabaseUnusable,
    NotAFluxionDatabase,
)
from fluxion_desktop.adapters.sqlite_engine import raw_write_transaction

# local_meta keys. The backup stamps its copy; a restore stamps the restored database, so the sync
# client can say *why* HQ is ahead of this device's chain (see `read_restore_mark`).
BACKUP_TAKEN_AT_KEY = "backup_taken_at"
RESTORED_AT_KEY = "restored_at"
RESTORED_FROM_KEY = "restored_from"
RESTORED_BACKUP_TAKEN_AT_KEY = "restored_backup_taken_at"
RESTORED_POSITION_KEY = "restored_chain_position"
RESTORED_HASH_KEY = "restored_chain_hash"

_SQLITE_MAGIC = b"SQLite format 3\x00"
_SIDE_FILES = ("-wal", "-shm", "-journal")


class BackupError(Exception):
    """The backup or restore cannot be done; the message says why and nothing was changed."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size_bytes: int
    events: int


@dataclass(frozen=True)
class RestoreMark:
    """What a restored database records about its restore (all in `local_meta`).

    `chain_position` and `chain_hash` are this device's own chain head as the backup held it: HQ
    acknowledging a higher position for this device means events written after the backup exist
    only at HQ (or are lost), which is what the sync client alarms about.
    """

    restored_at: str
    restored_from: str
    backup_taken_at: str | None
    chain_position: int
    chain_hash: str | None


@dataclass(frozen=True)
class RestoreResult:
    """`device_id` is the restored database's till; `replaced_device_id` the one it replaced.

    They differ when a backup of another till is restored here: both PCs then sign as one till, so
    only one of them may ever sync again (the CLI says so).
    """

    database: Path
    set_aside: Path | None
    mark: RestoreMark
    device_id: str | None
    replaced_device_id: str | None


def back_up(database: Path, target: Path, at: datetime) -> BackupResult:
    """Copy the live database at `database` to `target` (a new file), consistent and checked."""
    if target.exists():
        raise BackupError(f"{target} already exists; choose a new file name")
    if not target.parent.is_dir():
        raise BackupError(f"the folder {target.parent} does not exist")
    _check_is_ours(database)
    partial = target.with_name(target.name + ".partial")
    try:
        with closing(_connect(database)) as source, closing(_connect(partial)) as copy:
            source.backup(copy)  # pages=-1: one step, one read snapshot
            # A single self-contained file: the copy must not depend on a -wal beside it.
            copy.execute("PRAGMA journal_mode = DELETE")
            _check_integrity(copy, target)
            local_meta.put(copy, BACKUP_TAKEN_AT_KEY, at.isoformat())
            events = int(
                copy.execute("SELECT COALESCE(MAX(position), 0) FROM events").fetchone()[0]
            )
        _fsync(partial)
        os.replace(partial, target)
    except sqlite3.Error as error:
        raise BackupError(f"the backup to {target} failed: {error}") from None
    finally:
        _remove_with_side_files(partial)
    return BackupResult(target, target.stat().st_size, events)


def restore(backup: Path, database: Path, at: datetime) -> RestoreResult:
    """Replace `database` with the backup at `backup`; the caller holds the data folder's lock.

    Nothing is changed unless the backup is a Fluxion POS database this version can open; the
    current database (with its WAL) is kept aside, never deleted.
    """
    _check_is_ours(backup)
    staging = database.with_name(database.name + ".restoring")
    _remove_with_side_files(staging)
    try:
        with (
            closing(_connect(backup, read_only=True)) as source,
            closing(_connect(staging)) as copy,
        ):
            source.backup(copy)  # through SQLite, so a -wal left beside the backup is included
        mark = _migrate_and_mark(staging, backup, at)
        _fsync(staging)
        restored_device, replaced_device = _device_id(staging), _device_id(database)
        set_aside = _set_aside(database, at)
        os.replace(staging, database)
    finally:
        _remove_with_side_files(staging)
    open_database(database).dispose()  # the restored file opens at head, as the till will
    return RestoreResult(database, set_aside, mark, restored_device, replaced_device)


def read_restore_mark(db: sqlite3.Connection) -> RestoreMark | None:
    """The restore this database records, or None if it was never restored from a backup."""
    restored_at = local_meta.get(db, RESTORED_AT_KEY)
    if restored_at is None:
        return None
    return RestoreMark(
        restored_at=restored_at,
        restored_from=local_meta.get(db, RESTORED_FROM_KEY) or "",
        backup_taken_at=local_meta.get(db, RESTORED_BACKUP_TAKEN_AT_KEY),
        chain_position=int(local_meta.get(db, RESTORED_POSITION_KEY) or 0),
        chain_hash=local_meta.get(db, RESTORED_HASH_KEY),
    )


def _migrate_and_mark(staging: Path, backup: Path, at: datetime) -> RestoreMark:
    try:
        engine = open_database(staging)  # refuses a newer schema; migrates an older one
    except DatabaseUnusable as error:  # name the user's file, not our staging copy
        raise type(error)(str(error).replace(str(staging), str(backup))) from None
    try:
        with raw_write_transaction(engine) as db:
            _check_integrity(db, backup)
            position, chain_hash = _own_chain_head(db)
            mark = RestoreMark(
                restored_at=at.isoformat(),
                restored_from=backup.name,
                backup_taken_at=local_meta.get(db, BACKUP_TAKEN_AT_KEY),
                chain_position=position,
                chain_hash=chain_hash,
            )
            _put_mark(db, mark)
    finally:
        engine.dispose()
    # Fold the WAL into the file, so moving this one file moves everything.
    with closing(_connect(staging)) as db:
        db.execute("PRAGMA journal_mode = DELETE")
    return mark


def _device_id(database: Path) -> str | None:
    if not database.is_file():
        return None
    try:
        # Read-write on purpose (we hold the folder's lock): closing folds and removes its WAL.
        with closing(_connect(database)) as db:
            return local_meta.get(db, "device_id")
    except sqlite3.Error:  # an unreadable current database is set aside all the same
        return None


def _put_mark(db: sqlite3.Connection, mark: RestoreMark) -> None:
    local_meta.put(db, RESTORED_AT_KEY, mark.restored_at)
    local_meta.put(db, RESTORED_FROM_KEY, mark.restored_from)
    local_meta.put(db, RESTORED_POSITION_KEY, str(mark.chain_position))
    for key, value in ((RESTORED_BACKUP_TAKEN_AT_KEY, mark.backup_taken_at),
                       (RESTORED_HASH_KEY, mark.chain_hash)):  # fmt: skip
        if value is None:
            db.execute("DELETE FROM local_meta WHERE key = ?", (key,))
        else:
            local_meta.put(db, key, value)


def _own_chain_head(db: sqlite3.Connection) -> tuple[int, str | None]:
    device_id = local_meta.get(db, "device_id")
    row = db.execute(
        "SELECT last_position, last_hash FROM chain_heads WHERE device_id = ?", (device_id,)
    ).fetchone()
    return (0, None) if row is None else (int(row[0]), str(row[1]))


def _set_aside(database: Path, at: datetime) -> Path | None:
    """Move the current database and its WAL to `<name>.before-restore-<time>`; its path."""
    if not database.exists():
        return None
    aside = database.with_name(f"{database.name}.before-restore-{at.strftime('%Y%m%dT%H%M%S')}")
    for suffix in _SIDE_FILES:
        side = Path(f"{database}{suffix}")
        if side.exists():
            os.replace(side, f"{aside}{suffix}")
    os.replace(database, aside)
    return aside


def _check_is_ours(path: Path) -> None:
    if not path.is_file():
        raise BackupError(f"{path} does not exist or is not a file")
    with path.open("rb") as handle:
        if handle.read(len(_SQLITE_MAGIC)) != _SQLITE_MAGIC:
            raise NotAFluxionDatabase(f"{path} is not a Fluxion POS database (not an SQLite file)")
    try:
        with closing(_connect(path, read_only=True)) as db:
            app_id = db.execute("PRAGMA application_id").fetchone()[0]
    except sqlite3.Error as error:
        raise DatabaseCorrupt(f"{path} cannot be read: {error}") from None
    if app_id != APPLICATION_ID:
        raise NotAFluxionDatabase(f"{path} is an SQLite database, but not a Fluxion POS database")


def _check_integrity(db: sqlite3.Connection, path: Path) -> None:
    result = db.execute("PRAGMA quick_check").fetchone()[0]
    if result != "ok":
        raise DatabaseCorrupt(f"{path} is damaged ({result}); nothing was changed")


def _connect(path: Path, read_only: bool = False) -> sqlite3.Connection:
    if read_only:
        uri = f"{path.resolve().as_uri()}?mode=ro"
        connection = sqlite3.connect(uri, uri=True, isolation_level=None)
    else:
        connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA busy_timeout = 5000")
    return connection


def _fsync(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def _remove_with_side_files(path: Path) -> None:
    for candidate in (path, *(Path(f"{path}{suffix}") for suffix in _SIDE_FILES)):
        with suppress(FileNotFoundError):
            candidate.unlink()
