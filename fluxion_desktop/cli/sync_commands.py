"""`fluxion-pos` subcommands: to be filled in (see the owning issue)."""

from __future__ import annotations

from fluxion_desktop.cli.command import Command

COMMANDS: tuple[Command, ...] = ()
