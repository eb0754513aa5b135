"""Child process of test_concurrent_writers: one writer of a two-process race, driven over stdin.

Usage: python race_child.py DB_PATH [OPEN_AT] (the repository root must be on PYTHONPATH).
With OPEN_AT (a time.time() value) it waits until then before opening the database, so that
several children open it at the same moment. Prints `READY` once its own engine and store are
open (or `OPEN FAILED <what>` and exits 1), then answers one line per command:

    LOAD <stream>   -> LOADED <version>                  (reads the stream's version)
    GO <n>          -> WON <positions> <event ids>       (appends n new events at that version)
                    or LOST <expected> <actual> <event ids>   (ConcurrencyError)
                    or ERROR <what>                      (anything else)

Lists are comma-separated. The process ends at EOF on stdin.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from fluxion_desktop.adapters.database import open_database
from fluxion_desktop.adapters.projections import StreamSummaryProjection
from fluxion_desktop.adapters.sqlite_event_store import SqliteEventStore
from fluxion_desktop.application.event_store import ConcurrencyError
from tests.support.sample_events import DEVICE, new_event, sample_registry


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main(argv: list[str]) -> int:
    if len(argv) > 2:
        time.sleep(max(0.0, float(argv[2]) - time.time()))
    try:
        engine = open_database(Path(argv[1]))
    except Exception as error:
        _say(f"OPEN FAILED {type(error).__name__}: {error}".replace("\n", " "))
        return 1
    projections = [StreamSummaryProjection()]
    store = SqliteEventStore(engine, DEVICE, sample_registry().is_known, projections)
    stream, loaded = "", 0
    _say("READY")
    for line in sys.stdin:
        command, _, argument = line.strip().partition(" ")
        if command == "LOAD":
            stream, loaded = argument, store.stream_version(argument)
            _say(f"LOADED {loaded}")
        elif command == "GO":
            events = [
                new_event({"amount": f"{i + 1}.00", "note": "race"}) for i in range(int(argument))
            ]
            ids = ",".join(str(e.event_id) for e in events)
            try:
                result = store.append(stream, events, loaded)
            except ConcurrencyError as error:
                _say(f"LOST {error.expected} {error.actual} {ids}")
            except Exception as error:
                _say(f"ERROR {type(error).__name__}: {error}".replace("\n", " "))
            else:
                _say(f"WON {','.join(map(str, result.positions))} {ids}")
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
