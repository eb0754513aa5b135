"""HQ's clock (passed in, so tests can fix it) and the one text form of a moment."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


def utc_text(moment: datetime) -> str:
    """ISO-8601 UTC with microseconds, exactly as the till writes `occurred_at`
    (e.g. "2026-11-25T19:31:43.123456+00:00"): the till re-derives this text when it checks a
    pulled event's hash, so any other form would fail there."""
    if moment.tzinfo is None:
        raise ValueError("a naive datetime has no UTC meaning")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")
