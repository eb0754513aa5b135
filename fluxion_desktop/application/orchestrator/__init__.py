"""The agent orchestrator: capabilities, priorities, a persisted queue, retries, failure events."""

from fluxion_desktop.application.orchestrator.backoff import RetryPolicy
from fluxion_desktop.application.orchestrator.failures import JournalFailureRecorder
from fluxion_desktop.application.orchestrator.orchestrator import Orchestrator
from fluxion_desktop.application.orchestrator.ports import (
    Agent,
    AgentSpec,
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

__all__ = [
    "Agent",
    "AgentSpec",
    "FailureRecorder",
    "JournalFailureRecorder",
    "Orchestrator",
    "Outcome",
    "PermanentTaskError",
    "QueuedTask",
    "RandomSource",
    "RetryPolicy",
    "TaskOutcome",
    "TaskQueue",
    "TaskRequest",
]
