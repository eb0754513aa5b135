"""Event store benchmarks (ARCHITECTURE.md §3): durable appends, batched appends, rebuild, open.

1. single-event durable append through `SqliteEventStore.append` (file database from
   `open_database`, WAL, synchronous=FULL, StreamSummaryProjection) against a raw `sqlite3`
   INSERT + COMMIT of the same row into a second database made by `open_database` (same schema and
   pragmas, hashes precomputed); the two alternate A, B, A, B so that noise hits both alike; the
   targets are the ratios store/raw of the p50 and the p99 (<= 2x).
2. one `append` of 10,000 events (one transaction): events/s, best and median of 3 (>= 50,000/s).
3. `ProjectionManager.rebuild()` of the StreamSummaryProjection over a 1,000,000-event log
   (>= 100,000 events/s). The log is built once and cached under benchmarks/results/.
4. opening that 1,000,000-event database in a fresh interpreter until a query is served:
   `open_database` + store + `last_position()` + `read_stream()` (< 1 s), imports apart.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import _workload as workload
from benchmarks.harness import RESULTS_DIR, Result, median, percentile, scaled
from fluxion_desktop.adapters import event_codec
from fluxion_desktop.adapters.database import open_database
from fluxion_desktop.adapters.projections import ProjectionManager, StreamSummaryProjection
from fluxion_desktop.adapters.sqlite_engine import AUTOCHECKPOINT_PAGES
from fluxion_desktop.application.event_store import NewEvent
from tests.support.sample_events import DEVICE

SINGLE_APPENDS = 2_000  # of each kind
SINGLE_WARMUP = 50
SINGLE_STREAMS = 200
BATCH_EVENTS = 10_000
BATCH_REPEATS = 3
LOG_EVENTS = 1_000_000
LOG_STREAMS = 3_000
OPEN_REPEATS = 3
REPO_ROOT = Path(__file__).resolve().parent.parent

_RAW_INSERT = (
    f"INSERT INTO events ({event_codec.COLUMNS}) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_ROW_ORDER = [c.strip() for c in event_codec.COLUMNS.split(",")]


def run(quick: bool) -> list[Result]:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="bench-event-store-", dir=RESULTS_DIR) as scratch:
        workdir = Path(scratch)
        _say("1/4 durable single-event append vs raw sqlite3")
        results += single_append(workdir, scaled(SINGLE_APPENDS, quick))
        _say("2/4 batched append")
        results += batched_append(workdir, scaled(BATCH_EVENTS, quick))
    log = workload.event_log(scaled(LOG_EVENTS, quick), scaled(LOG_STREAMS, quick))
    _say(f"3/4 projection rebuild over {log.events:,} events")
    results += rebuild(log)
    _say(f"4/4 open a {log.events:,}-event database in a fresh interpreter")
    results += open_and_query(log)
    return results


def _say(text: str) -> None:
    print(f"   {text}", file=sys.stderr, flush=True)


# -- 1. durable single-event append --------------------------------------------------------------


def single_append(workdir: Path, count: int) -> list[Result]:
    engine = open_database(workdir / "single-store.db")
    store = workload.new_store(engine)
    raw_path = workdir / "single-raw.db"
    open_database(raw_path).dispose()  # the same schema, application id and WAL journal
    # Python's default transaction handling: the INSERT opens a transaction, commit() ends it.
    raw = sqlite3.connect(raw_path)
    raw.execute("PRAGMA busy_timeout = 5000")
    raw.execute("PRAGMA journal_mode = WAL")
    raw.execute("PRAGMA synchronous = FULL")
    raw.execute(f"PRAGMA wal_autocheckpoint = {AUTOCHECKPOINT_PAGES}")
    raw.execute("PRAGMA foreign_keys = ON")

    total = SINGLE_WARMUP + count
    plan = _single_plan(total)
    rows = _precomputed_rows(plan)
    store_times: list[float] = []
    raw_times: list[float] = []
    clock = time.perf_counter
    try:
        for index, ((stream, event, expected), row) in enumerate(zip(plan, rows, strict=True)):
            start = clock()
            store.append(stream, [event], expected)
            middle = clock()
            raw.execute(_RAW_INSERT, row)
            raw.commit()
            end = clock()
            if index >= SINGLE_WARMUP:
                store_times.append(middle - start)
                raw_times.append(end - middle)
        assert store.last_position() == total
        assert raw.execute("SELECT COUNT(*) FROM events").fetchone()[0] == total
    finally:
        raw.close()
        engine.dispose()

    ms = 1000.0
    store_p50, store_p99 = percentile(store_times, 50), percentile(store_times, 99)
    raw_p50, raw_p99 = percentile(raw_times, 50), percentile(raw_times, 99)
    details = {"appends_each": count, "warmup_each": SINGLE_WARMUP, "streams": SINGLE_STREAMS}
    return [
        Result("single append: store p50", store_p50 * ms, "ms", details=details),
        Result("single append: store p99", store_p99 * ms, "ms"),
        Result("single append: raw sqlite3 p50", raw_p50 * ms, "ms"),
        Result("single append: raw sqlite3 p99", raw_p99 * ms, "ms"),
        Result("single append: store/raw p50", store_p50 / raw_p50, "x", 2.0, "<="),
        Result("single append: store/raw p99", store_p99 / raw_p99, "x", 2.0, "<="),
    ]


def _single_plan(total: int) -> list[tuple[str, NewEvent, int]]:
    """One event per append, rotating over a few hundred streams, made before timing starts."""
    factory = workload.EventFactory(seed=11)
    streams = workload.stream_ids(SINGLE_STREAMS)
    versions = dict.fromkeys(streams, 0)
    plan = []
    for index in range(total):
        stream = streams[index % len(streams)]
        plan.append((stream, factory.event(stream), versions[stream]))
        versions[stream] += 1
    return plan


def _precomputed_rows(plan: list[tuple[str, NewEvent, int]]) -> list[tuple[Any, ...]]:
    """The exact rows the store writes, hashes and chain included, as parameter tuples."""
    rows = []
    prev_hash = event_codec.GENESIS_HASH
    for position, (stream, event, expected) in enumerate(plan, start=1):
        encoded = event_codec.encode(event, lambda _type: True)
        row = event_codec.to_row(encoded, stream, expected + 1, position)
        row["prev_hash"] = prev_hash
        row["hash"] = prev_hash = event_codec.chain_hash(row, prev_hash)
        rows.append(tuple(row[name] for name in _ROW_ORDER))
    return rows


# -- 2. batched append ---------------------------------------------------------------------------


def batched_append(workdir: Path, size: int, repeats: int = BATCH_REPEATS) -> list[Result]:
    batches, append, close = prepare_batched_append(workdir / "batch.db", size, repeats)
    try:
        seconds = [append(stream, events) for stream, events in batches]
    finally:
        close()
    rates = [size / s for s in seconds]
    details = {"events_per_append": size, "repeats": repeats, "seconds": seconds}
    return [
        Result(f"append {size:,} events in one call: best", max(rates), "events/s",
               50_000, ">=", details=details),
        Result(f"append {size:,} events in one call: median", median(rates), "events/s",
               50_000, ">="),
    ]  # fmt: skip


Batch = tuple[str, list[NewEvent]]


def prepare_batched_append(
    path: Path, size: int, repeats: int
) -> tuple[list[Batch], Callable[[str, list[NewEvent]], float], Callable[[], None]]:
    """(batches, append, close): `repeats` batches of `size` new events, each to a new stream,
    made before any timing; `append(stream, events)` appends one batch and returns its seconds."""
    engine = open_database(path)
    store = workload.new_store(engine)
    factory = workload.EventFactory(seed=21)
    store.append("till-warmup", factory.events("till-warmup", 100), 0)  # connection, pages, caches
    batches = [
        (stream, factory.events(stream, size))
        for stream in (f"till-batch{index:04d}" for index in range(repeats))
    ]

    def append(stream: str, events: list[NewEvent]) -> float:
        start = time.perf_counter()
        store.append(stream, events, 0)
        return time.perf_counter() - start

    return batches, append, engine.dispose


# -- 3. projection rebuild -------------------------------------------------------------------------


def rebuild(log: workload.EventLog) -> list[Result]:
    rebuild_once, close = prepare_rebuild(log)
    try:
        seconds = rebuild_once()
    finally:
        close()
    return [
        Result(f"rebuild stream_summary from {log.events:,} events", log.events / seconds,
               "events/s", 100_000, ">=",
               details={"seconds": seconds, "events": log.events, "streams": log.streams,
                        "file_bytes": log.file_bytes, "log_build_seconds": log.build_seconds}),
        Result("rebuild: wall time", seconds, "s"),
    ]  # fmt: skip


def prepare_rebuild(log: workload.EventLog) -> tuple[Callable[[], float], Callable[[], None]]:
    engine = open_database(log.path)
    manager = ProjectionManager(engine, [StreamSummaryProjection()])

    def rebuild_once() -> float:
        start = time.perf_counter()
        replayed = manager.rebuild()
        seconds = time.perf_counter() - start
        if replayed != log.events:
            raise AssertionError(f"rebuild replayed {replayed} events, the log has {log.events}")
        with engine.connect() as connection:
            summaries = connection.exec_driver_sql("SELECT COUNT(*) FROM stream_summary").scalar()
        if summaries != log.streams:
            raise AssertionError(
                f"{summaries} stream summaries after rebuild, {log.streams} streams"
            )
        return seconds

    return rebuild_once, engine.dispose


# -- 4. open and serve the first query ---------------------------------------------------------


def open_and_query(log: workload.EventLog, repeats: int = OPEN_REPEATS) -> list[Result]:
    probes = []
    walls = []
    for _ in range(repeats):
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks._open_probe", str(log.path), DEVICE,
             log.probe_stream],
            cwd=REPO_ROOT, capture_output=True, text=True, check=False,
        )  # fmt: skip
        walls.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise RuntimeError(f"the open probe failed:\n{done.stderr}")
        probe = json.loads(done.stdout.strip().splitlines()[-1])
        if (
            probe["last_position"] != log.events
            or probe["stream_events"] != log.probe_stream_events
        ):
            raise AssertionError(f"the open probe read unexpected data: {probe}")
        probes.append(probe)
    label = f"{log.events:,}-event db"
    return [
        Result(f"open {label} + first query (after imports)",
               median([p["open_and_first_query_s"] for p in probes]), "s", 1.0, "<",
               details={"repeats": repeats, "probes": probes, "stream": log.probe_stream,
                        "stream_events": log.probe_stream_events,
                        "note": "warm OS page cache"}),
        Result("open: of which open_database()", median([p["open_database_s"] for p in probes]),
               "s"),
        Result("open: imports in the fresh interpreter", median([p["imports_s"] for p in probes]),
               "s"),
        Result("open: whole subprocess wall time", median(walls), "s"),
    ]  # fmt: skip
