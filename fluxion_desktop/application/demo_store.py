"""The demo store: a Venezuelan minimarket with users, settings, the BCV rate, a catalog with
stock, and an open shift, set up through the same commands a manager would use.

The README gives these users and PINs: admin / 9999 (admin), luis / 2222 (manager) and
ana / 1111 (cashier).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_CEILING, Decimal

from fluxion_desktop.application.authorization import UserQueries
from fluxion_desktop.application.catalog import CreateProduct
from fluxion_desktop.application.demo_catalog import DemoProduct, demo_products
from fluxion_desktop.application.demo_history import seed_demo_history
from fluxion_desktop.application.identity import CreateUser
from fluxion_desktop.application.inventory import ReceiveStock, SetStockLimits
from fluxion_desktop.application.message_bus import MessageBus
from fluxion_desktop.application.queries import CatalogQueries
from fluxion_desktop.application.shifts import OpenShift, ShiftQueries
from fluxion_desktop.application.simulation import Shelf
from fluxion_desktop.application.store_admin import ChangeStoreSettings, RecordExchangeRate
from fluxion_desktop.domain.business_day import business_day
from fluxion_desktop.domain.identity import Role
from fluxion_desktop.domain.money import Currency, ExchangeRate, Money
from fluxion_desktop.domain.sale_settings import SaleSettings
from fluxion_desktop.domain.store_settings import StoreSettings

DEMO_USERS = (
    ("admin", "Administración", Role.ADMIN, "9999"),
    ("luis", "Luis Pérez (gerente)", Role.MANAGER, "2222"),
    ("ana", "Ana Rodríguez (cajera)", Role.CASHIER, "1111"),
)
DEMO_RATE = Decimal("45.72")
DEMO_RATE_DATE = date(2026, 11, 25)
DEMO_SETTINGS = StoreSettings(
    store_name="Bodega La Esquina (demo)",
    rif="J-00004793-6",
    address="Av. Bolívar, Caracas",
    sale=SaleSettings(special_taxpayer=True),
)


@dataclass(frozen=True, slots=True)
class DemoStore:
    admin_id: str
    manager_id: str
    cashier_id: str
    shift_id: str
    shelf: Shelf


def seed_demo_store(
    bus: MessageBus,
    users: UserQueries,
    catalog: CatalogQueries,
    shifts: ShiftQueries,
    device_id: str,
    now: datetime,
    products: int = 500,
) -> DemoStore:
    """Set the demo store up (what is there already is kept); what the demo needs to sell."""
    admin, manager, cashier = _users(bus, users)
    bus.handle(ChangeStoreSettings(manager, DEMO_SETTINGS))
    record_daily_rate(bus, manager, now)
    demo = demo_products(products)
    if catalog.count() == 0:
        for product in demo:
            _stock(bus, manager, _create(bus, manager, product), product)
        # Ending the store's yesterday: live sales start on a day the history leaves empty.
        seed_demo_history(bus, manager, demo, business_day(now))
    open_shift = shifts.open_shift(device_id)
    if open_shift is not None:
        shift_id = open_shift.shift_id
    else:
        drawer = (Money.of("20.00", "USD"), Money.of("1000.00", "VES"))
        shift_id = str(bus.handle(OpenShift(cashier, drawer)))
    return DemoStore(admin, manager, cashier, shift_id, shelf_of(catalog, demo))


def record_daily_rate(bus: MessageBus, manager: str, now: datetime) -> None:
    """The demo's BCV rate for `now`'s day: a slow, steady devaluation from DEMO_RATE."""
    days = (now.date() - DEMO_RATE_DATE).days
    rate = (DEMO_RATE * (1 + Decimal("0.0008") * days)).quantize(Decimal("0.0001"))
    bus.handle(RecordExchangeRate(manager, ExchangeRate(Currency.USD, Currency.VES, rate,
                                                        now.date(), "BCV")))  # fmt: skip


def shelf_of(catalog: CatalogQueries, demo: list[DemoProduct]) -> Shelf:
    """The demo products as the catalog holds them, weighted by how fast each sells."""
    pairs = [(catalog.by_sku(p.sku), float(p.base_daily_demand)) for p in demo]
    found = [(view, weight) for view, weight in pairs if view is not None]
    return Shelf([v for v, _ in found], [w for _, w in found])


def _users(bus: MessageBus, users: UserQueries) -> tuple[str, str, str]:
    ids = []
    admin_id: str | None = None
    for username, name, role, pin in DEMO_USERS:
        existing = users.by_username(username)
        if existing is None:
            user_id = str(bus.handle(CreateUser(admin_id, username, name, role, pin)))
        else:
            user_id = existing.user_id
        admin_id = admin_id or user_id
        ids.append(user_id)
    return ids[0], ids[1], ids[2]


def _create(bus: MessageBus, manager: str, product: DemoProduct) -> str:
    barcodes = (product.barcode.value,) if product.barcode else ()
    return str(
        bus.handle(
            CreateProduct(
                manager,
                product.sku,
                product.name,
                product.price,
                product.tax_category,
                product.unit,
                barcodes,
            )
        )
    )


def _stock(bus: MessageBus, manager: str, product_id: str, product: DemoProduct) -> None:
    # About a month of stock, and a minimum of a week's sales, rounded up to whole units.
    daily = product.base_daily_demand
    whole = Decimal(1)
    month = max((daily * 30).to_integral_value(ROUND_CEILING), Decimal(5))
    week = max((daily * 7).to_integral_value(ROUND_CEILING), whole)
    bus.handle(SetStockLimits(manager, product_id, week, month * 2))
    bus.handle(ReceiveStock(manager, product_id, month, "demo: opening stock"))
