"""Tampering with the file is detected, and `verify` names the first bad position."""

from __future__ import annotations

import sqlite3
from itertools import pairwise
from pathlib import Path

from fluxion_desktop.adapters.sqlite_event_store import SqliteEventStore
from tests.support.sample_events import new_event


def _fill(store: SqliteEventStore, n: int = 6) -> None:
    for i in range(n):
        stream = f"tally-{i % 2}"
        payload = {"amount": f"{i}.25", "note": f"line {i}"}
        store.append(stream, [new_event(payload)], store.stream_version(stream))


def _raw(db_path: Path, sql: str, *params: object) -> None:
    with sqlite3.connect(db_path) as connection:
        connection.execute(sql, params)


def test_the_chain_links_each_own_event_to_the_previous_one(sqlite_store: SqliteEventStore):
    _fill(sqlite_store)
    log = sqlite_store.read_all()
    assert log[0].prev_hash == "0" * 64
    assert all(later.prev_hash == earlier.hash for earlier, later in pairwise(log))
    assert len({e.hash for e in log}) == len(log)
    assert sqlite_store.verify().ok


def test_one_changed_byte_of_a_payload_is_found_at_its_position(sqlite_store, db_path):
    _fill(sqlite_store)
    with sqlite3.connect(db_path) as connection:
        payload = connection.execute("SELECT payload FROM events WHERE position = 4").fetchone()[0]
    tampered = payload.replace("3.25", "9.25")
    assert tampered != payload
    _raw(db_path, "UPDATE events SET payload = ? WHERE position = 4", tampered)

    report = sqlite_store.verify()

    assert not report.ok
    assert report.first_bad_position == 4
    assert "does not match its hash" in report.problems[0].what


def test_rewriting_a_hash_to_hide_a_change_breaks_the_next_link(sqlite_store, db_path):
    from fluxion_desktop.adapters import event_codec

    _fill(sqlite_store)
    _raw(db_path, 'UPDATE events SET payload = \'{"amount":"0.01","note":"x"}\' WHERE position = 2')
    with sqlite3.connect(db_path) as connection:
        connection.row_factory = sqlite3.Row
        row = dict(connection.execute("SELECT * FROM events WHERE position = 2").fetchone())
    forged = event_codec.chain_hash(row, row["prev_hash"])
    _raw(db_path, "UPDATE events SET hash = ? WHERE position = 2", forged)

    report = sqlite_store.verify()

    assert report.first_bad_position == 3
    assert "chain" in report.problems[0].what


def test_deleting_the_newest_event_is_detected(sqlite_store, db_path):
    _fill(sqlite_store)
    _raw(db_path, "DELETE FROM events WHERE position = 6")

    report = sqlite_store.verify()

    assert not report.ok
    assert "removed" in report.problems[-1].what


def test_a_gap_in_a_stream_is_detected(sqlite_store, db_path):
    _fill(sqlite_store)
    _raw(db_path, "DELETE FROM events WHERE position = 3")

    report = sqlite_store.verify()

    assert report.first_bad_position == 4
