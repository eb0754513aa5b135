"""Two writers of one device race for the same stream version: one wins, the other writes nothing.

Writers are separate engines (separate SQLite connections) on one file, in threads or in separate
processes (race_child.py); BEGIN IMMEDIATE plus the busy timeout must queue them, never fail them
half-way, and the optimistic check must turn the slower one into a `ConcurrencyError`.
"""

from __future__ import annotations

import os
import queue
import random
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from uuid import UUID

import pytest
from sqlalchemy import Engine

from fluxion_desktop.adapters.database import current_revision, head_revision, open_database
from fluxion_desktop.adapters.projections import ProjectionManager, StreamSummaryProjection
from fluxion_desktop.adapters.sqlite_event_store import SqliteEventStore
from fluxion_desktop.application.event_store import AppendStatus, ConcurrencyError
from tests.support.sample_events import DEVICE, new_event, sample_registry

ROOT = Path(__file__).resolve().parents[2]
RACE_CHILD = Path(__file__).with_name("race_child.py")
ROUNDS = 20
STREAM = "tally-race"
TIMEOUT_S = 30.0


@dataclass
class Outcome:
    """What one racer saw: the version it loaded, and whether its append won or lost."""

    kind: str  # "won", "lost" or "error"
    loaded: int
    ids: list[UUID]
    positions: tuple[int, ...] = ()
    expected: int | None = None
    actual: int | None = None
    error: str = ""


def _store(engine: Engine) -> SqliteEventStore:
    return SqliteEventStore(engine, DEVICE, sample_registry().is_known, [StreamSummaryProjection()])


class Engines:
    """Engines on one database file: each `new()` is another set of SQLite connections."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self._opened: list[Engine] = []
        self.first = self.new()  # creates and migrates the file before anyone races on it

    def new(self) -> Engine:
        self._opened.append(open_database(self.db_path))
        return self._opened[-1]

    def dispose(self) -> None:
        for engine in self._opened:
            engine.dispose()


@pytest.fixture
def engines(tmp_path: Path) -> Iterator[Engines]:
    opened = Engines(tmp_path / "race.db")
    yield opened
    opened.dispose()


def _check_one_winner(
    store: SqliteEventStore, before: list[UUID], version_before: int, outcomes: list[Outcome]
) -> None:
    """Exactly one racer appended; the loser got ConcurrencyError and left no trace."""
    seen = [(o.kind, o.error or f"loaded {o.loaded}") for o in outcomes]
    assert sorted(o.kind for o in outcomes) == ["lost", "won"], f"racers saw {seen}"
    winner = next(o for o in outcomes if o.kind == "won")
    loser = next(o for o in outcomes if o.kind == "lost")
    assert winner.loaded == loser.loaded == version_before, outcomes
    assert (loser.expected, loser.actual) == (version_before, version_before + len(winner.ids))

    log = [e.event_id for e in store.read_all(limit=1_000_000)]
    assert log == before + winner.ids, "the log is not the old log plus the winner's events"
    first = len(before) + 1
    assert winner.positions == tuple(range(first, first + len(winner.ids)))
    assert not set(loser.ids) & set(log), "the loser's events were written"

    stream = store.read_stream(STREAM)
    assert [e.event_id for e in stream[version_before:]] == winner.ids
    assert [e.version for e in stream] == list(range(1, version_before + len(winner.ids) + 1))
    assert store.stream_version(STREAM) == version_before + len(winner.ids)


def _check_whole_database(store: SqliteEventStore) -> None:
    report = store.verify()
    assert report.ok, report.problems[:3]
    assert ProjectionManager(store.engine, [StreamSummaryProjection()]).check() == []


# -- two threads ---------------------------------------------------------------------------------


def _race_in_thread(
    store: SqliteEventStore, size: int, barrier: threading.Barrier, out: list[Outcome]
) -> None:
    loaded = store.stream_version(STREAM)
    events = [new_event({"amount": f"{i + 1}.00", "note": "race"}) for i in range(size)]
    ids = [e.event_id for e in events]
    try:
        barrier.wait(timeout=TIMEOUT_S)  # both have loaded the same version; now append at once
        result = store.append(STREAM, events, loaded)
    except ConcurrencyError as error:
        out.append(Outcome("lost", loaded, ids, expected=error.expected, actual=error.actual))
    except BaseException as error:
        out.append(Outcome("error", loaded, ids, error=repr(error)))
    else:
        out.append(Outcome("won", loaded, ids, positions=result.positions))


@pytest.mark.parametrize("sharing", ["two engines", "one shared engine"])
def test_two_threads_racing_for_one_version_exactly_one_wins(engines: Engines, sharing: str):
    first = engines.first
    second = engines.new() if sharing == "two engines" else first
    stores = [_store(first), _store(second)]
    rng = random.Random(1)
    for round_ in range(ROUNDS):
        before = [e.event_id for e in stores[0].read_all(limit=1_000_000)]
        version_before = stores[0].stream_version(STREAM)
        barrier = threading.Barrier(2)
        outcomes: list[Outcome] = []
        threads = [
            threading.Thread(target=_race_in_thread, args=(s, rng.randint(1, 3), barrier, outcomes))
            for s in stores
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(TIMEOUT_S)
        assert not any(t.is_alive() for t in threads), f"round {round_}: a racer hangs"
        try:
            _check_one_winner(stores[0], before, version_before, outcomes)
        except AssertionError as error:
            raise AssertionError(f"round {round_}: {error}") from error
    _check_whole_database(stores[1])


# -- two processes -------------------------------------------------------------------------------


@dataclass
class RaceChild:
    process: subprocess.Popen[bytes]
    stderr_path: Path
    lines: queue.Queue[str | None] = field(default_factory=queue.Queue)

    @classmethod
    def start(cls, db_path: Path, name: str, work: Path, *extra: str) -> RaceChild:
        path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
        stderr_path = work / f"{name}.stderr"
        with stderr_path.open("wb") as stderr:
            process = subprocess.Popen(
                [sys.executable, str(RACE_CHILD), str(db_path), *extra],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=stderr,
                cwd=ROOT,
                env={**os.environ, "PYTHONPATH": path},
            )
        child = cls(process, stderr_path)
        threading.Thread(target=child._read, daemon=True).start()
        return child

    def _read(self) -> None:
        assert self.process.stdout is not None
        for raw in self.process.stdout:
            self.lines.put(raw.decode().strip())
        self.lines.put(None)

    def send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(f"{line}\n".encode())
        self.process.stdin.flush()

    def expect(self) -> str:
        try:
            line = self.lines.get(timeout=TIMEOUT_S)
        except queue.Empty:
            line = None
        assert line is not None, f"race child silent or gone:\n{self.stderr_path.read_text()}"
        return line

    def stop(self) -> None:
        if self.process.stdin is not None and not self.process.stdin.closed:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _outcome_of(reply: str, loaded: int) -> Outcome:
    kind, _, rest = reply.partition(" ")
    if kind == "WON":
        positions, ids = rest.split(" ")
        return Outcome(
            "won",
            loaded,
            [UUID(i) for i in ids.split(",")],
            positions=tuple(int(p) for p in positions.split(",")),
        )
    if kind == "LOST":
        expected, actual, ids = rest.split(" ")
        return Outcome(
            "lost", loaded, [UUID(i) for i in ids.split(",")], expected=int(expected),
            actual=int(actual),
        )  # fmt: skip
    return Outcome("error", loaded, [], error=reply)


def test_two_processes_racing_for_one_version_exactly_one_wins(engines: Engines, tmp_path: Path):
    store = _store(engines.first)
    children = [RaceChild.start(engines.db_path, f"racer-{i}", tmp_path) for i in range(2)]
    rng = random.Random(2)
    try:
        for child in children:
            assert child.expect() == "READY"
        for round_ in range(ROUNDS):
            before = [e.event_id for e in store.read_all(limit=1_000_000)]
            version_before = store.stream_version(STREAM)
            loaded = []
            for child in children:
                child.send(f"LOAD {STREAM}")
            for child in children:
                reply = child.expect()
                assert reply.startswith("LOADED "), reply
                loaded.append(int(reply.split()[1]))
            # Both processes hold version N; release them together.
            for child in children:
                child.send(f"GO {rng.randint(1, 3)}")
            outcomes = [
                _outcome_of(child.expect(), version)
                for child, version in zip(children, loaded, strict=True)
            ]
            try:
                _check_one_winner(store, before, version_before, outcomes)
            except AssertionError as error:
                raise AssertionError(f"round {round_}: {error}") from error
    finally:
        for child in children:
            child.stop()
    for child in children:
        assert child.process.returncode == 0, child.stderr_path.read_text()
    _check_whole_database(store)


def test_two_processes_opening_a_new_database_at_once_both_get_it(tmp_path: Path):
    """The app and a CLI command (which takes no instance lock) starting together on a file that
    needs migrating: the second must wait for the first's migration, not fail at once with
    DatabaseLocked ("is Fluxion POS already running?")."""
    pairs = 3
    open_at = str(time.time() + 2.0)  # after every child has imported SQLAlchemy and Alembic
    children = [
        RaceChild.start(tmp_path / f"fresh-{i // 2}.db", f"opener-{i}", tmp_path, open_at)
        for i in range(2 * pairs)
    ]
    try:
        replies = [child.expect() for child in children]
    finally:
        for child in children:
            child.stop()
    assert replies == ["READY"] * len(children), replies
    for i in range(pairs):
        engine = open_database(tmp_path / f"fresh-{i}.db")
        try:
            assert current_revision(engine) == head_revision()
        finally:
            engine.dispose()


# -- many threads --------------------------------------------------------------------------------


@dataclass
class WriterLog:
    stream: str
    ids: list[UUID] = field(default_factory=list)
    positions: list[int] = field(default_factory=list)
    retries: int = 0
    errors: list[str] = field(default_factory=list)


def _write_many(
    store: SqliteEventStore, log: WriterLog, appends: int, barrier: threading.Barrier, seed: int
) -> None:
    rng = random.Random(seed)
    try:
        barrier.wait(timeout=TIMEOUT_S)
        for i in range(appends):
            events = [
                new_event({"amount": f"{i}.{j:02d}", "note": log.stream})
                for j in range(rng.randint(1, 3))
            ]
            while True:  # an optimistic writer: reload the version and retry on a conflict
                version = store.stream_version(log.stream)
                try:
                    result = store.append(log.stream, events, version)
                except ConcurrencyError:
                    log.retries += 1
                    continue
                break
            if result.status is not AppendStatus.APPENDED:
                log.errors.append(f"append {i} returned {result.status}")
            log.ids.extend(e.event_id for e in events)
            log.positions.extend(result.positions)
    except BaseException as error:
        log.errors.append(repr(error))


def _run_writers(stores: list[SqliteEventStore], logs: list[WriterLog], appends: int) -> None:
    barrier = threading.Barrier(len(logs))
    threads = [
        threading.Thread(target=_write_many, args=(store, log, appends, barrier, seed))
        for seed, (store, log) in enumerate(zip(stores, logs, strict=True))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not any(t.is_alive() for t in threads), "a writer hangs"
    assert [log.errors for log in logs] == [[] for _ in logs]


@pytest.mark.parametrize("sharing", ["engine per thread", "one shared engine"])
def test_many_threads_on_their_own_streams_all_succeed(engines: Engines, sharing: str):
    writers = 8
    stores = [
        _store(engines.new() if sharing == "engine per thread" else engines.first)
        for _ in range(writers)
    ]
    logs = [WriterLog(f"tally-writer{i}") for i in range(writers)]

    _run_writers(stores, logs, appends=30)

    assert sum(log.retries for log in logs) == 0, "no one else writes these streams"
    positions = [p for log in logs for p in log.positions]
    assert sorted(positions) == list(range(1, len(positions) + 1)), "positions clash or gap"
    by_position = {e.position: e for e in stores[0].read_all(limit=1_000_000)}
    assert len(by_position) == len(positions)
    for log in logs:
        stored = stores[0].read_stream(log.stream)
        assert [e.event_id for e in stored] == log.ids
        assert [e.version for e in stored] == list(range(1, len(log.ids) + 1))
        assert [by_position[p].event_id for p in log.positions] == log.ids
    _check_whole_database(stores[0])


def test_many_threads_retrying_on_one_stream_lose_no_update(engines: Engines):
    writers = 6
    stores = [_store(engines.new()) for _ in range(writers)]
    logs = [WriterLog("tally-shared") for _ in range(writers)]

    _run_writers(stores, logs, appends=15)

    stored = stores[0].read_stream("tally-shared")
    written = [i for log in logs for i in log.ids]
    assert len(stored) == len(written), "an update was lost or doubled"
    assert {e.event_id for e in stored} == set(written)
    assert [e.version for e in stored] == list(range(1, len(stored) + 1))
    order = {e.event_id: e.version for e in stored}
    for log in logs:  # each writer's events keep its own order
        assert [order[i] for i in log.ids] == sorted(order[i] for i in log.ids)
        assert [e.position for e in stored if e.event_id in set(log.ids)] == sorted(log.positions)
    _check_whole_database(stores[0])
