"""WAL checkpoints on a thread of their own, so no commit waits for one.

A checkpoint copies the WAL back into the database file and syncs it: a few milliseconds that
SQLite's automatic checkpoint charged to whichever commit took the WAL past its limit (one sale
in six, at the old 1,000 pages), which is most of a sale's p99. So checkpoints happen here:

- when the till is idle: a PASSIVE checkpoint once no commit came for `IDLE_S`, which a till has
  between customers; it catches up with the whole WAL, so the next commit restarts it from the
  start instead of growing the file;
- right after a large append (an import, a sync page), which commits with the automatic
  checkpoint off (`raw_write_transaction(..., checkpoint=False)`) and asks for one: for a
  10,000-event append (~1,200 WAL pages) the copy and its fsyncs were a fifth of the call.

Before each checkpoint the thread does the idle till's other work, `idle_work`: feeding the lagging
read models (the demand history, the daily sales) the sales since the last pause. Their pages then
go into the same checkpoint. A commit that comes meanwhile waits for one event of that work at
most (a page gives way to this process's writers, `sqlite_engine.writers_busy`), and ends the
work and this checkpoint until the next pause. A long run of it (the history of an import too
small to feed it itself: ~5 s on the demo store, ~400-1,000 WAL pages a page of it) took the
WAL to SQLite's backstop, whose checkpoint then landed inside one of its commits every ~20
pages (100-140 ms, which a sale arriving then waited for): so a round asked for after a large
append checkpoints before the work too, and the work checkpoints every
`IDLE_PAGES_PER_CHECKPOINT` pages (after the demo store's seed: no lagging transaction over
34 ms, against 6-7 of 100-172 ms).

SQLite's automatic checkpoint stays on, at `AUTOCHECKPOINT_PAGES` (20,000 pages, ~80 MB), as a
backstop for hours of commits without a pause (a load test). Checkpointing in the background
while commits keep coming was tried and rejected: it competed with every commit's fsync and a
PASSIVE checkpoint that never catches up never lets the WAL restart, so the file kept growing.
Durability is the commit's business and unchanged: a checkpoint only moves pages that are
already in the WAL, and syncs the WAL first.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
import weakref
from collections.abc import Callable

from sqlalchemy import Engine

log = logging.getLogger(__name__)

# An append of at least this many events (~120 WAL pages at ~0.12 a page) leaves its checkpoint
# to the background.
LARGE_APPEND_EVENTS = 1000
# A till this long without a commit is between customers: time to checkpoint.
IDLE_S = 1.0
# Pages of idle work between two checkpoints of a long run of it: a page of imported history
# writes ~400-1,000 WAL pages (its days land all over the demand history's index by day).
IDLE_PAGES_PER_CHECKPOINT = 5
_POLL_S = IDLE_S / 2


class WalCheckpointer:
    """Runs `PRAGMA wal_checkpoint(PASSIVE)` on `engine` off the committing thread.

    `idle_work` runs before each checkpoint, again and again while it returns True (there is
    more to do) and the checkpointer is not stopped; it must commit with its own connection.
    """

    def __init__(self, engine: Engine, idle_work: Callable[[], bool] | None = None) -> None:
        self._engine = engine
        self._idle_work = idle_work
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._last_commit = 0.0
        self._behind = False  # commits since the last checkpoint
        self._stopped = False
        self.checkpoints = 0  # how many ran (for tests and benchmarks)

    @staticmethod
    def is_large(events: int) -> bool:
        """Whether an append of `events` should commit without checkpointing itself."""
        return events >= LARGE_APPEND_EVENTS

    def committed(self) -> None:
        """A commit landed in the WAL: checkpoint once the till has been idle for `IDLE_S`."""
        self._last_commit = time.monotonic()
        self._behind = True
        self._start()

    def request(self) -> None:
        """Checkpoint soon, on the background thread (after a large append's commit)."""
        self._start()
        self._wake.set()

    def checkpoint_now(self) -> None:
        """Checkpoint on this thread, as the till does once idle (a benchmark's set-up: a
        checkpoint still behind from a large set-up would otherwise land on a timed sale)."""
        self._checkpoint()

    def stop(self, timeout: float = 5.0) -> bool:
        """Start no more checkpoints and wait for one that runs (before the engine goes)."""
        self._stopped = True
        self._wake.clear()
        if not self._lock.acquire(timeout=timeout):
            return False
        self._lock.release()
        return True

    def wait_idle(self, timeout: float = 5.0) -> bool:
        """Wait until no checkpoint is asked for or running (tests, a benchmark's set-up)."""
        deadline = time.monotonic() + timeout
        while self._wake.is_set():
            if time.monotonic() > deadline:
                return False
            time.sleep(0.005)
        # `_checkpoint` clears the request holding the lock: once it is free, that run is over.
        if not self._lock.acquire(timeout=max(0.0, deadline - time.monotonic())):
            return False
        self._lock.release()
        return not self._wake.is_set()

    def _start(self) -> None:
        if self._stopped or (self._thread is not None and self._thread.is_alive()):
            return
        # The thread holds only a weak reference: a checkpointer nobody uses lets it end.
        self._thread = threading.Thread(
            target=_run, args=(weakref.ref(self), self._wake), name="wal-checkpoint", daemon=True
        )
        self._thread.start()

    def _idle(self) -> bool:
        return self._behind and time.monotonic() - self._last_commit >= IDLE_S

    def _checkpoint(self, requested: bool = False) -> None:
        with self._lock:
            self._wake.clear()
            if self._stopped:
                return
            idle_since = self._last_commit
            self._behind = False
            if requested and self._idle_work is not None:
                # After a large append: its pages are copied first, so the idle work's commits
                # start from a WAL that restarts.
                self._passive_checkpoint()
            self._work_while_idle(idle_since)
            if self._stopped:  # stopped meanwhile: the engine may be going
                return
            if self._last_commit != idle_since:
                # A commit came: customers again. The next pause checkpoints (`_behind` is set).
                return
            self._passive_checkpoint()

    def _passive_checkpoint(self) -> None:
        try:
            pooled = self._engine.raw_connection()
            try:
                connection = pooled.driver_connection
                assert isinstance(connection, sqlite3.Connection)
                connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            finally:
                pooled.close()
            self.checkpoints += 1
        except Exception:
            # A later one copies these pages too; SQLite's backstop bounds the WAL meanwhile.
            log.warning("background WAL checkpoint failed", exc_info=True)

    def _work_while_idle(self, idle_since: float) -> None:
        if self._idle_work is None:
            return
        pages = 0
        try:
            # A commit means customers again: the rest waits for the next pause.
            while not self._stopped and self._last_commit == idle_since and self._idle_work():
                pages += 1
                if pages % IDLE_PAGES_PER_CHECKPOINT == 0:
                    self._passive_checkpoint()
        except Exception:
            # The next pause tries again; whoever reads a lagging read model feeds it first.
            log.warning("idle work before the WAL checkpoint failed", exc_info=True)


def _run(owner: weakref.ref[WalCheckpointer], wake: threading.Event) -> None:
    while True:
        woken = wake.wait(_POLL_S)
        checkpointer = owner()
        if checkpointer is None or checkpointer._stopped:
            return
        if woken or checkpointer._idle():
            checkpointer._checkpoint(requested=woken)
        del checkpointer
