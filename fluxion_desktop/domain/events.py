"""The base of every domain event: a frozen dataclass with a stable name and a schema version."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar


@dataclass(frozen=True, slots=True)
class DomainEvent:
    """A fact that happened, named in the past tense (`SaleCompleted`).

    `event_type` is the stable name stored in the log (never a Python import path), and
    `schema_version` rises whenever the payload's shape changes; old payloads are upcast on read.
    """

    event_type: ClassVar[str] = ""
    schema_version: ClassVar[int] = 1
