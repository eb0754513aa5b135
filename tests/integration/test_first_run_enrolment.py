"""The first-run set-up's enrolment with a real HQ, without the window: `FirstRun` over the CLI's
`WizardEnrolment` on a stand-alone till (as `fluxion-pos run` leaves a new one).

HQ's users arrive before anything is written, so a user HQ (or another till of the store)
already has is reused with its PIN, never made twice; HQ's refusals are said plainly and keep
nothing."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from fluxion_desktop.adapters.sync.token_store import TOKEN_FILE
from fluxion_desktop.application.first_run import EnrolmentFailed, FirstRun, FirstRunAnswers
from fluxion_desktop.bootstrap import Services, assign_store_and_reopen, bootstrap
from fluxion_desktop.cli.sync_commands import WizardEnrolment, set_up_target, sync_once
from fluxion_desktop.domain.errors import InvalidValue
from fluxion_desktop.domain.money import Currency
from fluxion_desktop.settings import Settings
from sync.server import hq_directives
from tests.support.app import FAST_PINS
from tests.sync.support.hq_server import RunningHq, start_hq_server

TODAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def no_os_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def hq(tmp_path: Path) -> Iterator[RunningHq]:
    with start_hq_server(f"sqlite:///{tmp_path / 'hq.db'}") as running:
        yield running


class NewTill:
    """A till `fluxion-pos run` just bound to a stand-alone store, with its wizard's work."""

    def __init__(self, data_dir: Path) -> None:
        first = bootstrap(Settings(data_dir), pin_hasher=FAST_PINS, configure_logs=False)
        self.data_dir = data_dir
        self.services = assign_store_and_reopen(first, "standalone", "store-new")
        self.enrolment = WizardEnrolment(self.services)
        self.first_run = FirstRun(set_up_target(self.services), self.enrolment)

    @property
    def now(self) -> Services:
        """The till's services as they stand (new ones once HQ enrolled it)."""
        done = self.enrolment.done
        return done.services if done is not None else self.services

    def own_event_types(self) -> list[str]:
        store, device = self.now.store, self.now.identity.device_id
        return [e.event_type for e in store.read_all() if e.device_id == device]

    def close(self) -> None:
        self.now.close()


@pytest.fixture
def new_till(tmp_path: Path) -> Iterator[NewTill]:
    till = NewTill(tmp_path / "till")
    yield till
    till.close()


def answers(hq_url: str, code: str, username: str = "admin", pin: str = "2468") -> FirstRunAnswers:
    return FirstRunAnswers(
        store_name="Bodega La Esquina", rif="", address="", reference_currency=Currency.USD,
        local_currency=Currency.VES, rate_of_the_day=Decimal("36.50"), iva_general=Decimal(16),
        iva_reduced=Decimal(8), iva_luxury=Decimal(31), special_taxpayer=False,
        igtf_percent=Decimal(3), admin_username=username, admin_name="Carmen", admin_pin=pin,
        hq_url=hq_url, enrolment_code=code,
    )  # fmt: skip


def test_an_admin_hq_already_has_is_reused_with_their_pin_never_made_twice(
    hq: RunningHq, new_till: NewTill
):
    tenant, store = hq.tenant_and_store()
    hq_admin = hq_directives.add_user(hq.database, tenant, "admin", "Carmen Díaz", "admin", "1357",
                                      hq.clock(), store_id=store, pin_cost=2**4)  # fmt: skip

    with pytest.raises(InvalidValue, match="already has a user 'admin'") as wrong:
        new_till.first_run.finish(answers(hq.url, hq.enrollment_code(store)), TODAY)
    assert wrong.value.field == "admin_pin"
    assert new_till.now.identity.store_id == store  # enrolled, and kept for the next attempt
    assert "UserCreated" not in new_till.own_event_types()
    assert "StoreSettingsChanged" not in new_till.own_event_types()

    # Again with HQ's PIN: no second enrolment (the code was used), no new user.
    done = new_till.first_run.finish(answers("", "", pin="1357"), TODAY)
    assert (done.admin_id, done.admin_reused, done.enrolled, done.restart) == (
        hq_admin, True, True, True,
    )  # fmt: skip
    assert [u.user_id for u in new_till.now.queries.users.all()] == [hq_admin]
    assert new_till.now.queries.store.settings().store_name == "Bodega La Esquina"
    assert "UserCreated" not in new_till.own_event_types()

    assert sync_once(new_till.now).pending == 0
    assert hq.count_events(event_type="UserCreated", store_id=store) == 1  # HQ's own, only


def test_a_store_with_other_users_asks_for_one_of_them(hq: RunningHq, new_till: NewTill):
    tenant, store = hq.tenant_and_store()
    hq_directives.add_user(hq.database, tenant, "maria", "María", "manager", "1357", hq.clock(),
                           store_id=store, pin_cost=2**4)  # fmt: skip

    with pytest.raises(InvalidValue, match=r"already has users \(maria\)"):
        new_till.first_run.finish(answers(hq.url, hq.enrollment_code(store)), TODAY)
    done = new_till.first_run.finish(answers("", "", username="maria", pin="1357"), TODAY)

    assert done.admin_username == "maria" and done.admin_reused
    assert len(new_till.now.queries.users.all()) == 1


def test_a_second_till_of_the_store_reuses_the_admin_the_first_one_synced_up(
    hq: RunningHq, new_till: NewTill, tmp_path: Path
):
    _, store = hq.tenant_and_store()
    first = new_till.first_run.finish(answers(hq.url, hq.enrollment_code(store)), TODAY)
    assert not first.admin_reused
    assert sync_once(new_till.now).pending == 0  # the wizard's admin went up to HQ

    second = NewTill(tmp_path / "second")
    try:
        done = second.first_run.finish(answers(hq.url, hq.enrollment_code(store)), TODAY)
        assert done.admin_id == first.admin_id and done.admin_reused
        assert "UserCreated" not in second.own_event_types()
        assert len(second.now.queries.users.all()) == 1
    finally:
        second.close()


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("hq.example.com", "is not an HQ address"),
        ("http://127.0.0.1:{silent_port}", "could not be reached"),
        ("{hq}/not-hq", "is it HQ's address"),
        ("{hq}", "refused the one-time code"),
    ],
)
def test_hq_refusing_keeps_nothing(hq: RunningHq, new_till: NewTill, url: str, said: str):
    code = "WRONG-CODE-0000-0000" if url == "{hq}" else hq.enrollment_code(hq.tenant_and_store()[1])

    # A port bound and never listened on refuses every connection, and no other test process
    # can take it meanwhile; found when the test runs, so that test ids are the same in every
    # process that collects them (pytest-xdist's workers).
    with socket.socket() as silent, pytest.raises(EnrolmentFailed, match=said):
        silent.bind(("127.0.0.1", 0))
        address = url.format(hq=hq.url, silent_port=silent.getsockname()[1])
        new_till.first_run.finish(answers(address, code), TODAY)

    assert new_till.enrolment.done is None and new_till.first_run.can_enrol
    assert new_till.now is new_till.services and new_till.now.identity.tenant_id == "standalone"
    assert new_till.now.queries.users.all() == [] and new_till.own_event_types() == []
    assert not (new_till.data_dir / TOKEN_FILE).exists()
