"""The SQL a piece of code runs, as SQLite saw it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, event


@contextmanager
def statements(engine: Engine) -> Iterator[list[str]]:
    """Every SQL statement run on the engine's connections inside the block, in order (the
    pool's connections are opened afresh, each traced)."""
    seen: list[str] = []

    def trace(dbapi: sqlite3.Connection, _record: object) -> None:
        dbapi.set_trace_callback(seen.append)

    event.listen(engine, "connect", trace)
    engine.dispose()
    try:
        yield seen
    finally:
        event.remove(engine, "connect", trace)
        engine.dispose()
