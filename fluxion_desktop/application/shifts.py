"""Shift commands: open with a float, move cash in and out, close with the drawer counted.

Who may do what:

- opening a shift needs `Permission.SELL`, and a till holds one open shift at a time;
- cash in and out needs `Permission.CASH_IN_OUT`, or a manager's PIN override (the manager is then
  the `by` of the movement; the acting user, who must still be a till user, stamps the event);
- closing needs `Permission.CLOSE_SHIFT`; a cashier or supervisor closes only their own shift, a
  manager or admin any shift (`CLOSES_ANY_SHIFT`), such as one a cashier left open.

A shift's stream is written only by the till that opened it (ARCHITECTURE §3, single-writer
streams), so a shift that arrived from another till by sync can be read here but not changed.
Sales are recorded into the shift by the sale saga, in the sale's own transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from fluxion_desktop.application.authorization import Authorizer, Credentials, OverrideChecker
from fluxion_desktop.application.device import DeviceIdentity
from fluxion_desktop.application.message_bus import MessageBus
from fluxion_desktop.application.ports import Clock, IdGenerator
from fluxion_desktop.application.repository import Repository
from fluxion_desktop.domain.errors import InvalidState, NotFound, PermissionDenied
from fluxion_desktop.domain.identity import Permission, Role
from fluxion_desktop.domain.money import Money
from fluxion_desktop.domain.shift import Shift, ShiftStatus
from fluxion_desktop.domain.shift_ledger import ShiftTender
from fluxion_desktop.domain.shift_reports import CashCount, XReport, ZReport

# Roles that may close a shift that is not their own.
CLOSES_ANY_SHIFT = frozenset({Role.MANAGER, Role.ADMIN})


@dataclass(frozen=True, slots=True)
class OpenShift:
    """Open a shift on this till with one float amount per currency in the drawer."""

    user_id: str
    opening_float: tuple[Money, ...]
    shift_id: str | None = None


@dataclass(frozen=True, slots=True)
class CashIn:
    """Put cash into the drawer; `override` is a manager's PIN when the user lacks the right."""

    user_id: str
    shift_id: str
    amount: Money
    reason: str
    override: Credentials | None = None


@dataclass(frozen=True, slots=True)
class CashOut:
    """Take cash out of the drawer (never more than it should hold)."""

    user_id: str
    shift_id: str
    amount: Money
    reason: str
    override: Credentials | None = None


@dataclass(frozen=True, slots=True)
class CloseShift:
    """Close with the cash counted per currency; non-cash tenders not given count as expected."""

    user_id: str
    shift_id: str
    counted: tuple[CashCount, ...]
    counted_other: tuple[ShiftTender, ...] = ()


@dataclass(frozen=True, slots=True)
class ShiftView:
    """A shift as the read model holds it; `z_report` is set once the shift is closed."""

    shift_id: str
    device_id: str
    cashier_id: str
    status: ShiftStatus
    opened_at: datetime
    closed_at: datetime | None
    z_report: ZReport | None


class ShiftQueries(Protocol):
    def open_shift(self, device_id: str) -> ShiftView | None:
        """The shift open on `device_id`, if any."""
        ...

    def get(self, shift_id: str) -> ShiftView | None: ...

    def history(self, limit: int = 50) -> list[ShiftView]:
        """The shifts this till knows of (its own and synced ones), the latest opened first."""
        ...


class ShiftHandlers:
    def __init__(
        self,
        shifts: Repository[Shift],
        queries: ShiftQueries,
        authorizer: Authorizer,
        overrides: OverrideChecker,
        identity: DeviceIdentity,
        clock: Clock,
        ids: IdGenerator,
    ) -> None:
        self._shifts = shifts
        self._queries = queries
        self._authorizer = authorizer
        self._overrides = overrides
        self._identity = identity
        self._clock = clock
        self._ids = ids

    def register(self, bus: MessageBus) -> None:
        bus.register(OpenShift, self.open)
        bus.register(CashIn, self.cash_in)
        bus.register(CashOut, self.cash_out)
        bus.register(CloseShift, self.close)

    def open(self, command: OpenShift) -> str:
        """Open a shift for the acting user on this till; returns its id.

        Refused (`InvalidState`, field "shift_id") while another shift is open on this till, and
        for a `shift_id` already used.
        """
        self._authorizer.require(command.user_id, Permission.SELL)
        current = self._queries.open_shift(self._identity.device_id)
        if current is not None:
            raise InvalidState(
                f"shift {current.shift_id} is still open on this till; close it first",
                "shift_id",
            )
        shift = Shift.open(
            command.shift_id or str(self._ids.new_id()),
            command.user_id,
            self._identity.device_id,
            command.opening_float,
            self._clock.now(),
        )
        if self._queries.get(shift.id) is not None:
            raise InvalidState(f"shift {shift.id} already exists", "shift_id")
        self._shifts.save(shift, command.user_id)
        return shift.id

    def cash_in(self, command: CashIn) -> None:
        shift = self._load_own(command.shift_id)
        by = self._cash_mover(command.user_id, command.override)
        shift.cash_in(command.amount, command.reason, by)
        self._shifts.save(shift, command.user_id)

    def cash_out(self, command: CashOut) -> None:
        shift = self._load_own(command.shift_id)
        by = self._cash_mover(command.user_id, command.override)
        shift.cash_out(command.amount, command.reason, by)
        self._shifts.save(shift, command.user_id)

    def close(self, command: CloseShift) -> ZReport:
        """Close the shift with the drawer counted; returns its Z report."""
        user = self._authorizer.require(command.user_id, Permission.CLOSE_SHIFT)
        shift = self._load_own(command.shift_id)
        if shift.cashier_id != user.user_id and user.role not in CLOSES_ANY_SHIFT:
            raise PermissionDenied(
                f"{user.display_name} ({user.role.value}) may close only their own shift; "
                "a manager closes another cashier's",
                "user_id",
            )
        shift.close(command.counted, command.user_id, self._clock.now(), command.counted_other)
        self._shifts.save(shift, command.user_id)
        return shift.z_report()

    def x_report(self, shift_id: str) -> XReport:
        """The open shift's figures now, from its event stream; refused once it is closed."""
        return self._get(shift_id).x_report(self._clock.now())

    def z_report(self, shift_id: str) -> ZReport:
        """The closed shift's Z report, from its event stream; refused while it is open."""
        return self._get(shift_id).z_report()

    def _cash_mover(self, user_id: str, override: Credentials | None) -> str:
        """Who moves the cash: the user with the right, else the manager whose PIN was given."""
        if override is None:
            self._authorizer.require(user_id, Permission.CASH_IN_OUT)
            return user_id
        self._authorizer.require(user_id, Permission.SELL)
        return self._overrides.override(override, Permission.CASH_IN_OUT)

    def _get(self, shift_id: str) -> Shift:
        shift = self._shifts.get(shift_id)
        if shift is None:
            raise NotFound(f"unknown shift {shift_id!r}", "shift_id")
        return shift

    def _load_own(self, shift_id: str) -> Shift:
        shift = self._get(shift_id)
        if shift.info.device_id != self._identity.device_id:
            raise InvalidState(
                f"shift {shift_id} belongs to till {shift.info.device_id}; only that till "
                "may change it",
                "shift_id",
            )
        return shift
