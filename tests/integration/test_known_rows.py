"""Running totals are written without a read first, and never from a value the row lost:
a rolled-back append, another writer or a rebuild make the remembered value miss."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from fluxion_desktop.adapters.read_models.known_rows import KnownRows, Values

INSERT = "INSERT INTO totals (k, amount, note) VALUES (?, ?, 'new')"


@pytest.fixture
def db(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(tmp_path / "t.db", isolation_level=None)
    connection.execute("CREATE TABLE totals (k TEXT PRIMARY KEY, amount TEXT NOT NULL, note TEXT)")
    yield connection
    connection.close()


def _plus(delta: str) -> Callable[[Values | None], Values]:
    def added(old: Values | None) -> Values:
        return (str((Decimal(0) if old is None else Decimal(str(old[0]))) + Decimal(delta)),)

    return added


def _amount(db: sqlite3.Connection, key: str = "a") -> str:
    return str(db.execute("SELECT amount FROM totals WHERE k = ?", (key,)).fetchone()[0])


def _statements(db: sqlite3.Connection, work: Callable[[], object]) -> list[str]:
    seen: list[str] = []
    db.set_trace_callback(seen.append)
    try:
        work()
    finally:
        db.set_trace_callback(None)
    return seen


def test_a_known_row_is_changed_in_one_statement_without_a_read(db: sqlite3.Connection) -> None:
    rows = KnownRows("totals", ("k",), ("amount",), INSERT)
    assert rows.change(db, ("a",), _plus("2.50")) is None

    seen = _statements(db, lambda: rows.change(db, ("a",), _plus("1.25")))

    assert _amount(db) == "3.75"
    assert len(seen) == 1 and seen[0].startswith("UPDATE")


def test_a_rolled_back_change_is_not_added_to(db: sqlite3.Connection) -> None:
    rows = KnownRows("totals", ("k",), ("amount",), INSERT)
    rows.change(db, ("a",), _plus("10"))
    db.execute("BEGIN")
    rows.change(db, ("a",), _plus("5"))
    db.execute("ROLLBACK")

    old = rows.change(db, ("a",), _plus("1"))

    assert old == ("10",)
    assert _amount(db) == "11"


def test_another_writers_value_is_read_before_adding(
    db: sqlite3.Connection, tmp_path: Path
) -> None:
    rows = KnownRows("totals", ("k",), ("amount",), INSERT)
    rows.change(db, ("a",), _plus("10"))
    with sqlite3.connect(tmp_path / "t.db") as other:
        other.execute("UPDATE totals SET amount = '7' WHERE k = 'a'")

    rows.change(db, ("a",), _plus("1"))

    assert _amount(db) == "8"


def test_a_row_emptied_by_a_rebuild_is_inserted_again(db: sqlite3.Connection) -> None:
    rows = KnownRows("totals", ("k",), ("amount",), INSERT)
    rows.change(db, ("a",), _plus("10"))
    db.execute("DELETE FROM totals")

    assert rows.change(db, ("a",), _plus("3")) is None
    assert _amount(db) == "3"


def test_likely_missing_inserts_at_once_and_still_adds_to_a_row_it_did_not_know(
    db: sqlite3.Connection,
) -> None:
    rows = KnownRows("totals", ("k",), ("amount",), INSERT)
    seen = _statements(db, lambda: rows.change(db, ("a",), _plus("4"), likely_missing=True))
    db.execute("INSERT INTO totals (k, amount, note) VALUES ('b', '9', 'imported')")

    old = rows.change(db, ("b",), _plus("1"), likely_missing=True)

    assert len(seen) == 1 and _amount(db, "a") == "4"
    assert old == ("9",) and _amount(db, "b") == "10"
    assert db.execute("SELECT note FROM totals WHERE k = 'b'").fetchone()[0] == "imported"


def test_memory_is_bounded_and_a_forgotten_row_is_read_again(db: sqlite3.Connection) -> None:
    rows = KnownRows("totals", ("k",), ("amount",), INSERT, limit=2)
    for key in ("a", "b", "c"):
        rows.change(db, (key,), _plus("1"))

    seen = _statements(db, lambda: rows.change(db, ("a",), _plus("1")))

    assert seen[0].startswith("SELECT")
    assert _amount(db) == "2"
