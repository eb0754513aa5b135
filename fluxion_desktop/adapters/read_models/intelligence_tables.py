"""Tables of the orchestrator's queue, forecasts, reorder settings and alert rules."""

from __future__ import annotations

from fluxion_desktop.adapters import schema

metadata = schema.metadata
