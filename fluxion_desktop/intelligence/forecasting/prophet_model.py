"""Prophet as designed: weekly and yearly seasonality, Venezuelan holidays, a price-discount
regressor where the history has promotions; forecasts clipped at zero; 80 % and 95 % intervals
from its predictive samples. pandas and Prophet are imported here, inside the functions."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import numpy as np

from fluxion_desktop.intelligence.forecasting.series import DailySeries, Floats

YEARLY_MIN_DAYS = 365
QUANTILES = (2.5, 10.0, 90.0, 97.5)


@dataclass(frozen=True)
class ProphetForecast:
    mean: Floats
    bands: tuple[Floats, Floats, Floats, Floats] | None  # lo95, lo80, hi80, hi95
    factors: tuple[str, ...]


def _quiet() -> None:
    for name in ("cmdstanpy", "prophet", "prophet.plot"):
        logging.getLogger(name).setLevel(logging.ERROR)


def fit_prophet(train: DailySeries, samples: int = 0) -> Any:
    import pandas as pd
    from prophet import Prophet

    _quiet()
    keep = train.observed  # out-of-stock days are left out, not read as zero demand
    frame = pd.DataFrame({"ds": pd.to_datetime(train.dates()), "y": train.raw})[keep]
    model = Prophet(
        weekly_seasonality=True,
        yearly_seasonality=train.n >= YEARLY_MIN_DAYS,
        daily_seasonality=False,
        uncertainty_samples=samples,
    )
    model.add_country_holidays(country_name="VE")
    if train.discount[keep].any():
        model.add_regressor("discount")
        frame["discount"] = train.discount[keep]
    model.fit(frame)
    return model


def prophet_forecast(train: DailySeries, h: int, samples: int = 0) -> ProphetForecast:
    """Fit on `train` and forecast `h` days; `samples` > 0 adds intervals from that many draws."""
    import pandas as pd

    model = fit_prophet(train, samples)
    future = pd.DataFrame(
        {"ds": pd.to_datetime([train.end + timedelta(days=i) for i in range(1, h + 1)])}
    )
    if "discount" in model.extra_regressors:
        future["discount"] = 0.0  # no promotion is planned unless someone says so
    predicted = model.predict(future)
    mean = np.clip(predicted["yhat"].to_numpy(dtype=np.float64), 0.0, None)
    bands = None
    if samples > 0:
        draws = model.predictive_samples(future)["yhat"]
        q = np.clip(np.percentile(draws, QUANTILES, axis=1), 0.0, None)
        bands = (q[0], q[1], q[2], q[3])
    return ProphetForecast(mean, bands, _factors(model, train))


def _factors(model: Any, train: DailySeries) -> tuple[str, ...]:
    found: list[str] = []
    if "discount" in model.extra_regressors:
        from prophet.utilities import regressor_coefficients

        coef = float(regressor_coefficients(model)["coef"].iloc[0])
        found.append(f"price discount ({coef:+.2f} units per 100 % off)")
    names = getattr(model, "train_holiday_names", None)
    if names is not None and len(names):
        found.append(f"Venezuelan holidays ({len(names)} in the calendar)")
    if train.n >= YEARLY_MIN_DAYS:
        found.append("yearly seasonality")
    found.append("weekly seasonality")
    return tuple(found)
