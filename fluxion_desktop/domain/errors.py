"""The errors the domain raises: one base class that names the offending field.

Every rule the domain enforces fails with a `DomainError`, so the application layer can catch one
type and the UI can put the message beside the field it names. Later contexts add their own
subclasses here (`PermissionDenied`, ...), keeping the hierarchy in one place.
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A business rule was broken.

    `field` names the input at fault (for example ``"amount"`` or ``"barcode"``) so a form can
    highlight it; it is ``None`` when no single field is to blame.
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __reduce__(self) -> tuple[Any, ...]:
        # The default pickling replays only `args`, which would drop `field` when the error
        # crosses a process boundary (worker threads, logging handlers, the agent queue).
        return (type(self), (self.message, self.field))


class InvalidValue(DomainError, ValueError):
    """A value has the right type but breaks a rule (negative minimum, empty source...)."""


class InvalidType(DomainError, TypeError):
    """A value has the wrong Python type, most often a float where a Decimal is required."""


class UnknownCurrency(InvalidValue):
    """A currency code the store does not trade in."""


class CurrencyMismatch(DomainError):
    """Two amounts in different currencies were combined without an exchange rate."""


class StaleExchangeRate(DomainError):
    """The exchange rate is older than the store allows; it must be refreshed or confirmed."""


class InvalidBarcode(InvalidValue):
    """A barcode that is malformed or whose check digit does not match."""


class InvalidTaxId(InvalidValue):
    """A RIF or cédula that is malformed or whose check digit does not match."""


class InsufficientStock(DomainError):
    """A deduction would take stock below zero and the caller did not allow it."""


class InvalidState(DomainError):
    """The action is not allowed now (a completed sale cannot take new lines, a closed shift...)."""


class NotFound(DomainError):
    """Something the command refers to does not exist (an unknown barcode, sale or user)."""


class PermissionDenied(DomainError):
    """The user's role lacks the permission, or a manager's override is required and missing."""


class WrongPin(DomainError):
    """The PIN did not match; `attempts_left` tells how many tries remain before lockout."""

    def __init__(self, message: str, attempts_left: int, field: str | None = "pin") -> None:
        super().__init__(message, field)
        self.attempts_left = attempts_left

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.message, self.attempts_left, self.field))


class AccountLocked(DomainError):
    """Too many wrong PINs: the user is locked out until a manager unlocks them or time passes."""
