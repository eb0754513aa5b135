"""The background sync runner: a worker thread (never the GUI thread) driving the sync cadence.

It pushes soon after each commit of own events (debounced), pushes and pulls every `interval`
seconds, backs off with jitter and a cap while HQ is unreachable, and resumes from what HQ
acknowledged after any failure (each cycle starts by asking HQ its marks).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence

from fluxion_desktop.application.event_store import StoredEvent
from fluxion_desktop.application.sync_status import SyncStatus
from sync.client.cadence import SyncCadence

log = logging.getLogger(__name__)


class SyncJob:
    """Runs `cadence` on a daemon thread; also the UI's `SyncStatusSource`.

    `read_status(online)` builds the status from local state (no network); `on_stop` releases
    what the cadence's cycles use (the HTTP client).
    """

    def __init__(
        self,
        cadence: SyncCadence,
        read_status: Callable[[bool | None], SyncStatus],
        device_id: str,
        on_stop: Callable[[], None] | None = None,
    ) -> None:
        self._cadence = cadence
        self._read_status = read_status
        self._device_id = device_id
        self._on_stop = on_stop
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._work, name="fluxion-sync", daemon=True)

    # -- the UI's port -------------------------------------------------------------------------

    def sync_status(self) -> SyncStatus:
        return self._read_status(self._cadence.online)

    def request_sync(self) -> None:
        self._cadence.request_now()
        self._wake.set()

    # -- wiring --------------------------------------------------------------------------------

    def on_commit(self, events: Sequence[StoredEvent]) -> None:
        """A bus subscriber: own events were committed, so push soon. Cheap: runs on the
        thread that committed (the till's worker)."""
        if any(e.device_id == self._device_id and e.origin == "local" for e in events):
            self._cadence.poke()
            self._wake.set()

    def start(self) -> SyncJob:
        self._thread.start()
        return self

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the worker to finish its cycle and stop; then release the connections."""
        self._stopping.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
        if self._on_stop is not None:
            self._on_stop()

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def _work(self) -> None:
        while not self._stopping.is_set():
            try:
                wait = self._cadence.step()
            except Exception:  # the cadence isolates cycle errors; this is a last guard
                log.exception("sync step failed")
                wait = 5.0
            if self._stopping.is_set():
                break
            self._wake.wait(wait)
            self._wake.clear()
