"""`fluxion-pos`: the desktop app and its maintenance commands.

Errors a user can act on (a database that is not ours, a locked data folder) are printed as one
clear line on stderr with exit code 2; they never show a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from filelock import FileLock, Timeout

from fluxion_desktop import __version__
from fluxion_desktop.adapters.database import DatabaseUnusable
from fluxion_desktop.adapters.logging_setup import release_logging
from fluxion_desktop.bootstrap import bootstrap
from fluxion_desktop.cli import (
    backup_commands,
    forecast_commands,
    maintenance_commands,
    sales_import_commands,
    sync_commands,
    till_commands,
)
from fluxion_desktop.cli.command import EXIT_UNUSABLE, Command
from fluxion_desktop.domain.errors import DomainError
from fluxion_desktop.settings import SettingsError, load_settings, resolve_data_dir

ALL_COMMANDS: tuple[Command, ...] = (
    *till_commands.COMMANDS,
    *maintenance_commands.COMMANDS,
    *sync_commands.COMMANDS,
    *sales_import_commands.COMMANDS,
    *forecast_commands.COMMANDS,
    *backup_commands.COMMANDS,
)


class AlreadyRunning(Exception):
    pass


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fluxion-pos", description="Fluxion POS till")
    parser.add_argument("--version", action="version", version=f"fluxion-pos {__version__}")
    parser.add_argument(
        "--data-dir",
        help="data folder (default: $FLUXION_DATA_DIR or the platform's user data folder)",
    )
    parser.add_argument(
        "--lang",
        choices=("es", "en"),
        help="language of the till (default: $FLUXION_LANG, else Spanish on a Spanish system)",
    )
    parser.add_argument(
        "--screenshot",
        metavar="DIR",
        help="render every main screen of the demo store to PNG files in DIR and exit",
    )
    subparsers = parser.add_subparsers(dest="command")
    for command in ALL_COMMANDS:
        command.arguments(subparsers.add_parser(command.name, help=command.help))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    name = "screenshot" if args.screenshot else args.command or "run"
    command = next(c for c in (*ALL_COMMANDS, till_commands.SCREENSHOT) if c.name == name)
    try:
        data_dir = resolve_data_dir(args.data_dir)
        settings = load_settings(data_dir)
        with _instance_lock(data_dir, command.exclusive):
            if command.run_without_database is not None:
                return command.run_without_database(settings, args)
            assert command.run is not None, f"{command.name} declares nothing to run"
            services = bootstrap(settings, clock=till_commands.clock_for(args))
            try:
                return command.run(services, args)
            finally:
                services.close()
    except (DatabaseUnusable, SettingsError, AlreadyRunning, DomainError) as error:
        print(f"fluxion-pos: {error}", file=sys.stderr)
        return EXIT_UNUSABLE
    finally:
        release_logging()


class _instance_lock:
    """One running app per data folder; read-only commands do not take the lock."""

    def __init__(self, data_dir: Path, exclusive: bool) -> None:
        self._lock = FileLock(str(data_dir / "fluxion.lock")) if exclusive else None
        self._data_dir = data_dir

    def __enter__(self) -> None:
        if self._lock is None:
            return
        self._data_dir.mkdir(parents=True, exist_ok=True)
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            raise AlreadyRunning(
                f"another Fluxion POS is already running with the data folder {self._data_dir}"
            ) from None

    def __exit__(self, *exc: object) -> None:
        if self._lock is not None:
            self._lock.release()
