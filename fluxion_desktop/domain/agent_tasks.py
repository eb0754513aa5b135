"""Background work of the on-device agents: how urgent a task is, and the record of a task that
kept failing (so no failure is ever silent: it syncs and audits like any other event)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum
from typing import Any

from fluxion_desktop.domain.aggregate import Aggregate
from fluxion_desktop.domain.errors import InvalidValue
from fluxion_desktop.domain.events import DomainEvent


class TaskPriority(IntEnum):
    """Higher runs first; CRITICAL is for work a person is waiting on."""

    LOW = 1
    MEDIUM = 2
    HIGH = 3
    CRITICAL = 4


@dataclass(frozen=True, slots=True)
class AgentTaskFailed(DomainEvent):
    """A task that used up its retries, or whose deadline passed before it could finish.

    `reason` is "retries_exhausted", "deadline_passed" or "permanent_error" (the agent said a
    retry cannot help); `last_error` is what the last attempt reported (empty when none ran)."""

    event_type = "AgentTaskFailed"
    task_id: str
    kind: str
    subject: str
    agent: str
    attempts: int
    reason: str
    last_error: str
    failed_at: datetime


EVENT_TYPES: tuple[type[DomainEvent], ...] = (AgentTaskFailed,)

FAILURE_REASONS = frozenset({"retries_exhausted", "deadline_passed", "permanent_error"})


class AgentTaskJournal(Aggregate):
    """The failures one till's orchestrator recorded (stream "agenttasks-<device_id>")."""

    stream_type = "agenttasks"

    def __init__(self, aggregate_id: str) -> None:
        super().__init__(aggregate_id)
        self.failures = 0

    def record_failure(
        self,
        task_id: str,
        kind: str,
        subject: str,
        agent: str,
        attempts: int,
        reason: str,
        last_error: str,
        at: datetime,
    ) -> None:
        if reason not in FAILURE_REASONS:
            raise InvalidValue(f"unknown failure reason {reason!r}", "reason")
        if attempts < 0:
            raise InvalidValue(f"attempts must not be negative, got {attempts}", "attempts")
        # A traceback can be long; the journal keeps what a person needs to act on.
        self._record(
            AgentTaskFailed(task_id, kind, subject, agent, attempts, reason, last_error[:500], at)
        )

    def _apply(self, event: DomainEvent) -> None:
        if isinstance(event, AgentTaskFailed):
            self.failures += 1

    def snapshot_state(self) -> Mapping[str, Any]:
        return {"failures": self.failures}

    def restore_state(self, state: Mapping[str, Any]) -> None:
        self.failures = int(state["failures"])
