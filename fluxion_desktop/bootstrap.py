"""The one composition root: builds the database, event store, projections and services.

No Qt here and no I/O at import time: `bootstrap()` does the work when called.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Engine

from fluxion_desktop.adapters.clock import SystemClock, Uuid7Generator
from fluxion_desktop.adapters.database import open_database
from fluxion_desktop.adapters.device_identity import assign_store, load_or_create_identity
from fluxion_desktop.adapters.local_status import read_local_status
from fluxion_desktop.adapters.logging_setup import configure_logging
from fluxion_desktop.adapters.projections import (
    Projection,
    ProjectionManager,
    StreamSummaryProjection,
)
from fluxion_desktop.adapters.sqlite_event_store import SqliteEventStore
from fluxion_desktop.application.device import DeviceIdentity
from fluxion_desktop.application.event_registry import EventRegistry
from fluxion_desktop.application.ports import Clock, IdGenerator
from fluxion_desktop.application.status import LocalStatus
from fluxion_desktop.domain.events import DomainEvent
from fluxion_desktop.settings import Settings

log = logging.getLogger(__name__)


def domain_event_types() -> list[type[DomainEvent]]:
    """Every domain event class the app stores (extended as bounded contexts land)."""
    return []


def synchronous_projections() -> list[Projection]:
    return [StreamSummaryProjection()]


@dataclass
class Services:
    """What the app's layers need, built once and passed down explicitly."""

    settings: Settings
    engine: Engine
    identity: DeviceIdentity
    registry: EventRegistry
    store: SqliteEventStore
    projections: ProjectionManager
    clock: Clock
    ids: IdGenerator

    def status(self) -> LocalStatus:
        return read_local_status(self.engine, self.identity.device_id)

    def assign_store(self, tenant_id: str, store_id: str) -> None:
        assign_store(self.engine, tenant_id, store_id)
        self.identity = DeviceIdentity(tenant_id, store_id, self.identity.device_id)

    def close(self) -> None:
        self.engine.dispose()


def bootstrap(
    settings: Settings,
    *,
    clock: Clock | None = None,
    ids: IdGenerator | None = None,
    configure_logs: bool = True,
    event_types: Sequence[type[DomainEvent]] | None = None,
) -> Services:
    """Open (create or upgrade) the till's database and wire the services around it."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = open_database(settings.database_path, settings.busy_timeout_ms)
    ids = ids or Uuid7Generator()
    identity = load_or_create_identity(engine, ids)
    if configure_logs:
        configure_logging(
            settings.log_dir,
            {
                "tenant_id": identity.tenant_id or None,
                "store_id": identity.store_id or None,
                "device_id": identity.device_id,
            },
            settings.log_level,
        )
    registry = EventRegistry()
    registry.register_all(domain_event_types() if event_types is None else event_types)
    projections = synchronous_projections()
    store = SqliteEventStore(engine, identity.device_id, registry.is_known, projections)
    log.info("database opened", extra={"data_dir": str(settings.data_dir)})
    return Services(
        settings=settings,
        engine=engine,
        identity=identity,
        registry=registry,
        store=store,
        projections=ProjectionManager(engine, projections),
        clock=clock or SystemClock(),
        ids=ids,
    )
