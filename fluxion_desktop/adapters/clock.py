"""The real clock and id generator."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import UUID

from uuid6 import uuid7


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class Uuid7Generator:
    def new_id(self) -> UUID:
        return UUID(bytes=uuid7().bytes)


class ManualClock:
    """A clock that moves only when told: `simulate --days` replays past days with it."""

    def __init__(self, start: datetime) -> None:
        self._now = start

    def now(self) -> datetime:
        return self._now

    def advance(self, seconds: float) -> None:
        self._now += timedelta(seconds=seconds)
