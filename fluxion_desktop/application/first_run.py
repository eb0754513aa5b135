"""Setting up a new till (the first-run wizard's work, no Qt): optional enrolment with HQ, the
administrator, the store's settings and the rate of the day.

Every answer is checked before anything is written (a bad tax rate or PIN writes nothing).
Enrolment comes first: every event is stamped and hashed with its tenant and store, so what the
set-up writes must be written under the store HQ enrols the till into, never moved there later.
The administrator is created next (the till's only user may be created without one), and the
settings and rate are recorded in that administrator's name.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from fluxion_desktop.application.authorization import Credentials, UserQueries
from fluxion_desktop.application.device import DeviceIdentity
from fluxion_desktop.application.identity import CreateUser, LogIn
from fluxion_desktop.application.message_bus import MessageBus
from fluxion_desktop.application.store_admin import ChangeStoreSettings, RecordExchangeRate
from fluxion_desktop.domain.errors import DomainError, InvalidState, InvalidValue
from fluxion_desktop.domain.identity import ROLE_PERMISSIONS, Permission, Role
from fluxion_desktop.domain.money import Currency, ExchangeRate
from fluxion_desktop.domain.pin import check_pin_policy
from fluxion_desktop.domain.sale_settings import SaleSettings
from fluxion_desktop.domain.store_settings import StoreSettings
from fluxion_desktop.domain.tax import TaxRates
from fluxion_desktop.domain.tax_id import Rif

_HUNDRED = Decimal(100)
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FirstRunAnswers:
    """What the wizard asked; percentages as people type them (16 for 16 %)."""

    store_name: str
    rif: str
    address: str
    reference_currency: Currency
    local_currency: Currency
    rate_of_the_day: Decimal | None
    iva_general: Decimal
    iva_reduced: Decimal
    iva_luxury: Decimal
    special_taxpayer: bool
    igtf_percent: Decimal
    admin_username: str
    admin_name: str
    admin_pin: str = field(repr=False)
    hq_url: str = ""
    enrolment_code: str = field(default="", repr=False)

    @property
    def enrols(self) -> bool:
        return bool(self.hq_url.strip() or self.enrolment_code.strip())


@dataclass(frozen=True, slots=True)
class SetUpTarget:
    """The till the set-up is recorded on: its bus, identity and users, and `pull` (fetch HQ's
    news once, raising when it cannot) when the till is enrolled with HQ, else None."""

    bus: MessageBus
    device: DeviceIdentity
    users: UserQueries | None  # None: no user is looked up (the handler still refuses twins)
    pull: Callable[[], object] | None = None


@dataclass(frozen=True, slots=True)
class Enrolled:
    """A till HQ has just enrolled, bound to HQ's tenant and store: the set-up is recorded there."""

    till: SetUpTarget
    hq_url: str


# `enroll(hq_url, one_time_code)`: enrol with HQ and bind the till to HQ's tenant and store, or
# raise `EnrolmentFailed` with nothing kept.
Enroll = Callable[[str, str], Enrolled]


class EnrolmentFailed(DomainError):
    """HQ did not enrol this till (bad code, HQ unreachable, not an HQ address); nothing kept."""


@dataclass(frozen=True, slots=True)
class FirstRunDone:
    """The till is set up. `admin_reused`: the administrator is a user the till already knew
    (HQ's, say), not a new one. `restart`: the window must reopen on the till's new services (it
    was just enrolled, or the caller asked for background work to start after the set-up)."""

    admin_id: str
    admin_username: str
    enrolled: bool
    admin_reused: bool = False
    restart: bool = False


def store_settings_from(answers: FirstRunAnswers) -> StoreSettings:
    """The store's settings the answers describe; `InvalidValue` naming the field if one is bad."""
    if not answers.store_name.strip():
        raise InvalidValue("the store needs a name", "store_name")
    rif = str(Rif.parse(answers.rif)) if answers.rif.strip() else ""
    rates = TaxRates(answers.iva_general / _HUNDRED, answers.iva_reduced / _HUNDRED,
                     answers.iva_luxury / _HUNDRED)  # fmt: skip
    sale = SaleSettings(
        reference_currency=answers.reference_currency,
        local_currency=answers.local_currency,
        tax_rates=rates,
        special_taxpayer=answers.special_taxpayer,
        igtf_rate=answers.igtf_percent / _HUNDRED,
    )
    return StoreSettings(answers.store_name.strip(), rif, answers.address.strip(), sale)


def check_answers(
    answers: FirstRunAnswers, today: date
) -> tuple[StoreSettings, ExchangeRate | None]:
    """Every answer checked, nothing written: the settings and the rate to record."""
    settings = store_settings_from(answers)
    check_pin_policy(answers.admin_pin)
    if not answers.admin_name.strip():
        raise InvalidValue("the administrator needs a name", "admin_name")
    if answers.enrols and not (answers.hq_url.strip() and answers.enrolment_code.strip()):
        raise InvalidValue("enrolment needs both HQ's address and the one-time code", "hq_url")
    rate = None
    if answers.rate_of_the_day is not None:
        rate = ExchangeRate(answers.reference_currency, answers.local_currency,
                            answers.rate_of_the_day, today, "BCV")  # fmt: skip
    return settings, rate


class FirstRun:
    """The first-run wizard's work, remembered between attempts (no Qt; call it on a worker).

    Order: every answer is checked (nothing written); then, when asked, the till enrols with HQ
    (one-time code; a failure keeps nothing, so the answers can be fixed or the HQ fields cleared);
    an enrolled till pulls HQ's users, catalog and rates; only then is anything written, under
    the store the till is now bound to: the administrator, the settings and the rate of the day.
    An enrolment is done once: if a later step fails, the next attempt reuses it.
    """

    def __init__(self, till: SetUpTarget, enroll: Enroll | None, *, restart: bool = False) -> None:
        self._till = till
        self._enroll = enroll
        self._restart = restart
        self.enrolled: Enrolled | None = None
        self.done: FirstRunDone | None = None

    @property
    def can_enrol(self) -> bool:
        """Whether the wizard may offer enrolment (not when the till is enrolled already)."""
        return self._enroll is not None and self.enrolled is None and self._till.pull is None

    @property
    def target(self) -> SetUpTarget:
        return self.enrolled.till if self.enrolled is not None else self._till

    def finish(self, answers: FirstRunAnswers, today: date) -> FirstRunDone:
        settings, rate = check_answers(answers, today)
        if answers.enrols and self.enrolled is None:
            self.enrolled = self._enrol(answers)
        target = self.target
        _require_bound(target.device)
        if target.pull is not None:
            _pull(target.pull)
        admin_id, reused = _administrator(target, answers)
        target.bus.handle(ChangeStoreSettings(admin_id, settings))
        if rate is not None:
            target.bus.handle(RecordExchangeRate(admin_id, rate))
        username = answers.admin_username.strip().lower()
        self.done = FirstRunDone(admin_id, username, self.enrolled is not None, reused,
                                 self._restart or self.enrolled is not None)  # fmt: skip
        return self.done

    def _enrol(self, answers: FirstRunAnswers) -> Enrolled:
        if self._enroll is None:
            raise EnrolmentFailed(
                "this till cannot enrol from here; clear the HQ fields and run "
                "`fluxion-pos enroll URL CODE` later",
                "hq_url",
            )
        return self._enroll(answers.hq_url.strip(), answers.enrolment_code.strip())


def _require_bound(device: DeviceIdentity) -> None:
    if not device.tenant_id or not device.store_id:
        raise InvalidState(
            "this till is not bound to a store yet, so it cannot record anything; "
            "start it with `fluxion-pos run` or enrol it with `fluxion-pos enroll`",
            "store_id",
        )


def _pull(pull: Callable[[], object]) -> None:
    """HQ's users, catalog and rates before anything is written, so nothing is made twice."""
    try:
        pull()
    except DomainError:
        raise
    except Exception as error:  # the network's words, whatever they are, for the wizard
        log.warning("first pull from HQ failed", exc_info=error)
        raise EnrolmentFailed(
            f"this till is enrolled with HQ, but could not fetch HQ's users and catalog ({error}); "
            "nothing else was written. Check the connection and finish again",
            "hq_url",
        ) from error


def _administrator(target: SetUpTarget, answers: FirstRunAnswers) -> tuple[str, bool]:
    """The administrator the set-up is recorded by: `(user_id, reused)`.

    A user the till already knows (HQ's, another till's of the store, an earlier attempt's) is
    reused when the PIN is theirs and they may change settings; a new one is made only on a till
    that has no user yet."""
    username = answers.admin_username.strip().lower()
    users = target.users
    known = users.by_username(username) if users is not None else None
    if known is not None:
        try:
            user = target.bus.handle(LogIn(Credentials(username, answers.admin_pin)))
        except DomainError as error:
            raise InvalidValue(
                f"this store already has a user {username!r} (from HQ or another till): enter "
                f"their PIN, or another user name ({error.message})",
                "admin_pin",
            ) from error
        if Permission.MANAGE_SETTINGS not in ROLE_PERMISSIONS[user.role]:
            raise InvalidValue(
                f"{username!r} is a {user.role.value}; the set-up needs an administrator or "
                "a manager",
                "admin_username",
            )
        return str(user.user_id), True
    others = users.all() if users is not None else []
    if others:
        names = ", ".join(sorted(user.username for user in others)[:5])
        raise InvalidValue(
            f"this store already has users ({names}): enter an administrator's or manager's "
            "user name and PIN; they create the others",
            "admin_username",
        )
    admin_id = target.bus.handle(CreateUser(None, username, answers.admin_name.strip(),
                                            Role.ADMIN, answers.admin_pin))  # fmt: skip
    return str(admin_id), False
