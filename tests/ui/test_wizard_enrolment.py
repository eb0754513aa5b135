"""`fluxion-pos run` on a new till whose manager enrols it with a real HQ from the first-run
wizard: enrolment comes first (on the runner), the set-up is written under HQ's store, the window
reopens on the rebound services with background sync, and the first events reach HQ. A bad code
says so on the wizard's page and writes nothing; clearing the HQ fields sets the till up alone."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtWidgets import QWizard

from fluxion_desktop import cli
from fluxion_desktop.adapters.database import open_database
from fluxion_desktop.adapters.sync.token_store import TOKEN_FILE
from fluxion_desktop.ui import app
from fluxion_desktop.ui.context import TillContext
from fluxion_desktop.ui.formatting import NumberFormat
from fluxion_desktop.ui.main_window import MainWindow
from fluxion_desktop.ui.screens.first_run_wizard import FirstRunWizard
from sync.server import hq_directives
from tests.sync.support.hq_server import RunningHq, start_hq_server

WindowScript = Callable[[MainWindow, TillContext], int]


@pytest.fixture(autouse=True)
def no_os_keyring() -> Iterator[None]:
    """The token goes to the documented file fallback, never a developer's real keyring."""
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def hq(tmp_path: Path) -> Iterator[RunningHq]:
    with start_hq_server(f"sqlite:///{tmp_path / 'hq.db'}") as running:
        yield running


@pytest.fixture
def windows(qtbot, monkeypatch) -> list[WindowScript]:
    """Scripts, one per window `fluxion-pos run` opens: each gets the real MainWindow on the
    context the CLI built and answers as the window would (EXIT_RESTART when it asks)."""
    scripts: list[WindowScript] = []

    def run_app(context: TillContext) -> int:
        window = MainWindow(context, NumberFormat(".", ","))
        qtbot.addWidget(window)
        restarts: list[bool] = []
        window.restart_requested.connect(lambda: restarts.append(True))
        try:
            code = scripts.pop(0)(window, context)
        finally:
            context.runner.shutdown()
        return app.EXIT_RESTART if restarts else code

    monkeypatch.setattr(app, "run_app", run_app)
    return scripts


def fill_in(qtbot, window: MainWindow, hq_url: str = "", code: str = "") -> FirstRunWizard:
    """The wizard's pages as a manager answers them, up to the HQ page."""
    qtbot.waitUntil(lambda: window.wizard is not None)  # "no users yet" is read on the runner
    wizard = window.wizard
    assert isinstance(wizard, FirstRunWizard)
    wizard.store_name.setText("Bodega La Esquina")
    wizard.next()
    wizard.rate.setText("36,50")
    wizard.next()
    wizard.next()
    wizard.admin_name.setText("Carmen")
    wizard.pin.setText("2468")
    wizard.pin_again.setText("2468")
    wizard.next()
    assert wizard.currentId() == 4, [page.error.text() for page in wizard.pages]
    wizard.hq_url.setText(hq_url)
    wizard.code.setText(code)
    return wizard


def test_the_wizard_enrols_first_and_the_first_events_reach_hq(
    qtbot, tmp_path: Path, hq: RunningHq, windows: list[WindowScript], capsys
):
    tenant, store = hq.tenant_and_store()
    data = tmp_path / "till"
    seen: list[TillContext] = []

    def first_window(window: MainWindow, context: TillContext) -> int:
        seen.append(context)
        assert context.device.tenant_id == "standalone" and context.sync is None
        wizard = fill_in(qtbot, window, hq.url, hq.enrollment_code(store))
        with qtbot.waitSignal(window.restart_requested, timeout=15_000):
            wizard.accept()  # enrols, pulls, writes: all on the runner
        assert wizard.pages[4].error.text() == ""
        return 0

    def second_window(window: MainWindow, context: TillContext) -> int:
        seen.append(context)
        assert window.wizard is None and window.login.username.text() == "admin"
        return 0

    windows.extend([first_window, second_window])
    assert cli.main(["--data-dir", str(data), "run"]) == 0
    assert windows == []  # the window reopened once, on the enrolled till

    standalone, enrolled = seen[0].device, seen[1].device
    assert standalone.device_id == enrolled.device_id
    assert (enrolled.tenant_id, enrolled.store_id) == (tenant, store)
    assert seen[1].sync is not None  # background sync started on the rebound services
    assert seen[1].first_run is None
    admin = seen[1].users.by_username("admin")
    assert admin is not None and admin.display_name == "Carmen"
    assert seen[1].store.settings().store_name == "Bodega La Esquina"
    assert _stores_in_log(data, enrolled.device_id) == {
        (tenant, store)
    }  # nothing written under "standalone"

    capsys.readouterr()
    assert cli.main(["--data-dir", str(data), "sync", "--once"]) == 0
    assert "pending 0" in capsys.readouterr().out
    device = enrolled.device_id
    assert hq.count_events(device_id=device, store_id=store) == _own_events(data, device)
    assert hq.count_events(device_id=device, event_type="UserCreated") == 1


def test_a_bad_code_writes_nothing_and_the_manager_can_finish_alone(
    qtbot, tmp_path: Path, hq: RunningHq, windows: list[WindowScript]
):
    _, store = hq.tenant_and_store()
    data = tmp_path / "till"
    seen: list[TillContext] = []

    def first_window(window: MainWindow, context: TillContext) -> int:
        seen.append(context)
        wizard = fill_in(qtbot, window, hq.url, "WRONG-CODE-0000-0000")
        finish = wizard.button(QWizard.WizardButton.FinishButton)
        wizard.accept()  # HQ is asked on the runner; the GUI thread only waits for its answer
        assert not finish.isEnabled()
        error = wizard.pages[4].error
        qtbot.waitUntil(lambda: error.text() != "", timeout=10_000)
        assert finish.isEnabled()
        assert "one-time code" in error.text() and "nothing was kept" in error.text()
        assert wizard.isVisible() and wizard.hq_url.isEnabled()
        assert context.users.all() == [] and _own_events(data, context.device.device_id) == 0
        assert not (data / TOKEN_FILE).exists()

        wizard.hq_url.clear()
        wizard.code.clear()
        with qtbot.waitSignal(window.restart_requested, timeout=10_000):
            wizard.accept()
        return 0

    def second_window(window: MainWindow, context: TillContext) -> int:
        seen.append(context)
        assert window.wizard is None and context.sync is None
        return 0

    windows.extend([first_window, second_window])
    assert cli.main(["--data-dir", str(data), "run"]) == 0

    device = seen[1].device
    assert device.tenant_id == "standalone" and device == seen[0].device  # no rebinding
    assert seen[1].users.by_username("admin") is not None
    assert _stores_in_log(data, device.device_id) == {("standalone", device.store_id)}
    assert hq.count_events(store_id=store) == 0


def _own_events(data: Path, device: str) -> int:
    return len(_own_rows(data, device))


def _stores_in_log(data: Path, device: str) -> set[tuple[str, str]]:
    """The (tenant, store) every event this till wrote is stamped with."""
    return set(_own_rows(data, device))


def _own_rows(data: Path, device: str) -> list[tuple[str, str]]:
    engine = open_database(data / "fluxion.db")
    try:
        with engine.connect() as conn:
            rows = conn.exec_driver_sql(
                "SELECT tenant_id, store_id FROM events WHERE device_id = ?", (device,)
            ).fetchall()
        return [(row[0], row[1]) for row in rows]
    finally:
        engine.dispose()


def test_after_enrolling_a_wrong_pin_for_hq_s_admin_is_fixed_without_enrolling_again(
    qtbot, tmp_path: Path, hq: RunningHq, windows: list[WindowScript]
):
    tenant, store = hq.tenant_and_store()
    hq_admin = hq_directives.add_user(hq.database, tenant, "admin", "Carmen Díaz", "admin", "1357",
                                      hq.clock(), store_id=store, pin_cost=2**4)  # fmt: skip
    seen: list[TillContext] = []

    def first_window(window: MainWindow, context: TillContext) -> int:
        wizard = fill_in(qtbot, window, hq.url, hq.enrollment_code(store))  # PIN 2468: not HQ's
        wizard.accept()
        error = wizard.pages[4].error
        qtbot.waitUntil(lambda: error.text() != "", timeout=15_000)
        assert "already has a user 'admin'" in error.text()
        assert not wizard.hq_url.isEnabled() and wizard.hq_url.text() == hq.url  # enrolled

        wizard.back()
        wizard.pin.setText("1357")
        wizard.pin_again.setText("1357")
        wizard.next()
        with qtbot.waitSignal(window.restart_requested, timeout=10_000):
            wizard.accept()  # the code was used: a second enrolment would fail
        return 0

    def second_window(window: MainWindow, context: TillContext) -> int:
        seen.append(context)
        return 0

    windows.extend([first_window, second_window])
    assert cli.main(["--data-dir", str(tmp_path / "till"), "run"]) == 0

    assert (seen[0].device.tenant_id, seen[0].device.store_id) == (tenant, store)
    assert [user.user_id for user in seen[0].users.all()] == [hq_admin]  # none made on the till
    assert seen[0].store.settings().store_name == "Bodega La Esquina"


def test_a_wizard_closed_after_enrolling_reopens_on_the_enrolled_till(
    qtbot, tmp_path: Path, hq: RunningHq, windows: list[WindowScript]
):
    tenant, store = hq.tenant_and_store()
    hq_admin = hq_directives.add_user(hq.database, tenant, "admin", "Carmen Díaz", "admin", "1357",
                                      hq.clock(), store_id=store, pin_cost=2**4)  # fmt: skip
    seen: list[TillContext] = []

    def first_window(window: MainWindow, context: TillContext) -> int:
        wizard = fill_in(qtbot, window, hq.url, hq.enrollment_code(store))  # PIN 2468: not HQ's
        wizard.accept()
        qtbot.waitUntil(lambda: wizard.pages[4].error.text() != "", timeout=15_000)
        with qtbot.waitSignal(window.restart_requested, timeout=5_000):
            wizard.reject()  # the manager gives up for now; the till is enrolled all the same
        return 0

    def second_window(window: MainWindow, context: TillContext) -> int:
        seen.append(context)  # HQ's users arrived before the wizard closed: log in with them
        return 0

    windows.extend([first_window, second_window])
    assert cli.main(["--data-dir", str(tmp_path / "till"), "run"]) == 0

    assert (seen[0].device.tenant_id, seen[0].device.store_id) == (tenant, store)
    assert seen[0].sync is not None and seen[0].first_run is None
    assert [user.user_id for user in seen[0].users.all()] == [hq_admin]


def test_a_till_enrolled_before_its_first_start_fetches_hq_s_users_before_writing(
    qtbot, tmp_path: Path, hq: RunningHq, windows: list[WindowScript]
):
    tenant, store = hq.tenant_and_store()
    data = tmp_path / "till"
    assert cli.main(["--data-dir", str(data), "enroll", hq.url, hq.enrollment_code(store)]) == 0
    hq_admin = hq_directives.add_user(hq.database, tenant, "admin", "Carmen Díaz", "admin", "1357",
                                      hq.clock(), store_id=store, pin_cost=2**4)  # fmt: skip
    seen: list[TillContext] = []

    def first_window(window: MainWindow, context: TillContext) -> int:
        assert context.sync is None and context.users.all() == []  # nothing pulled yet
        wizard = fill_in(qtbot, window)
        assert not wizard.hq_url.isEnabled() and "enrolled with HQ" in wizard.hq_note.text()
        wizard.back()
        wizard.pin.setText("1357")
        wizard.pin_again.setText("1357")
        wizard.next()
        with qtbot.waitSignal(window.restart_requested, timeout=10_000):
            wizard.accept()  # HQ's users are pulled first: its admin is reused, not made again
        return 0

    def second_window(window: MainWindow, context: TillContext) -> int:
        seen.append(context)
        assert window.wizard is None and context.sync is not None
        return 0

    windows.extend([first_window, second_window])
    assert cli.main(["--data-dir", str(data), "run"]) == 0

    assert (seen[0].device.tenant_id, seen[0].device.store_id) == (tenant, store)
    assert [user.user_id for user in seen[0].users.all()] == [hq_admin]
    assert seen[0].store.settings().store_name == "Bodega La Esquina"
