"""The `fluxion-pos` command line; one module per group of subcommands."""

from fluxion_desktop.cli.main import main

__all__ = ["main"]
