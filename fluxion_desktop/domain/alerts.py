"""How urgent an alert is: shared by stock alerts and the intelligence agents."""

from __future__ import annotations

from enum import StrEnum


class Severity(StrEnum):
    """The urgency of an alert, from a note for the record to "act now"."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"
    CRITICAL = "critical"
