"""Tables of daily demand history for forecasting (defined on the shared schema.metadata)."""

from __future__ import annotations

from fluxion_desktop.adapters import schema

metadata = schema.metadata
