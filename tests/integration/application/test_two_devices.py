"""Two tills of one store sell offline, then exchange their events (what sync does): stock is the
sum of both devices' movements and the oversold product raises one alert for the store.

(When both tills merge at the very same moment, before either alert reaches the other, each
raises one; HQ sees both under the same key.)"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from fluxion_desktop.application.inventory import ReceiveStock
from fluxion_desktop.application.sale_completion import CompleteSale
from fluxion_desktop.application.sales import AddTender, OpenSale, ScanItem
from fluxion_desktop.domain.money import Currency, Money
from fluxion_desktop.domain.tenders import TenderMethod
from tests.support.app import Till, configure_store, open_shift, open_till


def _exchange(source: Till, target: Till, after: int = 0) -> int:
    """Copy `source`'s own events after `after` into `target`; the last position copied."""
    own = [
        e
        for e in source.services.store.read_all(after, limit=100_000)
        if e.device_id == source.services.identity.device_id
    ]
    target.services.store.import_remote(own)
    return own[-1].position if own else after


def _sell(till: Till, quantity: int) -> None:
    bus = till.services.bus
    sale_id = bus.handle(OpenSale(till.cashier, open_shift(till)))
    bus.handle(ScanItem(till.cashier, sale_id, "7591234567894", Decimal(quantity)))
    bus.handle(AddTender(till.cashier, sale_id, TenderMethod.CASH, Money.of("100.00", "USD")))
    bus.handle(CompleteSale(till.cashier, sale_id, Currency.USD))


def test_merged_stock_is_the_sum_and_the_oversell_alert_is_raised_once(tmp_path: Path):
    a = open_till(tmp_path / "a")
    b = open_till(tmp_path / "b")
    try:
        configure_store(a)
        configure_store(b)
        product = a.product("CAF-1", "Café Fama 250 g", "3.00", "7591234567894")
        a.services.bus.handle(ReceiveStock(a.manager, product, Decimal(10)))
        mark_a = _exchange(a, b)  # the catalog, the users and the delivery reach till B
        # Users are the store's, not a till's: B now knows A's (same usernames, A's ids).
        jose = b.services.queries.users.by_username("jose")
        assert jose is not None
        b.cashier = jose.user_id
        assert b.services.queries.stock.level(product).current == Decimal(10)

        _sell(a, 6)  # both tills sell while the network is down
        _sell(b, 6)
        assert a.services.queries.stock.level(product).current == Decimal(4)
        assert b.services.queries.stock.level(product).current == Decimal(4)

        mark_a = _exchange(a, b, mark_a)
        _exchange(b, a)

        for till in (a, b):
            assert till.services.queries.stock.level(product).current == Decimal(-2)
            alerts = till.services.queries.alerts.inbox()
            assert [(x.kind, x.product_id) for x in alerts] == [("oversold", product)]
            assert till.services.store.verify().ok
            assert till.services.projections.check() == []

        a.cashier = a.services.queries.users.by_username("jose").user_id  # A's, created first
        _sell(a, 1)  # still oversold: no second alert while the first is open
        _exchange(a, b, mark_a)
        assert len(a.services.queries.alerts.inbox()) == 1
        assert len(b.services.queries.alerts.inbox()) == 1
    finally:
        a.services.close()
        b.services.close()
