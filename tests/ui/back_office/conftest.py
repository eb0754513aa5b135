"""A real till with a manager logged in, its back office on the synchronous task runner."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from fluxion_desktop.application.inventory import ReceiveStock, SetStockLimits
from fluxion_desktop.application.sync_status import SyncStatusSource
from fluxion_desktop.cli.back_office_wiring import back_office_context
from fluxion_desktop.domain.tax import TaxCategory
from fluxion_desktop.ui.back_office.back_office import BackOffice
from fluxion_desktop.ui.back_office.context import (
    BackOfficeContext,
    ForecastQueries,
    ReorderQueries,
)
from fluxion_desktop.ui.formatting import NumberFormat
from fluxion_desktop.ui.task_runner import SynchronousTaskRunner
from tests.support.app import Till, configure_store, open_till

HARINA, CAFE, JABON = "7591002000011", "7591234567894", "7590000000016"


@pytest.fixture
def till(tmp_path: Path) -> Iterator[Till]:
    """Three products: flour plenty, coffee low (2 of minimum 5), soap out of stock."""
    till = open_till(tmp_path)
    configure_store(till, rate="36.50", special_taxpayer=True)
    bus = till.services.bus
    harina = till.product("HAR-1", "Harina PAN 1 kg", "1.25", HARINA, TaxCategory.EXEMPT)
    cafe = till.product("CAF-1", "Café Fama 250 g", "3.00", CAFE)
    till.product("JAB-1", "Jabón Las Llaves", "0.80", JABON)
    bus.handle(ReceiveStock(till.manager, harina, Decimal(40)))
    bus.handle(ReceiveStock(till.manager, cafe, Decimal(2)))
    bus.handle(SetStockLimits(till.manager, cafe, Decimal(5)))
    yield till
    till.services.close()


@pytest.fixture
def runner() -> Iterator[SynchronousTaskRunner]:
    runner = SynchronousTaskRunner()
    yield runner
    assert runner.unhandled_failures() == []


def make_context(
    till: Till,
    runner: SynchronousTaskRunner,
    forecasts: ForecastQueries | None = None,
    reorder: ReorderQueries | None = None,
    sync: SyncStatusSource | None = None,
) -> BackOfficeContext:
    return back_office_context(
        till.services, runner, lambda: till.manager,
        forecasts=forecasts, reorder=reorder, sync=sync,
    )  # fmt: skip


@pytest.fixture
def context(till: Till, runner: SynchronousTaskRunner) -> BackOfficeContext:
    return make_context(till, runner)


@pytest.fixture
def office(qtbot, context: BackOfficeContext) -> BackOffice:
    office = BackOffice(context, NumberFormat(".", ","))
    qtbot.addWidget(office)
    office.resize(1200, 800)
    office.show()
    qtbot.waitExposed(office)
    return office
