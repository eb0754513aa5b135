"""A sale works its totals out once per state: every change of the sale must show at once,
in the sale, in a copy of it (the cart's `Repository.peek`) and in a replay."""

from __future__ import annotations

import copy
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from fluxion_desktop.domain.money import Currency, Money
from fluxion_desktop.domain.plain_data import to_plain
from fluxion_desktop.domain.sale import Sale
from fluxion_desktop.domain.sale_events import SaleCompleted
from fluxion_desktop.domain.sale_totals import compute_totals
from fluxion_desktop.domain.tax import TaxCategory
from fluxion_desktop.domain.tenders import Tender, TenderMethod
from tests.unit.domain.test_sale import AT, groceries, usd, ves

D = Decimal
WAYS_TO_PAY = (
    (TenderMethod.CASH, Currency.USD),
    (TenderMethod.DEBIT_CARD, Currency.VES),
    (TenderMethod.ZELLE, Currency.USD),
)


def worked_out(sale: Sale) -> Any:
    """What the sale tells now: its totals and what each way to pay would take."""
    return to_plain([sale.totals(), [sale.amount_to_settle(m, c) for m, c in WAYS_TO_PAY]])


def from_scratch(sale: Sale) -> Any:
    """The same, computed afresh from the sale's state (no figure kept from before)."""
    state = sale.state
    totals = compute_totals(
        state.lines, state.order_discount_percent, state.tenders, state.settings, state.rate
    )
    replayed = Sale.replay(sale.id, sale.pending_events)
    assert to_plain(replayed.totals()) == to_plain(totals)
    return to_plain([totals, [replayed.amount_to_settle(m, c) for m, c in WAYS_TO_PAY]])


STEPS: list[tuple[str, Callable[[Sale], None]]] = [
    (
        "add a line",
        lambda s: s.add_line("cafe", "p-4", "759", "Café", usd("3.00"), TaxCategory.GENERAL, D(1)),
    ),
    ("change a quantity", lambda s: s.change_quantity("aceite", D(3))),
    ("override a price", lambda s: s.override_price("cafe", usd("2.75"), "sup-1")),
    ("discount a line", lambda s: s.discount_line("jabon", D(5))),
    ("discount the order", lambda s: s.discount_order(D(4))),
    ("void a line", lambda s: s.void_line("harina", "wrong item", "cashier-1")),
    ("park", lambda s: s.park()),
    ("recall", lambda s: s.recall()),
    ("add a tender", lambda s: s.add_tender(Tender("t-1", TenderMethod.CASH, usd("5.00")))),
    (
        "add a bolivar tender",
        lambda s: s.add_tender(Tender("t-2", TenderMethod.DEBIT_CARD, ves("100.00"), "REF-1")),
    ),
    ("remove a tender", lambda s: s.remove_tender("t-1")),
    # the lines priced before the tenders must not outlive a change of the lines after them
    ("change a quantity after a tender", lambda s: s.change_quantity("jabon", D(2))),
    ("discount the order after a tender", lambda s: s.discount_order(D(2))),
    (
        "add a line after a tender",
        lambda s: s.add_line("pan", "p-5", "760", "Pan", usd("0.80"), TaxCategory.REDUCED, D(3)),
    ),
]


def test_every_change_shows_in_the_totals_at_once() -> None:
    sale = groceries()
    for name, step in STEPS:
        before = worked_out(sale)  # the figures of this state are now known to the sale
        step(sale)
        assert worked_out(sale) == from_scratch(sale), name
        if name not in ("park", "recall"):
            assert worked_out(sale) != before, name


def test_completion_records_the_totals_of_the_sale_as_it_stands() -> None:
    sale = groceries()
    sale.add_tender(Tender("t-1", TenderMethod.CASH, usd("5.00")))
    worked_out(sale)
    rest = sale.amount_to_settle(TenderMethod.DEBIT_CARD, Currency.VES)
    sale.add_tender(Tender("t-2", TenderMethod.DEBIT_CARD, rest, "REF-1"))

    sale.complete(Currency.VES, AT)

    completed = sale.pending_events[-1]
    assert isinstance(completed, SaleCompleted)
    assert to_plain(completed).get("totals") == to_plain(from_scratch_totals(sale))
    assert sale.totals() is completed.totals


def from_scratch_totals(sale: Sale) -> object:
    state = sale.state
    return compute_totals(
        state.lines, state.order_discount_percent, state.tenders, state.settings, state.rate
    )


@pytest.mark.parametrize("changed", ["original", "copy"])
def test_a_copy_and_its_original_each_follow_their_own_changes(changed: str) -> None:
    sale = groceries()
    twin = copy.deepcopy(sale)
    assert worked_out(twin) == worked_out(sale)  # one side works the figures out, both share

    moved, kept = (sale, twin) if changed == "original" else (twin, sale)
    kept_figures = worked_out(kept)
    moved.add_tender(Tender("t-1", TenderMethod.CASH, usd("5.00")))
    moved.change_quantity("aceite", D(4))

    assert worked_out(moved) == from_scratch(moved)
    assert worked_out(kept) == kept_figures == from_scratch(kept)
    assert worked_out(moved) != kept_figures


def test_events_loaded_into_a_kept_sale_show_in_its_totals() -> None:
    # The repository keeps a committed sale and loads later events into it (another window's).
    sale = groceries()
    kept = Sale.replay(sale.id, sale.pending_events)
    worked_out(kept)
    sale.add_tender(Tender("t-1", TenderMethod.CASH, usd("5.00")))
    sale.discount_order(D(10), "sup-1")

    kept.load_history(sale.pending_events[-2:])

    assert worked_out(kept) == worked_out(sale) == from_scratch(sale)


def test_an_opened_sale_with_nothing_on_it_totals_zero_and_then_its_first_line() -> None:
    sale = groceries()
    empty = Sale.open("s-2", "cashier-1", "shift-1", sale.rate, sale.settings, AT)
    assert empty.totals().reference.total == Money.zero(Currency.USD)
    empty.add_line("a", "p-1", "1", "Arroz", usd("1.50"), TaxCategory.EXEMPT, D(2))
    assert empty.totals().reference.total == usd("3.00")
    assert empty.amount_to_settle(TenderMethod.DEBIT_CARD, Currency.VES) == ves("109.50")
