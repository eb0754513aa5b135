"""The agent orchestrator: queues tasks, hands each to a capable agent, retries with backoff and
records the ones that keep failing as events.

Work runs on worker threads (one by default: a 2-core till keeps the other core for the cashier),
never on the GUI thread; `on_worker_start` lets the composition root lower the worker's OS
priority. `run_one` / `run_due` do the same work synchronously, for tests and the CLI.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from fluxion_desktop.application.orchestrator.backoff import RetryPolicy
from fluxion_desktop.application.orchestrator.ports import (
    Agent,
    FailureRecorder,
    RandomSource,
    TaskQueue,
)
from fluxion_desktop.application.orchestrator.tasks import (
    Outcome,
    PermanentTaskError,
    QueuedTask,
    TaskOutcome,
    TaskRequest,
)
from fluxion_desktop.application.ports import Clock, IdGenerator
from fluxion_desktop.domain.errors import InvalidValue

log = logging.getLogger(__name__)
# When a failure cannot even be recorded (the database is locked), try recording again this soon.
_RECORD_RETRY = timedelta(seconds=60)


class Orchestrator:
    def __init__(
        self,
        queue: TaskQueue,
        agents: Sequence[Agent],
        failures: FailureRecorder,
        clock: Clock,
        ids: IdGenerator,
        random: RandomSource,
        retry: RetryPolicy | None = None,
        workers: int = 1,
        on_worker_start: Callable[[], None] | None = None,
        idle_poll_seconds: float = 30.0,
    ) -> None:
        if workers < 1:
            raise InvalidValue(f"the orchestrator needs at least one worker, got {workers}",
                               "workers")  # fmt: skip
        names = [a.spec.name for a in agents]
        if len(set(names)) != len(names):
            raise InvalidValue(f"agent names must be unique: {names}", "agents")
        self._queue = queue
        self._agents = list(agents)
        self._failures = failures
        self._clock = clock
        self._ids = ids
        self._random = random
        self._retry = retry or RetryPolicy()
        self._workers = workers
        self._on_worker_start = on_worker_start
        self._idle_poll = idle_poll_seconds
        self._load: dict[str, int] = {a.spec.name: 0 for a in self._agents}
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []

    @property
    def capabilities(self) -> frozenset[str]:
        return frozenset(k for a in self._agents for k in a.spec.capabilities)

    def submit(self, request: TaskRequest) -> str:
        """Queue a task (merged into a queued one of the same kind and subject); its id."""
        if request.kind not in self.capabilities:
            raise InvalidValue(f"no agent can do {request.kind!r}; known kinds: "
                               f"{', '.join(sorted(self.capabilities))}", "kind")  # fmt: skip
        task = QueuedTask.new(str(self._ids.new_id()), request, self._clock.now())
        task_id = self._queue.enqueue(task)
        self._wake.set()
        return task_id

    def recover(self) -> int:
        """Queue again what a crash left running; call once at start-up, before `start`."""
        return self._queue.recover()

    def run_one(self) -> TaskOutcome | None:
        """Claim and run the next due task a free agent can do; None when there is none."""
        claimed = self._claim()
        if claimed is None:
            return None
        task, agent = claimed
        try:
            return self._run(task, agent)
        finally:
            with self._lock:
                self._load[agent.spec.name] -= 1

    def run_due(self, limit: int = 10_000) -> list[TaskOutcome]:
        """Run due tasks one after another until none is left (or `limit` ran)."""
        outcomes: list[TaskOutcome] = []
        while len(outcomes) < limit:
            outcome = self.run_one()
            if outcome is None:
                break
            outcomes.append(outcome)
        return outcomes

    def start(self) -> None:
        """Start the worker threads (daemons: a closing till never waits for a forecast)."""
        if self._threads:
            return
        self._stopping.clear()
        for n in range(self._workers):
            thread = threading.Thread(target=self._work, name=f"agent-worker-{n}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self, timeout: float = 5.0) -> None:
        """Ask the workers to stop after their current task and wait up to `timeout` each."""
        self._stopping.set()
        self._wake.set()
        for thread in self._threads:
            thread.join(timeout)
        self._threads = [t for t in self._threads if t.is_alive()]

    @property
    def running(self) -> bool:
        return any(t.is_alive() for t in self._threads)

    def _claim(self) -> tuple[QueuedTask, Agent] | None:
        with self._lock:
            free = [a for a in self._agents if self._load[a.spec.name] < a.spec.max_concurrent]
            kinds = {k for a in free for k in a.spec.capabilities}
            if not kinds:
                return None
            task = self._queue.claim(self._clock.now(), kinds)
            if task is None:
                return None
            agent = _choose(task, free, self._load)
            self._load[agent.spec.name] += 1
            return task, agent

    def _run(self, task: QueuedTask, agent: Agent) -> TaskOutcome:
        name = agent.spec.name
        if _past(task.deadline, self._clock.now()):
            return self._fail(task, name, task.attempts, "deadline_passed", task.last_error)
        attempts = task.attempts + 1
        try:
            agent.run(task)
        except PermanentTaskError as error:
            return self._fail(task, name, attempts, "permanent_error", _describe(error))
        except Exception as error:  # an agent's failure is the task's, never the worker's
            log.warning("agent task failed", extra={"task_id": task.task_id, "kind": task.kind,
                        "attempt": attempts, "error": _describe(error)})  # fmt: skip
            return self._retry_or_fail(task, name, attempts, _describe(error))
        self._queue.finish(task.task_id)
        return TaskOutcome(task.task_id, task.kind, task.subject, name, Outcome.DONE, attempts)

    def _retry_or_fail(
        self, task: QueuedTask, agent: str, attempts: int, error: str
    ) -> TaskOutcome:
        if attempts >= task.max_attempts:
            return self._fail(task, agent, attempts, "retries_exhausted", error)
        at = self._clock.now() + self._retry.delay(attempts, self._random)
        if task.deadline is not None and at > task.deadline:
            return self._fail(task, agent, attempts, "deadline_passed", error)
        self._queue.release(task.task_id, at, attempts, error)
        return TaskOutcome(task.task_id, task.kind, task.subject, agent, Outcome.RETRY, attempts,
                           error, at)  # fmt: skip

    def _fail(
        self, task: QueuedTask, agent: str, attempts: int, reason: str, error: str
    ) -> TaskOutcome:
        now = self._clock.now()
        try:
            self._failures.record(task, agent, attempts, reason, error, now)
        except Exception:
            # Never silent: the task stays queued (not finished) until its failure is on record.
            log.exception("could not record a failed agent task", extra={"task_id": task.task_id})
            self._queue.release(task.task_id, now + _RECORD_RETRY, task.attempts, error)
            return TaskOutcome(task.task_id, task.kind, task.subject, agent, Outcome.RETRY,
                               attempts, error, now + _RECORD_RETRY)  # fmt: skip
        self._queue.finish(task.task_id)
        log.error("agent task failed for good", extra={"task_id": task.task_id,
                  "kind": task.kind, "reason": reason, "error": error})  # fmt: skip
        return TaskOutcome(task.task_id, task.kind, task.subject, agent, Outcome.FAILED,
                           attempts, error)  # fmt: skip

    def _work(self) -> None:
        if self._on_worker_start is not None:
            self._on_worker_start()
        while not self._stopping.is_set():
            try:
                outcome = self.run_one()
            except Exception:  # the queue itself failed (disk full, locked): wait and go on
                log.exception("agent worker could not claim a task")
                outcome = None
            if outcome is None:
                self._wake.wait(self._idle_seconds())
                self._wake.clear()

    def _idle_seconds(self) -> float:
        try:
            due = self._queue.next_due()
        except Exception:
            return self._idle_poll
        if due is None:
            return self._idle_poll
        wait = (due - self._clock.now()).total_seconds()
        return min(max(wait, 0.05), self._idle_poll)


def _choose(task: QueuedTask, free: Sequence[Agent], load: dict[str, int]) -> Agent:
    """Among the free agents that can do the task: its specialisation first, then the one with
    the most spare capacity (share of its slots in use), then by name (stable)."""
    capable = [a for a in free if task.kind in a.spec.capabilities]
    return min(
        capable,
        key=lambda a: (
            a.spec.specialisation != task.specialisation,
            load[a.spec.name] / a.spec.max_concurrent,
            a.spec.name,
        ),
    )


def _past(deadline: datetime | None, now: datetime) -> bool:
    return deadline is not None and now > deadline


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"
