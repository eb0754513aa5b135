"""Rows a projection last wrote, remembered so the next change of a row needs no read first.

A running total (stock on hand, a day's units) is old value + change, computed in Python with
Decimals (SQLite would add binary floats). Reading the old value before every write was most of
the statements an append runs. `KnownRows` keeps the values this process last wrote and writes
the new ones with a compare-and-set: the UPDATE names the values we believe the row holds, so it
only lands if they are still there. A rolled-back append, a rebuild, a repair or another process
leave other values behind; the UPDATE then changes nothing and the row is read as before. A hit is
therefore right by construction: the new value is computed from the one the row holds, checked in
the same statement of the append's transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from fluxion_desktop.adapters.projections import Db

Values = tuple[object, ...]

# Enough for every product a store sells in a day several times over; past it, memory is cleared
# (a rebuild over a large catalog must not keep a row per product forever).
KNOWN_ROWS_LIMIT = 8192


class KnownRows:
    """The values of `columns` in rows of `table` keyed by `keys`, as this process wrote them.

    `insert` is the INSERT of a missing row: its parameters are the key's values then the new
    values (other columns take constants written in it)."""

    def __init__(
        self,
        table: str,
        keys: Sequence[str],
        columns: Sequence[str],
        insert: str,
        limit: int = KNOWN_ROWS_LIMIT,
    ) -> None:
        where = " AND ".join(f"{k} = ?" for k in keys)
        sets = ", ".join(f"{c} = ?" for c in columns)
        self._select = f"SELECT {', '.join(columns)} FROM {table} WHERE {where}"
        self._update = f"UPDATE {table} SET {sets} WHERE {where}"
        # IS, not =: a column may hold NULL (a day's currency before any priced sale).
        self._swap = self._update + "".join(f" AND {c} IS ?" for c in columns)
        self._insert = insert
        self._insert_if_missing = insert.replace("INSERT INTO", "INSERT OR IGNORE INTO", 1)
        self._limit = limit
        self._known: dict[Values, Values] = {}

    def change(
        self,
        db: Db,
        key: Values,
        new_values: Callable[[Values | None], Values],
        likely_missing: bool = False,
    ) -> Values | None:
        """Write `new_values(old)` to the row at `key`; `old` is None when there is no row.

        Returns `old`. `likely_missing` tries an insert first for a row this process does not
        know (a product's first sale of a day): one statement instead of a read and a write.
        """
        known = self._known.get(key)
        if known is not None:
            new = new_values(known)
            if db.execute(self._swap, (*new, *key, *known)).rowcount == 1:
                self._known[key] = new
                return known
        elif likely_missing:
            new = new_values(None)
            if db.execute(self._insert_if_missing, (*key, *new)).rowcount == 1:
                self._remember(key, new)
                return None
        row = db.execute(self._select, key).fetchone()
        old: Values | None = None if row is None else tuple(row)
        new = new_values(old)
        if old is None:
            db.execute(self._insert, (*key, *new))
        else:
            db.execute(self._update, (*new, *key))
        self._remember(key, new)
        return old

    def forget(self) -> None:
        """Drop every remembered row (they would only miss; this frees the memory)."""
        self._known.clear()

    def _remember(self, key: Values, values: Values) -> None:
        if len(self._known) >= self._limit:
            self._known.clear()
        self._known[key] = values
