"""`fluxion-pos import-sales FILE.csv`: sales history from an older system, all or nothing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from fluxion_desktop.cli.command import EXIT_OK, EXIT_PROBLEM, Command

if TYPE_CHECKING:
    from fluxion_desktop.bootstrap import Services

MAX_PROBLEMS_SHOWN = 50


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", help="CSV: date, sku or barcode, quantity[, price, promo_price, store]"
    )
    parser.add_argument("--user", default="admin", help="the manager importing (default: admin)")


def _import_sales(services: Services, args: argparse.Namespace) -> int:
    from fluxion_desktop.adapters.sales_csv import read_history_csv
    from fluxion_desktop.application.sales_history import (
        ImportReport,
        ImportSalesHistory,
        SalesImportRefused,
    )

    path = Path(args.file)
    try:
        rows = tuple(read_history_csv(path))
        user = services.queries.users.by_username(args.user)
        if user is None:
            print(f"fluxion-pos: no user {args.user!r}; name a manager with --user",
                  file=sys.stderr)  # fmt: skip
            return EXIT_PROBLEM
        report = services.bus.handle(ImportSalesHistory(user.user_id, rows, path.name))
    except SalesImportRefused as refused:
        print(f"fluxion-pos: {refused}", file=sys.stderr)
        for problem in [p for p in refused.problems if p.line > 0][:MAX_PROBLEMS_SHOWN]:
            print(f"  {problem}", file=sys.stderr)
        if len(refused.problems) > MAX_PROBLEMS_SHOWN:
            print(f"  ... and {len(refused.problems) - MAX_PROBLEMS_SHOWN} more", file=sys.stderr)
        return EXIT_PROBLEM
    assert isinstance(report, ImportReport)
    print(f"{report.rows} rows, {report.days} product-days: {report.batches_written} batches "
          f"imported, {report.batches_already_imported} already imported")  # fmt: skip
    if report.products_created:
        print(f"{len(report.products_created)} new products wait for review: "
              + ", ".join(report.products_created[:20]))  # fmt: skip
    return EXIT_OK


COMMANDS: tuple[Command, ...] = (
    Command(
        "import-sales",
        "import daily sales history from a CSV file (all rows or none)",
        _import_sales,
        arguments=_arguments,
        exclusive=True,
    ),
)
