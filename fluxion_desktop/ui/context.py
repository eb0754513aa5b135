"""What the till's screens need, handed to them explicitly (there is no global app object).

`cli.till_commands._run` builds it from the composition root's services; tests build it from a test till.
Everything here that reads or writes the database is called only inside `runner` tasks, never
on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fluxion_desktop.application.authorization import UserQueries
from fluxion_desktop.application.device import DeviceIdentity
from fluxion_desktop.application.message_bus import MessageBus
from fluxion_desktop.application.queries import CatalogQueries
from fluxion_desktop.application.shifts import ShiftQueries
from fluxion_desktop.application.status import LocalStatus
from fluxion_desktop.application.store_admin import StoreQueries
from fluxion_desktop.domain.sale import Sale
from fluxion_desktop.ui.task_runner import TaskRunner


@dataclass(frozen=True)
class TillContext:
    bus: MessageBus
    catalog: CatalogQueries
    store: StoreQueries
    shifts: ShiftQueries
    users: UserQueries
    load_sale: Callable[[str], Sale]  # reads a sale as it stands; never changes it
    status: Callable[[], LocalStatus]
    device: DeviceIdentity
    runner: TaskRunner
