"""A sale that takes a product's stock below zero raises the oversold alert in its own commit."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from fluxion_desktop.application.inventory import ReceiveStock
from fluxion_desktop.application.sale_completion import CompleteSale
from fluxion_desktop.application.sales import AddTender, OpenSale, ScanItem
from fluxion_desktop.domain.money import Currency, Money
from fluxion_desktop.domain.tenders import TenderMethod
from tests.support.app import Till, configure_store, open_shift, open_till
from tests.support.sql_trace import statements

CODE = "7591234567894"


def _complete_sale(till: Till, quantity: int) -> list[str]:
    """Ring up `quantity` of the product and complete; the SQL the completion ran."""
    bus = till.services.bus
    sale_id = bus.handle(OpenSale(till.cashier, open_shift(till)))
    bus.handle(ScanItem(till.cashier, sale_id, CODE, Decimal(quantity)))
    bus.handle(AddTender(till.cashier, sale_id, TenderMethod.CASH, Money.of("100.00", "USD")))
    with statements(till.services.engine) as seen:
        bus.handle(CompleteSale(till.cashier, sale_id, Currency.USD))
    return seen


def test_the_alert_commits_with_the_sale_that_oversells_and_only_once(tmp_path: Path) -> None:
    till = open_till(tmp_path)
    # No idle work on the checkpointer's thread: its commits would show in the traces.
    till.services.store.wal_checkpointer.stop()
    try:
        configure_store(till)
        product = till.product("CAF-1", "Café Fama 250 g", "3.00", CODE)
        till.services.bus.handle(ReceiveStock(till.manager, product, Decimal(2)))

        within_stock = _complete_sale(till, 2)
        overselling = _complete_sale(till, 3)
        still_oversold = _complete_sale(till, 1)

        alerts = till.services.queries.alerts.inbox()
        assert [(a.kind, a.product_id) for a in alerts] == [("oversold", product)]
        assert "stock -3" in alerts[0].message
        # One write transaction each: the alert did not take a commit of its own.
        for seen in (within_stock, overselling, still_oversold):
            assert seen.count("BEGIN IMMEDIATE") == 1
        assert any("AlertRaised" in s for s in overselling if s.startswith("INSERT INTO events"))
        assert till.services.projections.check() == []
    finally:
        till.services.close()
