"""The one composition root: builds the database, event store, projections, handlers and bus.

No Qt here and no I/O at import time: `bootstrap()` does the work when called.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import Engine

from fluxion_desktop.adapters.alert_rules import AlertRulesProjection, SqlAlertRules
from fluxion_desktop.adapters.clock import SystemClock, Uuid7Generator
from fluxion_desktop.adapters.database import open_database
from fluxion_desktop.adapters.device_identity import assign_store, load_or_create_identity
from fluxion_desktop.adapters.local_status import read_local_status
from fluxion_desktop.adapters.logging_setup import configure_logging
from fluxion_desktop.adapters.projections import (
    Projection,
    ProjectionManager,
)
from fluxion_desktop.adapters.read_models.alert_ledger import SqlAlertLedger
from fluxion_desktop.adapters.read_models.alerts import AlertsProjection, SqlAlertQueries
from fluxion_desktop.adapters.read_models.catalog_projection import CatalogProjection
from fluxion_desktop.adapters.read_models.catalog_queries import SqlCatalogQueries, SqlStockQueries
from fluxion_desktop.adapters.read_models.demand_history import (
    DemandHistoryProjection,
    SqlDemandQueries,
)
from fluxion_desktop.adapters.read_models.reorder_settings import ReorderSettingsProjection
from fluxion_desktop.adapters.read_models.sales import (
    DailySalesProjection,
    SalesProjection,
    SqlSalesQueries,
)
from fluxion_desktop.adapters.read_models.shifts import ShiftsProjection, SqlShiftQueries
from fluxion_desktop.adapters.read_models.stock_projection import StockProjection
from fluxion_desktop.adapters.read_models.store import SqlStoreQueries, StoreProjection
from fluxion_desktop.adapters.read_models.users import SqlUserQueries, UsersProjection
from fluxion_desktop.adapters.sqlite_engine import CommandConnection
from fluxion_desktop.adapters.sqlite_event_store import SqliteEventStore
from fluxion_desktop.adapters.task_queue import SqliteTaskQueue
from fluxion_desktop.adapters.wal_checkpointer import WalCheckpointer
from fluxion_desktop.application.alert_handling import AlertHandlers
from fluxion_desktop.application.alert_raising import AlertRaising
from fluxion_desktop.application.alert_rules import AlertRuleHandlers
from fluxion_desktop.application.authorization import Authorizer
from fluxion_desktop.application.catalog import CatalogHandlers
from fluxion_desktop.application.device import DeviceIdentity
from fluxion_desktop.application.event_registry import EventRegistry
from fluxion_desktop.application.forecasting import ForecastingService
from fluxion_desktop.application.identity import IdentityHandlers
from fluxion_desktop.application.inventory import InventoryHandlers
from fluxion_desktop.application.message_bus import MessageBus
from fluxion_desktop.application.orchestrator import Agent, JournalFailureRecorder, Orchestrator
from fluxion_desktop.application.orchestrator.forecast_tasks import ForecastTaskAgent
from fluxion_desktop.application.orchestrator.triggers import ChangedProducts
from fluxion_desktop.application.oversell import OversellMonitor
from fluxion_desktop.application.ports import Clock, IdGenerator
from fluxion_desktop.application.reorder_settings import ReorderSettingsHandlers
from fluxion_desktop.application.repository import EventFactory, Repository
from fluxion_desktop.application.returns import ReturnHandlers, ReturnRepositories
from fluxion_desktop.application.sale_completion import CardTerminal, Repositories, SaleCompletion
from fluxion_desktop.application.sales import SaleHandlers, SaveOpenCarts
from fluxion_desktop.application.sales_history import SalesHistoryImporter
from fluxion_desktop.application.shifts import ShiftHandlers
from fluxion_desktop.application.status import LocalStatus
from fluxion_desktop.application.store_admin import StoreAdminHandlers
from fluxion_desktop.domain import (
    agent_tasks,
    alert_rules,
    alerts,
    catalog,
    exchange_rates,
    forecasts,
    identity,
    inventory,
    pin_guard,
    reorder,
    sale_events,
    sale_return,
    sale_saga,
    sales_history,
    shift,
    store_settings,
)
from fluxion_desktop.domain.agent_tasks import AgentTaskJournal
from fluxion_desktop.domain.aggregate import Aggregate
from fluxion_desktop.domain.alert_rules import AlertRuleBook
from fluxion_desktop.domain.alerts import AlertInbox
from fluxion_desktop.domain.catalog import Product
from fluxion_desktop.domain.events import DomainEvent
from fluxion_desktop.domain.exchange_rates import RateBoard
from fluxion_desktop.domain.forecasts import ProductForecasts
from fluxion_desktop.domain.identity import User
from fluxion_desktop.domain.inventory import InventoryItem
from fluxion_desktop.domain.pin import PinHasher
from fluxion_desktop.domain.pin_guard import PinGuard
from fluxion_desktop.domain.reorder import ReorderPolicy
from fluxion_desktop.domain.sale import Sale
from fluxion_desktop.domain.sale_return import SaleReturn
from fluxion_desktop.domain.sale_saga import SaleSaga
from fluxion_desktop.domain.shift import Shift
from fluxion_desktop.domain.store_settings import StoreConfiguration
from fluxion_desktop.intelligence.alerting.rules import parse_rule
from fluxion_desktop.jobs.intelligence_jobs import (
    IntelligenceSchedule,
    lower_thread_priority,
    schedule_intelligence,
)
from fluxion_desktop.settings import Settings

if TYPE_CHECKING:  # APScheduler loads only when the agents start
    from apscheduler.schedulers.base import BaseScheduler

log = logging.getLogger(__name__)
A = TypeVar("A", bound=Aggregate)
# How long closing waits for a command still running before it writes the open carts.
CLOSE_WAIT_S = 5.0


def domain_event_types() -> list[type[DomainEvent]]:
    """Every domain event class the app stores."""
    modules = (alerts, catalog, inventory, identity, pin_guard, shift, sale_events, sale_return,
               sale_saga, store_settings, exchange_rates, forecasts, sales_history,
               agent_tasks, reorder, alert_rules)  # fmt: skip
    return [event_type for module in modules for event_type in module.EVENT_TYPES]


def synchronous_projections(registry: EventRegistry) -> list[Projection]:
    # No StreamSummaryProjection: nothing in the app reads it, and it cost every append an
    # upsert per stream (eight for a sale's completion) and two pages of WAL.
    return [
        CatalogProjection(registry),
        StockProjection(registry),
        UsersProjection(registry),
        StoreProjection(registry),
        SalesProjection(registry),
        AlertsProjection(registry),
        ReorderSettingsProjection(registry),
        AlertRulesProjection(registry),
        ShiftsProjection(registry),
    ]


def lagging_projections(registry: EventRegistry) -> list[Projection]:
    # Read by forecasts, alerts, reorder suggestions and the back office's reports, never at the
    # counter: fed while the till is idle and before those read them. In the sale's commit they
    # cost ~15 row writes and a fifth of its WAL pages for nothing the cashier waits on.
    return [DemandHistoryProjection(registry), DailySalesProjection(registry)]


@dataclass
class Queries:
    catalog: SqlCatalogQueries
    stock: SqlStockQueries
    users: SqlUserQueries
    store: SqlStoreQueries
    sales: SqlSalesQueries
    alerts: SqlAlertQueries
    shifts: SqlShiftQueries
    demand: SqlDemandQueries


@dataclass
class Handlers:
    identity: IdentityHandlers
    sales: SaleHandlers
    completion: SaleCompletion
    shifts: ShiftHandlers


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
    handlers: Handlers
    clock: Clock
    ids: IdGenerator
    command_connection: CommandConnection
    closed: bool = field(default=False, init=False)

    @property
    def identity_handlers(self) -> IdentityHandlers:
        return self.handlers.identity

    def status(self) -> LocalStatus:
        return read_local_status(self.engine, self.identity.device_id)

    def close(self) -> None:
        """Write what is held, stop the background work and let the database go; once (a
        second call, as reopening after an enrolment makes, opens no connection)."""
        if self.closed:
            return
        self.closed = True
        try:
            # An open cart's last edits, held in memory (none, usually). A command still running
            # (a card terminal that hangs) must not keep the app from closing.
            if self.handlers.sales.held_edits:
                self.bus.handle(SaveOpenCarts(), wait_s=CLOSE_WAIT_S)
        except Exception:  # closing goes on: the cart is not a sale, and the log is intact
            log.exception("the open carts' last edits could not be written")
        # WAL checkpoints run on their own thread: stop them and let a running one finish, or it
        # would open the database again after the dispose and hold the file (a restore, a
        # deleted test folder on Windows).
        self.store.wal_checkpointer.stop()
        try:
            # What the idle till had not fed yet (seconds of sales, usually): the database is
            # then whole as it is left, for a backup, a downgrade or the next start.
            self.projections.catch_up_lagging()
        except Exception:  # the next start or query feeds them
            log.exception("the lagging read models could not be caught up")
        self.command_connection.release()
        self.engine.dispose()


@dataclass(frozen=True)
class Devices:
    """Hardware and test hooks: a card terminal, and who to tell after each saga step."""

    card_terminal: CardTerminal | None = None
    saga_step_hook: Callable[[str], None] | None = None


def bootstrap(
    settings: Settings,
    *,
    clock: Clock | None = None,
    ids: IdGenerator | None = None,
    pin_hasher: PinHasher | None = None,
    configure_logs: bool = True,
    event_types: Sequence[type[DomainEvent]] | None = None,
    devices: Devices | None = None,
) -> Services:
    """Open (create or upgrade) the till's database and wire the services around it.

    Sale sagas a crash left half-done are finished or compensated before this returns.
    """
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = open_database(settings.database_path, settings.busy_timeout_ms)
    ids = ids or Uuid7Generator()
    device = load_or_create_identity(engine, ids)
    if configure_logs:
        context = {"tenant_id": device.tenant_id or None, "store_id": device.store_id or None,
                   "device_id": device.device_id}  # fmt: skip
        configure_logging(settings.log_dir, context, settings.log_level)
    registry = EventRegistry()
    registry.register_all([*domain_event_types(), *(event_types or ())])
    projections, lagging = synchronous_projections(registry), lagging_projections(registry)
    manager = ProjectionManager(engine, projections, lagging)
    command_connection = CommandConnection(engine)
    bus = MessageBus(command_scope=command_connection.scope)
    # While the till is idle, a page of lagging read models at a time before each checkpoint.
    wal = WalCheckpointer(engine, idle_work=lambda: manager.catch_up_lagging(pages=1))
    store = SqliteEventStore(engine, device.device_id, registry.is_known, projections, bus.publish,
                             wal, lagging)  # fmt: skip
    queries = Queries(
        SqlCatalogQueries(engine),
        SqlStockQueries(engine),
        SqlUserQueries(engine),
        SqlStoreQueries(engine, registry, device.store_id),
        SqlSalesQueries(engine, registry, device.device_id, manager.freshen_lagging),
        SqlAlertQueries(engine),
        SqlShiftQueries(engine),
        SqlDemandQueries(engine, registry, manager.freshen_lagging),
    )
    clock = clock or SystemClock()
    factory = EventFactory(device, registry, clock, ids)
    wiring = _Wiring(store, registry, factory, settings.snapshot_every, queries, device, clock, ids)
    handlers = wiring.handlers(bus, pin_hasher or PinHasher(), devices or Devices())
    # Before anything is appended: a read model an upgrade added must hold the older events too
    # (the first append would otherwise move its checkpoint to the log's end).
    caught_up = manager.catch_up()
    services = Services(settings, engine, device, registry, store, manager, bus, queries, handlers,
                        clock, ids, command_connection)  # fmt: skip
    recovered = handlers.completion.recover()
    log.info("database opened", extra={"data_dir": str(settings.data_dir),
                                       "events_caught_up": caught_up,
                                       "sagas_recovered": len(recovered)})  # fmt: skip
    return services


@dataclass
class _Wiring:
    store: SqliteEventStore
    registry: EventRegistry
    factory: EventFactory
    snapshot_every: int
    queries: Queries
    device: DeviceIdentity
    clock: Clock
    ids: IdGenerator

    def repository(self, kind: type[A]) -> Repository[A]:
        return Repository(kind, self.store, self.registry, self.factory, self.snapshot_every)

    def handlers(self, bus: MessageBus, hasher: PinHasher, devices: Devices) -> Handlers:
        q, ids, clock = self.queries, self.ids, self.clock
        authorizer = Authorizer(q.users)
        CatalogHandlers(self.repository(Product), q.catalog, authorizer, ids).register(bus)
        # Stock items and shifts: one repository each for the handlers that receive, sell and
        # return, so a sale finds the items the last receipt left in memory, and the shift its
        # opening left, instead of loading them again.
        items = self.repository(InventoryItem)
        InventoryHandlers(items, q.catalog, q.stock, authorizer, self.device).register(bus)
        StoreAdminHandlers(self.repository(StoreConfiguration), self.repository(RateBoard),
                           authorizer, self.device).register(bus)  # fmt: skip
        identity = IdentityHandlers(self.repository(User), self.repository(PinGuard), q.users,
                                    authorizer, hasher, clock, ids, self.device)  # fmt: skip
        identity.register(bus)
        shift_repository = self.repository(Shift)
        shifts = ShiftHandlers(shift_repository, q.shifts, authorizer, identity, self.device,
                               clock, ids)  # fmt: skip
        shifts.register(bus)
        # One Sale repository for ringing up and completing: CompleteSale then finds the sale in
        # the cache its last command left, with the cart's edits it holds.
        sale_repository = self.repository(Sale)
        sales = SaleHandlers(sale_repository, q.catalog, q.store, authorizer, identity,
                             clock, ids)  # fmt: skip
        sales.register(bus)
        repositories = Repositories(sale_repository, items, shift_repository,
                                    self.repository(SaleSaga))  # fmt: skip
        oversell = OversellMonitor(self.repository(AlertInbox), q.alerts, q.stock, q.catalog,
                                   self.device, clock, ids)  # fmt: skip
        completion = SaleCompletion(
            self.store, repositories, q.catalog, q.stock, q.store, q.sales, authorizer, identity,
            self.device, clock, ids, oversell, devices.card_terminal, devices.saga_step_hook,
        )  # fmt: skip
        completion.register(bus)
        ReturnHandlers(
            self.store,
            ReturnRepositories(self.repository(SaleReturn), items, shift_repository),
            q.sales, q.catalog, q.stock, authorizer, identity, self.device, clock, ids,
        ).register(bus)  # fmt: skip
        ReorderSettingsHandlers(self.repository(ReorderPolicy), q.catalog, authorizer,
                                self.device, clock).register(bus)  # fmt: skip
        AlertRaising(self.repository(AlertInbox), self.device, clock, ids).register(bus)
        AlertHandlers(self.repository(AlertInbox), authorizer, self.device, clock).register(bus)
        AlertRuleHandlers(self.repository(AlertRuleBook), authorizer, self.device, clock,
                          parse_rule).register(bus)  # fmt: skip
        oversell.register(bus)
        demand = q.demand
        SalesHistoryImporter(self.store, q.catalog, demand, self.factory, authorizer,
                             ids).register(bus)  # fmt: skip
        return Handlers(identity, sales, completion, shifts)


def assign_store_and_reopen(services: Services, tenant_id: str, store_id: str) -> Services:
    """Bind this till to a tenant and store (first run, enrolment, demo) and rewire around it."""
    assign_store(services.engine, tenant_id, store_id)
    services.close()
    return bootstrap(
        services.settings, clock=services.clock, ids=services.ids, configure_logs=False
    )


def forecasting_service(
    services: Services, workers: int = 1, *, isolated: bool = False
) -> ForecastingService:
    """The forecast agent over this till's demand history, recording `ForecastGenerated`.

    pandas, statsforecast and Prophet load on the first forecast, not here; `isolated` (what a
    running till wants) keeps them in a worker process of their own, off the GUI's GIL."""
    from fluxion_desktop.intelligence.forecasting.agent import ForecastAgent

    agent = ForecastAgent(workers=workers, isolated=isolated,
                          cache_dir=services.settings.data_dir / "forecast_cache")  # fmt: skip
    return ForecastingService(
        services.queries.demand, agent, _wiring_of(services).repository(ProductForecasts),
        services.identity.device_id, services.clock, services.ids,
    )  # fmt: skip


@dataclass
class Agents:
    """The agents at work in the background: the orchestrator's worker and its schedule."""

    orchestrator: Orchestrator
    scheduler: BaseScheduler

    def stop(self) -> None:
        self.scheduler.shutdown(wait=False)
        self.orchestrator.stop()


def start_agents(services: Services) -> Agents:
    """Start the forecast and alert agents on a worker at low priority, and the APScheduler
    jobs that queue their work (nightly forecasts, alert checks, forecasts after big changes).

    Tasks a crash left running are queued again first. Call `stop()` before closing services.
    """
    from apscheduler.schedulers.background import BackgroundScheduler

    from fluxion_desktop.intelligence.alerting.agent import AlertAgent

    wiring, q = _wiring_of(services), services.queries
    schedule = IntelligenceSchedule.from_settings(services.settings)
    store_id = services.identity.store_id
    agents: list[Agent] = [
        ForecastTaskAgent(forecasting_service(services, isolated=True), store_id),
        AlertAgent(q.demand, q.stock, q.catalog,
                   SqlAlertRules(services.engine), SqlAlertLedger(services.engine),
                   services.bus.handle, services.identity, services.clock),
    ]  # fmt: skip
    orchestrator = Orchestrator(
        SqliteTaskQueue(services.engine), agents,
        JournalFailureRecorder(wiring.repository(AgentTaskJournal), services.identity.device_id),
        services.clock, services.ids, random.Random(), workers=schedule.workers,
        on_worker_start=lower_thread_priority(),
    )  # fmt: skip
    orchestrator.recover()
    orchestrator.start()
    changes = ChangedProducts()
    changes.register(services.bus)
    scheduler = BackgroundScheduler(daemon=True)
    schedule_intelligence(scheduler, orchestrator, schedule, changes)
    scheduler.start()
    return Agents(orchestrator, scheduler)


def _wiring_of(services: Services) -> _Wiring:
    factory = EventFactory(services.identity, services.registry, services.clock, services.ids)
    return _Wiring(services.store, services.registry, factory, services.settings.snapshot_every,
                   services.queries, services.identity, services.clock, services.ids)  # fmt: skip
