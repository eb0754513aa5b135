"""What the orchestrator needs from outside: agents, a queue, a failure journal, randomness."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from fluxion_desktop.application.orchestrator.tasks import QueuedTask


@dataclass(frozen=True, slots=True)
class AgentSpec:
    """An agent's name, the task kinds it can do, its specialisation (e.g. "fast_models",
    "prophet", "threshold_rules") and how many tasks it may run at once."""

    name: str
    capabilities: frozenset[str]
    specialisation: str = "general"
    max_concurrent: int = 1


class Agent(Protocol):
    spec: AgentSpec

    def run(self, task: QueuedTask) -> None:
        """Do the task; raise to ask for a retry, `PermanentTaskError` when none can help."""
        ...


class TaskQueue(Protocol):
    """The persisted queue. Every method is atomic; claims never hand one task out twice."""

    def enqueue(self, task: QueuedTask) -> str:
        """Queue `task`; when a queued (not running) task has its kind and subject, merge into
        it instead (higher priority, earlier deadline, larger budget) and return that one's id."""
        ...

    def claim(self, now: datetime, kinds: Collection[str]) -> QueuedTask | None:
        """The first due task (not_before <= now) of one of `kinds` in claim order, marked
        running; None when there is none."""
        ...

    def release(self, task_id: str, not_before: datetime, attempts: int, last_error: str) -> None:
        """A running task back to the queue for another attempt after `not_before`."""
        ...

    def finish(self, task_id: str) -> None:
        """Drop a task that is done, or whose failure was recorded."""
        ...

    def recover(self) -> int:
        """After a crash: tasks left running are queued again; how many."""
        ...

    def pending(self) -> list[QueuedTask]:
        """Every queued or running task, in claim order."""
        ...

    def next_due(self) -> datetime | None:
        """When the earliest queued task becomes due."""
        ...


class FailureRecorder(Protocol):
    def record(
        self, task: QueuedTask, agent: str, attempts: int, reason: str, error: str, at: datetime
    ) -> None:
        """Make the failure a durable event; raise if it could not be written."""
        ...


class RandomSource(Protocol):
    def random(self) -> float:
        """Uniform in [0, 1): `random.Random` is one."""
        ...
