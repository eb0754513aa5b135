"""`fluxion-pos status`, `verify` and `rebuild-projections`: looking after the local database."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from typing import TYPE_CHECKING

from fluxion_desktop.cli.command import EXIT_OK, EXIT_PROBLEM, Command

if TYPE_CHECKING:
    from fluxion_desktop.bootstrap import Services


def _status_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON")


def _status(services: Services, args: argparse.Namespace) -> int:
    status = services.status()
    report = {
        "data_dir": str(services.settings.data_dir),
        **asdict(status),
        "tenant_id": services.identity.tenant_id or None,
        "store_id": services.identity.store_id or None,
        "device_id": services.identity.device_id,
    }
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        for key, value in report.items():
            print(f"{key:>15}: {value}")
    return EXIT_OK


def _verify(services: Services, _args: argparse.Namespace) -> int:
    problems: list[str] = []
    with services.engine.connect() as connection:
        integrity = connection.exec_driver_sql("PRAGMA integrity_check").scalar()
    if integrity != "ok":
        problems.append(f"database file: {integrity}")
    report = services.store.verify()
    problems += [f"event at position {p.position}: {p.what}" for p in report.problems]
    problems += services.projections.check()
    for problem in problems:
        print(problem)
    if problems:
        return EXIT_PROBLEM
    print(f"ok: {report.events_checked} events, chain and projections verified")
    return EXIT_OK


def _rebuild(services: Services, _args: argparse.Namespace) -> int:
    replayed = services.projections.rebuild()
    print(f"rebuilt {len(services.projections.names)} projections from {replayed} events")
    return EXIT_OK


COMMANDS: tuple[Command, ...] = (
    Command("status", "what the local database holds", _status, arguments=_status_arguments),
    Command("verify", "check the hash chain, the file and every projection", _verify),
    Command("rebuild-projections", "drop and replay every read model", _rebuild, exclusive=True),
)
