"""Threshold alert rules per tenant, in the till's database; a bad rule is never stored."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine

from fluxion_desktop.adapters.sqlite_engine import raw_read_transaction, raw_write_transaction
from fluxion_desktop.application.alert_raising import ThresholdRule
from fluxion_desktop.domain.alerts import Severity


class SqlAlertRules:
    """`RuleSource` over the `alert_rules` table. `validate` checks an expression and raises on a
    bad one (the composition root passes the rule language's `parse_rule`)."""

    def __init__(self, engine: Engine, validate: Callable[[str], object]) -> None:
        self._engine = engine
        self._validate = validate

    def save(self, tenant_id: str, rule: ThresholdRule) -> None:
        """Store (or replace) a rule; its expression is validated first (a bad one raises, naming
        what is wrong, and nothing is written)."""
        self._validate(rule.expression)
        with raw_write_transaction(self._engine) as db:
            db.execute(
                "INSERT INTO alert_rules (rule_id, tenant_id, name, expression, severity, enabled) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(rule_id) DO UPDATE SET "
                "tenant_id = excluded.tenant_id, name = excluded.name, "
                "expression = excluded.expression, severity = excluded.severity, "
                "enabled = excluded.enabled",
                (rule.rule_id, tenant_id, rule.name, rule.expression, rule.severity.value,
                 int(rule.enabled)),
            )  # fmt: skip

    def remove(self, tenant_id: str, rule_id: str) -> None:
        with raw_write_transaction(self._engine) as db:
            db.execute("DELETE FROM alert_rules WHERE tenant_id = ? AND rule_id = ?",
                       (tenant_id, rule_id))  # fmt: skip

    def rules(self, tenant_id: str) -> list[ThresholdRule]:
        with raw_read_transaction(self._engine) as db:
            rows = db.execute(
                "SELECT rule_id, name, expression, severity, enabled FROM alert_rules "
                "WHERE tenant_id = ? ORDER BY name, rule_id",
                (tenant_id,),
            ).fetchall()
        return [ThresholdRule(r[0], r[1], r[2], Severity(r[3]), bool(r[4])) for r in rows]
