"""A whole sale through the commands a cashier's keystrokes send, with the real saga and store."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from fluxion_desktop.application.authorization import Credentials
from fluxion_desktop.application.inventory import ReceiveStock
from fluxion_desktop.application.sale_completion import CompleteSale
from fluxion_desktop.application.sales import (
    AddTender,
    ChangeLineQuantity,
    OpenSale,
    OverrideLinePrice,
    ParkSale,
    RecallSale,
    SaveOpenCarts,
    ScanItem,
    VoidLine,
)
from fluxion_desktop.domain.errors import InvalidState, NotFound, PermissionDenied
from fluxion_desktop.domain.money import Currency, Money
from fluxion_desktop.domain.tax import TaxCategory
from fluxion_desktop.domain.tenders import TenderMethod
from tests.support.app import Till, configure_store, open_shift, open_till


@pytest.fixture
def till(tmp_path: Path) -> Till:
    till = open_till(tmp_path)
    configure_store(till, rate="36.50", special_taxpayer=True)
    till.harina = till.product("HAR-1", "Harina PAN 1 kg", "1.25", "7591002000011",
                               TaxCategory.EXEMPT)  # fmt: skip
    till.cafe = till.product("CAF-1", "Café Fama 250 g", "3.00", "7591234567894")
    till.jabon = till.product("JAB-1", "Jabón Las Llaves", "0.80", "7590000000016")
    for product in (till.harina, till.cafe, till.jabon):
        till.services.bus.handle(ReceiveStock(till.manager, product, Decimal(10)))
    till.shift = open_shift(till)
    yield till
    till.services.close()


def _ring_up(till: Till) -> str:
    bus = till.services.bus
    sale_id = bus.handle(OpenSale(till.cashier, till.shift))
    for code in ("7591002000011", "7591234567894", "7590000000016"):
        bus.handle(ScanItem(till.cashier, sale_id, code))
    return str(sale_id)


def test_three_scans_a_quantity_change_and_a_split_payment_complete_exactly(till: Till):
    bus = till.services.bus
    sale_id = _ring_up(till)
    sale = till.services.handlers.sales.load(sale_id)
    cafe_line = next(line for line in sale.lines if line.sku == "CAF-1")
    bus.handle(ChangeLineQuantity(till.cashier, sale_id, cafe_line.line_id, Decimal(2)))
    # Harina 1.25 exempt; café 2 x 3.00 = 6.00 + IVA 0.96; jabón 0.80 + IVA 0.13 (0.128).
    # Total USD 1.25 + 6.96 + 0.93 = 9.14. Pay USD 5.00 cash (IGTF 3 % = 0.15) + the rest by debit.
    sale = till.services.handlers.sales.load(sale_id)
    assert sale.totals().reference.total == Money.of("9.14", "USD")
    bus.handle(AddTender(till.cashier, sale_id, TenderMethod.CASH, Money.of("5.00", "USD")))
    rest = till.services.handlers.sales.load(sale_id).amount_to_settle(
        TenderMethod.DEBIT_CARD, Currency.VES
    )
    # Due 9.14 + 0.15 = 9.29 USD = 339.09 VES (9.29 x 36.50 = 339.085); 5 USD = 182.50 VES.
    assert rest == Money.of("156.59", "VES")
    bus.handle(AddTender(till.cashier, sale_id, TenderMethod.DEBIT_CARD, rest, "REF-0042"))

    completed = bus.handle(CompleteSale(till.cashier, sale_id, Currency.VES))

    assert completed.igtf == Money.of("0.15", "USD")
    assert completed.change == Money.of("0.00", "VES")
    assert completed.totals.local.total == Money.of("333.61", "VES")  # 9.14 x 36.50
    stock = till.services.queries.stock
    assert stock.level(till.cafe).current == Decimal(8)
    assert stock.level(till.harina).current == Decimal(9)
    receipts = till.services.queries.sales.find("000001")
    assert [r.sale_id for r in receipts] == [sale_id]
    assert till.services.queries.sales.completion(sale_id) == completed
    assert till.services.projections.check() == []


def test_change_is_given_in_the_currency_the_cashier_picks(till: Till):
    bus = till.services.bus
    sale_id = _ring_up(till)  # 1.25 + 3.48 + 0.93 = 5.66 USD
    bus.handle(AddTender(till.cashier, sale_id, TenderMethod.CASH, Money.of("500.00", "VES")))
    # 5.66 x 36.50 = 206.59 VES due (no IGTF on bolívares): change 293.41 VES.
    completed = bus.handle(CompleteSale(till.cashier, sale_id, Currency.VES))
    assert completed.change == Money.of("293.41", "VES")
    assert completed.igtf == Money.of("0.00", "USD")


def test_an_unpaid_sale_does_not_complete_and_nothing_moves(till: Till):
    bus = till.services.bus
    sale_id = _ring_up(till)
    before = till.services.store.last_position()
    with pytest.raises(InvalidState) as raised:
        bus.handle(CompleteSale(till.cashier, sale_id, Currency.VES))
    assert raised.value.field == "tenders"
    assert till.services.store.last_position() == before
    assert till.services.queries.stock.level(till.cafe).current == Decimal(10)


def test_unknown_codes_and_price_overrides_without_a_supervisor_are_refused(till: Till):
    bus = till.services.bus
    sale_id = _ring_up(till)
    with pytest.raises(NotFound) as raised:
        bus.handle(ScanItem(till.cashier, sale_id, "0000000000000"))
    assert raised.value.field == "code"
    line = till.services.handlers.sales.load(sale_id).lines[0]
    with pytest.raises(PermissionDenied):
        bus.handle(OverrideLinePrice(till.cashier, sale_id, line.line_id, Money.of("1", "USD")))
    bus.handle(OverrideLinePrice(till.cashier, sale_id, line.line_id, Money.of("1.00", "USD"),
                                 Credentials("maria", "1234")))  # fmt: skip
    bus.handle(SaveOpenCarts())  # the cart's edits are held until the till pauses
    events = till.services.store.read_stream(f"sale-{sale_id}")
    assert events[-1].event_type == "SaleLinePriceOverridden"
    assert events[-1].payload["override_by"] == till.manager


def test_void_park_and_recall_keep_the_history(till: Till):
    bus = till.services.bus
    sale_id = _ring_up(till)
    line = till.services.handlers.sales.load(sale_id).lines[2]
    bus.handle(VoidLine(till.cashier, sale_id, line.line_id, "customer changed mind"))
    before = till.services.handlers.sales.load(sale_id).totals()
    bus.handle(ParkSale(till.cashier, sale_id))
    bus.handle(RecallSale(till.cashier, sale_id))

    sale = till.services.handlers.sales.load(sale_id)

    assert sale.totals() == before
    assert [v.line.line_id for v in sale.voided_lines] == [line.line_id]
    assert "SaleLineVoided" in [
        e.event_type for e in till.services.store.read_stream(f"sale-{sale_id}")
    ]
