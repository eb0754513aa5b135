"""The alert agent: threshold rules and anomaly detectors over every product with sales history.

Run by the orchestrator (task kinds "alert_check" for every product, "anomaly_scan" for one
product as `subject`). It raises through the `RaiseAlerts` command (`raise_alerts`, usually
`bus.handle`). Deduplication, so nobody is told the same thing twice:

- a rule's key is ``rule:<rule id>:<digest of its expression>:<product>``: it is not raised while
  an alert with it is open, nor again the same day once acknowledged; editing the rule (a new
  digest) is a change and may raise at once;
- an anomaly's key names its kind, severity, product and day: it is raised once, ever (a stronger
  severity for the same day is a change and is raised).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from fluxion_desktop.application.alert_raising import (
    AlertDraft,
    AlertLedger,
    RaiseAlerts,
    RuleSource,
    ThresholdRule,
)
from fluxion_desktop.application.demand_history import DemandDay, DemandQueries
from fluxion_desktop.application.device import DeviceIdentity
from fluxion_desktop.application.orchestrator import AgentSpec, PermanentTaskError, QueuedTask
from fluxion_desktop.application.ports import Clock
from fluxion_desktop.application.queries import CatalogQueries, StockQueries
from fluxion_desktop.intelligence.alerting.anomalies import Anomaly, detect_anomalies
from fluxion_desktop.intelligence.alerting.metrics import product_metrics
from fluxion_desktop.intelligence.alerting.rules import Rule, RuleError, parse_rule
from fluxion_desktop.intelligence.alerting.severity import (
    SPECIFICITY,
    anomaly_severity,
    describe,
)

log = logging.getLogger(__name__)
ALERT_CHECK = "alert_check"
ANOMALY_SCAN = "anomaly_scan"
# Anomalies are judged over the last months, but only those of the last few days are news.
SCAN_DAYS = 120
RECENT_DAYS = 3


@dataclass(frozen=True, slots=True)
class CheckReport:
    products: int
    rules: int
    raised: int
    skipped_rules: tuple[str, ...]  # rules that no longer parse (named, never silently)


class AlertAgent:
    spec = AgentSpec("alerts", frozenset({ALERT_CHECK, ANOMALY_SCAN}), "alerting")

    def __init__(
        self,
        demand: DemandQueries,
        stock: StockQueries,
        catalog: CatalogQueries,
        rules: RuleSource,
        ledger: AlertLedger,
        raise_alerts: Callable[[RaiseAlerts], object],
        identity: DeviceIdentity,
        clock: Clock,
    ) -> None:
        self._demand = demand
        self._stock = stock
        self._catalog = catalog
        self._rules = rules
        self._ledger = ledger
        self._raise = raise_alerts
        self._identity = identity
        self._clock = clock

    def run(self, task: QueuedTask) -> None:
        if task.kind == ALERT_CHECK:
            self.check_all()
        elif task.kind == ANOMALY_SCAN:
            if self._catalog.get(task.subject) is None:
                raise PermanentTaskError(f"unknown product {task.subject!r}")
            self.check_products([task.subject])
        else:
            raise PermanentTaskError(f"the alert agent cannot do {task.kind!r}")

    def check_all(self) -> CheckReport:
        """Rules and anomaly detectors over every product of the store with history."""
        store = self._identity.store_id
        products = [p.product_id for p in self._demand.products_with_history(store)]
        return self.check_products(products)

    def check_products(self, product_ids: Sequence[str]) -> CheckReport:
        rules, skipped = self._parsed_rules()
        today = self._clock.now().date()
        drafts: list[AlertDraft] = []
        for product_id in product_ids:
            drafts.extend(self._check(product_id, rules, today))
        fresh = [d for d in drafts if self._is_news(d, today)]
        raised = self._raise(RaiseAlerts(tuple(fresh))) if fresh else ()
        count = len(raised) if isinstance(raised, tuple) else len(fresh)
        return CheckReport(len(product_ids), len(rules), count, skipped)

    def _parsed_rules(self) -> tuple[list[tuple[ThresholdRule, Rule]], tuple[str, ...]]:
        parsed, skipped = [], []
        for rule in self._rules.rules(self._identity.tenant_id):
            if not rule.enabled:
                continue
            try:
                parsed.append((rule, parse_rule(rule.expression)))
            except RuleError as error:
                log.error("alert rule skipped", extra={"rule_id": rule.rule_id,
                                                       "error": error.message})  # fmt: skip
                skipped.append(f"{rule.name}: {error.message}")
        return parsed, tuple(skipped)

    def _check(
        self, product_id: str, rules: Sequence[tuple[ThresholdRule, Rule]], today: date
    ) -> list[AlertDraft]:
        start = today - timedelta(SCAN_DAYS)
        history = self._demand.history(product_id, self._identity.store_id, start, today)
        level = self._stock.level(product_id)
        product = self._catalog.get(product_id)
        name = product.name if product is not None else history.sku
        metrics = product_metrics(history.days, level, today)
        drafts = []
        for rule, parsed in rules:
            if parsed.matches(metrics):
                shown = ", ".join(f"{m} {metrics[m]}" for m in sorted(parsed.metrics))
                drafts.append(AlertDraft(_rule_key(rule, product_id), "threshold", rule.severity,
                                         f"{name}: {rule.name} ({shown})", product_id))  # fmt: skip
        for anomaly, day in _recent_anomalies(history.days, today):
            severity = anomaly_severity(anomaly, level.current)
            if severity is None:
                continue
            key = f"anomaly:{anomaly.kind.value}:{severity.value}:{product_id}:{day.isoformat()}"
            message = (f"{name} {describe(anomaly.kind)} on {day.isoformat()} (expected about "
                       f"{anomaly.expected:.1f} a day)")  # fmt: skip
            drafts.append(AlertDraft(key, f"anomaly_{anomaly.kind.value}", severity, message,
                                     product_id))  # fmt: skip
        return drafts

    def _is_news(self, draft: AlertDraft, today: date) -> bool:
        seen = self._ledger.history(draft.key)
        if seen.open:
            return False
        if draft.key.startswith("anomaly:"):
            return seen.last_raised_at is None
        return seen.last_raised_at is None or seen.last_raised_at.date() < today


def _recent_anomalies(days: Sequence[DemandDay], today: date) -> list[tuple[Anomaly, date]]:
    """The anomaly that says most (`SPECIFICITY`) among those of the last few days that were not
    out-of-stock days; none when there are none."""
    series = [float(d.units) for d in days]
    found = []
    for anomaly in detect_anomalies(series):
        day = days[anomaly.day]
        if (today - day.day).days <= RECENT_DAYS and not day.out_of_stock:
            found.append((anomaly, day.day))
    found.sort(key=lambda pair: (SPECIFICITY.index(pair[0].kind), pair[1]))
    return found[:1]


def _rule_key(rule: ThresholdRule, product_id: str) -> str:
    digest = hashlib.sha256(rule.expression.encode("utf-8")).hexdigest()[:10]
    return f"rule:{rule.rule_id}:{digest}:{product_id}"
