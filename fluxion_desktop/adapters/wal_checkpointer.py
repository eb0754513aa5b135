"""WAL checkpoints on a thread of their own, so that no commit waits for one.

SQLite's automatic checkpoint runs inside the commit that takes the WAL past its limit (1,000
pages by default): a five-line sale writes ~155 WAL pages over its nine commits, so one sale in
seven paid for copying ~4 MB back into the database and two more fsyncs, and one 10,000-event
append in a row of three paid for the others' pages too. The event store tells a
`WalCheckpointer` what each commit wrote; once roughly `pages` pages have gone into the WAL, a
daemon thread runs a PASSIVE checkpoint, which never waits for or blocks a reader or a writer
(SQLite releases the GIL while it copies). Durability is the commit's business and unchanged: a
checkpoint only moves pages that are already durable in the WAL. SQLite's own automatic
checkpoint stays on at `BACKSTOP_PAGES` (see `sqlite_engine`) for processes without a store.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
import weakref

from sqlalchemy import Engine

log = logging.getLogger(__name__)

CHECKPOINT_PAGES = 1000
# Measured on the demo store: a small commit writes ~17 pages (events, their three indexes, the
# chain head, the checkpoints, a few read models); a large append ~0.12 pages an event.
PAGES_A_COMMIT = 17
PAGES_AN_EVENT = 0.12
_IDLE_CHECK_S = 2.0


class WalCheckpointer:
    """Runs `PRAGMA wal_checkpoint(PASSIVE)` on `engine` off the committing thread."""

    def __init__(self, engine: Engine, pages: int = CHECKPOINT_PAGES) -> None:
        self._engine = engine
        self._pages = pages
        self._written = 0.0
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self.checkpoints = 0  # how many ran (for tests and benchmarks)

    def committed(self, events: int) -> None:
        """Called after each commit with the number of events it stored."""
        self._written += PAGES_A_COMMIT + events * PAGES_AN_EVENT
        if self._written < self._pages:
            return
        self._written = 0.0
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
