"""How urgent an anomaly is, from its kind, its strength and the stock behind it."""

from __future__ import annotations

from decimal import Decimal

from fluxion_desktop.domain.alerts import Severity
from fluxion_desktop.intelligence.alerting.anomalies import Anomaly, AnomalyKind

# When one product shows several anomalies at once, the one that says most is raised: a run of
# zero sales is also a drop and a level shift down; one alert is enough.
SPECIFICITY = (
    AnomalyKind.ZERO_RUN,
    AnomalyKind.LEVEL_SHIFT_DOWN,
    AnomalyKind.DROP,
    AnomalyKind.SPIKE,
    AnomalyKind.LEVEL_SHIFT_UP,
)


def anomaly_severity(anomaly: Anomaly, stock_on_hand: Decimal) -> Severity | None:
    """The severity to raise the anomaly at, or None when it is not worth an alert."""
    kind = anomaly.kind
    if kind is AnomalyKind.ZERO_RUN:
        # Not selling while the system says it is on the shelf: a shelf, price or count problem.
        # Out of stock, the stock alerts already said so.
        return Severity.ERROR if stock_on_hand > 0 else None
    if kind in (AnomalyKind.SPIKE, AnomalyKind.DROP, AnomalyKind.LEVEL_SHIFT_DOWN):
        return Severity.WARNING
    return Severity.INFO  # a level shift up: good news, worth knowing for the next order


def describe(kind: AnomalyKind) -> str:
    return {
        AnomalyKind.SPIKE: "sold far more than usual",
        AnomalyKind.DROP: "sold far less than usual",
        AnomalyKind.ZERO_RUN: "has not sold for an unusually long run of days",
        AnomalyKind.LEVEL_SHIFT_UP: "sells at a new, higher level",
        AnomalyKind.LEVEL_SHIFT_DOWN: "sells at a new, lower level",
    }[kind]
