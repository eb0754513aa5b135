"""Reorder settings per store and product: the latest `ReorderSettingsChanged` from any writer."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from sqlalchemy import Engine, Table

from fluxion_desktop.adapters.event_codec import utc_text
from fluxion_desktop.adapters.projections import Db, DomainProjection
from fluxion_desktop.adapters.read_models.intelligence_tables import reorder_settings
from fluxion_desktop.adapters.sqlite_engine import raw_read_transaction
from fluxion_desktop.application.event_store import StoredEvent
from fluxion_desktop.domain.decimals import format_decimal
from fluxion_desktop.domain.events import DomainEvent
from fluxion_desktop.domain.reorder import ReorderSettings, ReorderSettingsChanged


class ReorderSettingsProjection(DomainProjection):
    name = "reorder_settings"
    tables: tuple[Table, ...] = (reorder_settings,)
    virtual_tables: Mapping[str, str] = {}
    event_types = (ReorderSettingsChanged,)

    def apply(self, db: Db, events: list[tuple[StoredEvent, DomainEvent]]) -> None:
        for _, event in events:
            if not isinstance(event, ReorderSettingsChanged):
                continue
            # Two tills (or HQ) may set the same product: the later change wins, whatever order
            # their events arrive in.
            db.execute(
                "INSERT INTO reorder_settings (store_id, product_id, lead_time_days, "
                "review_period_days, service_level, pack_size, changed_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(store_id, product_id) DO UPDATE SET "
                "lead_time_days = excluded.lead_time_days, "
                "review_period_days = excluded.review_period_days, "
                "service_level = excluded.service_level, pack_size = excluded.pack_size, "
                "changed_at = excluded.changed_at WHERE excluded.changed_at >= changed_at",
                (event.store_id, event.product_id, event.lead_time_days,
                 event.review_period_days, format_decimal(event.service_level),
                 format_decimal(event.pack_size), utc_text(event.changed_at, "changed_at")),
            )  # fmt: skip


class SqlReorderSettingsQueries:
    """`ReorderSettingsQueries` over the read model."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def settings_for(self, product_id: str, store_id: str) -> ReorderSettings | None:
        with raw_read_transaction(self._engine) as db:
            row = db.execute(
                "SELECT lead_time_days, review_period_days, service_level, pack_size "
                "FROM reorder_settings WHERE store_id = ? AND product_id = ?",
                (store_id, product_id),
            ).fetchone()
        if row is None:
            return None
        return ReorderSettings(int(row[0]), int(row[1]), Decimal(row[2]), Decimal(row[3]))
