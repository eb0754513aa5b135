"""The orchestrator's queue in a real SQLite file: it survives a restart, keeps claim order, and a
task that keeps failing ends as an `AgentTaskFailed` event in the log."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from fluxion_desktop.adapters.database import open_database
from fluxion_desktop.adapters.task_queue import SqliteTaskQueue
from fluxion_desktop.application.orchestrator import (
    AgentSpec,
    JournalFailureRecorder,
    Orchestrator,
    Outcome,
    QueuedTask,
    TaskRequest,
)
from fluxion_desktop.application.repository import Repository
from fluxion_desktop.domain.agent_tasks import AgentTaskFailed, AgentTaskJournal, TaskPriority
from tests.support.app import open_till
from tests.support.fakes import FakeClock, SequentialIds


class Agent:
    spec = AgentSpec("fast", frozenset({"demand_forecast", "alert_check"}))

    def __init__(self, fail: bool = False) -> None:
        self.fail = fail
        self.ran: list[str] = []

    def run(self, task: QueuedTask) -> None:
        self.ran.append(task.subject)
        if self.fail:
            raise RuntimeError("model did not converge")


class NoFailures:
    def record(self, *args: object) -> None:
        raise AssertionError("nothing should fail here")


class ZeroRandom:
    def random(self) -> float:
        return 0.0


def _orchestrator(path: Path, agent: Agent, clock: FakeClock) -> Orchestrator:
    queue = SqliteTaskQueue(open_database(path))
    return Orchestrator(queue, [agent], NoFailures(), clock, SequentialIds(), ZeroRandom())


def test_queued_tasks_survive_a_restart_in_claim_order(tmp_path: Path):
    path = tmp_path / "till.db"
    clock = FakeClock()
    before = _orchestrator(path, Agent(), clock)
    deadline = clock.now() + timedelta(hours=2)
    before.submit(TaskRequest("demand_forecast", "p-low", TaskPriority.LOW))
    before.submit(TaskRequest("demand_forecast", "p-deadline", TaskPriority.HIGH, deadline))
    before.submit(TaskRequest("alert_check", "all", TaskPriority.HIGH, payload={"why": "15min"}))
    before.submit(TaskRequest("demand_forecast", "p-critical", TaskPriority.CRITICAL))
    before._queue.claim(clock.now(), {"demand_forecast"})  # the till died while running it
    del before

    agent = Agent()
    after = _orchestrator(path, agent, clock)  # a new engine on the same file
    recovered = after.recover()
    after.run_due()

    assert recovered == 1
    assert agent.ran == ["p-critical", "p-deadline", "all", "p-low"]
    assert after._queue.pending() == []


def test_a_retry_is_persisted_with_its_attempts_and_due_time(tmp_path: Path):
    path = tmp_path / "till.db"
    clock = FakeClock()
    failing = _orchestrator(path, Agent(fail=True), clock)
    failing.submit(TaskRequest("demand_forecast", "p1", max_attempts=3, payload={"horizon": "28"}))
    outcome = failing.run_one()
    assert outcome is not None and outcome.outcome is Outcome.RETRY

    reopened = SqliteTaskQueue(open_database(path))
    [task] = reopened.pending()

    assert task.attempts == 1 and task.payload == {"horizon": "28"}
    assert task.last_error == "RuntimeError: model did not converge"
    assert task.not_before == clock.now() + timedelta(seconds=15)  # 30 s, half of it jitter
    assert reopened.claim(clock.now(), {"demand_forecast"}) is None
    assert reopened.next_due() == task.not_before


def test_the_same_work_queued_twice_is_one_row_with_the_more_urgent_terms(tmp_path: Path):
    clock = FakeClock()
    queue = SqliteTaskQueue(open_database(tmp_path / "till.db"))
    orchestrator = Orchestrator(queue, [Agent()], NoFailures(), clock, SequentialIds(),
                                ZeroRandom())  # fmt: skip
    first = orchestrator.submit(TaskRequest("demand_forecast", "p1", TaskPriority.LOW))
    soon = clock.now() + timedelta(minutes=30)
    second = orchestrator.submit(TaskRequest("demand_forecast", "p1", TaskPriority.HIGH, soon))

    [task] = queue.pending()

    assert first == second == task.task_id
    assert task.priority is TaskPriority.HIGH and task.deadline == soon


def test_a_task_that_keeps_failing_ends_as_a_failure_event_in_the_log(tmp_path: Path):
    till = open_till(tmp_path)
    services = till.services
    journals = Repository(AgentTaskJournal, services.store, services.registry,
                          _factory(services), services.settings.snapshot_every)  # fmt: skip
    recorder = JournalFailureRecorder(journals, services.identity.device_id)
    agent = Agent(fail=True)
    orchestrator = Orchestrator(SqliteTaskQueue(services.engine), [agent], recorder, till.clock,
                                SequentialIds(), ZeroRandom())  # fmt: skip
    task_id = orchestrator.submit(TaskRequest("demand_forecast", "p1", max_attempts=2))

    first = orchestrator.run_one()
    till.clock.advance(minutes=5)
    second = orchestrator.run_one()

    assert first is not None and first.outcome is Outcome.RETRY
    assert second is not None and second.outcome is Outcome.FAILED
    stored = services.store.read_stream(f"agenttasks-{services.identity.device_id}")
    events = [services.registry.from_payload(e.event_type, e.schema_version, e.payload)
              for e in stored]  # fmt: skip
    assert events == [
        AgentTaskFailed(task_id, "demand_forecast", "p1", "fast", 2, "retries_exhausted",
                        "RuntimeError: model did not converge", till.clock.now())
    ]  # fmt: skip
    assert SqliteTaskQueue(services.engine).pending() == []
    services.close()


def _factory(services):  # type: ignore[no-untyped-def]
    from fluxion_desktop.application.repository import EventFactory

    return EventFactory(services.identity, services.registry, services.clock, services.ids)


def test_two_workers_on_one_file_never_claim_the_same_task(tmp_path: Path):
    import threading

    path = tmp_path / "till.db"
    clock = FakeClock()
    queue = SqliteTaskQueue(open_database(path))
    for n in range(30):
        queue.enqueue(QueuedTask.new(f"t{n}", TaskRequest("alert_check", f"s{n}"), clock.now()))
    claimed: list[str] = []

    def worker() -> None:
        mine = SqliteTaskQueue(open_database(path))
        while (task := mine.claim(clock.now(), {"alert_check"})) is not None:
            claimed.append(task.task_id)

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(claimed) == sorted(f"t{n}" for n in range(30))
