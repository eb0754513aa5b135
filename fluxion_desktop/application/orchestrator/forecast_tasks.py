"""The forecasting service as an orchestrator agent: "demand_forecast" tasks for one product
(`subject` = product id) or every product with history (`subject` = "all")."""

from __future__ import annotations

import logging

from fluxion_desktop.application.forecasting import DEFAULT_HORIZON, ForecastingService
from fluxion_desktop.application.orchestrator.ports import AgentSpec
from fluxion_desktop.application.orchestrator.tasks import PermanentTaskError, QueuedTask
from fluxion_desktop.domain.errors import InvalidValue

log = logging.getLogger(__name__)
DEMAND_FORECAST = "demand_forecast"
ALL = "all"


class ForecastTaskAgent:
    """Payload: "horizon" (days, default the service's) and "model" (default "auto")."""

    def __init__(self, service: ForecastingService, store_id: str, name: str = "forecasts",
                 specialisation: str = "auto") -> None:  # fmt: skip
        self.spec = AgentSpec(name, frozenset({DEMAND_FORECAST}), specialisation)
        self._service = service
        self._store_id = store_id

    def run(self, task: QueuedTask) -> None:
        if task.kind != DEMAND_FORECAST:
            raise PermanentTaskError(f"the forecast agent cannot do {task.kind!r}")
        try:
            horizon = int(task.payload.get("horizon", DEFAULT_HORIZON))
        except ValueError:
            raise PermanentTaskError(f"horizon must be a whole number of days, got "
                                     f"{task.payload.get('horizon')!r}") from None  # fmt: skip
        model = task.payload.get("model", "auto")
        try:
            if task.subject == ALL:
                results = self._service.forecast_all(self._store_id, horizon, model)
                log.info("nightly forecast done", extra={"products": len(results)})
            else:
                self._service.demand_forecast(task.subject, self._store_id, horizon, model)
        except InvalidValue as error:  # a bad horizon or model: retrying cannot help
            raise PermanentTaskError(error.message) from error
