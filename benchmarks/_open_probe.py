"""Run in a fresh interpreter by the event_store benchmark: open a database and serve a query.

    python -m benchmarks._open_probe PATH DEVICE_ID STREAM_ID

Prints one JSON line: the seconds spent importing, then opening the database (`open_database`),
building the store, `last_position()` and `read_stream(STREAM_ID)`.
"""

import time

_STARTED = time.perf_counter()

import json  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from fluxion_desktop.adapters.database import open_database  # noqa: E402
from fluxion_desktop.adapters.projections import StreamSummaryProjection  # noqa: E402
from fluxion_desktop.adapters.sqlite_event_store import SqliteEventStore  # noqa: E402
from fluxion_desktop.application.event_registry import EventRegistry  # noqa: E402


def main() -> None:
    path, device_id, stream_id = sys.argv[1:4]
    imported = time.perf_counter()
    engine = open_database(Path(path))
    opened = time.perf_counter()
    store = SqliteEventStore(
        engine, device_id, EventRegistry().is_known, [StreamSummaryProjection()]
    )
    last = store.last_position()
    events = store.read_stream(stream_id)
    served = time.perf_counter()
    engine.dispose()
    print(
        json.dumps(
            {
                "imports_s": imported - _STARTED,
                "open_database_s": opened - imported,
                "open_and_first_query_s": served - imported,
                "last_position": last,
                "stream_events": len(events),
            }
        )
    )


if __name__ == "__main__":
    main()
