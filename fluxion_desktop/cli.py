"""`fluxion-pos`: the desktop app and its maintenance commands.

Errors a user can act on (a database that is not ours, a locked data folder) are printed as one
clear line on stderr with exit code 2; they never show a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from filelock import FileLock, Timeout

from fluxion_desktop import __version__
from fluxion_desktop.adapters.clock import ManualClock
from fluxion_desktop.adapters.database import DatabaseUnusable
from fluxion_desktop.application.demo_store import DemoStore, record_daily_rate, seed_demo_store
from fluxion_desktop.application.simulation import SaleSimulator
from fluxion_desktop.bootstrap import Services, assign_store_and_reopen, bootstrap
from fluxion_desktop.domain.errors import DomainError
from fluxion_desktop.settings import SettingsError, load_settings, resolve_data_dir

if TYPE_CHECKING:  # Qt is imported only when a window opens
    from fluxion_desktop.ui.context import TillContext
    from fluxion_desktop.ui.task_runner import TaskRunner

EXIT_OK, EXIT_PROBLEM, EXIT_UNUSABLE = 0, 1, 2
DEMO_TENANT, DEMO_STORE = "demo-tenant", "demo-store"
DEMO_CASHIER, DEMO_CASHIER_PIN = "ana", "1111"  # as the README gives them


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
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("run", help="open the till (the default)")
    commands.add_parser("demo", help="seed a demo store and open the till on it")
    status = commands.add_parser("status", help="what the local database holds")
    status.add_argument("--json", action="store_true", help="print JSON")
    commands.add_parser("verify", help="check the hash chain, the file and every projection")
    commands.add_parser("rebuild-projections", help="drop and replay every read model")
    simulate = commands.add_parser(
        "simulate", help="ring up realistic sales through the cashier's commands"
    )
    simulate.add_argument("--sales", type=int, required=True, help="how many sales")
    simulate.add_argument(
        "--days", type=int, default=0, help="spread the sales over the last D days"
    )
    simulate.add_argument("--seed", type=int, default=1, help="random seed")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    command = "screenshot" if args.screenshot else args.command or "run"
    try:
        data_dir = resolve_data_dir(args.data_dir)
        settings = load_settings(data_dir)
        exclusive = command in {"run", "demo", "rebuild-projections", "simulate", "screenshot"}
        with _instance_lock(data_dir, exclusive):
            services = bootstrap(settings, clock=_clock_for(args))
            try:
                return _COMMANDS[command](services, args)
            finally:
                services.close()
    except (DatabaseUnusable, SettingsError, AlreadyRunning, DomainError) as error:
        print(f"fluxion-pos: {error}", file=sys.stderr)
        return EXIT_UNUSABLE


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


def _run(services: Services, args: argparse.Namespace) -> int:
    # Qt is imported only when a window opens.
    from fluxion_desktop.ui.app import run_app, start_qt
    from fluxion_desktop.ui.task_runner import ThreadPoolTaskRunner

    start_qt(getattr(args, "lang", None))
    return run_app(_till_context(services, ThreadPoolTaskRunner()))


def _till_context(services: Services, runner: TaskRunner) -> TillContext:
    from fluxion_desktop.ui.context import TillContext

    q = services.queries
    return TillContext(
        bus=services.bus,
        catalog=q.catalog,
        store=q.store,
        shifts=q.shifts,
        users=q.users,
        load_sale=services.handlers.sales.load,
        status=services.status,
        device=services.identity,
        runner=runner,
    )


def _screenshot(services: Services, args: argparse.Namespace) -> int:
    """Every main screen of the demo store to PNG in args.screenshot, offscreen; then exit."""
    if services.identity.store_id not in ("", DEMO_STORE):
        print("fluxion-pos: --screenshot rings up a sale, so it runs only on the demo store; "
              "give it a --data-dir of its own", file=sys.stderr)  # fmt: skip
        return EXIT_UNUSABLE
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from fluxion_desktop.ui.app import start_qt
    from fluxion_desktop.ui.screenshots import DemoScript, ScreenshotFailed, render_screens
    from fluxion_desktop.ui.task_runner import SynchronousTaskRunner

    services, demo = _demo_store(services)
    try:
        start_qt(args.lang)
        codes = [p.barcodes[0] for p in demo.shelf.products if p.barcodes][:4]
        script = DemoScript(DEMO_CASHIER, DEMO_CASHIER_PIN, codes)
        runner = SynchronousTaskRunner()
        try:
            written = render_screens(_till_context(services, runner), Path(args.screenshot), script)
        except ScreenshotFailed as error:
            print(f"fluxion-pos: {error}", file=sys.stderr)
            return EXIT_PROBLEM
        for path in written:
            print(path)
        return EXIT_OK
    finally:
        services.close()


def _demo(services: Services, args: argparse.Namespace) -> int:
    services, _ = _demo_store(services)
    try:
        return _run(services, args)
    finally:
        services.close()


def _demo_store(services: Services) -> tuple[Services, DemoStore]:
    """This data folder as the demo store (set up on first use)."""
    if not services.identity.tenant_id:
        services = assign_store_and_reopen(services, DEMO_TENANT, DEMO_STORE)
    if services.queries.catalog.count() == 0:
        print("setting up the demo store (500 products)...", file=sys.stderr)
    q = services.queries
    demo = seed_demo_store(services.bus, q.users, q.catalog, q.shifts,
                           services.identity.device_id, services.clock.now())  # fmt: skip
    return services, demo


def _simulate(services: Services, args: argparse.Namespace) -> int:
    if args.sales < 1:
        print("fluxion-pos: --sales must be at least 1", file=sys.stderr)
        return EXIT_UNUSABLE
    services, demo = _demo_store(services)
    try:
        clock = services.clock
        step = args.days * 86_400 / args.sales

        def advance(_number: int) -> None:
            if not isinstance(clock, ManualClock):
                return
            day = clock.now().date()
            clock.advance(step)
            if clock.now().date() != day:  # the BCV publishes a rate every business day
                record_daily_rate(services.bus, demo.manager_id, clock.now())

        simulator = SaleSimulator(
            services.bus, services.handlers.sales, demo.cashier_id, demo.shift_id, demo.shelf,
            random.Random(args.seed), advance,
        )  # fmt: skip
        started = time.perf_counter()
        result = simulator.run(args.sales)
        seconds = time.perf_counter() - started
        print(f"{result.sales} sales ({result.lines} lines) in {seconds:.2f} s: "
              f"{result.sales / seconds:.1f} sales/s")  # fmt: skip
        return EXIT_OK
    finally:
        services.close()


def _clock_for(args: argparse.Namespace) -> ManualClock | None:
    if getattr(args, "command", None) == "simulate" and args.days > 0:
        return ManualClock(datetime.now(UTC) - timedelta(days=args.days))
    return None


_COMMANDS: dict[str, Callable[[Services, argparse.Namespace], int]] = {
    "run": _run,
    "demo": _demo,
    "status": _status,
    "verify": _verify,
    "rebuild-projections": _rebuild,
    "simulate": _simulate,
    "screenshot": _screenshot,
}
