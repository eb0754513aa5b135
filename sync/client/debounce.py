"""Debounce: act a little after the last poke, but never later than a bound after the first.

Pure time arithmetic (the caller passes `now`, in seconds from any monotonic origin), so the sync
runner and the tests share it: a burst of sales becomes one push soon after the burst, and a till
that never stops selling still pushes at least every `max_wait` seconds.
"""

from __future__ import annotations


class Debouncer:
    def __init__(self, quiet: float = 0.5, max_wait: float = 5.0) -> None:
        if quiet < 0 or max_wait < quiet:
            raise ValueError("debounce needs 0 <= quiet <= max_wait")
        self._quiet = quiet
        self._max_wait = max_wait
        self._first: float | None = None
        self._last: float | None = None

    def poke(self, now: float) -> None:
        """Something happened (a commit): act after things have been quiet for a moment."""
        if self._first is None:
            self._first = now
        self._last = now

    @property
    def pending(self) -> bool:
        return self._first is not None

    def due_at(self) -> float | None:
        """When to act, or None when nothing is pending."""
        if self._first is None or self._last is None:
            return None
        return min(self._last + self._quiet, self._first + self._max_wait)

    def due(self, now: float) -> bool:
        at = self.due_at()
        return at is not None and now >= at

    def clear(self) -> None:
        """The action ran: forget the pokes that led to it."""
        self._first = self._last = None
