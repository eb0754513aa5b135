"""HQ ingest: four tills of one store pushing at once to an HQ on PostgreSQL, against a raw
batched INSERT of the same rows into the same database in the same run; and the bytes a pushed
event costs on the wire with gzip. Events are a real till's (the simulator's) sale traffic.

The PostgreSQL server is a throwaway one (tests/sync/support/postgres.py: initdb + pg_ctl,
fsync off); HQ runs as `python -m sync.server serve --workers 3` in a subprocess, so client and
server do not share a GIL. Request bodies are built before the clock starts.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from benchmarks._hq_events import as_device, batches, sale_traffic, simulated_till_rows
from benchmarks.harness import RESULTS_DIR, Result, scaled
from sync.protocol import PROTOCOL_HEADER, PUSH_PATH, dump_gzip
from sync.server import tenancy
from sync.server.clock import system_clock
from sync.server.database import migrate, open_database
from tests.sync.support.postgres import PostgresServer, free_port

DEVICES = 4
WORKERS = 3
SALES = 300
COPIES = 6  # each device pushes the simulated sale traffic this many times (~24k events)
INGEST_TARGET = 10_000
BYTES_TARGET = 80


def run(quick: bool) -> list[Result]:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench-hq-", dir=RESULTS_DIR) as scratch:
        print("   1/3 simulated till", file=sys.stderr, flush=True)
        rows = sale_traffic(simulated_till_rows(Path(scratch) / "till", scaled(SALES, quick, 3)))
        results = [_bytes_per_event(rows)]
        with PostgresServer.start() as postgres:
            print("   2/3 HQ ingest, 4 devices at once", file=sys.stderr, flush=True)
            results += _ingest(postgres, rows, scaled(COPIES, quick, 6))
    return results


def _bytes_per_event(rows: list[dict[str, Any]]) -> Result:
    events = as_device(
        rows,
        "7c9e6679-7425-40de-944b-e07fc1f90ae7",
        "16fd2706-8baf-433b-82eb-8c7f5d2c7d4e",
        "01a21439-ca82-761d-a65d-f81324e75e6f",
    )
    requests = batches(events)
    wire = sum(len(dump_gzip(request)) for request in requests)
    return Result(
        "push: bytes per event on the wire (gzip'd batches of 500)",
        wire / len(events),
        "B/event",
        BYTES_TARGET,
        "<=",
        details={"events": len(events), "bytes": wire},
    )


def _ingest(postgres: PostgresServer, rows: list[dict[str, Any]], copies: int) -> list[Result]:
    url = postgres.create_database("hq_bench")
    db = open_database(url)
    migrate(db)
    now = system_clock()
    tenant = tenancy.create_tenant(db, "Bench", now)
    store = tenancy.create_store(db, tenant, "Bench store", now)
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sync.server",
            "serve",
            "--database-url",
            url,
            "--port",
            str(port),
            "--workers",
            str(WORKERS),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=Path(__file__).parents[1],
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(base, server)
        bodies = []
        for n in range(DEVICES):
            device_id = f"01a21439-ca82-761d-a65d-f81324e7{n:04d}"
            token = _enrol(base, tenancy.create_enrollment_code(db, store, now), device_id)
            events = as_device(rows, tenant, store, device_id, copies)
            bodies.append((token, [dump_gzip(r) for r in batches(events)], len(events)))
        total = sum(count for _, _, count in bodies)
        hq_seconds = _push_all(base, bodies)
        print(f"      HQ stored {total} events in {hq_seconds:.2f} s", file=sys.stderr, flush=True)
        print("   3/3 raw batched INSERT of the same rows", file=sys.stderr, flush=True)
        raw_seconds = _raw_insert(db, total)
    finally:
        server.terminate()
        server.wait(timeout=30)
        db.dispose()
    hq_rate = total / hq_seconds
    raw_rate = total / raw_seconds
    return [
        Result(
            "HQ ingest on PostgreSQL, 4 devices at once",
            hq_rate,
            "events/s",
            INGEST_TARGET,
            ">=",
            details={"events": total, "seconds": hq_seconds, "workers": WORKERS},
        ),
        Result(
            "raw batched INSERT of the same rows (same database)",
            raw_rate,
            "events/s",
            details={"events": total, "seconds": raw_seconds},
        ),
        Result("HQ ingest / raw INSERT", hq_rate / raw_rate, "ratio"),
    ]


def _wait_for(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(
                f"fluxion-hq serve exited: {server.stderr.read().decode() if server.stderr else ''}"
            )
        try:
            if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise RuntimeError("fluxion-hq serve did not answer")


def _enrol(base: str, code: str, device_id: str) -> str:
    response = httpx.post(
        f"{base}/v1/enroll",
        headers={PROTOCOL_HEADER: "1"},
        json={"code": code, "device_id": device_id, "device_name": device_id},
    )
    response.raise_for_status()
    return str(response.json()["token"])


def _push_all(base: str, bodies: list[tuple[str, list[bytes], int]]) -> float:
    failures: list[str] = []

    def push(token: str, requests: list[bytes]) -> None:
        headers = {
            PROTOCOL_HEADER: "1",
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "Content-Encoding": "gzip",
        }
        with httpx.Client(base_url=base, timeout=120) as client:
            for body in requests:
                response = client.post(PUSH_PATH, content=body, headers=headers)
                if response.status_code != 200 or response.json()["accepted"] == 0:
                    failures.append(response.text[:200])

    threads = [
        threading.Thread(target=push, args=(token, requests)) for token, requests, _ in bodies
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    if failures:
        raise RuntimeError(f"{len(failures)} pushes failed, e.g. {failures[0]}")
    return seconds


def _raw_insert(db: Any, total: int) -> float:
    """The rows HQ stored, copied by batched INSERT (500 rows per statement, a commit per
    batch) into a table like `events`, on one connection."""
    from sqlalchemy import text

    from sync.server import schema

    with db.engine.begin() as conn:
        conn.execute(text("CREATE TABLE raw_events (LIKE events INCLUDING ALL)"))
        rows = [
            dict(r._mapping)
            for r in conn.execute(schema.events.select().where(schema.events.c.device_id != "hq"))
        ]
    for row in rows:
        row.pop("seq")
    assert len(rows) == total, (len(rows), total)
    raw = schema.events.to_metadata(schema.metadata.__class__(), name="raw_events")
    started = time.perf_counter()
    for start in range(0, len(rows), 500):
        with db.engine.begin() as conn:
            conn.execute(raw.insert(), rows[start : start + 500])
    return time.perf_counter() - started
