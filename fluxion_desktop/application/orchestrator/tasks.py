"""What the orchestrator queues: a request to do one kind of work on one subject, and its state."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from fluxion_desktop.domain.agent_tasks import TaskPriority
from fluxion_desktop.domain.errors import InvalidValue

DEFAULT_MAX_ATTEMPTS = 4


@dataclass(frozen=True, slots=True)
class TaskRequest:
    """Ask for `kind` of work ("demand_forecast", "alert_check") on `subject` (a product id,
    "all", ...). A queued request of the same kind and subject absorbs a new one (the higher
    priority and the earlier deadline win), so triggers may fire freely.

    `specialisation` prefers an agent of that specialisation when several can do the kind;
    `max_attempts` is the retry budget (the first run counts)."""

    kind: str
    subject: str = "all"
    priority: TaskPriority = TaskPriority.MEDIUM
    deadline: datetime | None = None
    max_attempts: int = DEFAULT_MAX_ATTEMPTS
    specialisation: str | None = None
    payload: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.kind.strip():
            raise InvalidValue("a task needs a kind", "kind")
        if self.max_attempts < 1:
            raise InvalidValue(f"max_attempts must be at least 1, got {self.max_attempts}",
                               "max_attempts")  # fmt: skip
        if self.deadline is not None and self.deadline.tzinfo is None:
            raise InvalidValue("a deadline must be timezone-aware", "deadline")


@dataclass(frozen=True, slots=True)
class QueuedTask:
    """A request in the queue: `attempts` runs so far, not to start before `not_before`."""

    task_id: str
    kind: str
    subject: str
    priority: TaskPriority
    deadline: datetime | None
    max_attempts: int
    attempts: int
    not_before: datetime
    created_at: datetime
    specialisation: str | None
    payload: Mapping[str, str]
    last_error: str = ""

    @classmethod
    def new(cls, task_id: str, request: TaskRequest, at: datetime) -> QueuedTask:
        return cls(task_id, request.kind, request.subject, request.priority, request.deadline,
                   request.max_attempts, 0, at, at, request.specialisation,
                   dict(request.payload))  # fmt: skip

    @property
    def dedup_key(self) -> str:
        return f"{self.kind}:{self.subject}"

    def absorb(self, new: QueuedTask) -> QueuedTask:
        """This queued task taking in a new request for the same work: the more urgent terms win."""
        deadlines = [d for d in (self.deadline, new.deadline) if d is not None]
        return replace(
            self,
            priority=max(self.priority, new.priority),
            deadline=min(deadlines) if deadlines else None,
            max_attempts=max(self.max_attempts, new.max_attempts),
            not_before=min(self.not_before, new.not_before),
        )

    def order_key(self) -> tuple[int, datetime, datetime]:
        """Claim order: higher priority, then the earlier deadline (none last), then the oldest."""
        far = datetime.max.replace(tzinfo=self.created_at.tzinfo)
        return (-int(self.priority), self.deadline or far, self.created_at)


class Outcome(StrEnum):
    DONE = "done"
    RETRY = "retry"  # queued again for a later attempt
    FAILED = "failed"  # recorded as an AgentTaskFailed event


@dataclass(frozen=True, slots=True)
class TaskOutcome:
    task_id: str
    kind: str
    subject: str
    agent: str
    outcome: Outcome
    attempts: int
    error: str = ""
    next_attempt_at: datetime | None = None


class PermanentTaskError(Exception):
    """Raised by an agent when retrying cannot help (bad input, unknown product)."""
