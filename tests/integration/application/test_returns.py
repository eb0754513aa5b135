"""Returns against an earlier sale: partial, restocked or written off, never more than sold."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from fluxion_desktop.application.authorization import Credentials
from fluxion_desktop.application.inventory import ReceiveStock
from fluxion_desktop.application.returns import ReturnItems, ReturnLine
from fluxion_desktop.application.sale_completion import CompleteSale
from fluxion_desktop.application.sales import AddTender, OpenSale, ScanItem
from fluxion_desktop.domain.errors import InvalidState, InvalidValue, PermissionDenied
from fluxion_desktop.domain.money import Currency, Money
from fluxion_desktop.domain.tenders import TenderMethod
from tests.support.app import Till, configure_store, open_shift, open_till


@pytest.fixture
def sold(tmp_path: Path) -> tuple[Till, str, str, str]:
    till = open_till(tmp_path)
    configure_store(till, special_taxpayer=False)
    product = till.product("CAF-1", "Café Fama 250 g", "3.00", "7591234567894")
    bus = till.services.bus
    bus.handle(ReceiveStock(till.manager, product, Decimal(10)))
    shift = open_shift(till)
    sale_id = bus.handle(OpenSale(till.cashier, shift))
    bus.handle(ScanItem(till.cashier, sale_id, "7591234567894", Decimal(3)))
    # 3 x 3.00 = 9.00 + IVA 1.44 = 10.44 USD
    bus.handle(AddTender(till.cashier, sale_id, TenderMethod.CASH, Money.of("10.44", "USD")))
    completed = bus.handle(CompleteSale(till.cashier, sale_id, Currency.USD))
    yield till, sale_id, completed.totals.lines[0].line_id, shift
    till.services.close()


def test_a_partial_return_refunds_its_share_and_restocks(sold):
    till, sale_id, line_id, shift = sold
    done = till.services.bus.handle(
        ReturnItems(till.manager, sale_id, (ReturnLine(line_id, Decimal(1)),), shift)
    )
    # One of three: 10.44 / 3 = 3.48 USD, at the sale's rate 36.50 = 127.02 VES.
    assert done.amount == Money.of("3.48", "USD")
    assert done.amount_local == Money.of("127.02", "VES")
    assert till.services.queries.stock.level(done.items[0].product_id).current == Decimal(8)
    assert till.services.queries.sales.returned_quantities(sale_id) == {line_id: Decimal(1)}


def test_goods_written_off_do_not_go_back_in_stock(sold):
    till, sale_id, line_id, shift = sold
    done = till.services.bus.handle(
        ReturnItems(
            till.manager,
            sale_id,
            (ReturnLine(line_id, Decimal(2), restock=False),),
            shift,
            refund_currency=Currency.USD,
        )
    )
    assert done.amount == Money.of("6.96", "USD")
    assert till.services.queries.stock.level(done.items[0].product_id).current == Decimal(7)


def test_more_than_was_sold_is_refused_and_nothing_is_written(sold):
    till, sale_id, line_id, shift = sold
    bus = till.services.bus
    bus.handle(ReturnItems(till.manager, sale_id, (ReturnLine(line_id, Decimal(2)),), shift))
    before = till.services.store.last_position()
    with pytest.raises(InvalidValue) as raised:
        bus.handle(ReturnItems(till.manager, sale_id, (ReturnLine(line_id, Decimal(2)),), shift))
    assert raised.value.field == "quantity"
    assert till.services.store.last_position() == before


def test_a_cashier_needs_a_supervisors_pin(sold):
    till, sale_id, line_id, shift = sold
    bus = till.services.bus
    lines = (ReturnLine(line_id, Decimal(1)),)
    with pytest.raises(PermissionDenied):
        bus.handle(ReturnItems(till.cashier, sale_id, lines, shift))
    done = bus.handle(
        ReturnItems(till.cashier, sale_id, lines, shift, override=Credentials("maria", "1234"))
    )
    assert done.amount == Money.of("3.48", "USD")
    events = till.services.store.read_stream(f"return-{done.return_id}")
    assert events[0].payload["by"] == till.manager


def test_two_lines_of_one_product_go_back_in_one_return(tmp_path: Path):
    till = open_till(tmp_path)
    try:
        configure_store(till, special_taxpayer=False)
        product = till.product("CAF-1", "Café", "3.00", "7591234567894")
        bus = till.services.bus
        bus.handle(ReceiveStock(till.manager, product, Decimal(10)))
        shift = open_shift(till)
        sale_id = bus.handle(OpenSale(till.cashier, shift))
        bus.handle(ScanItem(till.cashier, sale_id, "7591234567894"))
        bus.handle(ScanItem(till.cashier, sale_id, "7591234567894"))
        bus.handle(AddTender(till.cashier, sale_id, TenderMethod.CASH, Money.of("6.96", "USD")))
        completed = bus.handle(CompleteSale(till.cashier, sale_id, Currency.USD))
        lines = tuple(ReturnLine(line.line_id, Decimal(1)) for line in completed.totals.lines)

        done = bus.handle(ReturnItems(till.manager, sale_id, lines, shift))

        assert len(done.items) == 2
        assert till.services.queries.stock.level(product).current == Decimal(10)
    finally:
        till.services.close()


def test_a_cash_refund_needs_an_open_shift_and_writes_nothing_without_one(sold):
    till, sale_id, line_id, _shift = sold
    before = till.services.store.last_position()
    with pytest.raises(InvalidState) as raised:
        till.services.bus.handle(
            ReturnItems(till.manager, sale_id, (ReturnLine(line_id, Decimal(1)),), "no-shift")
        )
    assert raised.value.field == "shift_id"
    assert till.services.store.last_position() == before
