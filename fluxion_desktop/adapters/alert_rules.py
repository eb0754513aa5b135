"""Threshold alert rules per tenant: the read model of `AlertRuleSet` / `AlertRuleRemoved`."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import Engine, Table

from fluxion_desktop.adapters.projections import Db, DomainProjection
from fluxion_desktop.adapters.read_models.intelligence_tables import alert_rules
from fluxion_desktop.adapters.sqlite_engine import raw_read_transaction
from fluxion_desktop.application.alert_raising import ThresholdRule
from fluxion_desktop.application.event_store import StoredEvent
from fluxion_desktop.domain.alert_rules import AlertRuleRemoved, AlertRuleSet
from fluxion_desktop.domain.alerts import Severity
from fluxion_desktop.domain.events import DomainEvent


class AlertRulesProjection(DomainProjection):
    """The rules as last set, in log order, by any writer of the tenant (this till, others, HQ)."""

    name = "alert_rules"
    tables: tuple[Table, ...] = (alert_rules,)
    virtual_tables: Mapping[str, str] = {}
    event_types = (AlertRuleSet, AlertRuleRemoved)

    def apply(self, db: Db, events: list[tuple[StoredEvent, DomainEvent]]) -> None:
        for _, event in events:
            if isinstance(event, AlertRuleSet):
                db.execute(
                    "INSERT OR REPLACE INTO alert_rules (rule_id, tenant_id, name, expression, "
                    "severity, enabled) VALUES (?, ?, ?, ?, ?, ?)",
                    (event.rule_id, event.tenant_id, event.name, event.expression,
                     event.severity.value, int(event.enabled)),
                )  # fmt: skip
            elif isinstance(event, AlertRuleRemoved):
                db.execute("DELETE FROM alert_rules WHERE rule_id = ? AND tenant_id = ?",
                           (event.rule_id, event.tenant_id))  # fmt: skip


class SqlAlertRules:
    """`RuleSource` over the read model."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def rules(self, tenant_id: str) -> list[ThresholdRule]:
        with raw_read_transaction(self._engine) as db:
            rows = db.execute(
                "SELECT rule_id, name, expression, severity, enabled FROM alert_rules "
                "WHERE tenant_id = ? ORDER BY name, rule_id",
                (tenant_id,),
            ).fetchall()
        return [ThresholdRule(r[0], r[1], r[2], Severity(r[3]), bool(r[4])) for r in rows]
