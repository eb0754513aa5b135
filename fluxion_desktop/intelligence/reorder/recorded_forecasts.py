"""Reorder inputs from the forecasting agent's own recorded forecasts (`ForecastGenerated`).

The latest forecast gives the days ahead; every earlier one whose protection period has passed
gives one cumulative error (actual minus forecast over those days), so the safety stock is sized
by how wrong the forecasts the store actually uses have been. Until enough of them have come true
(one a night: `min_errors` nights) the moving average stands in, and says so in `model`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from fluxion_desktop.application.demand_history import DemandHistory
from fluxion_desktop.application.event_registry import EventRegistry
from fluxion_desktop.application.event_store import EventStore
from fluxion_desktop.domain.forecasts import ForecastGenerated, ProductForecasts, forecasts_id
from fluxion_desktop.intelligence.reorder.policy import MIN_ERRORS
from fluxion_desktop.intelligence.reorder.suggestions import (
    ForecastInputs,
    ForecastSource,
    MovingAverageSource,
)


class RecordedForecastSource:
    def __init__(
        self,
        store: EventStore,
        registry: EventRegistry,
        device_id: str,
        fallback: ForecastSource | None = None,
        min_errors: int = MIN_ERRORS,
    ) -> None:
        self._store = store
        self._registry = registry
        self._device_id = device_id
        self._fallback = fallback or MovingAverageSource()
        self._min_errors = min_errors

    def inputs(self, history: DemandHistory, days: int) -> ForecastInputs:
        forecasts = self._recorded(history)
        latest = max(forecasts, key=lambda f: (f.history_end, f.generated_at), default=None)
        ahead = _ahead(latest, history.last_day, days) if latest is not None else None
        errors = past_errors(forecasts, history, days)
        if ahead is None or latest is None or len(errors) < self._min_errors:
            found = self._fallback.inputs(history, days)
            why = "no current forecast" if ahead is None else f"{len(errors)} past forecasts"
            return ForecastInputs(found.daily, found.cumulative_errors, found.daily_errors,
                                  f"{found.model} ({why})")  # fmt: skip
        return ForecastInputs(ahead, errors, (), latest.model)

    def _recorded(self, history: DemandHistory) -> list[ForecastGenerated]:
        stream = (
            f"{ProductForecasts.stream_type}-{forecasts_id(history.product_id, self._device_id)}"
        )
        events = (self._registry.from_payload(e.event_type, e.schema_version, e.payload)
                  for e in self._store.read_stream(stream))  # fmt: skip
        return [e for e in events
                if isinstance(e, ForecastGenerated) and e.store_id == history.store_id]  # fmt: skip


def past_errors(
    forecasts: Sequence[ForecastGenerated], history: DemandHistory, days: int
) -> list[float]:
    """Actual - forecast over the `days` days after each forecast's history, for every forecast
    whose days have all passed and none of them was out of stock (censored sales)."""
    actual = {d.day: d for d in history.days}
    errors = []
    for forecast in forecasts:
        if forecast.horizon < days:
            continue
        window = [forecast.history_end + timedelta(n) for n in range(1, days + 1)]
        known = [actual.get(day) for day in window]
        if any(d is None or d.out_of_stock for d in known):
            continue
        sold = sum(float(d.units) for d in known if d is not None)
        errors.append(sold - sum(float(p.forecast) for p in forecast.points[:days]))
    return errors


def _ahead(forecast: ForecastGenerated, last_day: date | None, days: int) -> list[float] | None:
    """The forecast's days after `last_day`, if it still reaches `days` of them."""
    if last_day is None:
        return None
    ahead = [float(p.forecast) for p in forecast.points if p.day > last_day]
    return ahead if len(ahead) >= days else None
