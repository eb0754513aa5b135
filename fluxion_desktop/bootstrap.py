"""The one composition root: builds the database, event store, projections, handlers and bus.

No Qt here and no I/O at import time: `bootstrap()` does the work when called.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

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
from fluxion_desktop.adapters.read_models.catalog_projection import CatalogProjection
from fluxion_desktop.adapters.read_models.catalog_queries import SqlCatalogQueries, SqlStockQueries
from fluxion_desktop.adapters.read_models.stock_projection import StockProjection
from fluxion_desktop.adapters.read_models.users import SqlUserQueries, UsersProjection
from fluxion_desktop.adapters.sqlite_event_store import SqliteEventStore
from fluxion_desktop.application.authorization import Authorizer
from fluxion_desktop.application.catalog import CatalogHandlers
from fluxion_desktop.application.device import DeviceIdentity
from fluxion_desktop.application.event_registry import EventRegistry
from fluxion_desktop.application.identity import IdentityHandlers
from fluxion_desktop.application.inventory import InventoryHandlers
from fluxion_desktop.application.message_bus import MessageBus
from fluxion_desktop.application.ports import Clock, IdGenerator
from fluxion_desktop.application.repository import EventFactory, Repository
from fluxion_desktop.application.status import LocalStatus
from fluxion_desktop.domain import catalog, identity, inventory, shift
from fluxion_desktop.domain.aggregate import Aggregate
from fluxion_desktop.domain.catalog import Product
from fluxion_desktop.domain.events import DomainEvent
from fluxion_desktop.domain.identity import User
from fluxion_desktop.domain.inventory import InventoryItem
from fluxion_desktop.domain.pin import PinHasher
from fluxion_desktop.settings import Settings

log = logging.getLogger(__name__)
A = TypeVar("A", bound=Aggregate)


def domain_event_types() -> list[type[DomainEvent]]:
    """Every domain event class the app stores."""
    return [
        *catalog.EVENT_TYPES,
        *inventory.EVENT_TYPES,
        *identity.EVENT_TYPES,
        *shift.EVENT_TYPES,
    ]


def synchronous_projections(registry: EventRegistry) -> list[Projection]:
    return [
        StreamSummaryProjection(),
        CatalogProjection(registry),
        StockProjection(registry),
        UsersProjection(registry),
    ]


@dataclass
class Queries:
    catalog: SqlCatalogQueries
    stock: SqlStockQueries
    users: SqlUserQueries


@dataclass
class Services:
    """What the app's layers need, built once and passed down explicitly."""

    settings: Settings
    engine: Engine
    identity: DeviceIdentity
    registry: EventRegistry
    store: SqliteEventStore
    projections: ProjectionManager
    bus: MessageBus
    queries: Queries
    identity_handlers: IdentityHandlers
    clock: Clock
    ids: IdGenerator

    def status(self) -> LocalStatus:
        return read_local_status(self.engine, self.identity.device_id)

    def close(self) -> None:
        self.engine.dispose()


def bootstrap(
    settings: Settings,
    *,
    clock: Clock | None = None,
    ids: IdGenerator | None = None,
    pin_hasher: PinHasher | None = None,
    configure_logs: bool = True,
    event_types: Sequence[type[DomainEvent]] | None = None,
) -> Services:
    """Open (create or upgrade) the till's database and wire the services around it."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = open_database(settings.database_path, settings.busy_timeout_ms)
    ids = ids or Uuid7Generator()
    device = load_or_create_identity(engine, ids)
    if configure_logs:
        configure_logging(
            settings.log_dir,
            {
                "tenant_id": device.tenant_id or None,
                "store_id": device.store_id or None,
                "device_id": device.device_id,
            },
            settings.log_level,
        )
    registry = EventRegistry()
    registry.register_all(domain_event_types())
    if event_types:
        registry.register_all(event_types)
    projections = synchronous_projections(registry)
    bus = MessageBus()
    store = SqliteEventStore(engine, device.device_id, registry.is_known, projections, bus.publish)
    queries = Queries(SqlCatalogQueries(engine), SqlStockQueries(engine), SqlUserQueries(engine))
    clock = clock or SystemClock()
    factory = EventFactory(device, registry, clock, ids)

    def repository(kind: type[A]) -> Repository[A]:
        return Repository(kind, store, registry, factory, settings.snapshot_every)

    authorizer = Authorizer(queries.users)
    CatalogHandlers(repository(Product), queries.catalog, authorizer, ids).register(bus)
    InventoryHandlers(
        repository(InventoryItem), queries.catalog, queries.stock, authorizer, device
    ).register(bus)
    identity_handlers = IdentityHandlers(
        repository(User), queries.users, authorizer, pin_hasher or PinHasher(), clock, ids
    )
    identity_handlers.register(bus)
    log.info("database opened", extra={"data_dir": str(settings.data_dir)})
    return Services(
        settings=settings,
        engine=engine,
        identity=device,
        registry=registry,
        store=store,
        projections=ProjectionManager(engine, projections),
        bus=bus,
        queries=queries,
        identity_handlers=identity_handlers,
        clock=clock,
        ids=ids,
    )


def assign_store_and_reopen(services: Services, tenant_id: str, store_id: str) -> Services:
    """Bind this till to a tenant and store (first run, enrolment, demo) and rewire around it."""
    assign_store(services.engine, tenant_id, store_id)
    services.close()
    return bootstrap(
        services.settings, clock=services.clock, ids=services.ids, configure_logs=False
    )
