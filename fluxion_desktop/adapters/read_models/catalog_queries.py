"""SQL implementations of the catalog and stock query ports."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine

from fluxion_desktop.adapters.read_models.row_views import RowViews
from fluxion_desktop.adapters.sqlite_engine import raw_read_transaction
from fluxion_desktop.application.queries import ProductView, StockView
from fluxion_desktop.domain.catalog import ProductOrigin, Unit
from fluxion_desktop.domain.money import Currency, Money
from fluxion_desktop.domain.stock_level import StockLevel
from fluxion_desktop.domain.tax import TaxCategory

_PRODUCT_COLUMNS = (
    "p.product_id, p.sku, p.name, p.price_amount, p.price_currency, p.tax_category, p.unit, "
    "p.pack_size, p.origin, p.active, p.reviewed, "
    "(SELECT group_concat(b.barcode, ' ') FROM product_barcodes b "
    "WHERE b.product_id = p.product_id)"
)
_WORD = re.compile(r"\w+", re.UNICODE)
# One token with a digit in it, from the characters of SKUs and barcodes: typed or scanned codes.
_CODE = re.compile(r"[A-Za-z0-9._-]*[0-9][A-Za-z0-9._-]*")
# bm25 scores only this many FTS matches: ranking the 55,000 of 300,000 matching "ca" is the cost.
RANK_CAP = 500


def _product(row: Any) -> ProductView:
    return ProductView(
        product_id=row[0],
        sku=row[1],
        name=row[2],
        price=Money(Decimal(row[3]), Currency(row[4])),
        tax_category=TaxCategory(row[5]),
        unit=Unit(row[6]),
        pack_size=Decimal(row[7]),
        origin=ProductOrigin(row[8]),
        active=bool(row[9]),
        needs_review=not row[10],
        barcodes=tuple(sorted((row[11] or "").split())),
    )


def fts_query(text: str) -> str | None:
    """Each word of `text` as a quoted prefix term, so user input never becomes FTS syntax."""
    words = _WORD.findall(text)
    return " ".join(f'"{w}"*' for w in words) if words else None


class SqlCatalogQueries:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        # Building a view (Money, four enums, a frozen dataclass) was a quarter of a scan.
        self._views: RowViews[str, ProductView] = RowViews(lambda _id, row: _product(row))

    def _one(self, where: str, value: str) -> ProductView | None:
        with raw_read_transaction(self._engine) as db:
            row = db.execute(
                f"SELECT {_PRODUCT_COLUMNS} FROM products p {where}", (value,)
            ).fetchone()
        return None if row is None else self._views.view(row[0], row)

    def get(self, product_id: str) -> ProductView | None:
        return self._one("WHERE p.product_id = ?", product_id)

    def by_barcode(self, barcode: str) -> ProductView | None:
        return self._one(
            "JOIN product_barcodes pb ON pb.product_id = p.product_id WHERE pb.barcode = ?",
            barcode.strip(),
        )

    def by_sku(self, sku: str) -> ProductView | None:
        return self._one("WHERE p.sku = ?", sku.strip())

    def search(self, text: str, limit: int = 50) -> list[ProductView]:
        """Up to `limit` products matching `text` as the cashier types it, best first.

        A code (one token with a digit) lists the barcodes and SKUs starting with it first, by
        index range; the full-text index tops that up, ranking only its first `RANK_CAP` matches.
        """
        query = fts_query(text)
        if query is None or limit <= 0:
            return []
        code = text.strip()
        with raw_read_transaction(self._engine) as db:
            ids = _code_prefix(db, code, limit) if _CODE.fullmatch(code) else []
            if len(ids) < limit:
                seen = set(ids)
                ids += [i for i in _ranked(db, query, limit) if i not in seen][: limit - len(ids)]
            if not ids:
                return []
            rows = db.execute(
                f"SELECT {_PRODUCT_COLUMNS} FROM products p "
                f"WHERE p.product_id IN ({','.join('?' * len(ids))})",
                ids,
            ).fetchall()
        order = {product_id: n for n, product_id in enumerate(ids)}
        views = (self._views.view(r[0], r) for r in rows)
        return sorted(views, key=lambda view: order[view.product_id])

    def count(self) -> int:
        with raw_read_transaction(self._engine) as db:
            return int(db.execute("SELECT COUNT(*) FROM products").fetchone()[0])


def _prefix_range(prefix: str) -> tuple[str, str]:
    """Bounds [low, high) of the strings starting with `prefix` (ASCII, as codes are)."""
    return prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _code_prefix(db: sqlite3.Connection, code: str, limit: int) -> list[str]:
    """Products whose barcode, then SKU, starts with `code`: B-tree ranges, not FTS prefixes."""
    # Barcodes are stored upper-case; SKUs as entered, so both spellings are tried.
    ids = [
        row[0]
        for row in db.execute(
            "SELECT product_id FROM product_barcodes WHERE barcode >= ? AND barcode < ? "
            "ORDER BY barcode LIMIT ?",
            (*_prefix_range(code.upper()), limit),
        )
    ]
    for sku in dict.fromkeys((code.upper(), code)):
        ids += [
            row[0]
            for row in db.execute(
                "SELECT product_id FROM products WHERE sku >= ? AND sku < ? ORDER BY sku LIMIT ?",
                (*_prefix_range(sku), limit),
            )
        ]
    return list(dict.fromkeys(ids))[:limit]


def _ranked(db: sqlite3.Connection, query: str, limit: int) -> list[str]:
    """bm25 order among the first `RANK_CAP` full-text matches of `query`."""
    return [
        row[0]
        for row in db.execute(
            "SELECT product_id FROM (SELECT product_id, rank FROM product_search "
            "WHERE product_search MATCH ? LIMIT ?) ORDER BY rank LIMIT ?",
            (query, RANK_CAP, limit),
        )
    ]


class SqlStockQueries:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        # A sale reads its products' levels before and after it commits; the next sale of a
        # product finds the row as the last read left it.
        self._levels: RowViews[str, StockLevel] = RowViews(lambda _id, row: _level(row))

    def level(self, product_id: str) -> StockLevel:
        return self.levels_of([product_id])[product_id]

    def levels_of(self, product_ids: Sequence[str]) -> dict[str, StockLevel]:
        marks = ",".join("?" * len(product_ids))
        with raw_read_transaction(self._engine) as db:
            rows = db.execute(
                "SELECT product_id, on_hand, minimum, maximum FROM stock_levels "
                f"WHERE product_id IN ({marks})",
                tuple(product_ids),
            ).fetchall()
        found = {r[0]: self._levels.view(r[0], r[1:]) for r in rows}
        zero = StockLevel(Decimal(0), Decimal(0), None)
        return {p: found.get(p, zero) for p in product_ids}

    def levels(self, offset: int = 0, limit: int = 200) -> list[StockView]:
        return self._views("ORDER BY p.name LIMIT ? OFFSET ?", (limit, offset))

    def low_stock(self) -> list[StockView]:
        # REAL only narrows the rows; the decision is made on Decimals below.
        views = self._views(
            "WHERE CAST(s.on_hand AS REAL) <= CAST(s.minimum AS REAL) + 0.001 "
            "OR CAST(s.on_hand AS REAL) <= 0.001",
            (),
        )
        urgent = [v for v in views if v.level.is_low or v.level.is_critical]
        return sorted(urgent, key=lambda v: (v.level.current - v.level.minimum, v.name))

    def _views(self, tail: str, params: tuple[Any, ...]) -> list[StockView]:
        with raw_read_transaction(self._engine) as db:
            rows = db.execute(
                "SELECT s.product_id, p.sku, p.name, s.on_hand, s.minimum, s.maximum "
                f"FROM stock_levels s JOIN products p ON p.product_id = s.product_id {tail}",
                params,
            ).fetchall()
        return [StockView(r[0], r[1], r[2], _level(r[3:])) for r in rows]


def _level(row: Any) -> StockLevel:
    maximum = None if row[2] is None else Decimal(row[2])
    return StockLevel(Decimal(row[0]), Decimal(row[1]), maximum)
