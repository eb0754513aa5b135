"""Tables of the orchestrator's queue, reorder settings and alert rules.

`agent_tasks` is working state of this till's orchestrator, not a projection: it is never rebuilt
from the log (a task that failed for good is in the log as `AgentTaskFailed`).
`reorder_settings` is a projection of `ReorderSettingsChanged`, `alert_rules` of `AlertRuleSet` and
`AlertRuleRemoved`.
"""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, String, Table, Text

from fluxion_desktop.adapters import schema

metadata = schema.metadata

agent_tasks = Table(
    "agent_tasks",
    metadata,
    Column("task_id", String(64), primary_key=True),
    Column("dedup_key", String(300), nullable=False),
    Column("kind", String(60), nullable=False),
    Column("subject", String(200), nullable=False),
    Column("priority", Integer, nullable=False),
    Column("deadline", String(40), nullable=True),
    Column("max_attempts", Integer, nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("not_before", String(40), nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("specialisation", String(60), nullable=True),
    Column("payload", Text, nullable=False),
    Column("last_error", Text, nullable=False),
    Column("running", Integer, nullable=False),
)
Index("ix_agent_tasks_due", agent_tasks.c.running, agent_tasks.c.not_before)
Index("ix_agent_tasks_dedup", agent_tasks.c.dedup_key)

reorder_settings = Table(
    "reorder_settings",
    metadata,
    Column("store_id", String(64), primary_key=True),
    Column("product_id", String(64), primary_key=True),
    Column("lead_time_days", Integer, nullable=False),
    Column("review_period_days", Integer, nullable=False),
    Column("service_level", String(12), nullable=False),
    Column("pack_size", String(24), nullable=False),
    Column("changed_at", String(40), nullable=False),
)

alert_rules = Table(
    "alert_rules",
    metadata,
    Column("rule_id", String(64), primary_key=True),
    Column("tenant_id", String(64), nullable=False),
    Column("name", String(120), nullable=False),
    Column("expression", Text, nullable=False),
    Column("severity", String(10), nullable=False),
    Column("enabled", Integer, nullable=False),
)
Index("ix_alert_rules_tenant", alert_rules.c.tenant_id)
