"""`fluxion-pos run` and `demo` open the main window on a context built from the services."""

from __future__ import annotations

from pathlib import Path

import pytest

from fluxion_desktop import cli
from fluxion_desktop.application.authorization import Credentials
from fluxion_desktop.application.identity import LogIn
from fluxion_desktop.ui import app
from fluxion_desktop.ui.context import TillContext
from fluxion_desktop.ui.task_runner import ThreadPoolTaskRunner


@pytest.fixture
def opened(monkeypatch) -> list[object]:
    """What `run_app` was given, and what the context could do while the app was open."""
    seen: list[object] = []

    def fake_run_app(context: TillContext) -> int:
        seen.append(context)
        user = context.bus.handle(LogIn(Credentials("ana", "1111")))
        seen.append(user)
        seen.append(context.status())
        context.runner.shutdown()
        return 0

    monkeypatch.setattr(app, "run_app", fake_run_app)
    return seen


@pytest.mark.slow  # seeds the demo store: two years of sales history
def test_demo_opens_the_till_where_the_readme_cashier_logs_in(qtbot, tmp_path: Path, opened):
    assert cli.main(["--data-dir", str(tmp_path), "demo"]) == 0

    context, user, status = opened
    assert isinstance(context, TillContext)
    assert isinstance(context.runner, ThreadPoolTaskRunner)
    assert context.device.store_id == "demo-store"
    assert user.username == "ana" and user.role.value == "cashier"
    assert status.events > 0
    assert context.shifts.open_shift(context.device.device_id) is not None


def test_a_new_till_opens_as_a_store_of_its_own_where_the_wizard_can_record(
    qtbot, tmp_path: Path, monkeypatch
):
    seen: list[TillContext] = []

    def fake_run_app(context: TillContext) -> int:
        seen.append(context)
        context.runner.shutdown()
        return 0

    monkeypatch.setattr(app, "run_app", fake_run_app)
    assert cli.main(["--data-dir", str(tmp_path), "run"]) == 0

    device = seen[0].device
    assert device.tenant_id == "standalone"
    assert device.store_id == f"store-{device.device_id}"
