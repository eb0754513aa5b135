"""Trend and seasonality found in a demand series, with numpy only (fast enough for every night).

Seasonal shapes are measured on the series divided by its 28-day centred moving average, so a
trend does not look like a season: the weekday profile is the mean ratio per weekday, the yearly
profile the moving average's mean per month over its overall mean. A strength is the share of the
ratio's variance the profile explains (0-1). A holiday effect compares each Venezuelan holiday (and
the eves of Christmas and New Year) with the same weekday in the three weeks either side.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date

import numpy as np

from fluxion_desktop.intelligence.forecasting.series import SEASON, DailySeries, Floats

WEEKLY_STRENGTH_MIN = 0.1
YEARLY_SWING_MIN = 0.2
YEARLY_REPEAT_MIN = 0.6
HOLIDAY_EFFECT_MIN = 0.15
HOLIDAYS_NEEDED = 3
TREND_FLAT = 0.05  # under 5 % a month either way is flat


@dataclass(frozen=True)
class Seasonality:
    weekly_profile: Floats  # Monday first, mean 1
    weekly_strength: float
    yearly_profile: Floats | None  # January first, mean 1
    yearly_strength: float | None
    holiday_effect: float | None
    promo_effect: float | None
    factors: tuple[str, ...]


@dataclass(frozen=True)
class Trend:
    direction: str
    change_per_month: float
    year_over_year: float | None


def moving_average(y: Floats, window: int = 28) -> Floats:
    kernel = np.ones(window) / window
    padded = np.pad(y, (window // 2, window - 1 - window // 2), mode="edge")
    return np.convolve(padded, kernel, mode="valid")


def seasonality(series: DailySeries) -> Seasonality:
    y = series.y
    level = moving_average(y)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(level > 0, y / level, np.nan)
    weekdays = np.array([(series.start.weekday() + i) % SEASON for i in range(series.n)])
    keep = series.observed & ~np.isnan(ratio)
    profile = np.array([np.nanmean(ratio[keep & (weekdays == d)]) if (keep & (weekdays == d)).any()
                        else 1.0 for d in range(SEASON)])  # fmt: skip
    profile = profile / profile.mean() if profile.mean() > 0 else np.ones(SEASON)
    weekly_strength = _explained(ratio[keep], profile[weekdays[keep]])
    yearly, yearly_strength = _yearly(series, level)
    holiday = holiday_effect(series)
    promo = _promo_effect(series, weekdays, profile)
    factors = _factors(weekly_strength, yearly, holiday, promo)
    return Seasonality(profile, weekly_strength, yearly, yearly_strength, holiday, promo, factors)


def _explained(ratio: Floats, fitted: Floats) -> float:
    if ratio.size < 2 * SEASON or float(np.var(ratio)) == 0:
        return 0.0
    return max(0.0, 1.0 - float(np.var(ratio - fitted)) / float(np.var(ratio)))


def _yearly(series: DailySeries, level: Floats) -> tuple[Floats | None, float | None]:
    """The monthly profile when it is there: it repeats from one year to the next (two years or
    more) or, with one year only, it explains most of the level's swings; else None."""
    if series.n < 365:
        return None, None
    months = series.months()
    overall = float(level.mean())
    if overall <= 0:
        return None, None
    profile = _monthly(level / overall, months)
    strength = _explained(level / overall, profile[months - 1])
    swing = float(profile.max() - profile.min())
    if series.n >= 730:
        first, second = level[:365], level[-365:]
        repeats = np.corrcoef(_monthly(first, months[:365]), _monthly(second, months[-365:]))[0, 1]
        seasonal = swing >= YEARLY_SWING_MIN and bool(repeats >= YEARLY_REPEAT_MIN)
    else:
        seasonal = swing >= 1.5 * YEARLY_SWING_MIN and strength >= YEARLY_REPEAT_MIN
    return (profile, strength) if seasonal else (None, strength)


def _monthly(values: Floats, months: np.ndarray) -> Floats:
    means = np.array([values[months == m].mean() if (months == m).any() else np.nan
                      for m in range(1, 13)])  # fmt: skip
    fill = float(np.nanmean(means)) if not np.isnan(means).all() else 1.0
    means = np.where(np.isnan(means), fill, means)
    return means / means.mean() if means.mean() > 0 else np.ones(12)


def holiday_effect(series: DailySeries) -> float | None:
    """The median lift of holiday days over the same weekday around them; None when fewer than
    `HOLIDAYS_NEEDED` holidays are in the history."""
    days = _holiday_days(series.start, series.end)
    dates = series.dates()
    index = {d: i for i, d in enumerate(dates)}
    lifts = []
    for day in days:
        i = index.get(day)
        if i is None or not series.observed[i]:
            continue
        around = [i + SEASON * k for k in (-3, -2, -1, 1, 2, 3)]
        base = [series.y[j] for j in around if 0 <= j < series.n and series.observed[j]
                and dates[j] not in days]  # fmt: skip
        mean = float(np.mean(base)) if base else 0.0
        if mean > 0:
            lifts.append(series.y[i] / mean - 1.0)
    if len(lifts) < HOLIDAYS_NEEDED:
        return None
    return float(np.median(lifts))


def _holiday_days(start: date, end: date) -> frozenset[date]:
    found = set().union(*(_holidays_of(year) for year in range(start.year, end.year + 1)))
    return frozenset(d for d in found if start <= d <= end)


@functools.cache
def _holidays_of(year: int) -> frozenset[date]:
    import holidays  # the same calendar Prophet's add_country_holidays("VE") uses

    found = set(holidays.country_holidays("VE", years=year))
    return frozenset(found | {date(year, 12, 24), date(year, 12, 31)})


def _promo_effect(series: DailySeries, weekdays: np.ndarray, profile: Floats) -> float | None:
    promo = series.promo & series.observed
    if promo.sum() < 3:
        return None
    level = moving_average(series.y)
    expected = level * profile[weekdays]
    base = expected[promo]
    if float(base.sum()) <= 0:
        return None
    return float(series.y[promo].sum() / base.sum() - 1.0)


def _factors(
    weekly: float, yearly: Floats | None, holiday: float | None, promo: float | None
) -> tuple[str, ...]:
    found = []
    if weekly >= WEEKLY_STRENGTH_MIN:
        found.append("weekly seasonality")
    if yearly is not None:
        found.append(f"yearly seasonality (peak in month {int(np.argmax(yearly)) + 1})")
    if holiday is not None and abs(holiday) >= HOLIDAY_EFFECT_MIN:
        found.append(f"Venezuelan holidays ({holiday:+.0%})")
    if promo is not None and abs(promo) >= HOLIDAY_EFFECT_MIN:
        found.append(f"promotions ({promo:+.0%})")
    return tuple(found)


def trend(series: DailySeries) -> Trend:
    """The slope of the 28-day moving average over the last 90 days, per 30 days, as a share of
    its mean; and the last 28 days against the same 28 days a year before."""
    level = moving_average(series.y)[-90:]
    mean = float(level.mean())
    slope = float(np.polyfit(np.arange(level.size), level, 1)[0]) if level.size > 1 else 0.0
    change = slope * 30 / mean if mean > 0 else 0.0
    direction = "flat" if abs(change) < TREND_FLAT else ("up" if change > 0 else "down")
    yoy = None
    if series.n >= 365 + 28:
        before = float(series.y[-365 - 28 : -365].sum())
        if before > 0:
            yoy = float(series.y[-28:].sum()) / before - 1.0
    return Trend(direction, change, yoy)


def holiday_dates(start: date, end: date) -> list[date]:
    """The Venezuelan holidays (and Christmas and New Year's eves) between two days."""
    return sorted(_holiday_days(start, end))
