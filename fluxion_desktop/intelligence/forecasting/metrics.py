"""Forecast error measures. Scaled errors divide by the in-sample error of a naive forecast, so
they compare across products: MASE by the seasonal naive (m = 7; below 1 beats it in-sample),
RMSSE (the M5 measure) by the one-step naive. MAPE skips days with zero demand (zero-safe);
sMAPE counts a day where both are zero as no error."""

from __future__ import annotations

import numpy as np

from fluxion_desktop.intelligence.forecasting.series import SEASON, Floats


def mase_scale(train: Floats, m: int = SEASON) -> float:
    for lag in (m, 1):
        if train.shape[0] > lag:
            scale = float(np.mean(np.abs(train[lag:] - train[:-lag])))
            if scale > 0:
                return scale
    return max(float(np.mean(np.abs(train))), 1e-9)


def rmsse_scale(train: Floats) -> float:
    if train.shape[0] > 1:
        scale = float(np.mean((train[1:] - train[:-1]) ** 2))
        if scale > 0:
            return scale
    return max(float(np.mean(train**2)), 1e-9)


def mae(actual: Floats, forecast: Floats) -> float:
    return float(np.mean(np.abs(actual - forecast)))


def rmse(actual: Floats, forecast: Floats) -> float:
    return float(np.sqrt(np.mean((actual - forecast) ** 2)))


def mape(actual: Floats, forecast: Floats) -> float | None:
    sold = actual > 0
    if not sold.any():
        return None
    return float(np.mean(np.abs(actual[sold] - forecast[sold]) / actual[sold]))


def smape(actual: Floats, forecast: Floats) -> float:
    denominator = np.abs(actual) + np.abs(forecast)
    ratio = np.divide(2 * np.abs(actual - forecast), denominator,
                      out=np.zeros_like(denominator), where=denominator > 0)  # fmt: skip
    return float(np.mean(ratio))


def coverage(actual: Floats, low: Floats, high: Floats) -> float:
    return float(np.mean((actual >= low) & (actual <= high)))
