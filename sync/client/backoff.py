"""Exponential backoff with full jitter and a cap, for retrying while HQ is unreachable.

Full jitter (a uniform draw between 0 and the exponential ceiling) keeps a fleet of tills that lost
the same line from knocking on HQ in lockstep when it comes back.
"""

from __future__ import annotations

import random
from collections.abc import Callable


class Backoff:
    """Delays for consecutive failures: uniform(0, min(cap, base * factor**n)), floor `minimum`.

    `draw` is the random source (`random.uniform` by default); tests pass a fixed one.
    """

    def __init__(
        self,
        base: float = 1.0,
        cap: float = 300.0,
        factor: float = 2.0,
        minimum: float = 0.05,
        draw: Callable[[float, float], float] | None = None,
    ) -> None:
        if base <= 0 or cap < base or factor < 1 or minimum < 0:
            raise ValueError("backoff needs 0 < base <= cap, factor >= 1 and minimum >= 0")
        self._base = base
        self._cap = cap
        self._factor = factor
        self._minimum = minimum
        self._draw = draw or random.uniform
        self._failures = 0

    @property
    def failures(self) -> int:
        """Consecutive failures since the last success."""
        return self._failures

    def ceiling(self, failures: int) -> float:
        """The largest delay after `failures` consecutive failures (before jitter)."""
        # min() before the power would overflow for long outages: cap the exponent instead.
        exponent = min(failures - 1, 64)
        return float(min(self._cap, self._base * self._factor**exponent))

    def failed(self) -> float:
        """Record one more failure and return how long to wait before the next try."""
        self._failures += 1
        ceiling = self.ceiling(self._failures)
        return max(self._minimum, min(ceiling, self._draw(0.0, ceiling)))

    def succeeded(self) -> None:
        self._failures = 0
