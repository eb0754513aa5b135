"""A sale keeps the totals it worked out for its current state, and a cart's copy
(`handlers.sales.load`, a `Repository.peek`) shares them with the till's own sale: through real
commands, every copy must still show what a sale rebuilt from the stored log shows."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from fluxion_desktop.application.sale_completion import CompleteSale
from fluxion_desktop.application.sales import (
    AddTender,
    ChangeLineQuantity,
    DiscountSale,
    OpenSale,
    ParkSale,
    RecallSale,
    RemoveTender,
    SaveOpenCarts,
    ScanItem,
    VoidLine,
)
from fluxion_desktop.domain.money import Currency, Money
from fluxion_desktop.domain.plain_data import to_plain
from fluxion_desktop.domain.sale import Sale
from fluxion_desktop.domain.tax import TaxCategory
from fluxion_desktop.domain.tenders import TenderMethod
from tests.support.app import Till, configure_store, open_shift, open_till

WAYS_TO_PAY = ((TenderMethod.CASH, Currency.USD), (TenderMethod.DEBIT_CARD, Currency.VES))


@pytest.fixture
def till(tmp_path: Path) -> Iterator[Till]:
    till = open_till(tmp_path)
    configure_store(till, rate="36.50", special_taxpayer=True)
    till.product("HAR-1", "Harina PAN 1 kg", "1.25", "7591002000011", TaxCategory.EXEMPT)
    till.product("CAF-1", "Café Fama 250 g", "3.00", "7591234567894")
    till.product("JAB-1", "Jabón Las Llaves", "0.80", "7590000000016")
    till.shift = open_shift(till)  # type: ignore[attr-defined]
    yield till
    till.services.close()


def cart(till: Till, sale_id: str) -> Any:
    """What the cart shows: the totals and each way to pay the rest, read off a copy."""
    sale = till.services.handlers.sales.load(sale_id)
    return to_plain([sale.totals(), [sale.amount_to_settle(m, c) for m, c in WAYS_TO_PAY]])


def from_the_log(till: Till, sale_id: str) -> Any:
    """The same figures from a sale rebuilt from its stored events (nothing kept in memory),
    once the cart's held edits are written."""
    till.services.bus.handle(SaveOpenCarts())
    registry = till.services.registry
    stored = till.services.store.read_stream(f"sale-{sale_id}", from_version=1)
    sale = Sale.replay(
        sale_id,
        (registry.from_payload(e.event_type, e.schema_version, e.payload) for e in stored),
    )
    return to_plain([sale.totals(), [sale.amount_to_settle(m, c) for m, c in WAYS_TO_PAY]])


def test_every_command_shows_in_the_next_copy_of_the_sale(till: Till) -> None:
    bus, cashier = till.services.bus, till.cashier
    sale_id = str(bus.handle(OpenSale(cashier, till.shift)))  # type: ignore[attr-defined]
    for code in ("7591002000011", "7591234567894", "7590000000016"):
        bus.handle(ScanItem(cashier, sale_id, code))
    lines = [line.line_id for line in till.services.handlers.sales.load(sale_id).lines]
    commands: list[object] = [
        ParkSale(cashier, sale_id),
        RecallSale(cashier, sale_id),
        AddTender(cashier, sale_id, TenderMethod.CASH, Money.of("5.00", "USD")),
        ChangeLineQuantity(cashier, sale_id, lines[1], Decimal(3)),
        DiscountSale(cashier, sale_id, Decimal(5)),
        VoidLine(cashier, sale_id, lines[2], "wrong item"),
    ]
    for command in commands:
        before = cart(till, sale_id)  # works the figures out, shared with the till's sale
        bus.handle(command)
        assert cart(till, sale_id) == from_the_log(till, sale_id), type(command).__name__
        if not isinstance(command, ParkSale | RecallSale):
            assert cart(till, sale_id) != before, type(command).__name__

    tender_id = till.services.handlers.sales.load(sale_id).tenders[0].tender_id
    bus.handle(RemoveTender(cashier, sale_id, tender_id))
    assert cart(till, sale_id) == from_the_log(till, sale_id)
    rest = till.services.handlers.sales.load(sale_id).amount_to_settle(
        TenderMethod.DEBIT_CARD, Currency.VES
    )
    bus.handle(AddTender(cashier, sale_id, TenderMethod.DEBIT_CARD, rest, "REF-1"))
    shown = cart(till, sale_id)

    completed = bus.handle(CompleteSale(cashier, sale_id, Currency.VES))

    assert to_plain(completed.totals) == shown[0] == from_the_log(till, sale_id)[0]
    assert completed.totals.local.balance.is_zero
