"""The alerts inbox: every alert raised on this till or pulled from others, open or not."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Column, Engine, String, Table, Text

from fluxion_desktop.adapters.projections import Db, DomainProjection
from fluxion_desktop.adapters.schema import metadata
from fluxion_desktop.adapters.sqlite_engine import raw_read_transaction
from fluxion_desktop.application.event_store import StoredEvent
from fluxion_desktop.domain.alerts import AlertAcknowledged, AlertRaised, Severity
from fluxion_desktop.domain.events import DomainEvent

alerts = Table(
    "alerts",
    metadata,
    Column("alert_id", String(64), primary_key=True),
    Column("key", String(200), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("severity", String(10), nullable=False),
    Column("message", Text, nullable=False),
    Column("product_id", String(64), nullable=True),
    Column("raised_at", String(40), nullable=False),
    Column("acknowledged_by", String(64), nullable=True),
    Column("acknowledged_at", String(40), nullable=True),
)


class AlertsProjection(DomainProjection):
    name = "alerts"
    tables: tuple[Table, ...] = (alerts,)
    virtual_tables: Mapping[str, str] = {}
    event_types = (AlertRaised, AlertAcknowledged)

    def apply(self, db: Db, events: list[tuple[StoredEvent, DomainEvent]]) -> None:
        for _, event in events:
            if isinstance(event, AlertRaised):
                db.execute(
                    "INSERT OR REPLACE INTO alerts (alert_id, key, kind, severity, message, "
                    "product_id, raised_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (event.alert_id, event.key, event.kind, event.severity.value, event.message,
                     event.product_id, event.raised_at.isoformat()),
                )  # fmt: skip
            elif isinstance(event, AlertAcknowledged):
                db.execute(
                    "UPDATE alerts SET acknowledged_by = ?, acknowledged_at = ? WHERE alert_id = ?",
                    (event.by, event.acknowledged_at.isoformat(), event.alert_id),
                )


@dataclass(frozen=True, slots=True)
class AlertView:
    alert_id: str
    key: str
    kind: str
    severity: Severity
    message: str
    product_id: str | None
    raised_at: str
    acknowledged: bool


class SqlAlertQueries:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def has_open(self, key: str) -> bool:
        with raw_read_transaction(self._engine) as db:
            row = db.execute(
                "SELECT 1 FROM alerts WHERE key = ? AND acknowledged_at IS NULL LIMIT 1", (key,)
            ).fetchone()
        return row is not None

    def inbox(self, include_acknowledged: bool = False, limit: int = 200) -> list[AlertView]:
        where = "" if include_acknowledged else "WHERE acknowledged_at IS NULL"
        with raw_read_transaction(self._engine) as db:
            rows = db.execute(
                "SELECT alert_id, key, kind, severity, message, product_id, raised_at, "
                f"acknowledged_at IS NOT NULL FROM alerts {where} "
                "ORDER BY raised_at DESC LIMIT ?",
                (limit,),
            ).fetchall()
        return [AlertView(r[0], r[1], r[2], Severity(r[3]), r[4], r[5], r[6], bool(r[7]))
                for r in rows]  # fmt: skip
