"""A copy of a sale (what the cart reads) is the same sale, and stays as it was when the
original changes afterwards."""

from __future__ import annotations

import copy
from decimal import Decimal

from fluxion_desktop.domain.sale_events import SaleTenderAdded
from fluxion_desktop.domain.tax import TaxCategory
from fluxion_desktop.domain.tenders import Tender, TenderMethod
from tests.unit.domain.test_sale import groceries, usd


def test_a_copy_equals_the_sale_and_never_sees_its_later_changes() -> None:
    sale = groceries()
    sale.add_tender(Tender("t-1", TenderMethod.CASH, usd("5.00")))
    sale.discount_line("jabon", Decimal(5))
    before = sale.state

    twin = copy.deepcopy(sale)
    sale.add_line("cafe", "p-4", "7591234567894", "Café", usd("3.00"), TaxCategory.GENERAL,
                  Decimal(1))  # fmt: skip
    sale.void_line("harina", "wrong item", "cashier-1")
    sale.remove_tender("t-1")
    sale.change_quantity("aceite", Decimal(3))

    assert twin.state == before
    assert twin.state != sale.state
    assert twin.totals() != sale.totals()
    assert isinstance(twin.pending_events[-2], SaleTenderAdded)
    twin.add_tender(Tender("t-2", TenderMethod.ZELLE, usd("1.00"), "Z-1"))
    assert [t.tender_id for t in twin.tenders] == ["t-1", "t-2"]
    assert sale.tenders == ()
