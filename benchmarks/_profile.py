"""Profile the event store's hot paths with the benchmark's own workload.

    python -m benchmarks._profile [--quick] [--tool cprofile|pyinstrument] [TARGET ...]

TARGET is single, append, rebuild or sale (default: all four).

Writes benchmarks/results/profile-<target>.{txt,prof|html}; prints the top of each report.
`single` profiles 2,000 single-event durable appends, `append` 3 appends of 10,000 events,
`rebuild` one projection rebuild over the cached 1,000,000-event log (100,000 with --quick),
`sale` 200 five-line sales of the `sales` benchmark on the demo store (20 with --quick).
`--no-fsync` runs the sales at synchronous=OFF (never what a till does): what is left is the
sale's CPU, without the nine fsyncs' waits that otherwise hide it in the profile.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlalchemy

from benchmarks import _workload as workload
from benchmarks import event_store as bench
from benchmarks import sales as sales_bench
from benchmarks.harness import RESULTS_DIR, scaled
from fluxion_desktop.adapters.database import open_database
from fluxion_desktop.application.demo_store import seed_demo_store

SALES_PROFILED = 200
TARGETS = ("single", "append", "rebuild", "sale")


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks._profile")
    parser.add_argument("targets", nargs="*", choices=TARGETS, default=[])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--tool", choices=("cprofile", "pyinstrument"), default="cprofile")
    parser.add_argument("--top", type=int, default=30, help="rows of the printed cProfile report")
    parser.add_argument("--no-fsync", action="store_true", help="sale: synchronous=OFF (CPU only)")
    args = parser.parse_args()
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="profile-", dir=RESULTS_DIR) as scratch:
        for target in args.targets or TARGETS:
            work, close = _prepare(target, Path(scratch), args.quick, args.no_fsync)
            try:
                _profile(target, work, args.tool, args.top)
            finally:
                close()
    return 0


def _prepare(
    target: str, scratch: Path, quick: bool, no_fsync: bool = False
) -> tuple[Callable[[], object], Callable[[], None]]:
    if target == "append":
        batches, append, close = bench.prepare_batched_append(
            scratch / "batch.db", scaled(bench.BATCH_EVENTS, quick), bench.BATCH_REPEATS
        )
        return (lambda: [append(stream, events) for stream, events in batches]), close
    if target == "sale":
        return _sales(scratch, scaled(SALES_PROFILED, quick), no_fsync)
    if target == "rebuild":
        log = workload.event_log(scaled(bench.LOG_EVENTS, quick), scaled(bench.LOG_STREAMS, quick))
        return bench.prepare_rebuild(log)
    engine = open_database(scratch / "single.db")
    store = workload.new_store(engine)
    plan = bench._single_plan(scaled(bench.SINGLE_APPENDS, quick))

    def appends() -> None:
        for stream, event, expected in plan:
            store.append(stream, [event], expected)

    return appends, engine.dispose


def _sales(
    scratch: Path, count: int, no_fsync: bool
) -> tuple[Callable[[], object], Callable[[], None]]:
    services = sales_bench._demo_till(scratch / "till")
    if no_fsync:
        sqlalchemy.event.listen(services.engine, "connect", _no_fsync)
        services.engine.dispose()  # pooled connections were opened at synchronous=FULL
    q = services.queries
    demo = seed_demo_store(services.bus, q.users, q.catalog, q.shifts, services.identity.device_id,
                           services.clock.now())  # fmt: skip
    rng = random.Random(5)
    for _ in range(20):  # caches and pages warm, as at a till that has been selling
        sales_bench.ring_up_five_lines(services, demo, rng, [])
    return (
        lambda: [sales_bench.ring_up_five_lines(services, demo, rng, []) for _ in range(count)]
    ), services.close


def _no_fsync(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.execute("PRAGMA synchronous = OFF")


def _profile(target: str, work: Callable[[], object], tool: str, top: int) -> None:
    out = RESULTS_DIR / f"profile-{target}"
    if tool == "pyinstrument":
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0005)
        profiler.start()
        work()
        profiler.stop()
        text = profiler.output_text(unicode=True, color=False, show_all=False)
        out.with_suffix(".txt").write_text(text)
        out.with_suffix(".html").write_text(profiler.output_html())
        print(f"== {target} (pyinstrument) -> {out}.txt / .html\n{text}")
        return
    profile = cProfile.Profile()
    profile.runcall(work)
    profile.dump_stats(out.with_suffix(".prof"))
    buffer = io.StringIO()
    stats = pstats.Stats(profile, stream=buffer).strip_dirs()
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    out.with_suffix(".txt").write_text(buffer.getvalue())
    print(f"== {target} (cProfile) -> {out}.prof / .txt\n{buffer.getvalue()}")


if __name__ == "__main__":
    sys.exit(main())
