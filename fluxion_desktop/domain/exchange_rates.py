"""The exchange rates of the day (the BCV rate): recorded by a manager or pulled from HQ.

Each till records rates in its own stream (single writer); the rate in force is the latest by
effective date, a read model's job.
"""

from __future__ import annotations

from dataclasses import dataclass

from fluxion_desktop.domain.aggregate import Aggregate
from fluxion_desktop.domain.errors import InvalidType
from fluxion_desktop.domain.events import DomainEvent
from fluxion_desktop.domain.money import ExchangeRate


@dataclass(frozen=True, slots=True)
class ExchangeRateRecorded(DomainEvent):
    event_type = "ExchangeRateRecorded"
    rate: ExchangeRate
    by: str | None


EVENT_TYPES: tuple[type[DomainEvent], ...] = (ExchangeRateRecorded,)


class RateBoard(Aggregate):
    """The rates one writer (a till, or HQ) has published (stream "rates-<writer id>")."""

    stream_type = "rates"

    def record(self, rate: ExchangeRate, by: str | None) -> None:
        if not isinstance(rate, ExchangeRate):
            raise InvalidType("rate must be an ExchangeRate", "rate")
        self._record(ExchangeRateRecorded(rate=rate, by=by))

    def _apply(self, event: DomainEvent) -> None:
        """A board keeps no state: what is in force is decided across all boards."""
