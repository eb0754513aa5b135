"""The store's business day: a sale at 21:00 in Caracas is that day's sale, whatever the UTC
date. One time zone for every store for now (Venezuela first)."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from zoneinfo import ZoneInfo


@cache
def store_timezone() -> ZoneInfo:
    """The stores' time zone (read from the time zone database on first use)."""
    return ZoneInfo("America/Caracas")


def business_day(moment: datetime) -> date:
    """The store's calendar day at `moment`, which must be timezone-aware."""
    return moment.astimezone(store_timezone()).date()
