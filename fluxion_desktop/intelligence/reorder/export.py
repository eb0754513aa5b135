"""Reorder suggestions as CSV, for a supplier's order form or a spreadsheet."""

from __future__ import annotations

import csv
import os
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import TextIO

from fluxion_desktop.domain.decimals import format_decimal
from fluxion_desktop.intelligence.reorder.suggestions import ReorderSuggestion

COLUMNS = (
    "sku", "name", "store", "on_hand", "on_order", "reserved", "inventory_position",
    "forecast_demand", "safety_stock", "reorder_point", "suggested_quantity", "pack_size",
    "lead_time_days", "review_period_days", "service_level", "method", "model",
)  # fmt: skip


def write_suggestions_csv(suggestions: Sequence[ReorderSuggestion], out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for s in suggestions:
        p, position, settings = s.plan, s.position, s.settings
        writer.writerow([
            s.sku, s.name, s.store_id, _d(position.on_hand), _d(position.on_order),
            _d(position.reserved), _d(p.inventory_position), _d(p.forecast_demand),
            _d(p.safety_stock), _d(p.reorder_point), _d(p.suggested_quantity),
            _d(settings.pack_size), settings.lead_time_days, settings.review_period_days,
            _d(settings.service_level), p.method.value, s.model,
        ])  # fmt: skip


def export_suggestions_csv(suggestions: Sequence[ReorderSuggestion], path: Path) -> None:
    """Write the file whole or not at all (a half-written order form is worse than none)."""
    partial = path.with_name(path.name + ".partial")
    with partial.open("w", encoding="utf-8", newline="") as out:
        write_suggestions_csv(suggestions, out)
    os.replace(partial, path)


def _d(value: object) -> str:
    return format_decimal(value) if isinstance(value, Decimal) else str(value)
