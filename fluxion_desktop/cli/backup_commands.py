"""`fluxion-pos backup`, `restore` and `diagnostics`: looking after a store's data.

`backup` and `diagnostics` are safe while the till runs (they only read); `restore` takes the data
folder's lock, so it never runs beside a till, and opens no database before it has checked the file.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from fluxion_desktop.adapters.backup import BackupError, back_up, restore
from fluxion_desktop.adapters.diagnostics import DiagnosticsError, write_diagnostics
from fluxion_desktop.cli.command import EXIT_OK, EXIT_UNUSABLE, Command

if TYPE_CHECKING:
    from fluxion_desktop.settings import Settings


def _file_argument(what: str) -> Callable[[argparse.ArgumentParser], None]:
    def arguments(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("file", metavar="FILE", help=what)

    return arguments


def _backup(settings: Settings, args: argparse.Namespace) -> int:
    database = settings.database_path
    if not database.exists():
        return _fail(f"there is no database to back up in {settings.data_dir}")
    try:
        result = back_up(database, Path(args.file).expanduser().resolve(), datetime.now(UTC))
    except BackupError as error:
        return _fail(str(error))
    megabytes = result.size_bytes / 1_000_000
    print(f"backup written to {result.path} ({result.events} events, {megabytes:.1f} MB)")
    return EXIT_OK


def _restore(settings: Settings, args: argparse.Namespace) -> int:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    try:
        result = restore(Path(args.file).expanduser(), settings.database_path, datetime.now(UTC))
    except BackupError as error:
        return _fail(str(error))
    print(f"restored {args.file} into {result.database}")
    if result.set_aside is not None:
        print(f"the database it replaced is kept as {result.set_aside}")
    replaced, restored = result.replaced_device_id, result.device_id
    if replaced is not None and restored is not None and replaced != restored:
        print(
            f"warning: this backup is of another till (device {restored}, not {replaced}); "
            "if that till is still in use, only one of the two may sync with HQ"
        )
    print(
        "this till's chain now ends at position "
        f"{result.mark.chain_position}; events it wrote after the backup was taken are not in it"
    )
    return EXIT_OK


def _diagnostics(settings: Settings, args: argparse.Namespace) -> int:
    try:
        path = write_diagnostics(settings, Path(args.file).expanduser().resolve())
    except DiagnosticsError as error:
        return _fail(str(error))
    print(f"diagnostics written to {path} (logs and status, secrets removed)")
    return EXIT_OK


def _fail(message: str) -> int:
    print(f"fluxion-pos: {message}", file=sys.stderr)
    return EXIT_UNUSABLE


COMMANDS: tuple[Command, ...] = (
    Command(
        "backup",
        "copy the database to FILE (safe while the till runs)",
        run_without_database=_backup,
        arguments=_file_argument("the backup file to write (must not exist)"),
    ),
    Command(
        "restore",
        "replace the database with the backup FILE (the old one is kept aside)",
        run_without_database=_restore,
        arguments=_file_argument("a backup written by `fluxion-pos backup`"),
        exclusive=True,
    ),
    Command(
        "diagnostics",
        "bundle the logs and status into FILE.zip for support (no secrets)",
        run_without_database=_diagnostics,
        arguments=_file_argument("the zip file to write"),
    ),
)
