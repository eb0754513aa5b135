"""How long to wait before retrying: exponential backoff with jitter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from fluxion_desktop.application.orchestrator.ports import RandomSource
from fluxion_desktop.domain.errors import InvalidValue


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """After failed attempt n (1, 2, ...) wait `base * factor**(n-1)`, capped at `cap`, of which
    the last `jitter` share is random: tasks that failed together (the database was locked) do not
    all come back in the same second."""

    base_seconds: float = 30.0
    factor: float = 2.0
    cap_seconds: float = 3600.0
    jitter: float = 0.5

    def __post_init__(self) -> None:
        if self.base_seconds <= 0 or self.factor < 1 or self.cap_seconds < self.base_seconds:
            raise InvalidValue("backoff needs base > 0, factor >= 1 and cap >= base", "retry")
        if not 0 <= self.jitter <= 1:
            raise InvalidValue(f"jitter must be within [0, 1], got {self.jitter}", "jitter")

    def delay(self, failed_attempts: int, random: RandomSource) -> timedelta:
        exponent = max(failed_attempts - 1, 0)
        # Cap before multiplying: factor**exponent overflows a float long before a day passes.
        ceiling = self.base_seconds
        for _ in range(exponent):
            ceiling = min(ceiling * self.factor, self.cap_seconds)
        seconds = ceiling * (1 - self.jitter) + ceiling * self.jitter * random.random()
        return timedelta(seconds=seconds)
