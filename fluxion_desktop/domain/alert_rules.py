"""A tenant's threshold alert rules, as facts: set (or changed) and removed.

Rules are written where a manager writes them (this till, or HQ for the whole tenant) and sync
like everything else; each writer has its own stream (``<tenant>@<writer>``), and the read model
applies them in log order. Whether an expression is valid is the rule language's business (the
application checks it before anything is recorded).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fluxion_desktop.domain.aggregate import Aggregate
from fluxion_desktop.domain.alerts import Severity
from fluxion_desktop.domain.errors import InvalidValue, NotFound
from fluxion_desktop.domain.events import DomainEvent


@dataclass(frozen=True, slots=True)
class AlertRuleSet(DomainEvent):
    event_type = "AlertRuleSet"
    rule_id: str
    tenant_id: str
    name: str
    expression: str
    severity: Severity
    enabled: bool
    set_at: datetime


@dataclass(frozen=True, slots=True)
class AlertRuleRemoved(DomainEvent):
    event_type = "AlertRuleRemoved"
    rule_id: str
    tenant_id: str
    removed_at: datetime


EVENT_TYPES: tuple[type[DomainEvent], ...] = (AlertRuleSet, AlertRuleRemoved)


def rule_book_id(tenant_id: str, writer: str) -> str:
    return f"{tenant_id}@{writer}"


class AlertRuleBook(Aggregate):
    """The rules one writer set for one tenant (stream "alertrules-<tenant>@<writer>")."""

    stream_type = "alertrules"

    def __init__(self, aggregate_id: str) -> None:
        super().__init__(aggregate_id)
        self.rules: dict[str, tuple[str, str, str, bool]] = {}  # id -> name, expr, severity, on

    def set_rule(
        self,
        rule_id: str,
        tenant_id: str,
        name: str,
        expression: str,
        severity: Severity,
        enabled: bool,
        at: datetime,
    ) -> bool:
        """Set a rule; False (nothing recorded) when it is already exactly so."""
        if not rule_id.strip():
            raise InvalidValue("a rule needs an id", "rule_id")
        if not name.strip():
            raise InvalidValue("a rule needs a name", "name")
        if len(name) > 120:
            raise InvalidValue("a rule's name may be at most 120 characters", "name")
        if self.rules.get(rule_id) == (name, expression, severity.value, enabled):
            return False
        self._record(AlertRuleSet(rule_id, tenant_id, name, expression, severity, enabled, at))
        return True

    def remove_rule(self, rule_id: str, tenant_id: str, at: datetime) -> None:
        if rule_id not in self.rules:
            raise NotFound(f"no alert rule {rule_id!r}", "rule_id")
        self._record(AlertRuleRemoved(rule_id, tenant_id, at))

    def _apply(self, event: DomainEvent) -> None:
        if isinstance(event, AlertRuleSet):
            self.rules[event.rule_id] = (event.name, event.expression, event.severity.value,
                                         event.enabled)  # fmt: skip
        elif isinstance(event, AlertRuleRemoved):
            self.rules.pop(event.rule_id, None)

    def snapshot_state(self) -> Mapping[str, Any]:
        return {"rules": {k: list(v) for k, v in self.rules.items()}}

    def restore_state(self, state: Mapping[str, Any]) -> None:
        self.rules = {k: (str(v[0]), str(v[1]), str(v[2]), bool(v[3]))
                      for k, v in state["rules"].items()}  # fmt: skip
