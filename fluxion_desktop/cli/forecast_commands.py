"""`fluxion-pos forecast (--product SKU | --all) --horizon N [--model M] --out FILE.csv`.

Writes `sku,date,forecast,lo80,hi80,lo95,hi95,model`, one row per product and day from the day
after its last day of history, and records each forecast as a `ForecastGenerated` event. `--all`
covers every product with sales history, with a progress bar on stderr.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from fluxion_desktop.cli.command import EXIT_OK, EXIT_PROBLEM, Command

if TYPE_CHECKING:
    from fluxion_desktop.bootstrap import Services

HEADER = ("sku", "date", "forecast", "lo80", "hi80", "lo95", "hi95", "model")
MODEL_CHOICES = ("auto", "prophet", "ets", "theta", "croston", "naive")
BAR_WIDTH = 30


def _arguments(parser: argparse.ArgumentParser) -> None:
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--product", metavar="SKU", help="forecast this product")
    which.add_argument("--all", action="store_true", help="every product with sales history")
    parser.add_argument("--horizon", type=int, required=True, help="days to forecast")
    parser.add_argument("--model", choices=MODEL_CHOICES, default="auto")
    parser.add_argument("--out", required=True, help="the CSV file to write")
    parser.add_argument("--store", help="the store (default: this till's store)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="processes for --all (default: every core)")  # fmt: skip


def _forecast(services: Services, args: argparse.Namespace) -> int:
    from fluxion_desktop.application.forecasting import as_rows
    from fluxion_desktop.domain.forecasts import ForecastGenerated, InsufficientData

    if not 1 <= args.horizon <= 366:
        print("fluxion-pos: --horizon must be 1-366 days", file=sys.stderr)
        return EXIT_PROBLEM
    store = args.store or services.identity.store_id
    from fluxion_desktop.bootstrap import forecasting_service

    service = forecasting_service(services, args.workers if args.all else 1)
    if args.all:
        results = service.forecast_all(store, args.horizon, args.model, progress=_bar(sys.stderr))
    else:
        product = services.queries.catalog.by_sku(args.product)
        if product is None:
            print(f"fluxion-pos: no product with SKU {args.product!r}", file=sys.stderr)
            return EXIT_PROBLEM
        results = [service.demand_forecast(product.product_id, store, args.horizon, args.model)]
    forecasts = [r for r in results if isinstance(r, ForecastGenerated)]
    for short in (r for r in results if isinstance(r, InsufficientData)):
        print(f"{short.product_id}: {short.message}", file=sys.stderr)
    if not forecasts:
        print("fluxion-pos: nothing to forecast; no file written", file=sys.stderr)
        return EXIT_PROBLEM
    _write(Path(args.out), as_rows(forecasts))
    print(f"{len(forecasts)} products forecast for {args.horizon} days into {args.out}")
    return EXIT_OK


def _write(path: Path, rows: Iterable[Sequence[str]]) -> None:
    partial = path.with_name(path.name + ".partial")
    with partial.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        writer.writerows(rows)
    partial.replace(path)  # never a half-written file under the name asked for


def _bar(stream: TextIO) -> Callable[[int, int], None]:
    def show(done: int, total: int) -> None:
        filled = BAR_WIDTH * done // max(total, 1)
        stream.write(f"\r[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total}")
        if done == total:
            stream.write("\n")
        stream.flush()

    return show


COMMANDS: tuple[Command, ...] = (
    Command(
        "forecast",
        "forecast demand per product and write it to a CSV file",
        _forecast,
        arguments=_arguments,
        exclusive=True,
    ),
)
