"""What the till shows about sync with HQ, and the port the UI reads it through."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """The sync picture for the status bar.

    `online`: the last exchange with HQ succeeded. `pending`: own events HQ has not acknowledged.
    `alarm`: HQ and this till disagree about history (a restored backup, say); pushing has stopped
    until a person resolves it. `token_storage`: where the device token lives or would live
    ("keyring", or "file (no OS keyring available)"); `enrolled`: there is a token and an HQ.
    """

    online: bool
    pending: int
    last_success: datetime | None
    last_error: str | None
    alarm: str | None
    token_storage: str
    enrolled: bool = True


class SyncStatusSource(Protocol):
    """Read by the UI (from its worker or a timer); cheap, never touches the network."""

    def sync_status(self) -> SyncStatus: ...

    def request_sync(self) -> None:
        """Ask for a push and pull soon (a "sync now" button); returns at once."""
        ...
