"""Builds the back office's context from the composition root's services, so the main window can
offer it with one line:

    TillContext(..., back_office=back_office_factory(services))

and the main window calling it with the user who asked for it: `context.back_office(user)`.

Registers the back office's own command handlers (acknowledging alerts) on the services' bus the
first time; the screens (and QtCharts) are imported only when the factory is first called.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fluxion_desktop.adapters.diagnostics import diagnostics_text
from fluxion_desktop.adapters.printing.printer_config import PrinterConfigError, load_printer_config
from fluxion_desktop.adapters.read_models.demand_history import SqlDemandQueries
from fluxion_desktop.adapters.read_models.reorder_settings import SqlReorderSettingsQueries
from fluxion_desktop.adapters.read_models.reports import SqlCatalogPages, SqlReportQueries
from fluxion_desktop.adapters.sync.state_store import SqliteSyncState
from fluxion_desktop.application.authorization import UserView
from fluxion_desktop.application.back_office_forecasts import BackOfficeForecasts
from fluxion_desktop.application.sync_status import SyncStatusSource
from fluxion_desktop.bootstrap import Services, forecasting_service
from fluxion_desktop.intelligence.reorder.recorded_forecasts import RecordedForecastSource
from fluxion_desktop.intelligence.reorder.suggestions import BackOfficeReorder, ReorderService
from fluxion_desktop.ui.back_office.context import (
    BackOfficeContext,
    ForecastQueries,
    ReorderQueries,
)
from fluxion_desktop.ui.task_runner import TaskRunner

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


def back_office_context(
    services: Services,
    runner: TaskRunner,
    acting_user: Callable[[], str | None],
    *,
    forecasts: ForecastQueries | None = None,
    reorder: ReorderQueries | None = None,
    sync: SyncStatusSource | None = None,
    printer: Callable[[], str] | None = None,
    hq_address: Callable[[], str] | None = None,
) -> BackOfficeContext:
    """The back office's context around `services`; `acting_user` says who is logged in.

    Forecasts come from the demand history read model and reorder suggestions from the reorder
    planner (over the forecasts recorded) unless `forecasts` or `reorder` is given; the sync
    client when given. The printer and the HQ address shown in the settings are this till's
    `printer.json` and sync state unless given.
    """
    q = services.queries
    demand = q.demand
    store_id = services.identity.store_id
    if forecasts is None:
        forecasts = BackOfficeForecasts(demand, q.stock, store_id)
    if reorder is None:
        reorder = _reorder(services, demand)
    return BackOfficeContext(
        bus=services.bus,
        catalog=q.catalog,
        catalog_pages=SqlCatalogPages(services.engine),
        stock=q.stock,
        alerts=q.alerts,
        store=q.store,
        users=q.users,
        reports=SqlReportQueries(
            services.engine, q.shifts, q.users, services.projections.freshen_lagging
        ),
        device=services.identity,
        runner=runner,
        acting_user=acting_user,
        new_id=lambda: str(services.ids.new_id()),
        forecasts=forecasts,
        forecast_now=_forecast_now(services),
        reorder=reorder,
        sync=sync,
        printer=printer or (lambda: describe_printer(services.settings.data_dir)),
        hq_address=hq_address or (lambda: SqliteSyncState(services.engine).hq_url() or ""),
        diagnostics=lambda: diagnostics_text(services.settings, services.clock.now()),
    )


def back_office_factory(
    services: Services,
    acting_user: Callable[[], str | None] | None = None,
    runner: TaskRunner | None = None,
    **optional: Any,
) -> Callable[..., QWidget]:
    """What `TillContext.back_office` wants: a callable that builds the back office widget.

    `build(user)` acts as `user` (the main window knows who pressed Ctrl+M); `build()` acts as
    `acting_user()` (nobody when that is None too: the screens then only read). Without
    `runner`, each back office gets its own one-thread `ThreadPoolTaskRunner` (owned by the
    widget), so a long report or a forecast never queues ahead of the till's next scan.
    `optional` goes to `back_office_context` (forecasts, reorder, sync, printer, hq_address).
    """

    def build(user: UserView | None = None) -> QWidget:
        from fluxion_desktop.ui.back_office.back_office import BackOffice
        from fluxion_desktop.ui.task_runner import ThreadPoolTaskRunner

        def who() -> str | None:
            if user is not None:
                return user.user_id
            return acting_user() if acting_user is not None else None

        own = runner or ThreadPoolTaskRunner()
        office = BackOffice(back_office_context(services, own, who, **optional))
        if runner is None and isinstance(own, ThreadPoolTaskRunner):
            own.setParent(office)
        return office

    return build


def _forecast_now(services: Services) -> Callable[[str], object]:
    """A forecast of one product of this store, recorded as `ForecastGenerated` (the engine's
    libraries load on the first call, on the runner)."""
    forecasting = forecasting_service(services, isolated=True)
    store_id = services.identity.store_id
    return lambda product_id: forecasting.demand_forecast(product_id, store_id)


def describe_printer(data_dir: Path) -> str:
    """This till's receipt printer in a few words ("" for none), or what is wrong with its file."""
    try:
        config = load_printer_config(data_dir)
    except PrinterConfigError as error:
        return str(error)
    match config.backend:
        case "network":
            return f"network {config.host}:{config.port}"
        case "usb":
            return f"USB {config.usb_vendor:04x}:{config.usb_product:04x}"
        case "serial":
            return f"serial {config.device} {config.baudrate} baud"
        case "file":
            return f"file {config.device}"
    return ""


def _reorder(services: Services, demand: SqlDemandQueries) -> BackOfficeReorder:
    """The reorder planner's suggestions for this store, sized on the forecasts recorded."""
    q, identity = services.queries, services.identity
    source = RecordedForecastSource(services.store, services.registry, identity.device_id)
    planner = ReorderService(demand, q.stock, q.catalog, SqlReorderSettingsQueries(services.engine),
                             identity.store_id, source)  # fmt: skip
    return BackOfficeReorder(planner, services.clock)
