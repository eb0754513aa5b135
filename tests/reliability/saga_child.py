"""Child process of the saga crash tests: rings up one sale paid by card and cash, completes it,
and dies (os._exit, no clean-up: as a power cut) right after the saga step named in argv[2].
With "cart" it dies before completing, with the cart's last edits held in memory: the first
scan was written (SaveOpenCarts, as the sale screen does when the cashier pauses), the tenders
were not."""

from __future__ import annotations

import os
import sys
from decimal import Decimal
from pathlib import Path

from fluxion_desktop.application.inventory import ReceiveStock
from fluxion_desktop.application.sale_completion import CompleteSale
from fluxion_desktop.application.sales import AddTender, OpenSale, SaveOpenCarts, ScanItem
from fluxion_desktop.bootstrap import Devices
from fluxion_desktop.domain.money import Currency, Money
from fluxion_desktop.domain.tenders import TenderMethod
from tests.support.app import configure_store, open_shift, open_till
from tests.support.terminal import FileCardTerminal


def main() -> None:
    data_dir, crash_after = Path(sys.argv[1]), sys.argv[2]

    def hook(step: str) -> None:
        if step.split(":")[0] == crash_after:
            os._exit(9)

    terminal = FileCardTerminal(data_dir / "terminal.jsonl")
    till = open_till(data_dir, devices=Devices(terminal, hook))
    configure_store(till)
    product = till.product("CAF-1", "Café", "3.00", "7591234567894")
    till.services.bus.handle(ReceiveStock(till.manager, product, Decimal(10)))
    shift = open_shift(till)
    bus = till.services.bus
    sale_id = bus.handle(OpenSale(till.cashier, shift))
    bus.handle(ScanItem(till.cashier, sale_id, "7591234567894", Decimal(2)))
    bus.handle(SaveOpenCarts())
    bus.handle(AddTender(till.cashier, sale_id, TenderMethod.CASH, Money.of("100.00", "VES")))
    rest = till.services.handlers.sales.load(sale_id).amount_to_settle(
        TenderMethod.DEBIT_CARD, Currency.VES
    )
    bus.handle(AddTender(till.cashier, sale_id, TenderMethod.DEBIT_CARD, rest, "REF-1"))
    print(f"SALE {sale_id} {product}", flush=True)
    if crash_after == "cart":
        os._exit(9)
    bus.handle(CompleteSale(till.cashier, sale_id, Currency.VES))
    print("DONE", flush=True)


if __name__ == "__main__":
    main()
