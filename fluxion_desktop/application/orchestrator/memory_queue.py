"""A task queue in memory: the fake of `TaskQueue` for unit tests (the real one is SQLite)."""

from __future__ import annotations

import threading
from collections.abc import Collection
from dataclasses import replace
from datetime import datetime

from fluxion_desktop.application.orchestrator.tasks import QueuedTask


class InMemoryTaskQueue:
    def __init__(self) -> None:
        self._tasks: dict[str, QueuedTask] = {}
        self._running: set[str] = set()
        self._lock = threading.Lock()

    def enqueue(self, task: QueuedTask) -> str:
        with self._lock:
            for queued in self._tasks.values():
                if queued.dedup_key == task.dedup_key and queued.task_id not in self._running:
                    self._tasks[queued.task_id] = queued.absorb(task)
                    return queued.task_id
            self._tasks[task.task_id] = task
            return task.task_id

    def claim(self, now: datetime, kinds: Collection[str]) -> QueuedTask | None:
        with self._lock:
            due = [t for t in self._tasks.values() if t.task_id not in self._running
                   and t.kind in kinds and t.not_before <= now]  # fmt: skip
            if not due:
                return None
            task = min(due, key=QueuedTask.order_key)
            self._running.add(task.task_id)
            return task

    def release(self, task_id: str, not_before: datetime, attempts: int, last_error: str) -> None:
        with self._lock:
            task = self._tasks[task_id]
            self._tasks[task_id] = replace(task, not_before=not_before, attempts=attempts,
                                           last_error=last_error)  # fmt: skip
            self._running.discard(task_id)

    def finish(self, task_id: str) -> None:
        with self._lock:
            self._tasks.pop(task_id, None)
            self._running.discard(task_id)

    def recover(self) -> int:
        with self._lock:
            count = len(self._running)
            self._running.clear()
            return count

    def pending(self) -> list[QueuedTask]:
        with self._lock:
            return sorted(self._tasks.values(), key=QueuedTask.order_key)

    def next_due(self) -> datetime | None:
        with self._lock:
            waiting = [t.not_before for t in self._tasks.values() if t.task_id not in self._running]
            return min(waiting, default=None)
