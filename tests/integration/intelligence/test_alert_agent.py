"""The alert agent on a real till: tenant rules, anomalies from the demand history, severity,
urgent alerts told at once, and no alert raised twice until acknowledged or changed."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from fluxion_desktop.adapters.alert_rules import SqlAlertRules
from fluxion_desktop.adapters.read_models.alert_ledger import SqlAlertLedger
from fluxion_desktop.adapters.task_queue import SqliteTaskQueue
from fluxion_desktop.application.alert_handling import AcknowledgeAlert, AlertHandlers
from fluxion_desktop.application.alert_raising import ThresholdRule, UrgentAlertNotifier
from fluxion_desktop.application.alert_rules import RemoveAlertRule, SetAlertRule
from fluxion_desktop.application.authorization import Authorizer
from fluxion_desktop.application.inventory import ReceiveStock
from fluxion_desktop.application.orchestrator import Orchestrator, Outcome, TaskRequest
from fluxion_desktop.application.repository import EventFactory, Repository
from fluxion_desktop.application.sales_history import HistoryRow, ImportSalesHistory
from fluxion_desktop.domain.alerts import AlertInbox, AlertRaised, Severity
from fluxion_desktop.domain.errors import NotFound, PermissionDenied
from fluxion_desktop.intelligence.alerting.agent import ALERT_CHECK, AlertAgent
from fluxion_desktop.intelligence.alerting.rules import RuleError
from tests.support.app import Till, open_till
from tests.support.fakes import SequentialIds

D = Decimal
LOW_STOCK = "stock_on_hand < 5 and days_of_cover < 3"


class Parts:
    def __init__(self, till: Till) -> None:
        s = till.services
        self.till = till
        self.rules = SqlAlertRules(s.engine)
        self.agent = AlertAgent(s.queries.demand, s.queries.stock,
                                s.queries.catalog, self.rules, SqlAlertLedger(s.engine),
                                s.bus.handle, s.identity, till.clock)  # fmt: skip
        factory = EventFactory(s.identity, s.registry, s.clock, s.ids)
        inboxes = Repository(AlertInbox, s.store, s.registry, factory)
        self.acks = AlertHandlers(inboxes, Authorizer(s.queries.users), s.identity, till.clock)

    def set_rule(self, rule: ThresholdRule) -> bool:
        return bool(self.till.services.bus.handle(SetAlertRule(self.till.manager, rule)))

    def open_alerts(self) -> list[tuple[str, Severity, str]]:
        return [(a.kind, a.severity, a.key) for a in self.till.services.queries.alerts.inbox()]

    def acknowledge_all(self) -> None:
        for alert in self.till.services.queries.alerts.inbox():
            self.acks.acknowledge(AcknowledgeAlert(self.till.manager, alert.alert_id))


def _history(till: Till, sku: str, quantities: list[int]) -> None:
    """Daily history ending yesterday (the till's clock is 2026-11-25)."""
    start = date(2026, 11, 24) - timedelta(days=len(quantities) - 1)
    rows = tuple(HistoryRow(n + 2, start + timedelta(days=n), D(q), sku=sku)
                 for n, q in enumerate(quantities))  # fmt: skip
    till.services.bus.handle(ImportSalesHistory(till.manager, rows, f"{sku}.csv"))


def _steady(days: int, seed: int = 1, mean: float = 6.0) -> list[int]:
    rng = random.Random(seed)
    return [max(0, round(rng.gauss(mean, 1.5))) for _ in range(days)]


@pytest.fixture
def parts(tmp_path: Path) -> Parts:
    till = open_till(tmp_path)
    yield Parts(till)
    till.services.close()


def test_a_matching_rule_raises_once_until_acknowledged_then_not_again_that_day(parts: Parts):
    till = parts.till
    flour = till.product("HAR-1", "Harina PAN", "1.20")
    _history(till, "HAR-1", _steady(40))
    till.services.bus.handle(ReceiveStock(till.manager, flour, D(4)))  # ~6 sold a day
    parts.set_rule(ThresholdRule("low", "Running out", LOW_STOCK, Severity.ERROR))

    first = parts.agent.check_all()
    second = parts.agent.check_all()

    assert first.raised == 1 and second.raised == 0
    [(kind, severity, key)] = parts.open_alerts()
    assert (kind, severity) == ("threshold", Severity.ERROR) and key.endswith(flour)
    [alert] = till.services.queries.alerts.inbox()
    assert "Harina PAN: Running out" in alert.message and "stock_on_hand 4" in alert.message

    parts.acknowledge_all()
    assert parts.agent.check_all().raised == 0  # acknowledged today: not again today
    till.clock.advance(days=1)
    assert parts.agent.check_all().raised == 1  # a new day, still short: raised again


def test_a_changed_rule_is_a_new_alert_at_once(parts: Parts):
    till = parts.till
    flour = till.product("HAR-1", "Harina PAN", "1.20")
    _history(till, "HAR-1", _steady(40))
    assert parts.set_rule(ThresholdRule("low", "Running out", LOW_STOCK))
    assert not parts.set_rule(ThresholdRule("low", "Running out", LOW_STOCK))  # no change
    assert parts.agent.check_all().raised == 1

    parts.set_rule(ThresholdRule("low", "Running out", "stock_on_hand < 1"))

    assert parts.agent.check_all().raised == 1
    assert [k for *_, k in parts.open_alerts()] and len(parts.open_alerts()) == 2
    assert all(flour in k for *_, k in parts.open_alerts())


def test_a_rule_with_code_is_refused_and_nothing_is_recorded(parts: Parts):
    services = parts.till.services
    before = services.store.last_position()
    with pytest.raises(RuleError, match="function calls"):
        parts.set_rule(ThresholdRule("x", "Evil", "__import__('os').system('ls') < 1"))
    with pytest.raises(PermissionDenied):
        services.bus.handle(SetAlertRule(parts.till.cashier, ThresholdRule("y", "Y", LOW_STOCK)))
    assert parts.rules.rules(services.identity.tenant_id) == []
    assert services.store.last_position() == before


def test_rules_are_events_a_removed_rule_stops_and_the_read_model_rebuilds(parts: Parts):
    till = parts.till
    services = till.services
    tenant = services.identity.tenant_id
    till.product("HAR-1", "Harina PAN", "1.20")
    _history(till, "HAR-1", _steady(40))
    parts.set_rule(ThresholdRule("low", "Low", LOW_STOCK))
    parts.set_rule(ThresholdRule("idle", "Idle", "days_since_last_sale > 30", enabled=False))

    services.projections.rebuild(["alert_rules"])
    assert [r.rule_id for r in parts.rules.rules(tenant)] == ["idle", "low"]
    assert parts.rules.rules("another-tenant") == []

    services.bus.handle(RemoveAlertRule(till.manager, "low"))
    assert [r.rule_id for r in parts.rules.rules(tenant)] == ["idle"]
    assert parts.agent.check_all().raised == 0  # the only rule left is disabled
    with pytest.raises(NotFound, match="no alert rule 'low'"):
        services.bus.handle(RemoveAlertRule(till.manager, "low"))


def test_a_product_that_stopped_selling_while_in_stock_is_an_error_raised_once(parts: Parts):
    till = parts.till
    rice = till.product("ARR-1", "Arroz", "1.00")
    _history(till, "ARR-1", [*_steady(50), 0, 0, 0, 0])
    till.services.bus.handle(ReceiveStock(till.manager, rice, D(80)))
    told: list[AlertRaised] = []
    UrgentAlertNotifier(till.services.registry, told.append).register(till.services.bus)

    report = parts.agent.check_all()

    assert report.raised == 1
    [(kind, severity, key)] = parts.open_alerts()
    assert (kind, severity) == ("anomaly_zero_run", Severity.ERROR)
    assert [a.key for a in told] == [key]  # told at once, on commit
    parts.acknowledge_all()
    till.clock.advance(hours=1)
    assert parts.agent.check_all().raised == 0  # the same anomaly, acknowledged: never again
    assert len(told) == 1


def test_a_spike_is_a_warning_and_not_urgent(parts: Parts):
    till = parts.till
    till.product("ACE-1", "Aceite", "3.00")
    _history(till, "ACE-1", [*_steady(50, seed=4), 40])
    told: list[AlertRaised] = []
    UrgentAlertNotifier(till.services.registry, told.append).register(till.services.bus)

    assert parts.agent.check_all().raised == 1

    assert [(k, s) for k, s, _ in parts.open_alerts()] == [("anomaly_spike", Severity.WARNING)]
    assert told == []


def test_the_orchestrator_runs_alert_checks_through_the_persisted_queue(parts: Parts):
    till = parts.till
    till.product("HAR-1", "Harina PAN", "1.20")
    _history(till, "HAR-1", _steady(40))
    parts.set_rule(ThresholdRule("low", "Low", LOW_STOCK))

    class NoFailures:
        def record(self, *args: object) -> None:
            raise AssertionError("the check should not fail")

    queue = SqliteTaskQueue(till.services.engine)
    orchestrator = Orchestrator(queue, [parts.agent], NoFailures(), till.clock, SequentialIds(),
                                random.Random(1))  # fmt: skip
    orchestrator.submit(TaskRequest(ALERT_CHECK))

    [outcome] = orchestrator.run_due()

    assert outcome.outcome is Outcome.DONE and outcome.agent == "alerts"
    assert len(parts.open_alerts()) == 1
