"""Two tills of one store through a real HQ: each sees the other's sales in its stock."""

from __future__ import annotations

from pathlib import Path

from fluxion_desktop.cli import main
from tests.support.app import open_shift, open_till
from tests.sync.e2e.devices import (
    BARCODE,
    enrolled_till,
    held_by_hq,
    sell,
    session,
    shift_of,
    stock_of,
    sync_until_current,
)
from tests.sync.support.hq_server import RunningHq
from tests.sync.support.till_events import ring_up_sales


def test_each_till_sees_the_other_tills_sales_in_its_stock(hq: RunningHq, tmp_path: Path):
    tenant, store = hq.tenant_and_store()
    first = enrolled_till(hq, tmp_path / "first", tenant, store)
    ring_up_sales(first, 3)  # 1 + 2 + 3 units sold of 100
    first_sync = session(first)
    sync_until_current(first_sync)
    # The second till starts empty: enrolled, then it pulls the store (users, catalog, sales).
    second_dir = tmp_path / "second"
    assert main(["--data-dir", str(second_dir), "enroll", hq.url, hq.enrollment_code(store)]) == 0
    assert main(["--data-dir", str(second_dir), "sync", "--once"]) == 0
    second = open_till(second_dir, tenant, store)
    product = second.services.queries.catalog.by_barcode(BARCODE)
    assert product is not None
    assert stock_of(second, product.product_id) == 94

    sell(second, open_shift(second), 4)
    second_sync = session(second)
    sync_until_current(second_sync)
    sync_until_current(first_sync)
    sell(first, shift_of(first), 5)
    sync_until_current(first_sync)
    sync_until_current(second_sync)

    assert stock_of(first, product.product_id) == 100 - 6 - 4 - 5
    assert stock_of(second, product.product_id) == 100 - 6 - 4 - 5
    second_device = second.services.identity.device_id
    assert len(held_by_hq(hq, second_device)) == second.services.store.count(own_only=True)
    for sync in (first_sync, second_sync):
        sync.close()
    first.services.close()
    second.services.close()
