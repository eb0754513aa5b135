"""HQ-authored events (catalog import, users, rates) are events the till understands: its
EventRegistry decodes them, its aggregates replay them, and its store imports them as pulled
events (hash check included) into its read models."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from uuid import UUID

import pytest
from sqlalchemy import select

from fluxion_desktop.application.event_store import StoredEvent
from fluxion_desktop.domain.catalog import Product
from fluxion_desktop.domain.exchange_rates import RateBoard
from fluxion_desktop.domain.identity import User
from fluxion_desktop.domain.money import Currency, Money
from fluxion_desktop.domain.pin import PinHasher
from sync.protocol import HQ_DEVICE_ID
from sync.server import catalog_import, hq_directives, schema, tenancy
from sync.server.catalog_import import CatalogErrors
from sync.server.database import Database, migrate, open_database
from sync.server.reads import wire_event
from tests.support.app import open_till

NOW = datetime(2026, 11, 25, 13, 30, tzinfo=UTC)
FIRST = """sku,name,price,currency,tax_category,unit,barcodes,pack_size,active
CAF-1,Café Fama de América 250 g,3.20,USD,general,piece,7591234567894,1,yes
HAR-PAN,Harina P.A.N. 1 kg,1.45,USD,reduced,piece,7591111000018 INT-77,1,
QUE-B,Queso blanco,6.80,USD,exempt,kg,,0.5,yes
VIEJO,Producto retirado,1.00,USD,general,piece,,1,no
"""
SECOND = """sku,name,price,currency,tax_category,unit,barcodes,active
CAF-1,Café Fama 250 g,3.50,USD,general,piece,7591234567894 CAF1,yes
HAR-PAN,Harina P.A.N. 1 kg,1.45,USD,general,piece,7591111000018,no
QUE-B,Queso blanco,6.80,USD,exempt,kg,,yes
VIEJO,Producto retirado,1.00,USD,general,piece,,yes
"""


@pytest.fixture
def hq_db(tmp_path: Path) -> Database:
    db = open_database(f"sqlite:///{tmp_path / 'hq.db'}")
    migrate(db)
    yield db
    db.dispose()


def _import(db: Database, tenant: str, tmp_path: Path, text: str) -> catalog_import.ImportResult:
    path = tmp_path / "catalog.csv"
    path.write_text(text, encoding="utf-8")
    return catalog_import.import_catalog(db, tenant, path, NOW)


def _hq_events(db: Database, tenant: str) -> list[StoredEvent]:
    ev = schema.events
    with db.read() as conn:
        rows = conn.execute(
            select(ev)
            .where(ev.c.tenant_id == tenant, ev.c.device_id == HQ_DEVICE_ID)
            .order_by(ev.c.seq)
        ).all()
    stored = []
    for row in rows:
        wire = wire_event(row._mapping)
        stored.append(
            StoredEvent(
                position=int(row.seq),
                event_id=UUID(wire.event_id),
                event_type=wire.event_type,
                schema_version=wire.schema_version,
                stream_id=wire.stream_id,
                version=wire.version,
                tenant_id=wire.tenant_id,
                store_id=wire.store_id,
                device_id=wire.device_id,
                user_id=wire.user_id,
                occurred_at=datetime.fromisoformat(wire.occurred_at),
                payload=wire.payload,
                metadata=wire.metadata,
                prev_hash=wire.prev_hash or "",
                hash=wire.hash or "",
            )
        )
    return stored


def test_the_till_replays_and_imports_what_hq_wrote(hq_db: Database, tmp_path: Path):
    tenant = tenancy.create_tenant(hq_db, "Bodegas", NOW)
    store = tenancy.create_store(hq_db, tenant, "Centro", NOW)
    first = _import(hq_db, tenant, tmp_path, FIRST)
    assert (first.created, first.changed, first.events) == (4, 0, 5)  # + VIEJO deactivated
    second = _import(hq_db, tenant, tmp_path, SECOND)
    # CAF-1 renamed, repriced, barcode added; HAR-PAN barcode removed, tax, deactivated; VIEJO on
    assert (second.created, second.changed, second.unchanged, second.events) == (0, 3, 1, 7)
    assert _import(hq_db, tenant, tmp_path, SECOND).events == 0  # nothing changed
    hq_directives.add_user(
        hq_db, tenant, "Carmen", "Carmen Pérez", "supervisor", "4321", NOW, pin_cost=2**4
    )
    hq_directives.set_rate(hq_db, tenant, "36.55", NOW, effective="2026-11-25")
    events = _hq_events(hq_db, tenant)
    assert len(events) == 14

    till = open_till(tmp_path / "till", tenant=tenant, store=store)
    try:
        registry = till.services.registry
        streams: dict[str, list] = defaultdict(list)
        for event in events:
            decoded = registry.from_payload(event.event_type, event.schema_version, event.payload)
            streams[event.stream_id].append(decoded)
        products = {
            p.sku: p
            for p in (
                Product.replay(s.removeprefix("product-"), e)
                for s, e in streams.items()
                if s.startswith("product-")
            )
        }
        coffee = products["CAF-1"]
        assert (coffee.name, coffee.price) == (
            "Café Fama 250 g",
            Money(Decimal("3.50"), Currency.USD),
        )
        assert coffee.barcodes == ("7591234567894", "CAF1") and coffee.origin.value == "hq"
        flour = products["HAR-PAN"]
        assert (flour.barcodes, flour.tax_category.value, flour.active) == (
            ("7591111000018",),
            "general",
            False,
        )
        assert products["QUE-B"].pack_size == Decimal("0.5") and products["VIEJO"].active
        [user] = [
            User.replay(s.removeprefix("user-"), e)
            for s, e in streams.items()
            if s.startswith("user-")
        ]
        assert (user.username, user.role.value, user.active) == ("carmen", "supervisor", True)
        assert PinHasher(n=2**4).verify("4321", user.pin_hash) and not PinHasher().verify(
            "1234", user.pin_hash
        )
        RateBoard.replay("hq", streams["rates-hq"])

        # The till's own store takes them as pulled events: hashes check, projections update.
        imported = till.services.store.import_remote(events)
        assert len(imported) == len(events)
        queries = till.services.queries
        assert queries.catalog.by_barcode("CAF1").name == "Café Fama 250 g"
        assert queries.catalog.by_sku("HAR-PAN").active is False
        assert queries.users.by_username("carmen") is not None
        rate = queries.store.current_rate(Currency.USD, Currency.VES)
        assert rate is not None and rate.rate == Decimal("36.55") and rate.source == "BCV"
    finally:
        till.services.close()


def test_a_bad_catalog_names_each_bad_line_and_writes_nothing(hq_db: Database, tmp_path: Path):
    tenant = tenancy.create_tenant(hq_db, "Bodegas", NOW)
    bad = """sku,name,price,barcodes,unit
OK-1,Bueno,1.00,,piece
MAL 2,Espacio en el SKU,1.00,,piece
PRE-3,Precio con coma,"1,50",,piece
EAN-4,Código malo,2.00,7591234567890,piece
OK-1,Repetido,1.00,,piece
UNI-6,Unidad rara,1.00,,litro
"""
    with pytest.raises(CatalogErrors) as caught:
        _import(hq_db, tenant, tmp_path, bad)
    problems = caught.value.problems
    assert [p.split(":")[0] for p in problems] == ["line 3", "line 4", "line 5", "line 7", "line 6"]
    assert "sku" in problems[0] and "price" in problems[1] and "check digit" in problems[2]
    assert _hq_events(hq_db, tenant) == []
    with pytest.raises(CatalogErrors, match="line 1: the header lacks column"):
        _import(hq_db, tenant, tmp_path, "sku,name\nA,B\n")
