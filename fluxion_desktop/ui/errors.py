"""What a failed task says to a person: a business rule's message, never a traceback."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from fluxion_desktop.domain.errors import DomainError

log = logging.getLogger(__name__)


def explain(error: Exception) -> str:
    """The message to show for `error`; anything but a `DomainError` is logged in full."""
    if isinstance(error, DomainError):
        return error.message
    log.error("unexpected error in a till task", exc_info=error)
    return QCoreApplication.translate(
        "errors", "Something went wrong ({kind}); it was written to the log."
    ).format(kind=type(error).__name__)


def field_of(error: Exception) -> str | None:
    return error.field if isinstance(error, DomainError) else None
