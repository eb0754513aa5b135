"""Nothing slow on the GUI thread: while a till drains 10,000 events to HQ and forecasts a product
in the background, a QTimer heartbeat on the GUI thread never misses by more than 100 ms.

HQ runs as `fluxion-hq serve` in a process of its own, as it does in a store (on another machine):
only the till's own work shares this process with the GUI thread.
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from fluxion_desktop.adapters.sync.session import keep_enrolment, request_enrolment
from fluxion_desktop.application.sales_history import HistoryRow, ImportSalesHistory
from fluxion_desktop.bootstrap import forecasting_service
from fluxion_desktop.cli.sync_commands import start_sync
from fluxion_desktop.ui.task_runner import ThreadPoolTaskRunner
from tests.support.app import Till, open_till
from tests.sync.e2e.devices import queue_offline_events
from tests.sync.support.postgres import free_port

BEAT_MS = 20
ALLOWED_MISS_MS = 100


def _hq(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "sync.server", *args], capture_output=True,
                          text=True, check=True, timeout=60)  # fmt: skip
    return done.stdout.strip()


@pytest.fixture
def hq_process(tmp_path: Path) -> Iterator[tuple[str, str, str]]:
    """(url, database_url, store_id) of an HQ serving from a process of its own."""
    database = f"sqlite:///{tmp_path / 'hq.db'}"
    _hq("migrate", "--database-url", database)
    tenant = _hq("create-tenant", "Bodegas", "--database-url", database)
    store = _hq("create-store", "--tenant", tenant, "Centro", "--database-url", database)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "sync.server", "serve", "--host", "127.0.0.1", "--port",
         str(port), "--database-url", database],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ},
    )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_for(url)
        yield url, database, f"{tenant}/{store}"
    finally:
        server.terminate()
        server.wait(timeout=20)


def _wait_for(url: str) -> None:
    import httpx

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise AssertionError("HQ did not start")


def _till_with_history(data_dir: Path, tenant: str, store: str) -> tuple[Till, str]:
    """A till with 10,000 events waiting for HQ and 120 days of one product's sales."""
    till = open_till(data_dir, tenant, store)
    queue_offline_events(till, 10_000)
    product = till.product("HB-1", "Harina PAN 1 kg", "1.45", "7591001000012")
    today = till.clock.now().date()
    rows = tuple(
        HistoryRow(n + 2, today - timedelta(days=120 - n), Decimal(5 + n % 7),
                   sku="HB-1")
        for n in range(120)
    )  # fmt: skip
    till.services.bus.handle(ImportSalesHistory(till.manager, rows, "history.csv"))
    return till, product


@pytest.mark.slow  # 10,000 events to push and a forecast to fit
def test_the_gui_thread_keeps_its_beat_during_sync_and_a_forecast(qtbot, tmp_path, hq_process):
    url, database, where = hq_process
    tenant, store = where.split("/")
    till, product = _till_with_history(tmp_path / "till", tenant, store)
    services = till.services
    code = _hq("enroll-code", "--store", store, "--database-url", database)
    answer = request_enrolment(url, code, services.identity.device_id, "Caja 1")
    keep_enrolment(services.store, services.settings.data_dir, url, answer)

    # As the app starts them, before the window: sync and the forecasting service.
    job = start_sync(services, interval=3600.0)
    assert job is not None
    runner = ThreadPoolTaskRunner()
    forecasting = forecasting_service(services, isolated=True)
    beats: list[float] = []
    timer = QTimer()
    timer.setInterval(BEAT_MS)
    timer.timeout.connect(lambda: beats.append(time.monotonic()))
    timer.start()
    try:
        forecast = runner.run(lambda: forecasting.demand_forecast(product, store))
        job.request_sync()
        qtbot.waitUntil(lambda: forecast.done and job.sync_status().pending == 0, timeout=180_000)
    finally:
        timer.stop()
        job.stop()
        runner.shutdown()
        services.close()

    assert forecast.error is None
    assert len(beats) > 50, "the heartbeat hardly ran"
    worst = max(later - earlier for earlier, later in itertools.pairwise(beats)) * 1000
    assert worst <= BEAT_MS + ALLOWED_MISS_MS, f"the GUI thread stalled {worst:.0f} ms"
