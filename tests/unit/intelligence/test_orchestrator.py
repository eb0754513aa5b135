"""The orchestrator under a fake clock: priorities, deadlines, agent choice, backoff, failures."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from fluxion_desktop.application.orchestrator import (
    AgentSpec,
    Orchestrator,
    Outcome,
    PermanentTaskError,
    QueuedTask,
    RetryPolicy,
    TaskRequest,
)
from fluxion_desktop.application.orchestrator.memory_queue import InMemoryTaskQueue
from fluxion_desktop.domain.agent_tasks import TaskPriority
from fluxion_desktop.domain.errors import InvalidValue
from tests.support.fakes import FakeClock, SequentialIds


class FixedRandom:
    def __init__(self, value: float) -> None:
        self.value = value

    def random(self) -> float:
        return self.value


class RecordingAgent:
    def __init__(self, name: str, kinds: set[str], specialisation: str = "general",
                 fails: int = 0, permanent: bool = False, slots: int = 1) -> None:  # fmt: skip
        self.spec = AgentSpec(name, frozenset(kinds), specialisation, slots)
        self.ran: list[QueuedTask] = []
        self._fails = fails
        self._permanent = permanent

    def run(self, task: QueuedTask) -> None:
        self.ran.append(task)
        if self._permanent:
            raise PermanentTaskError("unknown product")
        if self._fails:
            self._fails -= 1
            raise RuntimeError("database is locked")


class Failures:
    def __init__(self) -> None:
        self.recorded: list[tuple[str, str, int, str, str]] = []

    def record(self, task: QueuedTask, agent: str, attempts: int, reason: str, error: str,
               at: datetime) -> None:  # fmt: skip
        self.recorded.append((task.task_id, agent, attempts, reason, error))


def _orchestrator(
    *agents: RecordingAgent, jitter: float = 0.0, failures: Failures | None = None
) -> tuple[Orchestrator, FakeClock, Failures]:
    clock = FakeClock()
    failures = failures or Failures()
    policy = RetryPolicy(base_seconds=30, factor=2, cap_seconds=600, jitter=0.5)
    orchestrator = Orchestrator(InMemoryTaskQueue(), agents, failures, clock, SequentialIds(),
                                FixedRandom(jitter), policy)  # fmt: skip
    return orchestrator, clock, failures


def test_higher_priority_runs_first_then_the_earlier_deadline():
    agent = RecordingAgent("fast", {"demand_forecast"})
    orchestrator, clock, _ = _orchestrator(agent)
    soon = clock.now() + timedelta(hours=1)
    later = clock.now() + timedelta(hours=5)
    orchestrator.submit(TaskRequest("demand_forecast", "low", TaskPriority.LOW))
    orchestrator.submit(TaskRequest("demand_forecast", "late", TaskPriority.HIGH, later))
    orchestrator.submit(TaskRequest("demand_forecast", "none", TaskPriority.HIGH))
    orchestrator.submit(TaskRequest("demand_forecast", "soon", TaskPriority.HIGH, soon))
    orchestrator.submit(TaskRequest("demand_forecast", "urgent", TaskPriority.CRITICAL))

    orchestrator.run_due()

    assert [t.subject for t in agent.ran] == ["urgent", "soon", "late", "none", "low"]


def test_a_second_request_for_the_same_work_merges_into_the_queued_one():
    agent = RecordingAgent("fast", {"demand_forecast"})
    orchestrator, _, _ = _orchestrator(agent)
    first = orchestrator.submit(TaskRequest("demand_forecast", "p1", TaskPriority.LOW))
    second = orchestrator.submit(TaskRequest("demand_forecast", "p1", TaskPriority.HIGH))

    orchestrator.run_due()

    assert first == second
    assert len(agent.ran) == 1 and agent.ran[0].priority is TaskPriority.HIGH


def test_the_agent_of_the_task_specialisation_is_chosen():
    general = RecordingAgent("general", {"demand_forecast"})
    prophet = RecordingAgent("prophet", {"demand_forecast"}, specialisation="prophet")
    orchestrator, _, _ = _orchestrator(general, prophet)
    orchestrator.submit(TaskRequest("demand_forecast", "p1", specialisation="prophet"))
    orchestrator.submit(TaskRequest("demand_forecast", "p2"))

    outcomes = orchestrator.run_due()

    assert {o.subject: o.agent for o in outcomes} == {"p1": "prophet", "p2": "general"}


def test_a_busy_agent_leaves_its_tasks_queued_and_the_least_loaded_one_is_picked():
    a = RecordingAgent("a", {"alert_check"}, slots=2)
    b = RecordingAgent("b", {"alert_check"}, slots=2)
    orchestrator, _, _ = _orchestrator(a, b)
    orchestrator.submit(TaskRequest("alert_check", "x"))
    orchestrator.submit(TaskRequest("alert_check", "y"))
    orchestrator.submit(TaskRequest("alert_check", "z"))

    first = orchestrator._claim()  # a worker is busy with it
    second = orchestrator._claim()
    assert first is not None and second is not None
    assert {first[1].spec.name, second[1].spec.name} == {"a", "b"}  # spread by load
    orchestrator._load["a"] = orchestrator._load["b"] = 2  # both full
    assert orchestrator._claim() is None
    assert [t.subject for t in orchestrator._queue.pending()] == ["x", "y", "z"]


def test_failed_attempts_back_off_exponentially_under_the_fake_clock():
    agent = RecordingAgent("fast", {"demand_forecast"}, fails=3)
    orchestrator, clock, failures = _orchestrator(agent, jitter=1.0)
    orchestrator.submit(TaskRequest("demand_forecast", "p1", max_attempts=5))
    waits = []
    for _ in range(3):
        outcome = orchestrator.run_one()
        assert outcome is not None and outcome.outcome is Outcome.RETRY
        assert outcome.next_attempt_at is not None
        waits.append((outcome.next_attempt_at - clock.now()).total_seconds())
        clock.advance(seconds=waits[-1] - 1)
        assert orchestrator.run_one() is None  # not due yet
        clock.advance(seconds=1)

    done = orchestrator.run_one()

    assert waits == [30.0, 60.0, 120.0]
    assert done is not None and done.outcome is Outcome.DONE and done.attempts == 4
    assert failures.recorded == []


def test_jitter_spreads_the_wait_within_the_policy_bounds():
    policy = RetryPolicy(base_seconds=10, factor=3, cap_seconds=100, jitter=0.5)
    low = [policy.delay(n, FixedRandom(0.0)).total_seconds() for n in range(1, 6)]
    high = [policy.delay(n, FixedRandom(0.999999)).total_seconds() for n in range(1, 6)]
    spread = {policy.delay(3, random.Random(seed)).total_seconds() for seed in range(20)}

    assert low == [5.0, 15.0, 45.0, 50.0, 50.0]
    assert high == pytest.approx([10.0, 30.0, 90.0, 100.0, 100.0], abs=1e-3)
    assert len(spread) == 20 and all(45 <= s < 90 for s in spread)


def test_a_task_that_keeps_failing_is_recorded_once_and_leaves_the_queue():
    agent = RecordingAgent("fast", {"demand_forecast"}, fails=99)
    orchestrator, clock, failures = _orchestrator(agent)
    task_id = orchestrator.submit(TaskRequest("demand_forecast", "p1", max_attempts=3))
    outcomes = []
    for _ in range(3):
        outcome = orchestrator.run_one()
        assert outcome is not None
        outcomes.append(outcome.outcome)
        clock.advance(hours=1)

    assert outcomes == [Outcome.RETRY, Outcome.RETRY, Outcome.FAILED]
    assert failures.recorded == [
        (task_id, "fast", 3, "retries_exhausted", "RuntimeError: database is locked")
    ]
    assert orchestrator._queue.pending() == []


def test_a_permanent_error_is_not_retried():
    agent = RecordingAgent("fast", {"demand_forecast"}, permanent=True)
    orchestrator, _, failures = _orchestrator(agent)
    orchestrator.submit(TaskRequest("demand_forecast", "p1", max_attempts=5))

    outcome = orchestrator.run_one()

    assert outcome is not None and outcome.outcome is Outcome.FAILED
    assert [r[3] for r in failures.recorded] == ["permanent_error"]
    assert len(agent.ran) == 1


def test_a_task_past_its_deadline_is_recorded_without_running():
    agent = RecordingAgent("fast", {"demand_forecast"})
    orchestrator, clock, failures = _orchestrator(agent)
    orchestrator.submit(
        TaskRequest("demand_forecast", "p1", deadline=clock.now() + timedelta(minutes=5))
    )
    clock.advance(minutes=6)

    outcome = orchestrator.run_one()

    assert outcome is not None and outcome.outcome is Outcome.FAILED
    assert agent.ran == [] and [r[3] for r in failures.recorded] == ["deadline_passed"]


def test_a_retry_that_would_land_after_the_deadline_fails_now():
    agent = RecordingAgent("fast", {"demand_forecast"}, fails=1)
    orchestrator, clock, failures = _orchestrator(agent)
    orchestrator.submit(
        TaskRequest("demand_forecast", "p1", deadline=clock.now() + timedelta(seconds=10))
    )

    outcome = orchestrator.run_one()

    assert outcome is not None and outcome.outcome is Outcome.FAILED
    assert [r[3] for r in failures.recorded] == ["deadline_passed"]


def test_a_failure_that_cannot_be_recorded_keeps_the_task_queued():
    class BrokenJournal(Failures):
        def record(self, *args: object, **kwargs: object) -> None:
            raise RuntimeError("disk full")

    agent = RecordingAgent("fast", {"demand_forecast"}, permanent=True)
    orchestrator, _, _ = _orchestrator(agent, failures=BrokenJournal())
    orchestrator.submit(TaskRequest("demand_forecast", "p1"))

    outcome = orchestrator.run_one()

    assert outcome is not None and outcome.outcome is Outcome.RETRY
    assert [t.subject for t in orchestrator._queue.pending()] == ["p1"]


def test_unknown_kinds_and_bad_requests_are_refused_by_name():
    orchestrator, _, _ = _orchestrator(RecordingAgent("fast", {"demand_forecast"}))
    with pytest.raises(InvalidValue, match="no agent can do 'tea_making'"):
        orchestrator.submit(TaskRequest("tea_making"))
    with pytest.raises(InvalidValue, match="max_attempts"):
        TaskRequest("demand_forecast", max_attempts=0)
    with pytest.raises(InvalidValue, match="timezone-aware"):
        TaskRequest("demand_forecast", deadline=datetime(2026, 1, 1))
    assert TaskRequest("demand_forecast", deadline=datetime(2026, 1, 1, tzinfo=UTC)).deadline


def test_worker_threads_run_submitted_tasks_off_the_calling_thread():
    import threading

    class ThreadAgent(RecordingAgent):
        def run(self, task: QueuedTask) -> None:
            super().run(task)
            self.thread = threading.current_thread().name
            done.set()

    done = threading.Event()
    started: list[str] = []
    agent = ThreadAgent("fast", {"alert_check"})
    queue = InMemoryTaskQueue()
    clock = FakeClock()
    orchestrator = Orchestrator(queue, [agent], Failures(), clock, SequentialIds(),
                                FixedRandom(0.0), on_worker_start=lambda: started.append("x"),
                                idle_poll_seconds=0.05)  # fmt: skip
    orchestrator.start()
    try:
        orchestrator.submit(TaskRequest("alert_check"))
        assert done.wait(5)
    finally:
        orchestrator.stop()

    assert agent.thread == "agent-worker-0" and started == ["x"]
    assert not orchestrator.running
