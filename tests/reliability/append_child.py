"""Child process of test_kill9_durability: appends to the event log until it is SIGKILLed.

Usage: python append_child.py DB_PATH SEED [--ready-before-open]
The repository root must be on PYTHONPATH (the test sets it).

1. Imports everything, prints `IMPORTED` and waits for a line on stdin, so the parent can start the
   next child while it still checks the file after the last kill.
2. Opens the database and prints `READY` (with --ready-before-open: prints `READY` first, so that
   a kill can land inside the first migration).
3. Appends forever: single events and batches of 2 to 5 events to a few streams, each at the
   version it has just read. Each payload carries `note = "batch:<batch id>:<batch size>"`, so the
   parent can check that every batch is all-or-nothing. Only after `append` returned (committed)
   does it print one line per event, `ACK <position> <event_id> <stream> <version> <batch> <size>`,
   flushed in one write.

`DB_PATH.child-state` holds one byte, written through a shared memory map (so it survives the
kill): "-" before the first append, "A" while inside `append`, "D" once it returned.
"""

from __future__ import annotations

import mmap
import os
import random
import sys
import time
import uuid
from pathlib import Path

from fluxion_desktop.adapters.database import open_database
from fluxion_desktop.adapters.projections import StreamSummaryProjection
from fluxion_desktop.adapters.sqlite_event_store import SqliteEventStore
from tests.support.sample_events import DEVICE, new_event, sample_registry

STREAMS = ("tally-0", "tally-1", "tally-2", "tally-3")


def _payload(rng: random.Random, batch: str, size: int) -> dict[str, str]:
    payload = {"amount": f"{rng.randint(1, 999)}.{rng.randint(0, 99):02d}"}
    payload["note"] = f"batch:{batch}:{size}"
    if rng.random() < 0.2:
        # Now and then a row bigger than a page, so one transaction writes many WAL frames.
        payload["pad"] = "p" * rng.randint(100, 9000)
    return payload


def _state_map(db_path: Path) -> mmap.mmap:
    descriptor = os.open(f"{db_path}.child-state", os.O_RDWR | os.O_CREAT, 0o644)
    os.ftruncate(descriptor, 1)
    state = mmap.mmap(descriptor, 1)
    state[0:1] = b"-"
    return state


def main(argv: list[str]) -> int:
    db_path, seed = Path(argv[1]), int(argv[2])
    ready_before_open = "--ready-before-open" in argv[3:]
    rng = random.Random(seed)
    out = sys.stdout
    out.write("IMPORTED\n")
    out.flush()
    sys.stdin.readline()  # "GO": the parent is done with the file
    if ready_before_open:
        out.write("READY\n")
        out.flush()
    state = _state_map(db_path)
    engine = open_database(db_path)
    projections = [StreamSummaryProjection()]
    store = SqliteEventStore(engine, DEVICE, sample_registry().is_known, projections)
    if not ready_before_open:
        out.write("READY\n")
        out.flush()
    while True:
        stream = rng.choice(STREAMS)
        size = 1 if rng.random() < 0.4 else rng.randint(2, 5)
        batch = uuid.uuid4().hex
        events = [new_event(_payload(rng, batch, size)) for _ in range(size)]
        version = store.stream_version(stream)
        state[0:1] = b"A"
        result = store.append(stream, events, version)
        state[0:1] = b"D"
        # Acknowledge only now: the append has committed.
        lines = [
            f"ACK {position} {event.event_id} {stream} {version + i + 1} {batch} {size}\n"
            for i, (position, event) in enumerate(zip(result.positions, events, strict=True))
        ]
        out.write("".join(lines))
        out.flush()
        # A short pause between commands keeps the log (and the parent's checks) small while the
        # child still spends much of its time inside a transaction, where the kills should land.
        time.sleep(rng.uniform(0.0, 0.0015))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
