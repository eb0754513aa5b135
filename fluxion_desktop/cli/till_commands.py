"""`fluxion-pos run`, `demo`, `simulate` and `--screenshot`: the till and its demo store."""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from fluxion_desktop.adapters.clock import ManualClock
from fluxion_desktop.application.demo_store import DemoStore, record_daily_rate, seed_demo_store
from fluxion_desktop.application.first_run import FirstRun
from fluxion_desktop.application.simulation import SaleSimulator
from fluxion_desktop.bootstrap import Services, assign_store_and_reopen, start_agents
from fluxion_desktop.cli.command import EXIT_OK, EXIT_PROBLEM, EXIT_UNUSABLE, Command
from fluxion_desktop.cli.sync_commands import WizardEnrolment, set_up_target, start_sync

if TYPE_CHECKING:  # Qt is imported only when a window opens
    from fluxion_desktop.application.sync_status import SyncStatusSource
    from fluxion_desktop.ui.context import TillContext
    from fluxion_desktop.ui.task_runner import TaskRunner

DEMO_TENANT, DEMO_STORE = "demo-tenant", "demo-store"
STANDALONE_TENANT = "standalone"
DEMO_CASHIER, DEMO_CASHIER_PIN = "ana", "1111"  # as the README gives them


def _run(services: Services, args: argparse.Namespace) -> int:
    if services.identity.tenant_id:
        return _run_till(services, args, owned=False)
    # A till no HQ has enrolled works as a store of its own: every event needs a tenant and a
    # store. The first-run wizard records its users and settings under them, unless it enrols
    # the till with HQ first, which binds it to HQ's store instead (nothing is written before).
    device = services.identity.device_id
    services = assign_store_and_reopen(services, STANDALONE_TENANT, f"store-{device}")
    return _run_till(services, args, owned=True)


def _run_till(services: Services, args: argparse.Namespace, *, owned: bool) -> int:
    """The window, first run included: after the first-run set-up it reopens (EXIT_RESTART) on
    the services the till then has (new ones when the wizard enrolled it with HQ), this time with
    the agents and background sync. `owned`: these services are this function's to close."""
    from fluxion_desktop.ui.app import EXIT_RESTART

    login_as: str | None = None
    try:
        while not services.queries.users.all():
            code, after, login_as = _first_run_window(services, args)
            if after is not services:  # enrol_till closed the old services when it rebound
                services, owned = after, True
            if code != EXIT_RESTART:
                return code
        return _open_window(services, args, login_as)
    finally:
        if owned:
            services.close()


def _first_run_window(
    services: Services, args: argparse.Namespace
) -> tuple[int, Services, str | None]:
    """The window on a till with no user yet, for the first-run wizard: no agents and no sync
    (there is nothing to work on, and an enrolment replaces the services under them).

    Returns the window's exit code, the services the till has afterwards, and the
    administrator's user name once the set-up is done."""
    from fluxion_desktop.ui.app import run_app, start_qt
    from fluxion_desktop.ui.task_runner import ThreadPoolTaskRunner

    start_qt(getattr(args, "lang", None))
    target = set_up_target(services)
    enrolment = WizardEnrolment(services)
    first_run = FirstRun(target, enrolment if target.pull is None else None, restart=True)
    context = _till_context(services, ThreadPoolTaskRunner(), first_run=first_run)
    code = run_app(context)
    after = enrolment.done.services if enrolment.done is not None else services
    done = first_run.done
    return code, after, done.admin_username if done is not None else None


def _open_window(services: Services, args: argparse.Namespace, login_as: str | None = None) -> int:
    # Qt is imported only when a window opens.
    from fluxion_desktop.ui.app import run_app, start_qt
    from fluxion_desktop.ui.task_runner import ThreadPoolTaskRunner

    start_qt(getattr(args, "lang", None))
    # Background work starts before the window and stops before the services close: the
    # agents (forecasts, alert checks) and sync run on threads of their own, never the GUI's.
    agents = start_agents(services)
    sync = start_sync(services)
    try:
        context = _till_context(services, ThreadPoolTaskRunner(), sync, login_as=login_as)
        return run_app(context)
    finally:
        if sync is not None:
            sync.stop()
        agents.stop()


def _till_context(
    services: Services,
    runner: TaskRunner,
    sync: SyncStatusSource | None = None,
    *,
    first_run: FirstRun | None = None,
    login_as: str | None = None,
) -> TillContext:
    from fluxion_desktop.adapters.printing.escpos_printer import printer_from_config
    from fluxion_desktop.adapters.printing.printer_config import (
        PrinterConfig,
        PrinterConfigError,
        load_printer_config,
    )
    from fluxion_desktop.adapters.read_models.sales_lookup import SqlSalesLookup
    from fluxion_desktop.cli.back_office_wiring import back_office_factory
    from fluxion_desktop.ui.context import TillContext
    from fluxion_desktop.ui.task_runner import ThreadPoolTaskRunner

    data_dir = services.settings.data_dir
    try:
        printer = load_printer_config(data_dir)
    except PrinterConfigError as error:  # the till still sells; receipts go to PDF meanwhile
        print(f"fluxion-pos: {error}; no receipt printer until it is fixed", file=sys.stderr)
        printer = PrinterConfig()
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
        # A worker of its own for printers: a slow one must not hold the next scan.
        printing=ThreadPoolTaskRunner() if isinstance(runner, ThreadPoolTaskRunner) else None,
        sales=SqlSalesLookup(services.engine, q.sales),
        x_report=services.handlers.shifts.x_report,
        printer=printer_from_config(printer),
        printer_width=printer.width,
        pdf_dir=data_dir / "receipts",
        # Off a thread pool (screenshots, tests), the back office runs on the same runner.
        back_office=back_office_factory(
            services, runner=None if isinstance(runner, ThreadPoolTaskRunner) else runner, sync=sync
        ),
        first_run=first_run,
        login_as=login_as,
        sync=sync,
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
        manager = services.queries.users.get(demo.manager_id)
        script = DemoScript(DEMO_CASHIER, DEMO_CASHIER_PIN, codes,
                            manager=manager.username if manager is not None else "",
                            forecast_product=demo.shelf.products[0].name)  # fmt: skip
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


def clock_for(args: argparse.Namespace) -> ManualClock | None:
    """A simulation spread over past days runs on a clock of its own, starting D days ago."""
    if getattr(args, "command", None) == "simulate" and args.days > 0:
        return ManualClock(datetime.now(UTC) - timedelta(days=args.days))
    return None


def _simulate_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sales", type=int, required=True, help="how many sales")
    parser.add_argument("--days", type=int, default=0, help="spread the sales over the last D days")
    parser.add_argument("--seed", type=int, default=1, help="random seed")


COMMANDS: tuple[Command, ...] = (
    Command("run", "open the till (the default)", _run, exclusive=True),
    Command("demo", "seed a demo store and open the till on it", _demo, exclusive=True),
    Command(
        "simulate",
        "ring up realistic sales through the cashier's commands",
        _simulate,
        arguments=_simulate_arguments,
        exclusive=True,
    ),
)
SCREENSHOT = Command("screenshot", "--screenshot DIR", _screenshot, exclusive=True)
