"""Read models of the store's settings and exchange rates, and their queries."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, Table

from fluxion_desktop.adapters.event_codec import canonical_json
from fluxion_desktop.adapters.projections import Db, DomainProjection
from fluxion_desktop.adapters.read_models.row_views import RowViews
from fluxion_desktop.adapters.read_models.sales_tables import exchange_rates, store_settings
from fluxion_desktop.adapters.sqlite_engine import raw_read_transaction
from fluxion_desktop.application.event_registry import EventRegistry
from fluxion_desktop.application.event_store import StoredEvent
from fluxion_desktop.domain.decimals import format_decimal
from fluxion_desktop.domain.events import DomainEvent
from fluxion_desktop.domain.exchange_rates import ExchangeRateRecorded
from fluxion_desktop.domain.money import Currency, ExchangeRate
from fluxion_desktop.domain.store_settings import StoreSettings, StoreSettingsChanged


class StoreProjection(DomainProjection):
    name = "store"
    tables: tuple[Table, ...] = (store_settings, exchange_rates)
    virtual_tables: Mapping[str, str] = {}
    event_types = (StoreSettingsChanged, ExchangeRateRecorded)

    def apply(self, db: Db, events: list[tuple[StoredEvent, DomainEvent]]) -> None:
        for stored, event in events:
            if isinstance(event, StoreSettingsChanged):
                db.execute(
                    "INSERT OR REPLACE INTO store_settings (store_id, settings) VALUES (?, ?)",
                    (stored.store_id, canonical_json(dict(stored.payload))),
                )
            elif isinstance(event, ExchangeRateRecorded):
                rate = event.rate
                db.execute(
                    "INSERT INTO exchange_rates (position, base, quote, rate, effective_date, "
                    "source) VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        stored.position,
                        rate.base.value,
                        rate.quote.value,
                        format_decimal(rate.rate),
                        rate.effective_date.isoformat(),
                        rate.source,
                    ),
                )


class SqlStoreQueries:
    def __init__(self, engine: Engine, registry: EventRegistry, store_id: str) -> None:
        self._engine = engine
        self._registry = registry
        self._store_id = store_id
        # A sale asks for the settings twice and the rate once; parsing them each time cost
        # more than reading them.
        self._settings = RowViews(self._parse_settings)
        self._rates = RowViews(_rate)

    def settings(self) -> StoreSettings:
        with raw_read_transaction(self._engine) as db:
            row = db.execute(
                "SELECT settings FROM store_settings WHERE store_id = ?", (self._store_id,)
            ).fetchone()
        return StoreSettings() if row is None else self._settings.view(self._store_id, row[0])

    def _parse_settings(self, _store_id: str, text: str) -> StoreSettings:
        event = self._registry.from_payload(
            StoreSettingsChanged.event_type, StoreSettingsChanged.schema_version, json.loads(text)
        )
        assert isinstance(event, StoreSettingsChanged)
        return event.settings

    def current_rate(self, base: Currency, quote: Currency) -> ExchangeRate | None:
        with raw_read_transaction(self._engine) as db:
            row = db.execute(_RATES_SQL, (base.value, quote.value, 1)).fetchone()
        return None if row is None else self._rates.view((base, quote), row)

    def rate_history(self, base: Currency, quote: Currency, limit: int = 60) -> list[ExchangeRate]:
        with raw_read_transaction(self._engine) as db:
            rows = db.execute(_RATES_SQL, (base.value, quote.value, limit)).fetchall()
        return [_rate((base, quote), r) for r in rows]


_RATES_SQL = (
    "SELECT rate, effective_date, source FROM exchange_rates "
    "WHERE base = ? AND quote = ? ORDER BY effective_date DESC, position DESC LIMIT ?"
)


def _rate(pair: tuple[Currency, Currency], row: Any) -> ExchangeRate:
    return ExchangeRate(*pair, Decimal(row[0]), date.fromisoformat(row[1]), row[2])
