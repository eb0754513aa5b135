"""The named metrics threshold rules compare, for one product in one store."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal

from fluxion_desktop.application.demand_history import DemandDay
from fluxion_desktop.domain.stock_level import StockLevel

NO_COVER = Decimal(999)  # days of cover when nothing sells, and days since a sale never made
_PLACES = Decimal("0.01")


def product_metrics(
    days: Sequence[DemandDay], level: StockLevel, today: date, on_order: Decimal = Decimal(0)
) -> Mapping[str, Decimal]:
    """Every metric of `rules.METRICS`; demand averages leave stock-out days out (their sales
    stopped because the shelf was empty, not because nobody wanted the product)."""
    by_day = {d.day: d.units for d in days}
    recent = [d.units for d in days if not d.out_of_stock and today - d.day <= timedelta(28)
              and d.day < today]  # fmt: skip
    average = (sum(recent, Decimal(0)) / len(recent)) if recent else Decimal(0)
    cover = (level.current / average).quantize(_PLACES) if average > 0 else NO_COVER
    sold = [d.day for d in days if d.units > 0 and d.day <= today]
    since = Decimal((today - max(sold)).days) if sold else NO_COVER
    week = sum((by_day.get(today - timedelta(n), Decimal(0)) for n in range(1, 8)), Decimal(0))
    return {
        "stock_on_hand": level.current,
        "minimum": level.minimum,
        "days_of_cover": max(cover, Decimal(0)),
        "avg_daily_demand": average.quantize(_PLACES),
        "demand_yesterday": by_day.get(today - timedelta(1), Decimal(0)),
        "demand_last_7_days": week,
        "days_since_last_sale": since,
        "on_order": on_order,
    }
