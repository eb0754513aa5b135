"""The background runner: own commits wake it for a push soon, pulled events do not, it stops."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from uuid import uuid4

from fluxion_desktop.application.event_store import StoredEvent
from fluxion_desktop.application.sync_status import SyncStatus
from fluxion_desktop.jobs.sync_job import SyncJob
from sync.client.cadence import SyncCadence
from sync.client.debounce import Debouncer
from sync.client.loop import CycleReport

DEVICE = "till-1"


class Cycles:
    def __init__(self) -> None:
        self.count = 0
        self.ran = threading.Event()

    def __call__(self) -> CycleReport:
        self.count += 1
        self.ran.set()
        return CycleReport(pull_current=True)


def stored(device_id: str, origin: str) -> StoredEvent:
    return StoredEvent(1, uuid4(), "SaleCompleted", 1, "sale-1", 1, "t", "s", device_id, None,
                       datetime(2026, 11, 25, tzinfo=UTC), {}, {}, "0" * 64, "1" * 64,
                       origin)  # fmt: skip


def status(online: bool | None) -> SyncStatus:
    return SyncStatus(bool(online), 0, None, None, None, "keyring")


def test_own_commits_wake_the_runner_and_pulled_ones_do_not():
    cycles = Cycles()
    cadence = SyncCadence(cycles, time.monotonic, interval=3600.0,
                          debouncer=Debouncer(quiet=0.05, max_wait=0.2))  # fmt: skip
    stopped = threading.Event()
    job = SyncJob(cadence, status, DEVICE, on_stop=stopped.set).start()
    try:
        assert cycles.ran.wait(5)  # the first step syncs at once
        cycles.ran.clear()

        job.on_commit([stored("other-till", "remote")])
        assert not cycles.ran.wait(0.5)

        job.on_commit([stored(DEVICE, "local")])
        assert cycles.ran.wait(5)
        assert job.sync_status().online
    finally:
        job.stop()
    assert not job.running and stopped.is_set()
    assert cycles.count == 2


def test_sync_now_runs_a_cycle_at_once():
    cycles = Cycles()
    cadence = SyncCadence(cycles, time.monotonic, interval=3600.0)
    job = SyncJob(cadence, status, DEVICE).start()
    try:
        assert cycles.ran.wait(5)
        cycles.ran.clear()

        job.request_sync()

        assert cycles.ran.wait(5)
    finally:
        job.stop()
