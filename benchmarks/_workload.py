"""Realistic events for the event store benchmarks, and the cached large event logs.

Payloads look like a till's: sale lines, payments, stock movements, loyalty points, with money as
decimal strings and a currency (150-300 bytes of JSON each), spread over a few thousand streams
whose ids carry their type as a prefix ("till-00042"), as the stream_summary projection expects.
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from uuid import UUID

from sqlalchemy import Engine, event
from uuid6 import uuid7

from benchmarks.harness import RESULTS_DIR
from fluxion_desktop.adapters.database import head_revision, open_database
from fluxion_desktop.adapters.projections import StreamSummaryProjection
from fluxion_desktop.adapters.sqlite_event_store import SqliteEventStore
from fluxion_desktop.application.event_registry import EventRegistry
from fluxion_desktop.application.event_store import NewEvent
from fluxion_desktop.domain.events import DomainEvent
from tests.support.sample_events import DEVICE, STORE, TENANT, sample_registry

# Bump when the generated data changes shape, so cached logs are rebuilt.
WORKLOAD_VERSION = 1
CURRENCY = "COP"


class SaleLineAdded(DomainEvent):
    event_type = "SaleLineAdded"


class PaymentTaken(DomainEvent):
    event_type = "PaymentTaken"


class SaleCompleted(DomainEvent):
    event_type = "SaleCompleted"


class StockMoved(DomainEvent):
    event_type = "StockMoved"


class LoyaltyPointsEarned(DomainEvent):
    event_type = "LoyaltyPointsEarned"


def registry() -> EventRegistry:
    """The sample registry of the tests plus the benchmark's event types."""
    found = sample_registry()
    found.register_all(
        [SaleLineAdded, PaymentTaken, SaleCompleted, StockMoved, LoyaltyPointsEarned]
    )
    return found


def new_store(engine: Engine) -> SqliteEventStore:
    """The store as production wires it: this device, the synchronous StreamSummaryProjection."""
    return SqliteEventStore(engine, DEVICE, registry().is_known, [StreamSummaryProjection()])


_PRODUCTS = (
    ("7702004003522", "Arroz Diana x 500 g", "2450.00"),
    ("7702007043567", "Aceite Premier 1000 ml", "12900.00"),
    ("7702025101126", "Leche entera Alpina 1 l", "4350.00"),
    ("7702354001425", "Cafe Sello Rojo 250 g", "8990.00"),
    ("7707211100024", "Huevos AA x 30 und", "16500.00"),
    ("7702914598235", "Panela redonda 1 kg", "5200.00"),
    ("7702001023451", "Chocolate Corona 500 g", "11350.00"),
    ("7702191163126", "Jabon Rey barra x 3", "7800.00"),
)
_STREAM_KINDS = ("till", "stock", "customer")


def _money(amount: Decimal) -> dict[str, str]:
    return {"amount": f"{amount:.2f}", "currency": CURRENCY}


class EventFactory:
    """Deterministic-looking (seeded) events; ids are UUIDv7 and times move forward."""

    def __init__(self, seed: int = 1234, start: datetime | None = None) -> None:
        self._random = random.Random(seed)
        self._moment = start or datetime(2026, 1, 5, 13, 0, tzinfo=UTC)
        self._sale = 0

    def event(self, stream_id: str) -> NewEvent:
        kind = stream_id.split("-", 1)[0]
        rnd = self._random
        self._moment += timedelta(milliseconds=rnd.randint(200, 4000))
        if kind == "till":
            event_type, payload = self._till_payload()
        elif kind == "stock":
            sku, name, _ = rnd.choice(_PRODUCTS)
            event_type = "StockMoved"
            payload = {
                "sku": sku,
                "description": name,
                "reason": rnd.choice(("sale", "receipt", "adjustment", "return")),
                "quantity": f"{Decimal(rnd.randint(-12, 48)):.3f}",
                "unit_cost": _money(Decimal(rnd.randint(500, 15000))),
                "reference": f"doc-{rnd.randint(1, 999_999):06d}",
            }
        else:
            event_type = "LoyaltyPointsEarned"
            payload = {
                "customer_id": f"cust-{rnd.randint(1, 99_999):05d}",
                "sale_id": f"sale-{self._sale:07d}",
                "points": str(rnd.randint(1, 400)),
                "basis": _money(Decimal(rnd.randint(1000, 400_000))),
                "program": "puntos-clientes",
                "balance": str(rnd.randint(0, 90_000)),
            }
        return NewEvent(
            event_id=UUID(bytes=uuid7().bytes),
            event_type=event_type,
            schema_version=1,
            tenant_id=TENANT,
            store_id=STORE,
            device_id=DEVICE,
            user_id=f"user-{rnd.randint(1, 12)}",
            occurred_at=self._moment,
            payload=payload,
            metadata={
                "correlation_id": str(UUID(int=rnd.getrandbits(128), version=4)),
                "command": event_type,
            },
        )

    def _till_payload(self) -> tuple[str, dict[str, Any]]:
        rnd = self._random
        roll = rnd.random()
        if roll < 0.1:
            self._sale += 1
            return "SaleCompleted", {
                "sale_id": f"sale-{self._sale:07d}",
                "lines": rnd.randint(1, 25),
                "subtotal": _money(Decimal(rnd.randint(1000, 400_000))),
                "tax": _money(Decimal(rnd.randint(0, 76_000))),
                "total": _money(Decimal(rnd.randint(1000, 476_000))),
            }
        if roll < 0.2:
            return "PaymentTaken", {
                "sale_id": f"sale-{self._sale:07d}",
                "method": rnd.choice(("cash", "card", "nequi", "daviplata")),
                "amount": _money(Decimal(rnd.randint(1000, 476_000))),
                "tendered": _money(Decimal(rnd.randint(1000, 500_000))),
                "terminal": f"caja-{rnd.randint(1, 4):02d}",
            }
        sku, name, price = rnd.choice(_PRODUCTS)
        quantity = Decimal(rnd.randint(1, 6))
        unit = Decimal(price)
        return "SaleLineAdded", {
            "sale_id": f"sale-{self._sale:07d}",
            "line_no": rnd.randint(1, 25),
            "sku": sku,
            "description": name,
            "quantity": f"{quantity:.3f}",
            "unit_price": _money(unit),
            "tax": {"rate": "0.19", "amount": f"{unit * quantity * Decimal('0.19'):.2f}"},
            "line_total": _money(unit * quantity),
        }

    def events(self, stream_id: str, count: int) -> list[NewEvent]:
        return [self.event(stream_id) for _ in range(count)]


def stream_ids(count: int) -> list[str]:
    return [f"{_STREAM_KINDS[i % len(_STREAM_KINDS)]}-{i:05d}" for i in range(count)]


def appends(
    factory: EventFactory, streams: Sequence[str], total: int, max_chunk: int = 100
) -> Iterator[tuple[str, list[NewEvent], int]]:
    """(stream, events, expected_version) for `total` events: random streams, chunks of 1..max."""
    rnd = random.Random(99)
    versions = dict.fromkeys(streams, 0)
    made = 0
    while made < total:
        stream = rnd.choice(streams)
        size = min(total - made, rnd.randint(1, max_chunk))
        yield stream, factory.events(stream, size), versions[stream]
        versions[stream] += size
        made += size


# -- the cached large logs ---------------------------------------------------------------------


@dataclass(frozen=True)
class EventLog:
    path: Path
    events: int
    streams: int
    probe_stream: str  # a typical stream to read back
    probe_stream_events: int
    build_seconds: float
    file_bytes: int


def cache_key(events: int, streams: int) -> str:
    return f"schema-{head_revision()}-w{WORKLOAD_VERSION}-{events}ev-{streams}st"


def event_log(events: int, streams: int, log: Callable[[str], None] | None = None) -> EventLog:
    """The cached log of `events` events (built once, then reused while the key matches)."""
    say = log or (lambda text: print(text, file=sys.stderr, flush=True))
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    key = cache_key(events, streams)
    path = RESULTS_DIR / f"eventlog-{key}.db"
    sidecar = path.with_name(path.name + ".json")
    if path.exists() and sidecar.exists():
        info = json.loads(sidecar.read_text())
        return EventLog(path=path, **{k: v for k, v in info.items() if k != "path"})
    _remove_stale(events, streams, keep=path)
    say(f"   building the {events:,}-event log (cached as {path.name}; done once)")
    info = _build(path, events, streams, say)
    sidecar.write_text(
        json.dumps({k: str(v) if k == "path" else v for k, v in asdict(info).items()})
    )
    return info


def _remove_stale(events: int, streams: int, keep: Path) -> None:
    suffix = f"-{events}ev-{streams}st.db"
    for old in RESULTS_DIR.glob("eventlog-*"):
        if old.name.startswith(keep.name):
            continue
        if suffix in old.name or old.name.endswith(".building"):
            old.unlink(missing_ok=True)


def _build(path: Path, total: int, streams_count: int, say: Callable[[str], None]) -> EventLog:
    building = path.with_name(path.name + ".building")
    for leftover in (building, *(building.with_name(building.name + s) for s in ("-wal", "-shm"))):
        leftover.unlink(missing_ok=True)
    start = time.perf_counter()
    engine = open_database(building)
    # A fixture, not a measurement: skip the fsync of every commit while filling it.
    event.listen(engine, "connect", _no_sync)
    engine.dispose()
    store = new_store(engine)
    streams = stream_ids(streams_count)
    factory = EventFactory(seed=7)
    made = 0
    next_report = 100_000
    for stream, batch, expected in appends(factory, streams, total):
        store.append(stream, batch, expected)
        made += len(batch)
        if made >= next_report:
            rate = made / (time.perf_counter() - start)
            say(f"   ... {made:,} events ({rate:,.0f} events/s)")
            next_report += 100_000
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        probe = connection.exec_driver_sql(
            "SELECT stream_id, COUNT(*) AS n FROM events GROUP BY stream_id ORDER BY n, stream_id"
        ).fetchall()
    engine.dispose()
    seconds = time.perf_counter() - start
    typical = probe[len(probe) // 2]
    for suffix in ("-wal", "-shm"):
        building.with_name(building.name + suffix).unlink(missing_ok=True)
    building.replace(path)
    say(f"   built in {seconds:.1f} s ({total / seconds:,.0f} events/s, fsync off)")
    return EventLog(
        path=path,
        events=total,
        streams=len(probe),
        probe_stream=typical[0],
        probe_stream_events=typical[1],
        build_seconds=round(seconds, 2),
        file_bytes=path.stat().st_size,
    )


def _no_sync(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.execute("PRAGMA synchronous = OFF")
