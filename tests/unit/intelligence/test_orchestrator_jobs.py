"""The scheduler's jobs queue the right tasks; the worker runs at a lower OS priority."""

from __future__ import annotations

import os
import sys
import threading
from types import SimpleNamespace

import pytest
from apscheduler.schedulers.background import BackgroundScheduler

from fluxion_desktop.application.orchestrator import (
    AgentSpec,
    Orchestrator,
    Outcome,
    QueuedTask,
    TaskRequest,
)
from fluxion_desktop.application.orchestrator.forecast_tasks import ForecastTaskAgent
from fluxion_desktop.application.orchestrator.memory_queue import InMemoryTaskQueue
from fluxion_desktop.application.orchestrator.triggers import ChangedProducts
from fluxion_desktop.domain.agent_tasks import TaskPriority
from fluxion_desktop.domain.errors import InvalidValue
from fluxion_desktop.jobs.intelligence_jobs import (
    IntelligenceSchedule,
    alert_check,
    incremental_forecast,
    lower_thread_priority,
    nightly_forecast,
    schedule_intelligence,
)
from tests.support.fakes import FakeClock, SequentialIds


class Idle:
    spec = AgentSpec("idle", frozenset({"demand_forecast", "alert_check"}))

    def run(self, task: QueuedTask) -> None: ...


class Failures:
    def record(self, *args: object) -> None:
        raise AssertionError("no failure expected")


class Zero:
    def random(self) -> float:
        return 0.0


def _orchestrator(*agents: object) -> Orchestrator:
    return Orchestrator(InMemoryTaskQueue(), list(agents) or [Idle()], Failures(), FakeClock(),  # type: ignore[arg-type]
                        SequentialIds(), Zero())  # fmt: skip


def test_the_schedule_reads_settings_and_refuses_bad_values():
    settings = SimpleNamespace(intelligence_nightly_forecast_at="03:05",
                               intelligence_alert_check_minutes=5)  # fmt: skip
    schedule = IntelligenceSchedule.from_settings(settings)

    assert schedule.nightly_time() == (3, 5) and schedule.alert_check_minutes == 5
    assert schedule.incremental_min_products == 50  # not in the settings: the default
    with pytest.raises(InvalidValue, match="HH:MM"):
        IntelligenceSchedule(nightly_forecast_at="25:00")
    with pytest.raises(InvalidValue, match="alert_check_minutes must be at least 1"):
        IntelligenceSchedule(alert_check_minutes=0)


def test_the_jobs_are_added_to_apscheduler_with_their_triggers():
    scheduler = BackgroundScheduler(timezone="UTC")
    schedule = IntelligenceSchedule(nightly_forecast_at="02:30", alert_check_minutes=15)

    ids = schedule_intelligence(scheduler, _orchestrator(), schedule, ChangedProducts())

    jobs = {job.id: job for job in scheduler.get_jobs()}
    assert ids == ["nightly_forecast", "alert_check", "incremental_forecast"]
    assert str(jobs["nightly_forecast"].trigger) == "cron[hour='2', minute='30']"
    assert jobs["alert_check"].trigger.interval.total_seconds() == 15 * 60
    assert jobs["incremental_forecast"].trigger.interval.total_seconds() == 10 * 60


def test_only_work_some_agent_can_do_is_scheduled():
    class AlertsOnly(Idle):
        spec = AgentSpec("alerts", frozenset({"alert_check"}))

    scheduler = BackgroundScheduler(timezone="UTC")
    ids = schedule_intelligence(scheduler, _orchestrator(AlertsOnly()), IntelligenceSchedule(),
                                ChangedProducts())  # fmt: skip

    assert ids == ["alert_check"] and [j.id for j in scheduler.get_jobs()] == ["alert_check"]


def test_jobs_queue_tasks_with_their_priorities():
    orchestrator = _orchestrator()
    nightly_forecast(orchestrator, IntelligenceSchedule(forecast_horizon=14))
    alert_check(orchestrator)
    alert_check(orchestrator)  # merged into the queued one

    pending = orchestrator._queue.pending()

    assert [(t.kind, t.subject, t.priority) for t in pending] == [
        ("alert_check", "all", TaskPriority.HIGH),
        ("demand_forecast", "all", TaskPriority.MEDIUM),
    ]
    assert pending[1].payload == {"horizon": "14"}


def _event(event_type: str, product_id: str) -> SimpleNamespace:
    return SimpleNamespace(event_type=event_type, payload={"product_id": product_id})


def test_an_incremental_forecast_is_queued_only_after_large_changes():
    changes = ChangedProducts()
    orchestrator = _orchestrator()
    schedule = IntelligenceSchedule(incremental_min_products=3)
    changes.on_committed([_event("StockSold", "p1"), _event("StockSold", "p2"),
                          _event("StockLimitsSet", "p9")])  # type: ignore[list-item]  # fmt: skip
    assert incremental_forecast(orchestrator, changes, schedule) == []

    changes.on_committed([_event("StockReceived", "p3")])  # type: ignore[list-item]
    queued = incremental_forecast(orchestrator, changes, schedule)

    assert len(queued) == 3
    assert {t.subject for t in orchestrator._queue.pending()} == {"p1", "p2", "p3"}
    assert incremental_forecast(orchestrator, changes, schedule) == []  # taken


def test_imported_history_triggers_an_incremental_forecast_at_once():
    changes = ChangedProducts()
    changes.on_committed([_event("SalesHistoryImported", "p7")])  # type: ignore[list-item]
    assert changes.take_if_large(1000) == ["p7"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="nice is per thread on Linux")
def test_the_worker_thread_runs_at_a_lower_priority_than_the_till():
    seen: dict[str, int] = {}

    def worker() -> None:
        lower_thread_priority(5)()
        seen["worker"] = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()

    main = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    assert seen["worker"] == min(main + 5, 19)
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == main  # GUI untouched


class FakeForecasting:
    def __init__(self) -> None:
        self.calls: list[tuple[object, ...]] = []

    def forecast_all(self, store_id: str, horizon: int, model: str) -> list[object]:
        self.calls.append(("all", store_id, horizon, model))
        return []

    def demand_forecast(self, product_id: str, store_id: str, horizon: int, model: str) -> None:
        if model == "bogus":
            raise InvalidValue("unknown model 'bogus'", "model")
        self.calls.append((product_id, store_id, horizon, model))


def test_the_forecast_agent_adapter_runs_the_service_and_refuses_bad_payloads():
    service = FakeForecasting()
    agent = ForecastTaskAgent(service, "store-1")  # type: ignore[arg-type]
    failures: list[str] = []

    class Journal:
        def record(self, task: QueuedTask, agent: str, attempts: int, reason: str, error: str,
                   at: object) -> None:  # fmt: skip
            failures.append(f"{task.subject}:{reason}:{error}")

    orchestrator = Orchestrator(InMemoryTaskQueue(), [agent], Journal(), FakeClock(),
                                SequentialIds(), Zero())  # fmt: skip
    orchestrator.submit(TaskRequest("demand_forecast", "all", payload={"horizon": "7"}))
    orchestrator.submit(TaskRequest("demand_forecast", "p1", TaskPriority.HIGH))
    orchestrator.submit(TaskRequest("demand_forecast", "p2", payload={"horizon": "soon"}))
    orchestrator.submit(TaskRequest("demand_forecast", "p3", payload={"model": "bogus"}))

    outcomes = orchestrator.run_due()

    assert [o.outcome for o in outcomes] == [Outcome.DONE, Outcome.DONE, Outcome.FAILED,
                                             Outcome.FAILED]  # fmt: skip
    assert service.calls == [("p1", "store-1", 28, "auto"), ("all", "store-1", 7, "auto")]
    assert failures == [
        "p2:permanent_error:PermanentTaskError: horizon must be a whole number of days, got 'soon'",
        "p3:permanent_error:PermanentTaskError: unknown model 'bogus'",
    ]
