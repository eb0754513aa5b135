"""The store's settings and rates are parsed once per stored text, and every read still looks at
the row: a change made here, or by another program on the same file, shows on the next read."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from pathlib import Path

from fluxion_desktop.application.store_admin import ChangeStoreSettings, RecordExchangeRate
from fluxion_desktop.bootstrap import bootstrap
from fluxion_desktop.domain.inventory import NegativeStockPolicy
from fluxion_desktop.domain.money import Currency, ExchangeRate
from fluxion_desktop.domain.store_settings import StoreSettings
from fluxion_desktop.settings import Settings
from tests.support.app import FAST_PINS, open_till

DAY = date(2026, 11, 26)


def _rate(value: str, day: date = DAY, source: str = "BCV") -> ExchangeRate:
    return ExchangeRate(Currency.USD, Currency.VES, Decimal(value), day, source)


def test_a_settings_change_shows_on_the_next_read_and_an_unchanged_row_is_parsed_once(
    tmp_path: Path,
) -> None:
    till = open_till(tmp_path)
    store, bus = till.services.queries.store, till.services.bus
    try:
        named = StoreSettings(store_name="Bodega Uno")
        bus.handle(ChangeStoreSettings(till.manager, named))
        first = store.settings()
        assert first == named
        assert store.settings() is first  # the same text: the same parsed value

        blocked = dataclasses.replace(named, negative_stock_policy=NegativeStockPolicy.BLOCK)
        bus.handle(ChangeStoreSettings(till.manager, blocked))
        assert store.settings() == blocked

        bus.handle(ChangeStoreSettings(till.manager, named))
        assert store.settings() == named
    finally:
        till.services.close()


def test_a_change_another_program_writes_shows_on_the_next_read(tmp_path: Path) -> None:
    till = open_till(tmp_path)
    store = till.services.queries.store
    try:
        till.services.bus.handle(RecordExchangeRate(till.manager, _rate("36.50")))
        assert store.settings() == StoreSettings()
        assert store.current_rate(Currency.USD, Currency.VES) == _rate("36.50")

        other = bootstrap(Settings(tmp_path), clock=till.clock, pin_hasher=FAST_PINS,
                          configure_logs=False)  # fmt: skip
        try:
            other.bus.handle(ChangeStoreSettings(till.manager, StoreSettings(rif="J-1")))
            other.bus.handle(RecordExchangeRate(till.manager, _rate("37.25")))
        finally:
            other.close()

        assert store.settings() == StoreSettings(rif="J-1")
        assert store.current_rate(Currency.USD, Currency.VES) == _rate("37.25")
    finally:
        till.services.close()


def test_the_current_rate_follows_every_new_rate_and_its_history_is_unchanged(
    tmp_path: Path,
) -> None:
    till = open_till(tmp_path)
    store, bus = till.services.queries.store, till.services.bus
    try:
        assert store.current_rate(Currency.USD, Currency.VES) is None
        bus.handle(RecordExchangeRate(till.manager, _rate("36.50")))
        first = store.current_rate(Currency.USD, Currency.VES)
        assert first == _rate("36.50")
        assert store.current_rate(Currency.USD, Currency.VES) is first

        bus.handle(RecordExchangeRate(till.manager, _rate("36.50", source="Paralelo")))
        assert store.current_rate(Currency.USD, Currency.VES) == _rate("36.50", source="Paralelo")
        bus.handle(RecordExchangeRate(till.manager, _rate("40", date(2026, 11, 27))))
        assert store.current_rate(Currency.USD, Currency.VES) == _rate("40", date(2026, 11, 27))
        assert store.current_rate(Currency.VES, Currency.USD) is None

        assert store.rate_history(Currency.USD, Currency.VES) == [
            _rate("40", date(2026, 11, 27)), _rate("36.50", source="Paralelo"), _rate("36.50"),
        ]  # fmt: skip
    finally:
        till.services.close()
