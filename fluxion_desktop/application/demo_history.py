"""Two years of daily sales history for the demo store, through the same import as a CSV file.

Each product sells its `DemoProduct.expected_daily_demand` (weekday profile and yearly season) on
average, more around Venezuelan holidays (Christmas and New Year most), and some products run two
promotions a year at 20 % off that sell half as much again. Counts are Poisson draws from one
seeded `random.Random`, so the history is the same on every run.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from decimal import Decimal

from fluxion_desktop.application.demo_catalog import DemoProduct
from fluxion_desktop.application.message_bus import MessageBus
from fluxion_desktop.application.sales_history import HistoryRow, ImportReport, ImportSalesHistory
from fluxion_desktop.domain.catalog import Unit

HISTORY_DAYS = 730
PROMO_SHARE = 10  # one product in ten runs promotions
PROMO_LIFT = 1.5
PROMO_DISCOUNT = Decimal("0.80")
_HOLIDAY_LIFT = {"christmas": 1.8, "holiday": 1.3, "eve": 1.5}


def seed_demo_history(
    bus: MessageBus, manager: str, products: Sequence[DemoProduct], today: date, seed: int = 11
) -> ImportReport:
    """Import HISTORY_DAYS days of history ending yesterday for `products`."""
    rows = tuple(demo_history_rows(products, today - timedelta(days=HISTORY_DAYS), today, seed))
    return bus.handle(ImportSalesHistory(manager, rows, "demo history"))  # type: ignore[no-any-return]


def demo_history_rows(
    products: Sequence[DemoProduct], start: date, end: date, seed: int = 11
) -> Iterator[HistoryRow]:
    """One row per product and day in [start, end), quantities drawn around the demand model."""
    rng = random.Random(seed)
    days = [start + timedelta(days=i) for i in range((end - start).days)]
    lifts = [_holiday_lift(day) for day in days]
    line = 1
    for index, product in enumerate(products):
        promos = _promo_days(days, index) if index % PROMO_SHARE == 3 else set()
        for day, lift in zip(days, lifts, strict=True):
            mean = float(product.expected_daily_demand(day)) * lift
            promo = day in promos
            quantity = _draw(rng, mean * (PROMO_LIFT if promo else 1.0), product.unit)
            line += 1
            yield HistoryRow(
                line, day, quantity, sku=product.sku, price=product.price.amount,
                promo_price=(product.price.amount * PROMO_DISCOUNT).quantize(Decimal("0.01"))
                if promo else None,
            )  # fmt: skip


def venezuelan_holidays(year: int) -> dict[date, str]:
    """The national holidays of Venezuela in `year` (Carnival and Holy Week move with Easter)."""
    easter = _easter(year)
    fixed = {(1, 1): "holiday", (4, 19): "holiday", (5, 1): "holiday", (6, 24): "holiday",
             (7, 5): "holiday", (7, 24): "holiday", (10, 12): "holiday", (12, 24): "eve",
             (12, 25): "christmas", (12, 31): "eve"}  # fmt: skip
    found = {date(year, m, d): kind for (m, d), kind in fixed.items()}
    for offset in (-48, -47, -3, -2):  # Carnival Monday and Tuesday, Holy Thursday and Friday
        found[easter + timedelta(days=offset)] = "holiday"
    return found


def _holiday_lift(day: date) -> float:
    holidays = venezuelan_holidays(day.year)
    kind = holidays.get(day) or holidays.get(day + timedelta(days=1))
    if kind is None:
        return 1.0
    if day not in holidays:  # the day before a holiday: people stock up
        return 1.2
    return _HOLIDAY_LIFT[kind]


def _promo_days(days: list[date], index: int) -> set[date]:
    """Two fortnights a year, at dates that differ from product to product."""
    chosen: set[date] = set()
    for year in sorted({d.year for d in days}):
        for month in (3 + index % 3, 9 + index % 3):
            first = date(year, month, 1 + index % 14)
            chosen.update(first + timedelta(days=i) for i in range(14))
    return chosen


def _draw(rng: random.Random, mean: float, unit: Unit) -> Decimal:
    if unit is Unit.KG:  # weighed goods: a continuous amount, to the gram
        value = max(0.0, rng.gauss(mean, math.sqrt(mean) * 0.5)) if mean > 0 else 0.0
        return Decimal(f"{value:.3f}")
    return Decimal(_poisson(rng, mean))


def _poisson(rng: random.Random, mean: float) -> int:
    if mean <= 0:
        return 0
    if mean > 30:  # normal approximation: Knuth's loop would take ~mean steps
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, k, p = math.exp(-mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def _easter(year: int) -> date:
    """Easter Sunday (Gregorian; the anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month = (h + el - 7 * m + 114) // 31
    day = (h + el - 7 * m + 114) % 31 + 1
    return date(year, month, day)
