"""A real HQ server for tests: uvicorn on 127.0.0.1, a free port, in a background thread.

    with start_hq_server("sqlite:///" + str(tmp_path / "hq.db")) as hq:
        tenant, store = hq.tenant_and_store()
        code = hq.enrollment_code(store)
        httpx.get(hq.url + "/health")

`hq.database` is the server's own `sync.server.database.Database` (same engine), for
administration (tenancy, hq_directives, catalog_import) and for asserting what HQ stored.
`hq.clock` is the HQ's clock: a `MutableClock` tests may move.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import uvicorn
from sqlalchemy import func, select

from sync.server import schema, tenancy
from sync.server.app import HqSettings, create_app
from sync.server.database import Database, migrate, open_database


@dataclass
class MutableClock:
    """HQ's clock in tests: real time unless pinned; `advance` moves it."""

    offset: timedelta = field(default_factory=timedelta)

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def advance(self, delta: timedelta) -> None:
        self.offset += delta


@dataclass
class RunningHq:
    url: str
    database_url: str
    database: Database
    clock: MutableClock

    def tenant_and_store(
        self, tenant_name: str = "Bodegas Test", store_name: str = "Centro"
    ) -> tuple[str, str]:
        """A new tenant and one store of it: (tenant_id, store_id)."""
        tenant = tenancy.create_tenant(self.database, tenant_name, self.clock())
        return tenant, tenancy.create_store(self.database, tenant, store_name, self.clock())

    def store(self, tenant_id: str, name: str = "Otra tienda") -> str:
        return tenancy.create_store(self.database, tenant_id, name, self.clock())

    def enrollment_code(self, store_id: str) -> str:
        return tenancy.create_enrollment_code(self.database, store_id, self.clock())

    def staff_token(self, tenant_id: str) -> str:
        return tenancy.create_staff_token(self.database, tenant_id, self.clock())

    def revoke(self, device_id: str) -> None:
        tenancy.revoke_device(self.database, device_id, self.clock())

    def count_events(self, **where: str) -> int:
        """How many events HQ stored, filtered by column values (e.g. device_id=...)."""
        query = select(func.count()).select_from(schema.events)
        for column, value in where.items():
            query = query.where(schema.events.c[column] == value)
        with self.database.read() as conn:
            return int(conn.execute(query).scalar() or 0)


@contextmanager
def start_hq_server(database_url: str, clock: MutableClock | None = None) -> Iterator[RunningHq]:
    """Migrate `database_url`, serve it with uvicorn on 127.0.0.1:<free port> in a thread, and
    stop the server (and dispose the engine) on exit."""
    clock = clock or MutableClock()
    database = open_database(database_url, pool_size=8)
    migrate(database)
    app = create_app(
        HqSettings(database_url, clock=clock, migrate_on_start=False), database=database
    )
    # Port 0: uvicorn binds a port the system picks, read back once it started. A port found
    # free and bound later could be taken meanwhile by the other pytest-xdist worker's server.
    config = uvicorn.Config(
        app, host="127.0.0.1", port=0, log_level="warning", lifespan="on", access_log=False
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="hq", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the HQ server did not start")
        time.sleep(0.02)
    port = int(server.servers[0].sockets[0].getsockname()[1])
    try:
        yield RunningHq(f"http://127.0.0.1:{port}", database_url, database, clock)
    finally:
        server.should_exit = True
        thread.join(timeout=20)
        database.dispose()
