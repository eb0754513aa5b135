"""The agents as the app starts them: the orchestrator's worker takes queued work off the queue,
the scheduler holds the configured jobs, and stopping leaves nothing running."""

from __future__ import annotations

import time
from pathlib import Path

from fluxion_desktop.adapters.task_queue import SqliteTaskQueue
from fluxion_desktop.application.orchestrator import TaskRequest
from fluxion_desktop.bootstrap import start_agents
from tests.support.app import open_till


def test_started_agents_run_queued_work_and_stop(tmp_path: Path):
    till = open_till(tmp_path)
    till.product("AR-1", "Arroz 1 kg", "1.50", "7591001000012")
    agents = start_agents(till.services)
    try:
        assert {"demand_forecast", "alert_check"} <= agents.orchestrator.capabilities
        jobs = {job.id for job in agents.scheduler.get_jobs()}
        assert jobs == {"nightly_forecast", "alert_check", "incremental_forecast"}
        agents.orchestrator.submit(TaskRequest("alert_check"))
        queue = SqliteTaskQueue(till.services.engine)
        deadline = time.monotonic() + 20
        while queue.pending() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert queue.pending() == []
    finally:
        agents.stop()
        till.services.close()
    assert not agents.orchestrator.running
    assert not agents.scheduler.running
