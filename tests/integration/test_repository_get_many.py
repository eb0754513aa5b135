"""Repository.get_many: what `get` of each id gives, with one look at the log for them all."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from fluxion_desktop.application.inventory import ReceiveStock
from fluxion_desktop.application.repository import EventFactory, Repository
from fluxion_desktop.domain.inventory import InventoryItem
from tests.support.app import Till, configure_store, open_till
from tests.support.sql_trace import statements


def _items(till: Till) -> Repository[InventoryItem]:
    s = till.services
    factory = EventFactory(s.identity, s.registry, s.clock, s.ids)
    return Repository(InventoryItem, s.store, s.registry, factory)


def test_get_many_looks_once_and_reads_only_what_changed(tmp_path: Path) -> None:
    till = open_till(tmp_path)
    configure_store(till)
    products = [till.product(f"SKU{n}", f"Producto {n}", "1.00") for n in range(3)]
    for product in products[:2]:
        till.services.bus.handle(ReceiveStock(till.manager, product, Decimal(5)))
    device = till.services.identity.device_id
    ids = [InventoryItem.id_for(p, device) for p in products]
    repo = _items(till)
    first = repo.get_many(ids)
    assert [i is None for i in first] == [False, False, True]
    for item in first[:2]:  # held in memory again (`get` hands its instance out)
        assert item is not None
        repo.peek(item.id)

    # Another program on this file receives stock for the first product.
    other = open_till(tmp_path)
    other.services.bus.handle(ReceiveStock(other.manager, products[0], Decimal(2)))
    with statements(till.services.engine) as seen:
        again = repo.get_many(ids)

    assert again[0] is not None and first[0] is not None
    assert again[0].version == first[0].version + 1  # the news was read
    assert again[1] is not None and first[1] is not None and again[1].version == first[1].version
    assert again[2] is None
    assert len([s for s in seen if "SELECT (SELECT MAX(version)" in s]) == 1
    streams_read = [s for s in seen if s.startswith("SELECT position") and "FROM events" in s]
    assert len(streams_read) == 1  # only the changed one, only its news
    assert f"stock-{ids[0]}" in streams_read[0] and "version >= 2" in streams_read[0]
    other.services.close()
    till.services.close()
