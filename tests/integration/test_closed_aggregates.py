"""A completed sale and its finished saga are not kept in memory: the next load reads the log."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from fluxion_desktop.application.inventory import ReceiveStock
from fluxion_desktop.application.sale_completion import CompleteSale
from fluxion_desktop.application.sales import AddTender, OpenSale, ScanItem
from fluxion_desktop.domain.money import Currency, Money
from fluxion_desktop.domain.sale_state import SaleStatus
from fluxion_desktop.domain.tenders import TenderMethod
from tests.support.app import configure_store, open_shift, open_till
from tests.support.sql_trace import statements


def _rebuilt(seen: list[str], sale_id: str) -> bool:
    """Whether the sale was loaded from the start of its stream (not from memory)."""
    return any("FROM snapshots" in s and f"'sale-{sale_id}'" in s for s in seen)


def test_an_open_sale_stays_in_memory_and_a_completed_one_does_not(tmp_path: Path) -> None:
    till = open_till(tmp_path)
    configure_store(till, rate="36.50")
    product = till.product("SKU-1", "Harina PAN", "2.00", "INT-1")
    bus, cashier = till.services.bus, till.cashier
    bus.handle(ReceiveStock(till.manager, product, Decimal(10)))
    sale_id = bus.handle(OpenSale(cashier, open_shift(till)))
    bus.handle(ScanItem(cashier, sale_id, "INT-1"))

    with statements(till.services.engine) as seen:
        open_sale = till.services.handlers.sales.load(sale_id)
    assert open_sale.status is SaleStatus.OPEN and not open_sale.is_closed
    assert not _rebuilt(seen, sale_id)

    bus.handle(AddTender(cashier, sale_id, TenderMethod.CASH, Money.of("5", "USD")))
    bus.handle(CompleteSale(cashier, sale_id, Currency.VES))
    with statements(till.services.engine) as seen:
        completed = till.services.handlers.sales.load(sale_id)

    assert completed.status is SaleStatus.COMPLETED and completed.is_closed
    assert _rebuilt(seen, sale_id)
    assert completed.version == 4  # opened, line, tender, completed: all read back
    till.services.close()
