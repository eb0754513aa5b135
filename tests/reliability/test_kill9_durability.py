"""SIGKILL a writer at random moments: acknowledged events survive, no half batch is ever visible.

A child process (append_child.py) appends to one database file in a tight loop and prints each
event only after its append committed; the parent kills it with SIGKILL after a random delay, many
rounds on the same file (each round a new child continuing the log), and after every kill reopens
the database as the app would and checks it. Set FLUXION_KILL9_SEED to replay a run.

SIGKILL leaves the OS page cache intact, so this proves atomicity and crash recovery of the
process, not durability across power loss (what synchronous=FULL is for).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from fluxion_desktop.adapters.database import current_revision, head_revision, open_database
from fluxion_desktop.adapters.projections import ProjectionManager, StreamSummaryProjection
from fluxion_desktop.adapters.sqlite_event_store import SqliteEventStore
from tests.support.sample_events import DEVICE, new_event, sample_registry

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
]

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("append_child.py")
ROUNDS = 50
KILL_DELAY_S = (0.02, 0.4)
READY_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class Ack:
    position: int
    event_id: str
    stream_id: str
    version: int
    batch: str
    size: int


@dataclass
class Child:
    process: subprocess.Popen[bytes]
    stderr_path: Path
    imported: threading.Event = field(default_factory=threading.Event)
    ready: threading.Event = field(default_factory=threading.Event)
    acks: list[Ack] = field(default_factory=list)
    reader: threading.Thread | None = None

    def stderr(self) -> str:
        return self.stderr_path.read_text(errors="replace")[-4000:]


def _read_stdout(child: Child) -> None:
    """Collect complete lines only: a line cut short by the kill was never acknowledged."""
    assert child.process.stdout is not None
    for raw in child.process.stdout:
        if not raw.endswith(b"\n"):
            break
        line = raw.decode().strip()
        if line == "IMPORTED":
            child.imported.set()
        elif line == "READY":
            child.ready.set()
        elif line.startswith("ACK "):
            _, position, event_id, stream, version, batch, size = line.split()
            child.acks.append(Ack(int(position), event_id, stream, int(version), batch, int(size)))
    child.imported.set()  # EOF: wake the parent even if the child never got that far
    child.ready.set()


def _start_child(db_path: Path, seed: int, work: Path, *extra: str) -> Child:
    """Start a child; it imports everything, then waits for `_go` before touching the file."""
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
    env = {**os.environ, "PYTHONPATH": path}
    stderr_path = work / f"child-{seed}.stderr"
    with stderr_path.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, str(CHILD), str(db_path), str(seed), *extra],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            cwd=ROOT,
            env=env,
        )
    child = Child(process, stderr_path)
    child.reader = threading.Thread(target=_read_stdout, args=(child,), daemon=True)
    child.reader.start()
    return child


def _go(child: Child) -> None:
    assert child.process.stdin is not None
    child.process.stdin.write(b"GO\n")
    child.process.stdin.close()


def _stop(child: Child | None) -> None:
    """Kill and reap `child` if it still runs (on the way out of a failing round)."""
    if child is None:
        return
    if child.process.poll() is None:
        os.kill(child.process.pid, signal.SIGKILL)
    child.process.wait(timeout=30)
    if child.process.stdin is not None and not child.process.stdin.closed:
        child.process.stdin.close()
    if child.reader is not None:
        child.reader.join(timeout=30)


def _kill_after(child: Child, delay: float) -> None:
    """SIGKILL `child` `delay` seconds after it said READY; fail if it died on its own."""
    try:
        assert child.ready.wait(READY_TIMEOUT_S), "the child never became ready"
        assert child.process.poll() is None, f"the child exited early:\n{child.stderr()}"
        time.sleep(delay)
        assert child.process.poll() is None, f"the child died before the kill:\n{child.stderr()}"
    finally:
        _stop(child)
    assert child.process.returncode == -signal.SIGKILL, child.stderr()


def _check_after_kill(
    db_path: Path, acks: list[Ack], seen: dict[str, tuple[int, str, int]], full: bool
) -> int:
    """Reopen like the app after a crash and check the log; return events committed but not acked.

    `full` adds a replay of the projections (slow on a long log; the cheap check runs always).
    """
    engine = open_database(db_path)
    try:
        store = SqliteEventStore(
            engine, DEVICE, sample_registry().is_known, [StreamSummaryProjection()]
        )
        with engine.connect() as connection:
            integrity = connection.exec_driver_sql("PRAGMA integrity_check").fetchall()
            rows = connection.exec_driver_sql(
                "SELECT position, event_id, stream_id, version, "
                "json_extract(payload, '$.note') FROM events ORDER BY position"
            ).fetchall()
            head = connection.exec_driver_sql(
                "SELECT last_position FROM chain_heads WHERE device_id = ?", (DEVICE,)
            ).scalar()
            summary = dict(
                connection.exec_driver_sql("SELECT stream_id, version FROM stream_summary").all()
            )
            checkpoint = connection.exec_driver_sql(
                "SELECT position FROM projection_checkpoints WHERE name = 'stream_summary'"
            ).scalar()
        assert integrity == [("ok",)], integrity

        positions = [r[0] for r in rows]
        assert positions == list(range(1, len(rows) + 1)), "positions are not contiguous from 1"
        by_id = {r[1]: (r[0], r[2], r[3]) for r in rows}
        assert len(by_id) == len(rows), "an event id is stored twice"
        assert head == (positions[-1] if positions else None), "chain head != last own event"

        # Every acknowledged event is there, where the child was told it was.
        for ack in acks:
            assert by_id.get(ack.event_id) == (ack.position, ack.stream_id, ack.version), (
                f"acknowledged event lost or moved: {ack}"
            )
        # Nothing committed in an earlier round has gone or moved.
        for event_id, place in seen.items():
            assert by_id.get(event_id) == place, f"event {event_id} committed earlier changed"

        # Stream versions are 1..n in commit order.
        versions: dict[str, list[int]] = defaultdict(list)
        for _, _, stream, version, _ in rows:
            versions[stream].append(version)
        for stream, found in versions.items():
            assert found == list(range(1, len(found) + 1)), f"stream {stream} is not contiguous"
        # The synchronous projection committed with the events, never apart from them.
        assert summary == {stream: len(found) for stream, found in versions.items()}
        assert checkpoint == (positions[-1] if positions else None)

        # Each batch is all or nothing, on consecutive positions and versions.
        batches: dict[str, list[tuple[int, str, int, int]]] = defaultdict(list)
        for position, _, stream, version, note in rows:
            _, batch, size = note.split(":")
            batches[batch].append((position, stream, version, int(size)))
        for batch, members in batches.items():
            size = members[0][3]
            assert len(members) == size, f"batch {batch}: {len(members)} of {size} events visible"
            assert len({m[1] for m in members}) == 1, f"batch {batch} spans streams"
            first_position, first_version = members[0][0], members[0][2]
            assert [m[0] for m in members] == list(range(first_position, first_position + size))
            assert [m[2] for m in members] == list(range(first_version, first_version + size))

        report = store.verify()
        assert report.ok, report.problems[:3]
        assert report.events_checked == len(rows)
        if full:
            assert ProjectionManager(engine, [StreamSummaryProjection()]).check() == []
    finally:
        engine.dispose()

    acked = {a.event_id for a in acks}
    unacked = [r for r in rows if r[1] not in seen and r[1] not in acked]
    seen.update(by_id)
    return len(unacked)


def _seed() -> int:
    return int(os.environ.get("FLUXION_KILL9_SEED", random.SystemRandom().randrange(2**31)))


def test_sigkill_mid_append_loses_no_acknowledged_event_and_shows_no_half_batch(tmp_path: Path):
    seed = _seed()
    rng = random.Random(seed)
    db_path = tmp_path / "kill9.db"
    seen: dict[str, tuple[int, str, int]] = {}
    total_acks = committed_unacked = inside_append = 0
    startup: list[float] = []
    started = time.perf_counter()
    upcoming: Child | None = _start_child(db_path, rng.randrange(2**31), tmp_path)
    try:
        for round_ in range(ROUNDS):
            child, upcoming = upcoming, None
            assert child is not None
            went = time.perf_counter()
            _go(child)
            try:
                child.ready.wait(READY_TIMEOUT_S)
                startup.append(time.perf_counter() - went)
                _kill_after(child, rng.uniform(*KILL_DELAY_S))
                inside_append += Path(f"{db_path}.child-state").read_bytes() == b"A"
                if round_ + 1 < ROUNDS:  # imports while we check; touches nothing before _go
                    upcoming = _start_child(db_path, rng.randrange(2**31), tmp_path)
                full = round_ % 10 == 9
                committed_unacked += _check_after_kill(db_path, child.acks, seen, full)
            except AssertionError as error:
                raise AssertionError(
                    f"round {round_} (FLUXION_KILL9_SEED={seed}): {error}"
                ) from error
            total_acks += len(child.acks)
    finally:
        _stop(upcoming)
    elapsed = time.perf_counter() - started

    print(
        f"\nkill9: {ROUNDS} rounds in {elapsed:.1f}s (GO to READY: mean "
        f"{sum(startup) / len(startup):.3f}s, max {max(startup):.3f}s), {total_acks} acked "
        f"events, {len(seen)} in the log, {committed_unacked} committed but killed before the ack, "
        f"{inside_append} kills landed inside append()"
    )
    # The test means nothing if the children never got to append, or were never killed mid-append.
    assert total_acks >= ROUNDS, f"only {total_acks} events acknowledged in {ROUNDS} rounds"
    assert inside_append >= ROUNDS // 10, f"only {inside_append} kills landed inside append()"


def test_sigkill_while_creating_a_new_database_leaves_a_file_that_opens(tmp_path: Path):
    """A kill during the first open (migrations) must not leave a file the app refuses."""
    seed = _seed()
    rng = random.Random(seed)
    rounds = 12
    paths = [tmp_path / f"fresh-{i}.db" for i in range(rounds)]
    children = [
        _start_child(path, rng.randrange(2**31), tmp_path, "--ready-before-open") for path in paths
    ]
    killed_while_opening = 0
    try:
        for child in children:  # import all at once, then time each kill on an idle machine
            assert child.imported.wait(READY_TIMEOUT_S), child.stderr()
        for round_, (db_path, child) in enumerate(zip(paths, children, strict=True)):
            delay = rng.uniform(0.0, 0.06)
            context = f"round {round_}, kill {delay * 1000:.0f} ms after READY (seed {seed})"
            try:
                _go(child)
                assert child.ready.wait(READY_TIMEOUT_S), context
                time.sleep(delay)
            finally:
                _stop(child)
            assert child.process.returncode == -signal.SIGKILL, f"{context}: {child.stderr()}"
            state = Path(f"{db_path}.child-state")
            killed_while_opening += not state.exists() or state.read_bytes() == b"-"
            _check_reopens(db_path, context)
    finally:
        for child in children:
            _stop(child)
    # Some kills must have landed before the first append, i.e. inside open_database.
    assert killed_while_opening >= 2, f"only {killed_while_opening} kills landed while opening"


def _check_reopens(db_path: Path, context: str) -> None:
    engine = open_database(db_path)
    try:
        assert current_revision(engine) == head_revision(), context
        store = SqliteEventStore(engine, DEVICE, sample_registry().is_known)
        before = store.last_position()
        store.append("tally-new", [new_event()], store.stream_version("tally-new"))
        assert store.last_position() == before + 1, context
        assert store.verify().ok, context
        with engine.connect() as connection:
            integrity = connection.exec_driver_sql("PRAGMA integrity_check").scalar()
        assert integrity == "ok", context
    finally:
        engine.dispose()
