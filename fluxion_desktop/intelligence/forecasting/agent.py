"""The forecast agent: the `Forecaster` port of `application.forecasting` over the engine.

Its capabilities are the three task kinds of `application.forecasting.TASKS`. The engine (numpy,
pandas, statsforecast, Prophet) is imported inside the methods, so building the agent at start-up
costs nothing. `forecast_many` spreads series over `workers` processes, each at lower CPU priority
than the till (nice 10). Results are cached by product, store, model, horizon and a digest of the
data, in memory and, given a folder, as JSON files there (one per series: a new fit replaces the
old file): the same data never fits twice.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import date, timedelta
from decimal import Decimal
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fluxion_desktop.application.demand_history import DemandHistory
from fluxion_desktop.application.forecasting import (
    TASKS,
    ForecastOutcome,
    SeasonalityReport,
    TrendReport,
    insufficient,
)
from fluxion_desktop.domain.forecasts import ForecastMetric, ForecastPoint, InsufficientData
from fluxion_desktop.domain.plain_data import dataclass_from_plain, to_plain

if TYPE_CHECKING:
    from fluxion_desktop.intelligence.forecasting.auto import EngineForecast
    from fluxion_desktop.intelligence.forecasting.series import DailySeries

WORKER_NICENESS = 10
_CENTS = Decimal("0.01")


class ForecastAgent:
    """Implements `Forecaster`; `prophet` is the auto mode's Prophet policy (auto/always/never)."""

    capabilities = frozenset(TASKS)

    def __init__(
        self,
        workers: int = 1,
        cache_dir: Path | None = None,
        prophet: str = "auto",
        isolated: bool = False,
    ) -> None:
        """`isolated`: every forecast, trend and seasonality runs in a worker process of its own
        (spawned on first use, at lower priority), so this process never imports pandas, SciPy
        or statsforecast. The till wants that: importing them (C extensions initialising under
        the GIL) and numba's compiled loops stall a Qt GUI thread for 150+ ms (measured,
        tests/ui/test_heartbeat.py)."""
        self._workers = max(1, workers)
        self._cache_dir = cache_dir
        self._prophet = prophet
        self._memory: dict[str, ForecastOutcome] = {}
        self._isolated = isolated
        self._pool: ProcessPoolExecutor | None = None

    def close(self) -> None:
        """Stop the worker process of an isolated agent (a later call starts a new one)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _in_worker(self, method: str, *args: Any) -> Any:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(1, mp_context=get_context("spawn"),
                                             initializer=_lower_priority)  # fmt: skip
        settings = (self._cache_dir, self._prophet)
        return self._pool.submit(_run_in_worker, settings, method, args).result()

    def forecast(
        self, history: DemandHistory, horizon: int, model: str = "auto"
    ) -> ForecastOutcome | InsufficientData:
        if self._isolated:
            return self._in_worker("forecast", history, horizon, model)  # type: ignore[no-any-return]
        short = insufficient(history)
        if short is not None:
            return short
        series = _series(history)
        key = self._key(history, series, horizon, model)
        cached = self._cached(key)
        if cached is not None:
            return cached
        assert history.last_day is not None
        found = _engine(series, horizon, model, self._prophet)
        outcome = _outcome(found, history.last_day, horizon)
        self._remember(key, outcome)
        return outcome

    def forecast_many(
        self, histories: Iterable[DemandHistory], horizon: int, model: str = "auto"
    ) -> Iterator[tuple[DemandHistory, ForecastOutcome | InsufficientData]]:
        if self._workers == 1 or self._isolated:
            for history in histories:
                yield history, self.forecast(history, horizon, model)
            return
        pending: list[tuple[DemandHistory, DailySeries, str]] = []
        for history in histories:
            short = insufficient(history)
            series = None if short is not None else _series(history)
            key = "" if series is None else self._key(history, series, horizon, model)
            known = short or self._cached(key)
            if known is not None:
                yield history, known
            elif series is not None:
                pending.append((history, series, key))
        if not pending:
            return
        # Workers get the arrays, not the Decimal history: a tenth of the pickling.
        jobs = [(series, history.last_day, horizon, model, self._prophet)
                for history, series, _ in pending]  # fmt: skip
        context = get_context("spawn")  # never fork a process that may run Qt threads
        with ProcessPoolExecutor(self._workers, mp_context=context,
                                 initializer=_lower_priority) as pool:  # fmt: skip
            outcomes = pool.map(_work, jobs, chunksize=8)
            for (history, _, key), outcome in zip(pending, outcomes, strict=True):
                self._remember(key, outcome)
                yield history, outcome

    def trend(self, history: DemandHistory) -> TrendReport | InsufficientData:
        if self._isolated:
            return self._in_worker("trend", history)  # type: ignore[no-any-return]
        short = insufficient(history)
        if short is not None:
            return short
        from fluxion_desktop.intelligence.forecasting.analysis import trend

        found = trend(_series(history))
        return TrendReport(
            history.product_id, history.store_id, found.direction,
            _dec(found.change_per_month, 4),
            None if found.year_over_year is None else _dec(found.year_over_year, 4),
            len(history.days),
        )  # fmt: skip

    def seasonality(self, history: DemandHistory) -> SeasonalityReport | InsufficientData:
        if self._isolated:
            return self._in_worker("seasonality", history)  # type: ignore[no-any-return]
        short = insufficient(history)
        if short is not None:
            return short
        from fluxion_desktop.intelligence.forecasting.analysis import seasonality

        found = seasonality(_series(history))
        return SeasonalityReport(
            history.product_id, history.store_id,
            tuple(_dec(v, 3) for v in found.weekly_profile), _dec(found.weekly_strength, 3),
            None if found.yearly_profile is None
            else tuple(_dec(v, 3) for v in found.yearly_profile),
            None if found.yearly_strength is None else _dec(found.yearly_strength, 3),
            None if found.holiday_effect is None else _dec(found.holiday_effect, 3),
            None if found.promo_effect is None else _dec(found.promo_effect, 3),
            found.factors,
        )  # fmt: skip

    # -- the model cache -------------------------------------------------------------------------

    def _key(self, history: DemandHistory, series: DailySeries, horizon: int, model: str) -> str:
        """The key is what is forecast, a dash, then the data's digest: a series keeps one file,
        replaced when its data changes (one forecast per product, store, model and horizon)."""
        text = f"{history.product_id}|{history.store_id}|{model}|{self._prophet}|{horizon}"
        what = hashlib.sha256(text.encode()).hexdigest()[:20]
        return f"{what}-{series.digest()[:20]}"

    def _cached(self, key: str) -> ForecastOutcome | None:
        found = self._memory.get(key)
        if found is not None or self._cache_dir is None:
            return found
        path = self._cache_dir / f"{key}.json"
        if not path.exists():
            return None
        try:
            return dataclass_from_plain(ForecastOutcome, json.loads(path.read_text()))
        except (ValueError, KeyError, TypeError):
            return None  # a damaged cache file is only a cache miss

    def _remember(self, key: str, outcome: ForecastOutcome) -> None:
        self._memory[key] = outcome
        if self._cache_dir is None:
            return
        self._cache_dir.mkdir(parents=True, exist_ok=True)
        what = key.split("-", 1)[0]
        for stale in self._cache_dir.glob(f"{what}-*.json"):
            stale.unlink(missing_ok=True)
        (self._cache_dir / f"{key}.json").write_text(json.dumps(to_plain(outcome)))


def _lower_priority() -> None:
    import logging

    if hasattr(os, "nice"):
        os.nice(WORKER_NICENESS)
    logging.getLogger("cmdstanpy").setLevel(logging.WARNING)


def _run_in_worker(settings: tuple[Path | None, str], method: str, args: tuple[Any, ...]) -> Any:
    """In an isolated agent's worker process: the same work by an in-process agent (the cache
    on disk carries over between calls)."""
    cache_dir, prophet = settings
    return getattr(ForecastAgent(1, cache_dir, prophet), method)(*args)


def _work(job: tuple[DailySeries, date, int, str, str]) -> ForecastOutcome:
    series, last_day, horizon, model, prophet = job
    return _outcome(_engine(series, horizon, model, prophet), last_day, horizon)


def _series(history: DemandHistory) -> DailySeries:
    from fluxion_desktop.intelligence.forecasting.series import series_from_history

    return series_from_history(history)


def _engine(series: DailySeries, horizon: int, model: str, prophet: str) -> EngineForecast:
    from fluxion_desktop.intelligence.forecasting.auto import forecast_series

    return forecast_series(series, horizon, model, prophet)


def _outcome(found: EngineForecast, last_day: date, horizon: int) -> ForecastOutcome:
    points = tuple(
        ForecastPoint(last_day + timedelta(days=i + 1), _dec(found.mean[i]),
                      _dec(found.lo80[i]), _dec(found.hi80[i]), _dec(found.lo95[i]),
                      _dec(found.hi95[i]))
        for i in range(horizon)
    )  # fmt: skip
    metrics = tuple(
        ForecastMetric(name, _dec(value, 4))
        for name, value in sorted(found.metrics.items())
        if value == value and abs(value) != float("inf")  # NaN and infinity are not figures
    )
    return ForecastOutcome(
        found.model, found.demand_class, _optional(found.score), found.runner_up,
        _optional(found.runner_up_score), points, metrics, found.factors,
    )  # fmt: skip


def _dec(value: Any, places: int = 2) -> Decimal:
    number = float(value)
    if number != number or abs(number) == float("inf"):
        return Decimal(0)
    rounded = Decimal(f"{number:.{places}f}")
    return Decimal(0) if rounded.is_zero() else rounded  # no "-0.00"


def _optional(value: float | None) -> Decimal | None:
    if value is None or value != value or abs(value) == float("inf"):
        return None
    return _dec(value, 4)
