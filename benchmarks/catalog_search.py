"""Catalog search benchmarks (ARCHITECTURE.md §4 Catalog) over a 300,000-product till database.

1. search-as-you-type through `SqlCatalogQueries.search` (limit 50, as the sale screen asks):
   prefixes of 2-12 characters of real product names, typed with and without accents, from the
   first word or from a later one ("polar pil"), a few fixed favourites ("caf", "harina p"), and
   SKU and barcode prefixes; p50 and p95, target p95 <= 30 ms, plus each kind's p95 apart.
2. `SqlCatalogQueries.by_barcode` of random existing barcodes, as a scanner does: p50 and p99,
   target p99 <= 1 ms.
3. what a catalog command (here a rename) costs the synchronous CatalogProjection in that database,
   applied in a transaction that is rolled back: informational, it grows with the catalog.

The database is built once and cached under benchmarks/results/ (see `catalog_database`): the
products of `demo_catalog.large_catalog` become `ProductCreated` events appended through
`SqliteEventStore.append_many` in batches of 5,000 streams, so the real synchronous projections
(CatalogProjection and its FTS5 index included) fill the read model as they would on a till.
"""

from __future__ import annotations

import json
import random
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import Any
from uuid import UUID

from sqlalchemy import Engine, event
from uuid6 import uuid7

from benchmarks.harness import RESULTS_DIR, Result, median, percentile, scaled
from fluxion_desktop.adapters.database import head_revision, open_database
from fluxion_desktop.adapters.read_models.catalog_projection import CatalogProjection
from fluxion_desktop.adapters.read_models.catalog_queries import SqlCatalogQueries, fts_query
from fluxion_desktop.adapters.sqlite_event_store import SqliteEventStore
from fluxion_desktop.application.demo_catalog import DemoProduct, large_catalog
from fluxion_desktop.application.event_registry import EventRegistry
from fluxion_desktop.application.event_store import NewEvent, StoredEvent, StreamAppend
from fluxion_desktop.bootstrap import domain_event_types, synchronous_projections
from fluxion_desktop.domain.catalog import Product, ProductOrigin, ProductRenamed

# Bump when the generated catalog or the way it is loaded changes, so cached databases rebuild.
WORKLOAD_VERSION = 1
PRODUCTS = 300_000
BATCH = 5_000
SEARCHES = 1_000
LOOKUPS = 5_000
RENAMES = 50
WARMUP = 50
SEED = 7
TENANT, STORE, DEVICE = "bench-tenant", "bench-store", "bench-device"
FAVOURITES = ("ca", "caf", "cafe", "café", "harina p", "harina pan", "polar pil", "arroz m",
              "queso bl", "ron santa", "pan de j", "leche en p", "cerveza", "jabon")  # fmt: skip
MS = 1000.0


def run(quick: bool) -> list[Result]:
    catalog = catalog_database(scaled(PRODUCTS, quick))
    engine = open_database(catalog.path)
    try:
        queries = SqlCatalogQueries(engine)
        names, skus, barcodes = _sample_codes(engine, random.Random(SEED))
        _say(f"1/3 search-as-you-type over {catalog.products:,} products")
        plan = search_plan(names, skus, barcodes, scaled(SEARCHES, quick), random.Random(SEED))
        results = search(queries, engine, plan, catalog)
        _say("2/3 barcode lookups")
        results += lookups(queries, barcodes, scaled(LOOKUPS, quick), random.Random(SEED))
        _say("3/3 the catalog projection of one rename (rolled back)")
        results += rename_projection(engine, scaled(RENAMES, quick, minimum=5))
    finally:
        engine.dispose()
    return results


def _say(text: str) -> None:
    print(f"   {text}", file=sys.stderr, flush=True)


# -- 1. search-as-you-type -----------------------------------------------------------------------


def search_plan(
    names: Sequence[str],
    skus: Sequence[str],
    barcodes: Sequence[str],
    count: int,
    rnd: random.Random,
) -> list[tuple[str, str]]:
    """(kind, text) pairs: 70 % name prefixes, 10 % each favourites, SKU and barcode prefixes."""
    plan = []
    for _ in range(count):
        roll = rnd.random()
        if roll < 0.7:
            plan.append(("name", _typed_prefix(rnd.choice(names), rnd)))
        elif roll < 0.8:
            plan.append(("favourite", rnd.choice(FAVOURITES)))
        elif roll < 0.9:
            sku = rnd.choice(skus)
            plan.append(("sku", sku[: rnd.randint(3, len(sku))]))
        else:
            code = rnd.choice(barcodes)
            plan.append(("barcode", code[: rnd.randint(4, len(code))]))
    return plan


def _typed_prefix(name: str, rnd: random.Random) -> str:
    words = name.lower().split()
    # A third of searches start at a later word: the brand ("polar pil") or the variant.
    start = rnd.randrange(len(words)) if rnd.random() < 0.33 else 0
    text = " ".join(words[start:])[: rnd.randint(2, 12)].strip()
    if rnd.random() < 0.5:  # cashiers rarely type accents
        text = "".join(
            c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)
        )
    return text if len(text) >= 2 else " ".join(words)[:2]


def search(
    queries: SqlCatalogQueries, engine: Engine, plan: Sequence[tuple[str, str]], db: CatalogDb
) -> list[Result]:
    for _, text in plan[:WARMUP]:
        queries.search(text)
    timings: list[tuple[float, str, str, int]] = []
    for kind, text in plan:
        start = time.perf_counter()
        found = queries.search(text)
        timings.append((time.perf_counter() - start, kind, text, len(found)))
    seconds = [t[0] for t in timings]
    empty = sum(1 for t in timings if t[3] == 0)
    slowest = sorted(timings, reverse=True)[:8]
    details: dict[str, Any] = {
        "products": db.products, "searches": len(plan), "warmup": WARMUP, "limit": 50,
        "empty_results": empty, "db_build_seconds": db.build_seconds,
        "db_file_bytes": db.file_bytes, "build_batches": db.batch_seconds,
        "slowest": [{"ms": round(s * MS, 2), "kind": k, "text": t, "matches": _matches(engine, t)}
                    for s, k, t, _ in slowest],
    }  # fmt: skip
    results = [
        Result(f"search p50 ({db.products:,} products)", percentile(seconds, 50) * MS, "ms",
               details=details),
        Result(f"search p95 ({db.products:,} products)", percentile(seconds, 95) * MS, "ms",
               30.0, "<="),
        Result("search max", max(seconds) * MS, "ms"),
    ]  # fmt: skip
    for kind in ("name", "favourite", "sku", "barcode"):
        mine = [t[0] for t in timings if t[1] == kind]
        of_kind = {"searches": len(mine), "p50_ms": median(mine) * MS}
        results.append(
            Result(f"search p95, {kind} prefixes", percentile(mine, 95) * MS, "ms", details=of_kind)
        )
    return results


def _matches(engine: Engine, text: str) -> int:
    """How many products a search matched before its LIMIT: what ranking had to score."""
    query = fts_query(text)
    if query is None:
        return 0
    with engine.connect() as connection:
        found = connection.exec_driver_sql(
            "SELECT COUNT(*) FROM product_search WHERE product_search MATCH ?", (query,)
        ).scalar()
    return int(found or 0)


# -- 2. barcode lookups -------------------------------------------------------------------------


def lookups(
    queries: SqlCatalogQueries, barcodes: Sequence[str], count: int, rnd: random.Random
) -> list[Result]:
    plan = [rnd.choice(barcodes) for _ in range(count + WARMUP)]
    seconds = []
    for index, code in enumerate(plan):
        start = time.perf_counter()
        found = queries.by_barcode(code)
        elapsed = time.perf_counter() - start
        if found is None or code not in found.barcodes:
            raise AssertionError(f"by_barcode({code!r}) did not find its product")
        if index >= WARMUP:
            seconds.append(elapsed)
    return [
        Result("by_barcode p50", percentile(seconds, 50) * MS, "ms",
               details={"lookups": count, "warmup": WARMUP, "barcodes": len(barcodes)}),
        Result("by_barcode p99", percentile(seconds, 99) * MS, "ms", 1.0, "<="),
    ]  # fmt: skip


# -- 3. the projection of one catalog command ---------------------------------------------------


def rename_projection(engine: Engine, count: int) -> list[Result]:
    registry = EventRegistry()
    registry.register_all(domain_event_types())
    projection = CatalogProjection(registry)
    with engine.connect() as connection:
        ids = [r[0] for r in connection.exec_driver_sql(
            "SELECT product_id FROM products ORDER BY random() LIMIT ?", (count,))]  # fmt: skip
    seconds = []
    pooled = engine.raw_connection()
    try:
        db = pooled.driver_connection
        assert db is not None
        for product_id in ids:
            renamed = _stored(
                ProductRenamed(product_id=product_id, name="Renombrado 1 kg"), registry
            )
            db.execute("BEGIN IMMEDIATE")
            try:
                start = time.perf_counter()
                projection.handle(db, [renamed])
                seconds.append(time.perf_counter() - start)
            finally:
                db.execute("ROLLBACK")
    finally:
        pooled.close()
    return [
        Result("rename: CatalogProjection p50", percentile(seconds, 50) * MS, "ms",
               details={"renames": count, "note": "applied in a transaction, rolled back"}),
    ]  # fmt: skip


def _stored(event: ProductRenamed, registry: EventRegistry) -> StoredEvent:
    return StoredEvent(
        position=0, event_id=UUID(bytes=uuid7().bytes), event_type=event.event_type,
        schema_version=event.schema_version, stream_id=f"product-{event.product_id}", version=2,
        tenant_id=TENANT, store_id=STORE, device_id=DEVICE, user_id="bench-manager",
        occurred_at=_AT, payload=registry.to_payload(event), metadata={}, prev_hash="", hash="",
    )  # fmt: skip


def _sample_codes(
    engine: Engine, rnd: random.Random, size: int = 20_000
) -> tuple[list[str], list[str], list[str]]:
    """Names, SKUs and barcodes of random products, read back from the read model."""
    with engine.connect() as connection:
        products = connection.exec_driver_sql("SELECT name, sku FROM products").fetchall()
        barcodes = connection.exec_driver_sql("SELECT barcode FROM product_barcodes").fetchall()
    picked = rnd.sample(products, min(size, len(products)))
    return [p[0] for p in picked], [p[1] for p in picked], [b[0] for b in barcodes]


# -- the cached database ------------------------------------------------------------------------


@dataclass(frozen=True)
class CatalogDb:
    path: Path
    products: int
    barcodes: int
    build_seconds: float
    batch_seconds: dict[str, float]  # first, median and last batch: does loading slow down?
    file_bytes: int


def cache_key(products: int) -> str:
    return f"schema-{head_revision()}-w{WORKLOAD_VERSION}-{products}p"


def catalog_database(products: int, log: Callable[[str], None] = _say) -> CatalogDb:
    """The cached till database with `products` products (built once while the key matches)."""
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"catalog-{cache_key(products)}.db"
    sidecar = path.with_name(path.name + ".json")
    if path.exists() and sidecar.exists():
        info = json.loads(sidecar.read_text())
        return CatalogDb(path=path, **{k: v for k, v in info.items() if k != "path"})
    for old in RESULTS_DIR.glob(f"catalog-*-{products}p.db*"):
        old.unlink(missing_ok=True)
    log(f"building the {products:,}-product catalog (cached as {path.name}; done once)")
    built = _build(path, products, log)
    sidecar.write_text(json.dumps({k: str(v) if k == "path" else v
                                   for k, v in asdict(built).items()}))  # fmt: skip
    return built


def _build(path: Path, total: int, log: Callable[[str], None]) -> CatalogDb:
    building = path.with_name(path.name + ".building")
    for suffix in ("", "-wal", "-shm"):
        building.with_name(building.name + suffix).unlink(missing_ok=True)
    start = time.perf_counter()
    engine = open_database(building)
    # A fixture, not a measurement: skip the fsync of every commit while filling it.
    event.listen(engine, "connect", _no_sync)
    engine.dispose()
    registry = EventRegistry()
    registry.register_all(domain_event_types())
    store = SqliteEventStore(engine, DEVICE, registry.is_known, synchronous_projections(registry))
    batches: list[float] = []
    made = 0
    for batch in _batches(large_catalog(total, SEED), BATCH):
        appends = [_append(product, registry) for product in batch]
        began = time.perf_counter()
        store.append_many(appends)
        batches.append(time.perf_counter() - began)
        made += len(batch)
        if made % 50_000 == 0 or made == total:
            rate = made / (time.perf_counter() - start)
            log(f"... {made:,} products ({rate:,.0f}/s; last batch {batches[-1]:.2f} s)")
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        count = connection.exec_driver_sql("SELECT COUNT(*) FROM products").scalar()
        barcodes = connection.exec_driver_sql("SELECT COUNT(*) FROM product_barcodes").scalar()
    engine.dispose()
    expected_barcodes = sum(1 for p in large_catalog(total, SEED) if p.barcode is not None)
    if count != total or barcodes != expected_barcodes:
        raise AssertionError(f"read model has {count} products and {barcodes} barcodes, "
                             f"expected {total} and {expected_barcodes}")  # fmt: skip
    seconds = time.perf_counter() - start
    for suffix in ("-wal", "-shm"):
        building.with_name(building.name + suffix).unlink(missing_ok=True)
    building.replace(path)
    log(f"built in {seconds:.1f} s ({total / seconds:,.0f} products/s, fsync off)")
    return CatalogDb(
        path=path,
        products=total,
        barcodes=int(barcodes or 0),
        build_seconds=round(seconds, 2),
        batch_seconds={
            "first": round(batches[0], 3),
            "median": round(median(batches), 3),
            "last": round(batches[-1], 3),
        },
        file_bytes=path.stat().st_size,
    )


def _batches(products: Iterator[DemoProduct], size: int) -> Iterator[list[DemoProduct]]:
    while batch := list(islice(products, size)):
        yield batch


_AT = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)


def _append(demo: DemoProduct, registry: EventRegistry) -> StreamAppend:
    """The stream a `CreateProduct` from HQ would write, without the per-command transaction."""
    product_id = UUID(bytes=uuid7().bytes)
    product = Product.create(
        str(product_id), demo.sku, demo.name, demo.price, demo.tax_category, demo.unit,
        () if demo.barcode is None else (demo.barcode,), ProductOrigin.HQ, Decimal(1),
    )  # fmt: skip
    (created,) = product.pending_events
    envelope = NewEvent(
        event_id=UUID(bytes=uuid7().bytes),
        event_type=created.event_type,
        schema_version=created.schema_version,
        tenant_id=TENANT,
        store_id=STORE,
        device_id=DEVICE,
        user_id="bench-manager",
        occurred_at=_AT,
        payload=registry.to_payload(created),
    )
    return StreamAppend(f"{Product.stream_type}-{product_id}", [envelope], 0)


def _no_sync(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.execute("PRAGMA synchronous = OFF")
