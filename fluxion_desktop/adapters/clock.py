"""The real clock and id generator."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

from uuid6 import uuid7


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class Uuid7Generator:
    def new_id(self) -> UUID:
        return UUID(bytes=uuid7().bytes)
