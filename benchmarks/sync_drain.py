"""Sync drain (issue 5): a till offline for 100,000 events pushes them all to HQ over loopback.

The till is real (tests/support/app.py), its queue written with `append_many` as goods receipts
on 40 products (tests/sync/e2e/devices.py `queue_offline_events`); HQ is the real server
(uvicorn on 127.0.0.1, started by tests/sync/support/hq_server.py) on SQLite, then on a throwaway
PostgreSQL (tests/sync/support/postgres.py). The clock runs from the first status request to the
last acknowledged batch of `SyncLoop.run_once()` (status, 200 pushes of 500 events, one pull).

Figures: seconds per drain (target <= 10 s on SQLite; PostgreSQL reported), events per second,
gzip'd bytes per event on the wire, and the share of the drain spent outside the push calls
(waiting for the next batch, recording marks; the client reads and compresses the next batch
while HQ stores the current one) — the rest is the HTTP exchange and HQ's work. (HQ as
`fluxion-hq serve` in a process of its own measured ~25 % slower than this in-process server on
the shared 2-core VM.)
"""

from __future__ import annotations

import logging
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from keyring.backends import fail

from benchmarks.harness import RESULTS_DIR, Result, scaled
from fluxion_desktop.adapters.sync.session import keep_enrolment, open_session, request_enrolment
from fluxion_desktop.adapters.sync.token_store import TokenStore
from sync.client.outgoing import PushBatch
from sync.protocol import PushResponse
from tests.support.app import open_till
from tests.sync.e2e.devices import queue_offline_events
from tests.sync.support.hq_server import RunningHq, start_hq_server
from tests.sync.support.postgres import PostgresServer, find_pg_bin

EVENTS = 100_000
TARGET_SECONDS = 10.0


def run(quick: bool) -> list[Result]:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    logging.getLogger("fluxion_desktop.adapters.sync.token_store").setLevel(logging.ERROR)
    events = scaled(EVENTS, quick)
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="bench-sync-", dir=RESULTS_DIR) as scratch:
        work = Path(scratch)
        _say(f"1/2 drain {events:,} events to a SQLite HQ")
        with start_hq_server(f"sqlite:///{work / 'hq.db'}") as hq:
            results += _drain(hq, work / "till-sqlite", events, "SQLite", TARGET_SECONDS)
        if find_pg_bin() is None:
            _say("2/2 skipped: no PostgreSQL binaries")
            return results
        _say(f"2/2 drain {events:,} events to a PostgreSQL HQ")
        with _postgres_hq() as hq:
            results += _drain(hq, work / "till-postgres", events, "PostgreSQL", None)
    return results


@contextmanager
def _postgres_hq() -> Iterator[RunningHq]:
    with PostgresServer.start() as server, start_hq_server(server.create_database()) as hq:
        yield hq


def _drain(hq: RunningHq, data_dir: Path, events: int, kind: str, target: float | None
           ) -> list[Result]:  # fmt: skip
    tenant, store = hq.tenant_and_store()
    till = open_till(data_dir, tenant, store)
    services = till.services
    tokens = TokenStore(data_dir, services.identity.device_id, fail.Keyring())
    answer = request_enrolment(hq.url, hq.enrollment_code(store), services.identity.device_id,
                               "Caja benchmark")  # fmt: skip
    keep_enrolment(services.store, data_dir, hq.url, answer, tokens=tokens)
    queue_offline_events(till, events)
    session = open_session(services.store, data_dir, services.clock, tokens=tokens)
    in_http = _time_pushes(session.client)
    start = time.perf_counter()
    report = session.loop.run_once()
    seconds = time.perf_counter() - start
    pushed = report.pushed
    wire = session.client.bytes_sent
    session.close()
    services.close()
    if report.pending or not pushed:
        raise RuntimeError(f"the drain to the {kind} HQ left {report.pending} events pending")
    details = {"events": pushed, "seconds_in_push_calls": round(in_http[0], 3)}
    figure = f"drain {events:,} queued events to HQ ({kind})"
    comparison = "<=" if target is not None else None
    return [
        Result(figure, seconds, "s", target, comparison, details=details),
        Result(f"drain rate ({kind})", pushed / seconds, "events/s"),
        Result(f"bytes per event on the wire, gzip ({kind})", wire / pushed, "B"),
        Result(f"client's share of the drain ({kind})", 100 * (1 - in_http[0] / seconds), "%"),
    ]


def _time_pushes(client: object) -> list[float]:
    """Accumulate the seconds spent inside `client.push` (sending, HQ's work, the answer)."""
    spent = [0.0]
    push = client.push  # type: ignore[attr-defined]

    def timed(batch: PushBatch) -> PushResponse:
        begin = time.perf_counter()
        try:
            return push(batch)  # type: ignore[no-any-return]
        finally:
            spent[0] += time.perf_counter() - begin

    client.push = timed  # type: ignore[attr-defined]
    return spent


def _say(text: str) -> None:
    print(f"   {text}", file=sys.stderr, flush=True)
