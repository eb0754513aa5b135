"""Kill the process after each step of the sale saga: on restart every sale is complete or fully
compensated, stock is consistent and a card charged for an uncompleted sale is refunded."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from fluxion_desktop.bootstrap import Devices
from fluxion_desktop.domain.sale_state import SaleStatus
from tests.support.app import open_till
from tests.support.terminal import FileCardTerminal

ROOT = Path(__file__).resolve().parents[2]


def _run_child(data_dir: Path, crash_after: str) -> tuple[int, str, str]:
    child = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("saga_child.py")), str(data_dir),
         crash_after],
        capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    sale_line = next(line for line in child.stdout.splitlines() if line.startswith("SALE"))
    _, sale_id, product_id = sale_line.split()
    return child.returncode, sale_id, product_id


@pytest.mark.parametrize(
    ("crash_after", "expected"),
    [
        ("stock_reserved", SaleStatus.OPEN),  # card not charged yet: compensate
        ("charged", SaleStatus.COMPLETED),  # the customer paid: finish
        ("completed", SaleStatus.COMPLETED),
        ("never", SaleStatus.COMPLETED),
    ],
)
def test_after_a_crash_each_sale_is_completed_or_compensated(tmp_path, crash_after, expected):
    code, sale_id, product_id = _run_child(tmp_path, crash_after)
    assert code == (0 if crash_after == "never" else 9)
    terminal = FileCardTerminal(tmp_path / "terminal.jsonl")

    till = open_till(tmp_path, devices=Devices(terminal))  # the restart runs the recovery
    try:
        sale = till.services.handlers.sales.load(sale_id)
        level = till.services.queries.stock.level(product_id).current
        assert sale.status is expected
        assert till.services.queries.sales.unfinished() == []
        if expected is SaleStatus.COMPLETED:
            assert level == Decimal(8)
            assert terminal.refunded() == []
            assert len(terminal.charged()) == 1
        else:
            assert level == Decimal(10)
            assert terminal.refunded() == terminal.charged()
        assert till.services.store.verify().ok
        assert till.services.projections.check() == []
    finally:
        till.services.close()


def test_a_crash_with_a_cart_held_in_memory_loses_only_its_unwritten_edits(tmp_path):
    code, sale_id, product_id = _run_child(tmp_path, "cart")
    assert code == 9

    till = open_till(tmp_path)
    try:
        written = till.services.store.read_stream(f"sale-{sale_id}")
        assert [e.event_type for e in written] == ["SaleOpened", "SaleLineAdded"]
        sale = till.services.handlers.sales.load(sale_id)
        assert (sale.status, len(sale.lines), sale.tenders) == (SaleStatus.OPEN, 1, ())
        assert till.services.queries.stock.level(product_id).current == Decimal(10)
        assert till.services.store.verify().ok
        assert till.services.projections.check() == []
    finally:
        till.services.close()


def test_a_declined_card_compensates_at_once_and_the_sale_stays_open(tmp_path):
    from fluxion_desktop.application.inventory import ReceiveStock
    from fluxion_desktop.application.sale_completion import CompleteSale, PaymentDeclined
    from fluxion_desktop.application.sales import AddTender, OpenSale, ScanItem
    from fluxion_desktop.domain.money import Currency
    from fluxion_desktop.domain.tenders import TenderMethod
    from tests.support.app import configure_store, open_shift

    till = open_till(
        tmp_path, devices=Devices(FileCardTerminal(tmp_path / "t.jsonl", decline=True))
    )
    try:
        configure_store(till)
        product = till.product("CAF-1", "Café", "3.00", "7591234567894")
        bus = till.services.bus
        bus.handle(ReceiveStock(till.manager, product, Decimal(10)))
        sale_id = bus.handle(OpenSale(till.cashier, open_shift(till)))
        bus.handle(ScanItem(till.cashier, sale_id, "7591234567894"))
        rest = till.services.handlers.sales.load(sale_id).amount_to_settle(
            TenderMethod.DEBIT_CARD, Currency.VES
        )
        bus.handle(AddTender(till.cashier, sale_id, TenderMethod.DEBIT_CARD, rest, "REF-9"))

        with pytest.raises(PaymentDeclined):
            bus.handle(CompleteSale(till.cashier, sale_id, Currency.VES))

        assert till.services.handlers.sales.load(sale_id).status is SaleStatus.OPEN
        assert till.services.queries.stock.level(product).current == Decimal(10)
        assert till.services.queries.sales.unfinished() == []
    finally:
        till.services.close()


def test_completing_again_after_a_failure_resumes_the_saga_never_charging_twice(tmp_path):
    from fluxion_desktop.application.inventory import ReceiveStock
    from fluxion_desktop.application.sale_completion import CompleteSale
    from fluxion_desktop.application.sales import AddTender, OpenSale, ScanItem
    from fluxion_desktop.domain.money import Currency
    from fluxion_desktop.domain.tenders import TenderMethod
    from tests.support.app import configure_store, open_shift

    class Interrupted(Exception):
        pass

    failures = ["charged"]

    def hook(step: str) -> None:
        if failures and step.startswith(failures[0]):
            failures.pop()
            raise Interrupted(step)  # as if the final write failed after the card was charged

    terminal = FileCardTerminal(tmp_path / "t.jsonl")
    till = open_till(tmp_path, devices=Devices(terminal, hook))
    try:
        configure_store(till)
        product = till.product("CAF-1", "Café", "3.00", "7591234567894")
        bus = till.services.bus
        bus.handle(ReceiveStock(till.manager, product, Decimal(10)))
        sale_id = bus.handle(OpenSale(till.cashier, open_shift(till)))
        bus.handle(ScanItem(till.cashier, sale_id, "7591234567894", Decimal(2)))
        rest = till.services.handlers.sales.load(sale_id).amount_to_settle(
            TenderMethod.DEBIT_CARD, Currency.VES
        )
        bus.handle(AddTender(till.cashier, sale_id, TenderMethod.DEBIT_CARD, rest, "REF-7"))
        with pytest.raises(Interrupted):
            bus.handle(CompleteSale(till.cashier, sale_id, Currency.VES))

        bus.handle(CompleteSale(till.cashier, sale_id, Currency.VES))

        assert len(terminal.charged()) == 1
        assert terminal.refunded() == []
        assert till.services.queries.stock.level(product).current == Decimal(8)
        assert till.services.queries.sales.unfinished() == []
        assert till.services.handlers.sales.load(sale_id).status is SaleStatus.COMPLETED
    finally:
        till.services.close()
