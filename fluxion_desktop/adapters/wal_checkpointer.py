"""WAL checkpoints of large appends on a thread of their own, so the append need not wait.

A commit that takes the WAL past 1,000 pages copies it back into the database file itself
(SQLite's automatic checkpoint). For a 10,000-event append (~1,200 WAL pages) that copy and its
extra fsyncs were a fifth of the call and the reason three such appends in a row spread. A large
append therefore commits with the automatic checkpoint off (`raw_write_transaction(...,
checkpoint=False)`) and asks a `WalCheckpointer` for a PASSIVE checkpoint on a daemon thread,
which never blocks a reader or a writer and runs while the caller prepares its next batch.
Small commits keep SQLite's own checkpoint: tried for them too, background checkpoints competed
with every commit's fsync and left the WAL growing (a PASSIVE checkpoint never completes while
commits keep coming, so the WAL never restarts): single appends got 20-40 % slower at the p50.
Durability is the commit's business and unchanged: a checkpoint only moves pages that are
already durable in the WAL.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
import weakref

from sqlalchemy import Engine

log = logging.getLogger(__name__)

# An append of at least this many events (~120 WAL pages at ~0.12 a page) leaves its checkpoint
# to the background.
LARGE_APPEND_EVENTS = 1000
_IDLE_CHECK_S = 2.0


class WalCheckpointer:
    """Runs `PRAGMA wal_checkpoint(PASSIVE)` on `engine` off the committing thread."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self.checkpoints = 0  # how many ran (for tests and benchmarks)

    @staticmethod
    def is_large(events: int) -> bool:
        """Whether an append of `events` should commit without checkpointing itself."""
        return events >= LARGE_APPEND_EVENTS

    def request(self) -> None:
        """Checkpoint soon, on the background thread (after a large append's commit)."""
        self._start()
        self._wake.set()

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
        if self._thread is not None and self._thread.is_alive():
            return
        # The thread holds only a weak reference: a checkpointer nobody uses lets it end.
        self._thread = threading.Thread(
            target=_run, args=(weakref.ref(self), self._wake), name="wal-checkpoint", daemon=True
        )
        self._thread.start()

    def _checkpoint(self) -> None:
        with self._lock:
            self._wake.clear()
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


def _run(owner: weakref.ref[WalCheckpointer], wake: threading.Event) -> None:
    while True:
        woken = wake.wait(_IDLE_CHECK_S)
        checkpointer = owner()
        if checkpointer is None:
            return
        if woken:
            checkpointer._checkpoint()
        del checkpointer
