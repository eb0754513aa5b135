"""What the manager's back office needs, handed to it explicitly (there is no global app object).

`cli.back_office_wiring.back_office_context` builds it from the composition root's services;
tests build it from a test till. Everything here that reads or writes the database is called
only inside `runner` tasks, never on the GUI thread.

`application.back_office_forecasts.BackOfficeForecasts` serves the forecasts from the demand
history read model. Reorder suggestions are another module's work: the back office asks only
for what the small protocols below name, so any object with those attributes fits (they are
structural; their modules need not import this one). The sync client is read through its own
port, `application.sync_status.SyncStatusSource`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol

from fluxion_desktop.application.authorization import UserQueries
from fluxion_desktop.application.device import DeviceIdentity
from fluxion_desktop.application.message_bus import MessageBus
from fluxion_desktop.application.queries import CatalogQueries, StockQueries
from fluxion_desktop.application.report_queries import AlertQueries, CatalogPages, ReportQueries
from fluxion_desktop.application.store_admin import StoreQueries
from fluxion_desktop.application.sync_status import SyncStatusSource
from fluxion_desktop.ui.task_runner import TaskRunner

Number = Decimal | float | int


class HistoryPoint(Protocol):
    """Units sold on one day."""

    @property
    def day(self) -> date: ...

    @property
    def quantity(self) -> Number: ...


class ForecastPoint(Protocol):
    """Units expected on one day, with the low and high ends of the prediction interval."""

    @property
    def day(self) -> date: ...

    @property
    def quantity(self) -> Number: ...

    @property
    def low(self) -> Number: ...

    @property
    def high(self) -> Number: ...


class ForecastView(Protocol):
    """One product's forecast: what was sold, what is expected, and when stock runs out."""

    @property
    def product_id(self) -> str: ...

    @property
    def history(self) -> Sequence[HistoryPoint]: ...

    @property
    def forecast(self) -> Sequence[ForecastPoint]: ...

    @property
    def stockout_days(self) -> Sequence[date]:
        """Days of the history the product was out of stock (their sales are censored)."""
        ...

    @property
    def runs_out_on(self) -> date | None:
        """The day the forecast runs the stock on hand out, None if it lasts the horizon."""
        ...

    @property
    def model(self) -> str:
        """The name of the model that made it ("AutoETS", "Prophet", "seasonal naive")."""
        ...

    @property
    def mase(self) -> Number | None:
        """Its accuracy on held-out history (mean absolute scaled error; below 1 beats naive)."""
        ...


class ForecastQueries(Protocol):
    def forecast(self, product_id: str) -> ForecastView | None:
        """The product's history and latest forecast (`forecast` empty if none was made yet);
        None when there is neither."""
        ...


class ReorderSuggestion(Protocol):
    @property
    def product_id(self) -> str: ...

    @property
    def sku(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def on_hand(self) -> Number: ...

    @property
    def quantity(self) -> Number:
        """How many units to order."""
        ...

    @property
    def stockout_day(self) -> date | None: ...


class ReorderQueries(Protocol):
    def suggestions(self) -> Sequence[ReorderSuggestion]:
        """What to order now, the most urgent first."""
        ...


@dataclass(frozen=True)
class BackOfficeContext:
    """`acting_user` is the logged-in manager's user id (commands need it), None if nobody."""

    bus: MessageBus
    catalog: CatalogQueries
    catalog_pages: CatalogPages
    stock: StockQueries
    alerts: AlertQueries
    store: StoreQueries
    users: UserQueries
    reports: ReportQueries
    device: DeviceIdentity
    runner: TaskRunner
    acting_user: Callable[[], str | None]
    new_id: Callable[[], str]  # a fresh UUIDv7 (transfer ids)
    forecasts: ForecastQueries | None = None
    # Makes and records a forecast of the product now (seconds of work: only on the runner);
    # returns what the forecasting service returns (an object with `message` if data is short).
    forecast_now: Callable[[str], object] | None = None
    reorder: ReorderQueries | None = None
    sync: SyncStatusSource | None = None  # the sync client (application/sync_status.py)
    printer: Callable[[], str] | None = None  # where receipts print, as the printer module says
    hq_address: Callable[[], str] | None = None  # the HQ the sync client talks to
    # Logs and status for support, secrets removed (slow: reads every log; only on the runner).
    diagnostics: Callable[[], str] | None = None
