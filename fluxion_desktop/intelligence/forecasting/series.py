"""A product's daily demand as arrays, with out-of-stock days filled so they never read as zero.

A day out of stock shows the sales the empty shelf allowed, not the demand; those days are marked
unobserved, and for models that need every day their value is imputed from the same weekday of
the surrounding in-stock weeks. Backtests score only observed days.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import numpy.typing as npt

from fluxion_desktop.application.demand_history import DemandHistory

Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]
SEASON = 7


@dataclass(frozen=True)
class DailySeries:
    """`y` with out-of-stock days imputed; `raw` as recorded; `observed` false on those days;
    `discount` the day's price cut as a share of the regular price (0 when none)."""

    start: date
    y: Floats
    raw: Floats
    observed: Bools
    promo: Bools
    discount: Floats

    @property
    def n(self) -> int:
        return int(self.y.shape[0])

    @property
    def end(self) -> date:
        return self.start + timedelta(days=self.n - 1)

    def dates(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range(self.n)]

    def months(self) -> npt.NDArray[np.int64]:
        """The month (1-12) of each day."""
        first = np.datetime64(self.start.isoformat(), "D")
        days = first + np.arange(self.n)
        return (days.astype("datetime64[M]").astype(np.int64) % 12 + 1).astype(np.int64)

    def head(self, count: int) -> DailySeries:
        """The first `count` days (a backtest's training part)."""
        return DailySeries(self.start, self.y[:count], self.raw[:count], self.observed[:count],
                           self.promo[:count], self.discount[:count])  # fmt: skip

    def digest(self) -> str:
        """Changes whenever the data a model would see changes (the model cache's key)."""
        h = hashlib.sha256(self.start.isoformat().encode())
        for array in (self.raw, self.observed, self.discount):
            h.update(np.ascontiguousarray(array).tobytes())
        return h.hexdigest()[:32]


def series_from_history(history: DemandHistory) -> DailySeries:
    if not history.days:
        raise ValueError("no history")
    raw = np.array([float(d.units) for d in history.days], dtype=np.float64)
    raw = np.maximum(raw, 0.0)  # a day with more returns than sales is no negative demand
    observed = np.array([not d.out_of_stock for d in history.days], dtype=np.bool_)
    promo = np.array([d.promo for d in history.days], dtype=np.bool_)
    prices = np.array(
        [float(d.average_price) if d.average_price is not None else np.nan for d in history.days]
    )
    return DailySeries(history.days[0].day, impute(raw, observed), raw, observed, promo,
                       discounts(prices, promo))  # fmt: skip


def impute(raw: Floats, observed: Bools) -> Floats:
    """Unobserved days get the mean of the same weekday in the 4 in-stock weeks either side
    (the mean of every in-stock day when there are none)."""
    y = raw.copy()
    if observed.all():
        return y
    fallback = float(raw[observed].mean()) if observed.any() else 0.0
    for i in np.flatnonzero(~observed):
        near = [i + SEASON * k for k in range(-4, 5) if k and 0 <= i + SEASON * k < raw.shape[0]]
        values = [raw[j] for j in near if observed[j]]
        y[i] = float(np.mean(values)) if values else fallback
    return y


def discounts(prices: Floats, promo: Bools) -> Floats:
    """The share taken off the regular price on promotion days (regular = the median price of
    the days without promotion)."""
    cut = np.zeros_like(prices)
    if not promo.any():
        return cut
    regular = prices[~promo & ~np.isnan(prices)]
    if regular.size == 0:
        cut[promo] = 0.2  # a promotion of unknown depth
        return cut
    base = float(np.median(regular))
    with np.errstate(invalid="ignore"):
        share = np.clip(1.0 - prices / base, 0.0, 0.9)
    cut[promo] = np.where(np.isnan(share[promo]), 0.2, share[promo])
    return cut
