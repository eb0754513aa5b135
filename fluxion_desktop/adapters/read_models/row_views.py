"""Query results built from a row once, and handed out again while the row reads the same.

A command looks up the same few rows over and over (the cashier, the store's settings, a product
scanned twice, the day's rate), and building their views (enums, Money, frozen dataclasses,
parsed JSON) cost more than reading them. Every lookup still reads its row, so a change made by
this till, by a pull or by another program on the same file shows at once; only a row equal to
the one a view was built from gets that view back. Views must be immutable.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

# A day's products several times over; past it the memory is cleared (a search walking a large
# catalog must not keep a view of every product forever).
ROW_VIEWS_LIMIT = 4096


class RowViews(Generic[K, V]):
    """Views by key, each with the row it was built from by `build(key, row)`."""

    def __init__(self, build: Callable[[K, Any], V], limit: int = ROW_VIEWS_LIMIT) -> None:
        self._build = build
        self._limit = limit
        # One (row, view) tuple per key, replaced whole: a thread never sees a row with a view
        # built from another row.
        self._views: dict[K, tuple[Any, V]] = {}

    def view(self, key: K, row: Any) -> V:
        """The view of `row`, just read at `key`: the one built before if `row` is unchanged."""
        known = self._views.get(key)
        if known is not None and known[0] == row:
            return known[1]
        view = self._build(key, row)
        if len(self._views) >= self._limit:
            self._views.clear()
        self._views[key] = (row, view)
        return view
