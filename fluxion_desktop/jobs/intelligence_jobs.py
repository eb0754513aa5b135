"""APScheduler triggers for the agents: a nightly full forecast, an incremental forecast after
large changes, alert checks every 15 minutes. Jobs only queue tasks on the orchestrator (a few
milliseconds); the orchestrator's worker does the work, at lower OS priority than the till.

All times and thresholds are in `IntelligenceSchedule`, read from the till's settings.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fluxion_desktop.application.orchestrator import Orchestrator, TaskRequest
from fluxion_desktop.application.orchestrator.forecast_tasks import ALL, DEMAND_FORECAST
from fluxion_desktop.application.orchestrator.triggers import ChangedProducts
from fluxion_desktop.domain.agent_tasks import TaskPriority
from fluxion_desktop.domain.errors import InvalidValue

log = logging.getLogger(__name__)
ALERT_CHECK = "alert_check"  # the alert agent's kind (intelligence.alerting.agent.ALERT_CHECK)
WORKER_NICENESS = 10


@dataclass(frozen=True, slots=True)
class IntelligenceSchedule:
    """`nightly_forecast_at` is "HH:MM" local time; intervals are minutes; an incremental forecast
    is queued when `incremental_min_products` products changed (or history was imported)."""

    nightly_forecast_at: str = "02:30"
    alert_check_minutes: int = 15
    incremental_check_minutes: int = 10
    incremental_min_products: int = 50
    forecast_horizon: int = 28
    workers: int = 1

    def __post_init__(self) -> None:
        self.nightly_time()  # refuses a bad time now, not at 02:30
        for name in ("alert_check_minutes", "incremental_check_minutes",
                     "incremental_min_products", "forecast_horizon", "workers"):  # fmt: skip
            if getattr(self, name) < 1:
                raise InvalidValue(f"{name} must be at least 1, got {getattr(self, name)}", name)

    def nightly_time(self) -> tuple[int, int]:
        hour, _, minute = self.nightly_forecast_at.partition(":")
        if not (hour.isdigit() and minute.isdigit() and int(hour) < 24 and int(minute) < 60):
            raise InvalidValue(f"nightly_forecast_at must be HH:MM, got "
                               f"{self.nightly_forecast_at!r}", "nightly_forecast_at")  # fmt: skip
        return int(hour), int(minute)

    @classmethod
    def from_settings(cls, settings: object) -> IntelligenceSchedule:
        """From the till's settings' `intelligence_*` keys, each defaulting to the above."""
        defaults = cls()
        values = {
            name: getattr(settings, f"intelligence_{name}", getattr(defaults, name))
            for name in cls.__dataclass_fields__
        }
        return cls(**values)


def schedule_intelligence(
    scheduler: Any,
    orchestrator: Orchestrator,
    schedule: IntelligenceSchedule,
    changes: ChangedProducts | None = None,
) -> list[str]:
    """Add the jobs to an APScheduler 3 scheduler (a BackgroundScheduler: its jobs run on its own
    threads, never the GUI's), each only if an agent of the orchestrator can do its kind; the
    ids of the jobs added."""
    from apscheduler.triggers.cron import CronTrigger
    from apscheduler.triggers.interval import IntervalTrigger

    hour, minute = schedule.nightly_time()
    can = orchestrator.capabilities
    common = {"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600,
              "replace_existing": True}  # fmt: skip
    ids = []
    if DEMAND_FORECAST in can:
        nightly = CronTrigger(hour=hour, minute=minute)
        scheduler.add_job(nightly_forecast, nightly, args=(orchestrator, schedule),
                          id="nightly_forecast", **common)  # fmt: skip
        ids.append("nightly_forecast")
    if ALERT_CHECK in can:
        scheduler.add_job(alert_check, IntervalTrigger(minutes=schedule.alert_check_minutes),
                          args=(orchestrator,), id="alert_check", **common)  # fmt: skip
        ids.append("alert_check")
    if changes is not None and DEMAND_FORECAST in can:
        scheduler.add_job(incremental_forecast,
                          IntervalTrigger(minutes=schedule.incremental_check_minutes),
                          args=(orchestrator, changes, schedule), id="incremental_forecast",
                          **common)  # fmt: skip
        ids.append("incremental_forecast")
    missing = {DEMAND_FORECAST, ALERT_CHECK} - can
    if missing:
        log.warning("no agent for some scheduled work", extra={"kinds": sorted(missing)})
    return ids


def nightly_forecast(orchestrator: Orchestrator, schedule: IntelligenceSchedule) -> str:
    payload = {"horizon": str(schedule.forecast_horizon)}
    return _submit(orchestrator, TaskRequest(DEMAND_FORECAST, ALL, TaskPriority.MEDIUM,
                                             payload=payload))  # fmt: skip


def alert_check(orchestrator: Orchestrator) -> str:
    return _submit(orchestrator, TaskRequest(ALERT_CHECK, ALL, TaskPriority.HIGH, max_attempts=2))


def incremental_forecast(
    orchestrator: Orchestrator, changes: ChangedProducts, schedule: IntelligenceSchedule
) -> list[str]:
    """Queue a forecast of each changed product, when enough changed; the task ids."""
    products = changes.take_if_large(schedule.incremental_min_products)
    payload = {"horizon": str(schedule.forecast_horizon)}
    return [_submit(orchestrator, TaskRequest(DEMAND_FORECAST, p, TaskPriority.LOW,
                                              payload=payload)) for p in products]  # fmt: skip


def _submit(orchestrator: Orchestrator, request: TaskRequest) -> str:
    task_id = orchestrator.submit(request)
    log.info("agent task queued", extra={"kind": request.kind, "subject": request.subject,
                                         "task_id": task_id})  # fmt: skip
    return task_id


def lower_thread_priority(niceness: int = WORKER_NICENESS) -> Callable[[], None]:
    """The orchestrator's `on_worker_start`: lowers the calling (worker) thread's CPU priority.

    On Linux a thread has its own nice value, so `os.nice` there lowers only the worker, never the
    till's GUI thread. On Windows the equivalent is SetThreadPriority(BELOW_NORMAL) on the current
    thread. Elsewhere (macOS: nice is per process) nothing is changed, and the one worker plus the
    GIL still leave the GUI thread its turn between the worker's numeric calls.
    """

    def lower() -> None:
        name = threading.current_thread().name
        try:
            if sys.platform.startswith("linux"):
                os.nice(niceness)
            elif sys.platform == "win32":
                import ctypes

                kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
                kernel32.SetThreadPriority(kernel32.GetCurrentThread(), -1)  # BELOW_NORMAL
            else:
                return
        except OSError as error:  # not allowed here: work on at normal priority, and say so
            log.warning("could not lower the agent worker's priority",
                        extra={"worker": name, "error": str(error)})  # fmt: skip
            return
        log.info("agent worker at lower priority", extra={"worker": name})

    return lower
