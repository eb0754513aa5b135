"""A till on a real SQLite file, wired by the real bootstrap, with a fake clock and fast PINs."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from fluxion_desktop.adapters.device_identity import assign_store
from fluxion_desktop.application.catalog import CreateProduct
from fluxion_desktop.application.identity import CreateUser
from fluxion_desktop.bootstrap import Devices, Services, bootstrap
from fluxion_desktop.domain.catalog import Unit
from fluxion_desktop.domain.identity import Role
from fluxion_desktop.domain.money import Currency, Money
from fluxion_desktop.domain.pin import PinHasher
from fluxion_desktop.domain.tax import TaxCategory
from fluxion_desktop.settings import Settings
from tests.support.fakes import FakeClock

FAST_PINS = PinHasher(n=2**4)


@dataclass
class Till:
    services: Services
    clock: FakeClock
    admin: str
    manager: str
    cashier: str

    def product(
        self,
        sku: str,
        name: str,
        price: str,
        barcode: str | None = None,
        tax: TaxCategory = TaxCategory.GENERAL,
        unit: Unit = Unit.PIECE,
    ) -> str:
        return str(
            self.services.bus.handle(
                CreateProduct(
                    self.manager,
                    sku,
                    name,
                    Money(Decimal(price), Currency.USD),
                    tax,
                    unit,
                    (barcode,) if barcode else (),
                )
            )
        )


def open_till(
    data_dir: Path,
    tenant: str = "tenant-a",
    store: str = "store-1",
    devices: Devices | None = None,
) -> Till:
    clock = FakeClock()
    first = bootstrap(Settings(data_dir), clock=clock, pin_hasher=FAST_PINS, configure_logs=False,
                      devices=devices)  # fmt: skip
    assign_store(first.engine, tenant, store)
    first.close()
    services = bootstrap(Settings(data_dir), clock=clock, pin_hasher=FAST_PINS,
                         configure_logs=False, devices=devices)  # fmt: skip
    users = services.queries.users
    if users.by_username("admin") is None:
        services.bus.handle(CreateUser(None, "admin", "Admin", Role.ADMIN, "9999"))
    admin = users.by_username("admin")
    assert admin is not None
    if users.by_username("maria") is None:
        services.bus.handle(CreateUser(admin.user_id, "maria", "María", Role.MANAGER, "1234"))
        services.bus.handle(CreateUser(admin.user_id, "jose", "José", Role.CASHIER, "1111"))
    manager, cashier = users.by_username("maria"), users.by_username("jose")
    assert manager is not None and cashier is not None
    return Till(services, clock, admin.user_id, manager.user_id, cashier.user_id)


def configure_store(till: Till, rate: str = "36.50", special_taxpayer: bool = True) -> None:
    """A Venezuelan store that is a special taxpayer, with the BCV rate of the day."""
    from datetime import date

    from fluxion_desktop.application.store_admin import ChangeStoreSettings, RecordExchangeRate
    from fluxion_desktop.domain.money import Currency, ExchangeRate
    from fluxion_desktop.domain.sale_settings import SaleSettings
    from fluxion_desktop.domain.store_settings import StoreSettings

    bus = till.services.bus
    settings = StoreSettings(
        "Bodega La Esquina", sale=SaleSettings(special_taxpayer=special_taxpayer)
    )
    bus.handle(ChangeStoreSettings(till.manager, settings))
    today = till.clock.now().date()
    bus.handle(
        RecordExchangeRate(
            till.manager,
            ExchangeRate(
                Currency.USD,
                Currency.VES,
                Decimal(rate),
                date(today.year, today.month, today.day),
                "BCV",
            ),
        )
    )


def open_shift(till: Till, user_id: str | None = None) -> str:
    """A shift opened straight through the aggregate (the shift handlers have their own tests)."""
    from fluxion_desktop.application.repository import EventFactory, Repository
    from fluxion_desktop.domain.shift import Shift

    services = till.services
    factory = EventFactory(services.identity, services.registry, services.clock, services.ids)
    shifts = Repository(Shift, services.store, services.registry, factory)
    shift = Shift.open(
        str(services.ids.new_id()),
        user_id or till.cashier,
        services.identity.device_id,
        (Money.of("20.00", "USD"), Money.of("500.00", "VES")),
        till.clock.now(),
    )
    shifts.save(shift, user_id or till.cashier)
    return shift.id
