"""Real tills enrolled with a real HQ, and what HQ holds of them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select

from fluxion_desktop.adapters.sync.session import (
    SyncSession,
    keep_enrolment,
    open_session,
    request_enrolment,
)
from sync.client.errors import Retryable
from sync.client.loop import CycleReport
from sync.server import schema
from tests.support.app import Till, open_till
from tests.sync.support.hq_server import RunningHq


def enrolled_till(hq: RunningHq, data_dir: Path, tenant: str, store: str) -> Till:
    """A till of `tenant`/`store` (users, no sales yet), enrolled with a fresh one-time code."""
    till = open_till(data_dir, tenant, store)
    enrol(hq, till, store)
    return till


def enrol(hq: RunningHq, till: Till, store: str) -> None:
    services = till.services
    answer = request_enrolment(hq.url, hq.enrollment_code(store), services.identity.device_id,
                               "Caja de prueba")  # fmt: skip
    keep_enrolment(services.store, services.settings.data_dir, hq.url, answer)


def session(till: Till, hq_url: str | None = None) -> SyncSession:
    services = till.services
    return open_session(services.store, services.settings.data_dir, services.clock,
                        hq_url=hq_url)  # fmt: skip


def sync_until_current(sync: SyncSession, attempts: int = 50) -> CycleReport:
    """Cycles until one leaves nothing pending (retrying network failures)."""
    for _ in range(attempts):
        try:
            report = sync.loop.run_once()
        except Retryable:
            continue
        if report.current:
            return report
    raise AssertionError(f"not current after {attempts} cycles")


@dataclass(frozen=True)
class HeldEvent:
    event_id: str
    stream_id: str
    version: int
    position: int


def held_by_hq(hq: RunningHq, device_id: str) -> list[HeldEvent]:
    """The device's events HQ stored, in HQ's ingest order."""
    events = schema.events
    query = (
        select(events.c.event_id, events.c.stream_id, events.c.version, events.c.position)
        .where(events.c.device_id == device_id)
        .order_by(events.c.seq)
    )
    with hq.database.read() as conn:
        return [HeldEvent(*row) for row in conn.execute(query)]


def own_events(till: Till) -> list[HeldEvent]:
    services = till.services
    own = [e for e in services.store.read_all(0, 10**9)
           if e.device_id == services.identity.device_id]  # fmt: skip
    return [HeldEvent(str(e.event_id), e.stream_id, e.version, e.position) for e in own]


BARCODE = "7591234567894"  # the product ring_up_sales creates, with 100 units received


def sell(till: Till, shift: str, quantity: int, barcode: str = BARCODE) -> None:
    """One complete cash sale of `quantity` units through the cashier's commands."""
    from fluxion_desktop.application.sale_completion import CompleteSale
    from fluxion_desktop.application.sales import AddTender, OpenSale, ScanItem
    from fluxion_desktop.domain.money import Currency, Money
    from fluxion_desktop.domain.tenders import TenderMethod

    bus = till.services.bus
    sale = bus.handle(OpenSale(till.cashier, shift))
    bus.handle(ScanItem(till.cashier, sale, barcode, Decimal(quantity)))
    bus.handle(AddTender(till.cashier, sale, TenderMethod.CASH, Money.of("50.00", "USD")))
    bus.handle(CompleteSale(till.cashier, sale, Currency.USD))


def shift_of(till: Till) -> str:
    """The shift open on `till`."""
    current = till.services.queries.shifts.open_shift(till.services.identity.device_id)
    assert current is not None
    return str(current.shift_id)


def queue_offline_events(till: Till, count: int, products: int = 40, batch: int = 5_000) -> None:
    """`count` goods receipts written straight to the log with `append_many` (a till offline for
    days): real `StockReceived` envelopes on the till's own stock streams, projected as usual."""
    from fluxion_desktop.application.event_store import StreamAppend
    from fluxion_desktop.application.repository import EventFactory
    from fluxion_desktop.domain.inventory import InventoryItem, StockReceived
    from fluxion_desktop.domain.money import Money

    services = till.services
    device = services.identity.device_id
    ids = [till.product(f"LOTE-{n:03d}", f"Harina PAN 1 kg, lote {n}", "1.45")
           for n in range(products)]  # fmt: skip
    streams = {p: f"stock-{InventoryItem.id_for(p, device)}" for p in ids}
    versions = {p: services.store.stream_version(streams[p]) for p in ids}
    levels = {p: stock_of(till, p) for p in ids}
    factory = EventFactory(services.identity, services.registry, services.clock, services.ids)
    cost = Money.of("0.95", "USD")
    for start in range(0, count, batch):
        parts: dict[str, list[Any]] = {p: [] for p in ids}
        for number in range(start, min(count, start + batch)):
            product = ids[number % products]
            levels[product] += 1
            till.clock.advance(seconds=7)
            received = StockReceived(product, device, levels[product], Decimal(1),
                                     f"OC-{number:06d}", cost)  # fmt: skip
            parts[product].append(factory.envelope(received, till.manager))
        appends = [StreamAppend(streams[p], events, versions[p]) for p, events in parts.items()
                   if events]  # fmt: skip
        services.store.append_many(appends)
        for p, events in parts.items():
            versions[p] += len(events)


def stock_of(till: Till, product_id: str) -> Decimal:
    return till.services.queries.stock.level(product_id).current


def eventually(check: Callable[[], bool], seconds: float) -> float:
    """Poll `check` until true; the seconds it took (AssertionError after `seconds`)."""
    import time

    start = time.monotonic()
    while not check():
        if time.monotonic() - start > seconds:
            raise AssertionError(f"not within {seconds} s")
        time.sleep(0.05)
    return time.monotonic() - start
