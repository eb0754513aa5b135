"""Child process of test_backup_while_selling: a till ringing up sales until its stdin closes.

Usage: python selling_child.py DATA_DIR   (the repository root on PYTHONPATH; the test sets it)
Sets up a product with plenty of stock and a shift, prints `READY`, then completes one cash sale
after another through the cashier's commands; when stdin closes it prints `SOLD <count>`.
"""

from __future__ import annotations

import sys
import threading
from decimal import Decimal
from pathlib import Path

from fluxion_desktop.application.inventory import ReceiveStock
from tests.support.app import open_till
from tests.sync.e2e.devices import BARCODE, sell, shift_of
from tests.sync.support.till_events import ring_up_sales


def main(argv: list[str]) -> int:
    till = open_till(Path(argv[1]))
    ring_up_sales(till, 1)
    product = till.services.queries.catalog.by_barcode(BARCODE)
    assert product is not None
    till.services.bus.handle(ReceiveStock(till.manager, product.product_id, Decimal(100_000)))
    shift = shift_of(till)
    closed = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.read(), closed.set()), daemon=True).start()
    print("READY", flush=True)
    sold = 0
    while not closed.is_set():
        sell(till, shift, 1)
        sold += 1
    till.services.close()
    print(f"SOLD {sold}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
