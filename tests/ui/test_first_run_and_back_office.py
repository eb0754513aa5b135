"""The first-run wizard on a new till (nothing written until every answer is good; HQ enrolment
through the callable the context carries), and Ctrl+M mounting the back office."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from fluxion_desktop.adapters.device_identity import assign_store
from fluxion_desktop.application.authorization import UserView
from fluxion_desktop.bootstrap import bootstrap
from fluxion_desktop.domain.money import Currency
from fluxion_desktop.settings import Settings
from fluxion_desktop.ui.formatting import NumberFormat
from fluxion_desktop.ui.main_window import MainWindow
from fluxion_desktop.ui.screens.first_run_wizard import FirstRunWizard
from tests.support.app import FAST_PINS
from tests.support.fakes import FakeClock
from tests.ui.conftest import log_in, till_context


@pytest.fixture
def new_till(tmp_path: Path):
    """A till bound to its store (as enrolment or the demo leave it) that has no user yet."""
    settings = Settings(tmp_path / "new")
    first = bootstrap(settings, clock=FakeClock(), pin_hasher=FAST_PINS, configure_logs=False)
    assign_store(first.engine, "tenant-a", "store-1")
    first.close()
    services = bootstrap(settings, clock=FakeClock(), pin_hasher=FAST_PINS, configure_logs=False)
    yield services
    services.close()


def test_the_first_run_wizard_sets_up_the_store_and_the_admin(qtbot, new_till, runner):
    # Enrolment with a real HQ: tests/ui/test_wizard_enrolment.py.
    window = MainWindow(till_context(new_till, runner), NumberFormat(".", ","))
    qtbot.addWidget(window)
    wizard = window.wizard
    assert isinstance(wizard, FirstRunWizard)

    wizard.next()  # no store name: refused on its page
    assert wizard.currentId() == 0 and "name" in wizard.pages[0].error.text()
    qtbot.keyClicks(wizard.store_name, "Bodega La Esquina")
    qtbot.keyClicks(wizard.rif, "J-12345678-9")
    wizard.rif.setText("J123456789")  # the check digit is wrong
    wizard.next()
    assert wizard.currentId() == 0 and wizard.pages[0].error.text()
    wizard.rif.clear()
    wizard.next()
    qtbot.keyClicks(wizard.rate, "36,50")
    wizard.next()
    wizard.special.setChecked(True)
    wizard.next()
    qtbot.keyClicks(wizard.admin_name, "Carmen")
    qtbot.keyClicks(wizard.pin, "2468")
    qtbot.keyClicks(wizard.pin_again, "2469")
    wizard.next()
    assert wizard.currentId() == 3 and wizard.pages[3].error.text() == "The two PINs differ"
    wizard.pin_again.setText("2468")
    wizard.next()
    assert new_till.queries.users.all() == []  # nothing written yet
    assert not wizard.hq_url.isEnabled()  # this context offers no enrolment
    wizard.accept()
    assert [page.error.text() for page in wizard.pages] == [""] * 5

    assert window.wizard is None and not wizard.isVisible()
    admin = new_till.queries.users.by_username("admin")
    assert admin is not None and admin.display_name == "Carmen"
    settings = new_till.queries.store.settings()
    assert settings.store_name == "Bodega La Esquina"
    assert settings.sale.special_taxpayer and settings.sale.igtf_rate == Decimal("0.03")
    assert settings.sale.tax_rates.general == Decimal("0.16")
    rate = new_till.queries.store.current_rate(Currency.USD, Currency.VES)
    assert rate is not None and rate.rate == Decimal("36.50")
    assert window.login.username.text() == "admin"
    log_in(qtbot, window, "", "2468")
    assert window.current_screen is window.sale


def test_no_wizard_once_the_till_has_users(window):
    assert window.wizard is None


def test_ctrl_m_mounts_the_back_office_for_managers_only(qtbot, till, runner):
    built: list[QWidget] = []
    users: list[UserView] = []

    def back_office(user: UserView) -> QWidget:
        users.append(user)
        built.append(QLabel("back office"))
        return built[-1]

    context = till_context(till.services, runner)
    context = type(context)(**{**context.__dict__, "back_office": back_office})
    window = MainWindow(context, NumberFormat(".", ","))
    qtbot.addWidget(window)
    window.show()

    log_in(qtbot, window, "jose", "1111")
    qtbot.keyClick(window.sale.scan_field, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen is window.sale and built == []  # a cashier: no

    window.log_out()
    log_in(qtbot, window, "maria", "1234")
    qtbot.keyClick(window.sale.scan_field, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen is built[0]
    assert [user.username for user in users] == ["maria"]  # built for who asked
    qtbot.keyClick(built[0], Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen is window.sale


def test_ctrl_m_opens_the_real_back_office_wired_by_the_cli(qtbot, till, runner):
    from fluxion_desktop.cli.till_commands import _till_context
    from fluxion_desktop.ui.back_office.back_office import BackOffice

    window = MainWindow(_till_context(till.services, runner), NumberFormat(".", ","))
    qtbot.addWidget(window)
    log_in(qtbot, window, "maria", "1234")

    qtbot.keyClick(window.sale.scan_field, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)

    assert isinstance(window.current_screen, BackOffice)
    window.log_out()  # the back office goes with the manager
    assert window.back_office is None and window.current_screen is window.login
