"""Failed agent tasks become `AgentTaskFailed` events on this till's journal stream."""

from __future__ import annotations

import threading
from datetime import datetime

from fluxion_desktop.application.orchestrator.tasks import QueuedTask
from fluxion_desktop.application.repository import Repository
from fluxion_desktop.domain.agent_tasks import AgentTaskJournal


class JournalFailureRecorder:
    """The `FailureRecorder` of the app: the journal's only writer is this orchestrator."""

    def __init__(self, journals: Repository[AgentTaskJournal], device_id: str) -> None:
        self._journals = journals
        self._device_id = device_id
        self._lock = threading.Lock()  # several workers, one stream

    def record(
        self, task: QueuedTask, agent: str, attempts: int, reason: str, error: str, at: datetime
    ) -> None:
        with self._lock:
            journal = self._journals.get(self._device_id) or AgentTaskJournal(self._device_id)
            journal.record_failure(task.task_id, task.kind, task.subject, agent, attempts, reason,
                                   error, at)  # fmt: skip
            self._journals.save(journal, None, {"task_id": task.task_id})
