"""Setting up a new till (the first-run wizard's work, no Qt): the administrator, the store's
settings, the rate of the day and, optionally, enrolment with HQ.

Every answer is checked before anything is written (a bad tax rate or PIN writes nothing); the
administrator is created first, as the till's only user may be created without one, and the
settings and rate are then recorded in that administrator's name. Enrolment comes last and is
optional: when it fails the till is set up all the same and `FirstRunDone` says why.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from fluxion_desktop.application.device import DeviceIdentity
from fluxion_desktop.application.identity import CreateUser
from fluxion_desktop.application.message_bus import MessageBus
from fluxion_desktop.application.store_admin import ChangeStoreSettings, RecordExchangeRate
from fluxion_desktop.domain.errors import InvalidState, InvalidValue
from fluxion_desktop.domain.identity import Role
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
class FirstRunDone:
    """The till is set up; `enrolment_error` says why HQ enrolment, when asked, did not happen."""

    admin_id: str
    admin_username: str
    enrolled: bool
    enrolment_error: str | None = None


Enroll = Callable[[str, str], object]


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


def set_up_till(
    bus: MessageBus,
    device: DeviceIdentity,
    answers: FirstRunAnswers,
    today: date,
    enroll: Enroll | None = None,
) -> FirstRunDone:
    """Create the administrator, record the settings and rate, then enrol (when asked).

    The till must already be bound to a tenant and store (every event is stamped with them).
    """
    settings, rate = check_answers(answers, today)
    if not device.tenant_id or not device.store_id:
        raise InvalidState(
            "this till is not bound to a store yet, so it cannot record anything; "
            "start it with `fluxion-pos demo` or enrol it with `fluxion-pos enroll`",
            "store_id",
        )
    username = answers.admin_username.strip().lower()
    admin_id = str(bus.handle(CreateUser(None, username, answers.admin_name.strip(), Role.ADMIN,
                                         answers.admin_pin)))  # fmt: skip
    bus.handle(ChangeStoreSettings(admin_id, settings))
    if rate is not None:
        bus.handle(RecordExchangeRate(admin_id, rate))
    if not answers.enrols:
        return FirstRunDone(admin_id, username, False)
    if enroll is None:
        why = "this till cannot enrol from here; run `fluxion-pos enroll`"
        return FirstRunDone(admin_id, username, False, why)
    try:
        enroll(answers.hq_url.strip(), answers.enrolment_code.strip())
    except Exception as error:  # HQ's answer, whatever it is, must not undo the set-up
        log.warning("enrolment with HQ failed during first run", exc_info=error)
        why = f"HQ did not enrol this till ({error}); try again with `fluxion-pos enroll`"
        return FirstRunDone(admin_id, username, False, why)
    return FirstRunDone(admin_id, username, True)
