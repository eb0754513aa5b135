"""The till's local status, as `fluxion-pos status` and the status bar show it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LocalStatus:
    schema_version: str | None
    events: int
    own_events: int
    last_position: int
    pending_push: int
