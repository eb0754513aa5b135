"""Sales: a five-line sale with two tenders, rung up and durably completed through the same
commands a cashier sends; and `simulate` throughput on the 500-product demo store."""

from __future__ import annotations

import random
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from benchmarks.harness import RESULTS_DIR, Result, percentile, scaled
from fluxion_desktop.adapters.device_identity import assign_store
from fluxion_desktop.application.demo_store import DemoStore, seed_demo_store
from fluxion_desktop.application.sale_completion import CompleteSale
from fluxion_desktop.application.sales import AddTender, OpenSale, ScanItem
from fluxion_desktop.application.simulation import SaleSimulator
from fluxion_desktop.bootstrap import Services, bootstrap
from fluxion_desktop.domain.money import Currency, Money
from fluxion_desktop.domain.tenders import TenderMethod
from fluxion_desktop.settings import Settings
from tests.support.sql_trace import statements

SALES_TIMED = 500
SIMULATED = 1_000


def run(quick: bool) -> list[Result]:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench-sales-", dir=RESULTS_DIR) as scratch:
        services = _demo_till(Path(scratch))
        try:
            print("   1/2 five-line sales with two tenders", file=sys.stderr, flush=True)
            results = _five_line_sales(services, scaled(SALES_TIMED, quick))
            print("   2/2 simulate throughput", file=sys.stderr, flush=True)
            results += _simulate(services, scaled(SIMULATED, quick))
        finally:
            services.close()
    return results


def _demo_till(data_dir: Path) -> Services:
    first = bootstrap(Settings(data_dir), configure_logs=False)
    assign_store(first.engine, "bench-tenant", "bench-store")
    first.close()
    return bootstrap(Settings(data_dir), configure_logs=False)


def _five_line_sales(services: Services, count: int) -> list[Result]:
    q = services.queries
    demo = seed_demo_store(services.bus, q.users, q.catalog, q.shifts, services.identity.device_id,
                           services.clock.now())  # fmt: skip
    _between_customers(services)
    rng = random.Random(5)
    whole: list[float] = []
    completion: list[float] = []
    for _ in range(count):
        completion.append(ring_up_five_lines(services, demo, rng, whole))
    # Back to back, the sales left no pause for the idle till to feed the lagging read models
    # (demand history, daily sales): what that costs it afterwards, per sale (not in the sale's
    # time, and no cashier waits on it).
    started = time.perf_counter()
    services.projections.catch_up_lagging()
    lagging_ms = (time.perf_counter() - started) * 1000 / count
    statements, commits, waiting = _statements_per_sale(services, demo, rng)
    return [
        Result("five-line sale, 9 commands to commit: p50", percentile(whole, 50), "ms"),
        Result("five-line sale, 9 commands to commit: p99", percentile(whole, 99), "ms", 5.0, "<="),
        Result("CompleteSale (saga, durable): p50", percentile(completion, 50), "ms"),
        Result("CompleteSale (saga, durable): p99", percentile(completion, 99), "ms", 5.0, "<="),
        Result("five-line sale: SQL statements", statements, "statements"),
        Result("five-line sale: commits", commits, "commits"),
        Result("five-line sale: commits that wait for the disk (fsync)", waiting, "commits"),
        Result("lagging read models fed afterwards, while idle: per sale", lagging_ms, "ms"),
    ]


def _between_customers(services: Services) -> None:
    """Checkpoint the WAL as an idle till does (`WalCheckpointer`): seeding two years of
    history leaves ~70 MB of WAL whose background checkpoint, racing the last set-up commits,
    cannot catch up; SQLite's 20,000-page backstop then copied it all inside a timed sale."""
    services.store.wal_checkpointer.wait_idle()
    services.store.wal_checkpointer.checkpoint_now()


def ring_up_five_lines(
    services: Services, demo: DemoStore, rng: random.Random, whole: list[float]
) -> float:
    """One five-line sale with two tenders; appends its whole time to `whole` (ms) and returns
    CompleteSale's (ms)."""
    codes = [p.barcodes[0] for p in demo.shelf.products if p.barcodes]
    bus, cashier = services.bus, demo.cashier_id
    started = time.perf_counter()
    sale_id = bus.handle(OpenSale(cashier, demo.shift_id))
    for code in rng.sample(codes, 5):
        bus.handle(ScanItem(cashier, sale_id, code, Decimal(1)))
    bus.handle(AddTender(cashier, sale_id, TenderMethod.CASH, Money.of("5.00", "USD")))
    rest = services.handlers.sales.load(sale_id).amount_to_settle(
        TenderMethod.DEBIT_CARD, Currency.VES
    )
    if rest.is_positive:
        bus.handle(AddTender(cashier, sale_id, TenderMethod.DEBIT_CARD, rest, "REF"))
    completing = time.perf_counter()
    bus.handle(CompleteSale(cashier, sale_id, Currency.VES))
    done = time.perf_counter()
    whole.append((done - started) * 1000)
    return (done - completing) * 1000


def _statements_per_sale(
    services: Services, demo: DemoStore, rng: random.Random, sales: int = 20
) -> tuple[float, float, float]:
    """SQL statements, write transactions, and write transactions that wait for the disk (not
    lowered to synchronous=NORMAL) a sale runs, counted after the timed sales (the trace
    callback would slow them)."""
    with statements(services.engine) as seen:
        for _ in range(sales):
            ring_up_five_lines(services, demo, rng, [])
    writes = [n for n, statement in enumerate(seen) if statement == "BEGIN IMMEDIATE"]
    waiting = [n for n in writes if seen[n - 1] != "PRAGMA synchronous = NORMAL"]
    return len(seen) / sales, len(writes) / sales, len(waiting) / sales


def _simulate(services: Services, count: int) -> list[Result]:
    q = services.queries
    demo = seed_demo_store(services.bus, q.users, q.catalog, q.shifts, services.identity.device_id,
                           services.clock.now())  # fmt: skip
    _between_customers(services)
    simulator = SaleSimulator(services.bus, services.handlers.sales, demo.cashier_id,
                              demo.shift_id, demo.shelf, random.Random(9))  # fmt: skip
    started = time.perf_counter()
    result = simulator.run(count)
    seconds = time.perf_counter() - started
    return [
        Result(
            "simulate: complete sales per second", result.sales / seconds, "sales/s", 200.0, ">="
        ),
        Result("simulate: lines per sale", result.lines / result.sales, "lines"),
    ]
