"""The demo store's history ends on the store's yesterday, in the store's time zone: a demo set
up in the Caracas evening (already the next day in UTC) must not import the day its live sales
go to, or that day would count twice."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from fluxion_desktop.application.demo_store import seed_demo_store
from fluxion_desktop.application.sale_completion import CompleteSale
from fluxion_desktop.application.sales import AddTender, OpenSale, ScanItem
from fluxion_desktop.domain.money import Currency, Money
from fluxion_desktop.domain.tenders import TenderMethod
from tests.support.app import open_till


def test_the_demo_history_ends_on_the_stores_yesterday_when_utc_is_a_day_ahead(
    tmp_path: Path,
) -> None:
    till = open_till(tmp_path)
    till.clock.current = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)  # 22:00 of the 25th, Caracas
    services, q = till.services, till.services.queries
    demo = seed_demo_store(services.bus, q.users, q.catalog, q.shifts,
                           services.identity.device_id, till.clock.now(), products=2)  # fmt: skip
    product = demo.shelf.products[0]
    store = services.identity.store_id

    assert q.demand.history(product.product_id, store).days[-1].day == date(2026, 11, 24)

    bus, cashier = services.bus, demo.cashier_id
    sale_id = bus.handle(OpenSale(cashier, demo.shift_id))
    bus.handle(ScanItem(cashier, sale_id, product.barcodes[0] if product.barcodes else product.sku))
    bus.handle(AddTender(cashier, sale_id, TenderMethod.CASH, Money.of("100.00", "USD")))
    bus.handle(CompleteSale(cashier, sale_id, Currency.USD))
    today = q.demand.history(product.product_id, store).days[-1]
    assert (today.day, today.units) == (date(2026, 11, 25), Decimal(1))
    services.close()
