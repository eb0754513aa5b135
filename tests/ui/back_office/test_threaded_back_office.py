"""The back office on the real thread-pool runner: reads and commands run on a worker and come
back to the GUI thread; the screens end up showing what the database holds."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fluxion_desktop.ui.back_office.back_office import BackOffice
from fluxion_desktop.ui.formatting import NumberFormat
from fluxion_desktop.ui.task_runner import ThreadPoolTaskRunner
from tests.ui.back_office.conftest import make_context


@pytest.fixture
def threaded(qtbot, till) -> Iterator[BackOffice]:
    runner = ThreadPoolTaskRunner()
    office = BackOffice(make_context(till, runner), NumberFormat(".", ","))
    qtbot.addWidget(office)
    office.show()
    yield office
    runner.shutdown()


def test_the_catalog_loads_and_an_edit_lands_through_the_worker(qtbot, till, threaded):
    screen = threaded.products
    qtbot.waitUntil(lambda: screen.model.rowCount() == 3, timeout=5000)
    screen.select(1)  # HAR-1
    screen.name.setText("Harina PAN blanca 1 kg")
    screen.save.click()

    qtbot.waitUntil(lambda: screen.message.text() == "Saved Harina PAN blanca 1 kg.", timeout=5000)
    assert till.services.queries.catalog.by_sku("HAR-1").name == "Harina PAN blanca 1 kg"
    assert screen.model.product(1).name == "Harina PAN blanca 1 kg"


def test_a_search_typed_quickly_shows_only_the_last_texts_matches(qtbot, threaded):
    model = threaded.products.model
    qtbot.waitUntil(lambda: model.rowCount() == 3, timeout=5000)
    model.search("harina")
    model.search("jabon")  # the first answer, if it comes later, is dropped

    qtbot.waitUntil(lambda: not model.loading, timeout=5000)
    assert [model.product(r).sku for r in range(model.rowCount())] == ["JAB-1"]


def test_a_change_made_elsewhere_refreshes_the_screen_in_view(qtbot, till, threaded):
    from decimal import Decimal

    from fluxion_desktop.application.inventory import ReceiveStock

    threaded.show_screen(threaded.stock)
    stock = threaded.stock
    qtbot.waitUntil(lambda: len(stock.model.rows) == 3, timeout=5000)
    soap = till.services.queries.catalog.by_sku("JAB-1")
    till.services.bus.handle(ReceiveStock(till.manager, soap.product_id, Decimal(7)))  # the till

    def soap_shows_seven() -> bool:
        row = next(r for r, v in enumerate(stock.model.rows) if v.sku == "JAB-1")
        return stock.model.text(row, 2) == "7"

    qtbot.waitUntil(soap_shows_seven, timeout=5000)
