"""When sync cycles run: soon after commits (debounced), periodically, and with backoff on failure.

`step()` runs a cycle if one is due and says how long until the next; the caller (a worker thread,
or a test with a fake monotonic clock) waits that long or until `poke()`/`request_now()` wake it.
Failures never escape `step()`: retryable ones back off with full jitter up to a cap; refusals
that retrying cannot fix (auth, a bug, an alarm) wait `fatal_delay` or a person's `request_now()`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from sync.client.backoff import Backoff
from sync.client.debounce import Debouncer
from sync.client.errors import Retryable, SyncError
from sync.client.loop import CycleReport

log = logging.getLogger(__name__)


class SyncCadence:
    def __init__(
        self,
        run_cycle: Callable[[], CycleReport],
        monotonic: Callable[[], float],
        *,
        interval: float = 30.0,
        backoff: Backoff | None = None,
        debouncer: Debouncer | None = None,
        fatal_delay: float = 600.0,
    ) -> None:
        self._run_cycle = run_cycle
        self._monotonic = monotonic
        self._interval = interval
        self._backoff = backoff or Backoff(base=1.0, cap=60.0)
        self._debouncer = debouncer or Debouncer()
        self._fatal_delay = fatal_delay
        self._lock = threading.Lock()
        self._forced = True  # the first step syncs at once
        self._next_periodic = monotonic()
        self._retry_at: float | None = None
        self.online: bool | None = None
        self.last_report: CycleReport | None = None
        self.last_error: SyncError | None = None

    def poke(self) -> None:
        """Own events were committed: push soon (debounced)."""
        with self._lock:
            self._debouncer.poke(self._monotonic())

    def request_now(self) -> None:
        """Sync at the next step, whatever the backoff says (a person asked)."""
        with self._lock:
            self._forced = True

    def due_at(self) -> float:
        """When the next cycle is due (in the monotonic clock's seconds; -inf: at once)."""
        with self._lock:
            if self._forced:
                return float("-inf")
            if self._retry_at is not None:
                return self._retry_at
            debounced = self._debouncer.due_at()
        return self._next_periodic if debounced is None else min(debounced, self._next_periodic)

    def step(self) -> float:
        """Run a cycle if one is due; return the seconds until the next is due (>= 0)."""
        if self._monotonic() >= self.due_at():
            self._run()
        return max(0.0, self.due_at() - self._monotonic())

    def _run(self) -> None:
        with self._lock:
            self._forced = False
            self._debouncer.clear()  # commits during the cycle schedule the next one
        try:
            report = self._run_cycle()
        except Retryable as error:
            self._failed(error, retryable=True)
        except SyncError as error:
            self._failed(error, retryable=False)
        except Exception as error:  # a bug or a locked database must not kill the sync thread
            log.exception("sync cycle failed unexpectedly")
            self._failed(Retryable(f"sync failed: {error}"), retryable=True)
        else:
            self.online, self.last_report, self.last_error = True, report, None
            self._backoff.succeeded()
            with self._lock:
                self._retry_at = None
                self._next_periodic = self._monotonic() + self._interval

    def _failed(self, error: SyncError, retryable: bool) -> None:
        self.last_error = error
        self.online = error.status is not None and error.status < 500
        if retryable:
            delay = self._backoff.failed()
            if isinstance(error, Retryable) and error.retry_after is not None:
                delay = max(delay, error.retry_after)
            log.info("sync failed (%s); retrying in %.1f s", error, delay)
        else:
            delay = self._fatal_delay
            log.warning("sync refused (%s); trying again in %.0f s", error, delay)
        with self._lock:
            # From the end of the failed cycle: a long drain that fails still backs off.
            self._retry_at = self._monotonic() + delay
