"""What a `fluxion-pos` subcommand declares, so each command module stays on its own."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fluxion_desktop.bootstrap import Services
    from fluxion_desktop.settings import Settings

EXIT_OK, EXIT_PROBLEM, EXIT_UNUSABLE = 0, 1, 2

RunWithServices = Callable[["Services", argparse.Namespace], int]
RunWithoutDatabase = Callable[["Settings", argparse.Namespace], int]


def _no_arguments(_parser: argparse.ArgumentParser) -> None:
    return None


@dataclass(frozen=True)
class Command:
    """One subcommand.

    `run` gets the bootstrapped services (closed by `main` afterwards). A command that must not open
    the database first (restoring a backup over it, say) gives `run_without_database` instead.
    `exclusive` commands take the data folder's lock: only one of them runs at a time, and never
    beside a running till.
    """

    name: str
    help: str
    run: RunWithServices | None = None
    run_without_database: RunWithoutDatabase | None = None
    arguments: Callable[[argparse.ArgumentParser], None] = field(default=_no_arguments)
    exclusive: bool = False
