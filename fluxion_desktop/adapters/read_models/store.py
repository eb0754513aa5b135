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
        # The stored text last read and what it parses to: a sale asks for the settings twice
        # and the rate once, and parsing them each time cost more than the SELECT. Each call
        # still reads the row, so a change (this till's, a pull's, another program's) shows at
        # once; one tuple, so a thread never sees a text with another text's value.
        self._settings: tuple[str, StoreSettings] | None = None
        self._rates: dict[tuple[Currency, Currency], tuple[tuple[Any, ...], ExchangeRate]] = {}

    def settings(self) -> StoreSettings:
        with raw_read_transaction(self._engine) as db:
            row = db.execute(
                "SELECT settings FROM store_settings WHERE store_id = ?", (self._store_id,)
            ).fetchone()
        if row is None:
            return StoreSettings()
        text = row[0]
        known = self._settings
        if known is not None and known[0] == text:
            return known[1]
        event = self._registry.from_payload(
            StoreSettingsChanged.event_type,
            StoreSettingsChanged.schema_version,
            json.loads(text),
        )
        assert isinstance(event, StoreSettingsChanged)
        self._settings = (text, event.settings)
        return event.settings

    def current_rate(self, base: Currency, quote: Currency) -> ExchangeRate | None:
        with raw_read_transaction(self._engine) as db:
            row = db.execute(_RATES_SQL, (base.value, quote.value, 1)).fetchone()
        if row is None:
            return None
        known = self._rates.get((base, quote))
        if known is not None and known[0] == row:
            return known[1]
        rate = _rate(base, quote, row)
        self._rates[(base, quote)] = (row, rate)
        return rate

    def rate_history(self, base: Currency, quote: Currency, limit: int = 60) -> list[ExchangeRate]:
        with raw_read_transaction(self._engine) as db:
            rows = db.execute(_RATES_SQL, (base.value, quote.value, limit)).fetchall()
        return [_rate(base, quote, r) for r in rows]


_RATES_SQL = (
    "SELECT rate, effective_date, source FROM exchange_rates "
    "WHERE base = ? AND quote = ? ORDER BY effective_date DESC, position DESC LIMIT ?"
)


def _rate(base: Currency, quote: Currency, row: Any) -> ExchangeRate:
    return ExchangeRate(base, quote, Decimal(row[0]), date.fromisoformat(row[1]), row[2])
