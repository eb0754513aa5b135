"""Reading a sales history CSV into `HistoryRow`s, every bad row named by its line number.

Columns: `date` (YYYY-MM-DD), `sku` or `barcode` (either or both), `quantity` (0 = a day without
sales, negative = returns), optional `price`, `promo_price`, `store`. Decimals use a dot.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from fluxion_desktop.application.sales_history import HistoryRow, RowProblem, SalesImportRefused

REQUIRED = ("date", "quantity")
KNOWN = ("date", "sku", "barcode", "quantity", "price", "promo_price", "store")


def read_history_csv(path: Path) -> list[HistoryRow]:
    """Every row of the file; `SalesImportRefused` naming each bad line (the header is line 1)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise SalesImportRefused(
            [RowProblem(0, f"cannot read the file: {error}")], path.name
        ) from None
    rows: list[HistoryRow] = []
    problems: list[RowProblem] = []
    reader = csv.reader(text.splitlines())
    header = [h.strip().lower() for h in next(reader, [])]
    missing = [c for c in REQUIRED if c not in header]
    if "sku" not in header and "barcode" not in header:
        missing.append("sku or barcode")
    unknown = [h for h in header if h not in KNOWN]
    if missing or unknown:
        what = [f"missing column(s): {', '.join(missing)}"] if missing else []
        what += [f"unknown column(s): {', '.join(unknown)}"] if unknown else []
        raise SalesImportRefused([RowProblem(1, "; ".join(what))], path.name)
    for line, cells in _numbered(reader):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            problems.append(RowProblem(line, f"{len(cells)} cells, the header has {len(header)}"))
            continue
        try:
            rows.append(_row(line, dict(zip(header, (c.strip() for c in cells), strict=True))))
        except ValueError as error:
            problems.append(RowProblem(line, str(error)))
    if problems:
        raise SalesImportRefused(problems, path.name)
    return rows


def _numbered(reader: Iterator[list[str]]) -> Iterator[tuple[int, list[str]]]:
    for cells in reader:
        yield reader.line_num, cells  # type: ignore[attr-defined]


def _row(line: int, cells: dict[str, str]) -> HistoryRow:
    return HistoryRow(
        line=line,
        day=_date(cells["date"]),
        quantity=_decimal(cells["quantity"], "quantity"),
        sku=cells.get("sku") or None,
        barcode=cells.get("barcode") or None,
        price=_optional_decimal(cells.get("price", ""), "price"),
        promo_price=_optional_decimal(cells.get("promo_price", ""), "promo_price"),
        store=cells.get("store") or None,
    )


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"date {text!r} is not a date like 2025-03-31") from None


def _decimal(text: str, name: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"{name} {text!r} is not a number") from None
    if not value.is_finite():
        raise ValueError(f"{name} {text!r} is not a number")
    return value


def _optional_decimal(text: str, name: str) -> Decimal | None:
    return None if not text else _decimal(text, name)
