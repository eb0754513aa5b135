"""Ports the application needs from the outside world, each with a real and a fake adapter."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol
from uuid import UUID


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware UTC."""
        ...


class IdGenerator(Protocol):
    def new_id(self) -> UUID:
        """A new UUIDv7: unique everywhere and ordered by creation time."""
        ...
