"""One small task runner: the work runs on a worker thread, its callbacks on the GUI thread.

    runner.run(lambda: bus.handle(ScanItem(...))).on_success(show).on_failure(explain)

`ThreadPoolTaskRunner` runs the work on its own QThreadPool, ONE worker by default, so the till's
commands and reads run in the order they were asked for (a till has one writer, and a scanner
typing two codes quickly must ring them up in that order). The outcome comes back through a
queued signal to the runner, which lives on the GUI thread: callbacks may touch widgets, the work
must never do so. `SynchronousTaskRunner` has the same API and runs everything at once (tests).

A failure nobody asked to hear about (no `on_failure`) is logged, never swallowed silently.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

T = TypeVar("T")
FailureCallback = Callable[[Exception], object]


class Task(Generic[T]):
    """The outcome of one `run`. A callback attached after the outcome arrived fires at once."""

    def __init__(self) -> None:
        self._outcome: tuple[T] | None = None
        self._error: Exception | None = None
        self._on_success: list[Callable[[T], object]] = []
        self._on_failure: list[FailureCallback] = []

    @property
    def done(self) -> bool:
        return self._outcome is not None or self._error is not None

    @property
    def error(self) -> Exception | None:
        return self._error

    @property
    def failure_handled(self) -> bool:
        return bool(self._on_failure)

    def on_success(self, callback: Callable[[T], object]) -> Task[T]:
        self._on_success.append(callback)
        if self._outcome is not None:
            callback(self._outcome[0])
        return self

    def on_failure(self, callback: FailureCallback) -> Task[T]:
        self._on_failure.append(callback)
        if self._error is not None:
            callback(self._error)
        return self

    def _finish(self, value: T, error: Exception | None, *, report_unhandled: bool) -> None:
        if error is not None:
            self._error = error
            if report_unhandled and not self._on_failure:
                log.error("background task failed", exc_info=error)
            for failure in list(self._on_failure):
                failure(error)
            return
        self._outcome = (value,)
        for success in list(self._on_success):
            success(value)


class TaskRunner(Protocol):
    def run(self, fn: Callable[[], T]) -> Task[T]:
        """Start `fn` off the GUI thread; its Task reports back on the GUI thread."""
        ...

    def shutdown(self, timeout_ms: int = 10_000) -> None:
        """Wait for the work already started (before the services close)."""
        ...


class _Job(QRunnable):
    def __init__(self, number: int, fn: Callable[[], Any], done: Any) -> None:
        super().__init__()
        self._number = number
        self._fn = fn
        self._done = done  # the runner's signal: emitting it from here queues to the GUI thread

    def run(self) -> None:
        try:
            value = self._fn()
        except Exception as error:  # handed to the GUI thread, which logs or shows it
            self._done.emit(self._number, None, error)
            return
        self._done.emit(self._number, value, None)


class ThreadPoolTaskRunner(QObject):
    """Runs work on a private QThreadPool; create it on the GUI thread."""

    _finished = Signal(int, object, object)

    def __init__(self, max_threads: int = 1, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._tasks: dict[int, Task[Any]] = {}
        self._numbers = itertools.count(1)
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def pending(self) -> int:
        """Tasks started whose outcome the GUI thread has not received yet."""
        return len(self._tasks)

    def run(self, fn: Callable[[], T]) -> Task[T]:
        number = next(self._numbers)
        task: Task[T] = Task()
        self._tasks[number] = task
        self._pool.start(_Job(number, fn, self._finished))
        return task

    def shutdown(self, timeout_ms: int = 10_000) -> None:
        self._pool.clear()  # work not started yet is dropped; what runs is waited for
        if not self._pool.waitForDone(timeout_ms):
            log.warning("background work still running after %d ms at shutdown", timeout_ms)

    @Slot(int, object, object)
    def _deliver(self, number: int, value: object, error: object) -> None:
        task = self._tasks.pop(number, None)
        if task is None:
            return
        task._finish(value, error if isinstance(error, Exception) else None, report_unhandled=True)


class SynchronousTaskRunner:
    """The same API, on the calling thread, at once: for tests (and scripts)."""

    def __init__(self) -> None:
        self._tasks: list[Task[Any]] = []

    def run(self, fn: Callable[[], T]) -> Task[T]:
        task: Task[T] = Task()
        self._tasks.append(task)
        try:
            value = fn()
        except Exception as error:
            task._finish(None, error, report_unhandled=False)  # type: ignore[arg-type]
        else:
            task._finish(value, None, report_unhandled=False)
        return task

    def shutdown(self, timeout_ms: int = 10_000) -> None:
        return None

    def unhandled_failures(self) -> list[Exception]:
        """Errors of tasks that nobody attached an `on_failure` to (a test should see none)."""
        return [t.error for t in self._tasks if t.error is not None and not t.failure_handled]
