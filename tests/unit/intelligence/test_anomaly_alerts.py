"""From anomalies and stock to alerts: the metrics rules read and the severity mapping."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from fluxion_desktop.application.demand_history import DemandDay
from fluxion_desktop.domain.alerts import Severity
from fluxion_desktop.domain.stock_level import StockLevel
from fluxion_desktop.intelligence.alerting.anomalies import Anomaly, AnomalyKind
from fluxion_desktop.intelligence.alerting.metrics import NO_COVER, product_metrics
from fluxion_desktop.intelligence.alerting.rules import METRICS, parse_rule
from fluxion_desktop.intelligence.alerting.severity import SPECIFICITY, anomaly_severity

D = Decimal
TODAY = date(2026, 11, 25)


def _days(units: list[int], out: set[int] = frozenset()) -> list[DemandDay]:
    start = TODAY - timedelta(days=len(units))
    return [
        DemandDay(start + timedelta(n), D(u), D(0), False, n in out) for n, u in enumerate(units)
    ]


def test_metrics_of_a_steady_seller():
    metrics = product_metrics(_days([4] * 30), StockLevel(D(10), D(5)), TODAY)

    assert set(metrics) == set(METRICS)
    assert metrics["avg_daily_demand"] == D("4.00")
    assert metrics["days_of_cover"] == D("2.50")
    assert metrics["demand_yesterday"] == 4 and metrics["demand_last_7_days"] == 28
    assert metrics["days_since_last_sale"] == 1 and metrics["minimum"] == 5
    assert parse_rule("stock_on_hand < 12 and days_of_cover < 3").matches(metrics)


def test_stock_out_days_do_not_pull_the_average_down():
    units = [6] * 20 + [0] * 8
    metrics = product_metrics(_days(units, out=set(range(20, 28))), StockLevel(D(0), D(2)), TODAY)

    assert metrics["avg_daily_demand"] == D("6.00")
    assert metrics["days_since_last_sale"] == 9


def test_a_product_that_never_sold_has_no_cover_limit():
    metrics = product_metrics(_days([0] * 10), StockLevel(D(3), D(0)), TODAY)
    assert metrics["days_of_cover"] == NO_COVER == metrics["days_since_last_sale"]


@pytest.mark.parametrize(
    ("kind", "stock", "severity"),
    [
        (AnomalyKind.ZERO_RUN, D(12), Severity.ERROR),  # on the shelf yet not selling
        (AnomalyKind.ZERO_RUN, D(0), None),  # out of stock: the stock alerts said so
        (AnomalyKind.SPIKE, D(5), Severity.WARNING),
        (AnomalyKind.DROP, D(5), Severity.WARNING),
        (AnomalyKind.LEVEL_SHIFT_DOWN, D(5), Severity.WARNING),
        (AnomalyKind.LEVEL_SHIFT_UP, D(5), Severity.INFO),
    ],
)
def test_severity_mapping(kind: AnomalyKind, stock: Decimal, severity: Severity | None):
    assert anomaly_severity(Anomaly(40, kind, 6.0, 3.0, "test"), stock) is severity


def test_the_most_specific_anomaly_comes_first():
    assert SPECIFICITY.index(AnomalyKind.ZERO_RUN) < SPECIFICITY.index(AnomalyKind.LEVEL_SHIFT_DOWN)
    assert set(SPECIFICITY) == set(AnomalyKind)
