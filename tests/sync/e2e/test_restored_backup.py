"""A till restored from an older backup (SQLite online backup) after it had pushed more: it must
raise the alarm and push nothing, whether or not it wrote new events since the restore."""

from __future__ import annotations

from pathlib import Path

import pytest

from fluxion_desktop.adapters.database import open_database
from fluxion_desktop.adapters.sync.state_store import SqliteSyncState
from fluxion_desktop.cli import main
from tests.support.app import Till, open_till
from tests.sync.e2e.devices import enrolled_till, held_by_hq, sell, shift_of
from tests.sync.support.hq_server import RunningHq
from tests.sync.support.till_events import ring_up_sales


def fluxion_pos(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args])


@pytest.fixture
def restored(hq: RunningHq, tmp_path: Path) -> tuple[Path, str, str, str]:
    """A till that pushed, was backed up, pushed more, and then was restored from the backup."""
    tenant, store = hq.tenant_and_store()
    data = tmp_path / "till"
    till = enrolled_till(hq, data, tenant, store)
    ring_up_sales(till, 2)
    till.services.close()
    assert fluxion_pos(data, "sync", "--once") == 0
    assert fluxion_pos(data, "backup", str(tmp_path / "monday.db")) == 0
    later = open_till(data, tenant, store)
    sell(later, shift_of(later), 1)
    device = later.services.identity.device_id
    later.services.close()
    assert fluxion_pos(data, "sync", "--once") == 0
    assert fluxion_pos(data, "restore", str(tmp_path / "monday.db")) == 0
    return data, tenant, store, device


def test_a_restored_till_behind_hq_alarms_and_pushes_nothing(
    hq: RunningHq, restored: tuple[Path, str, str, str], capsys: pytest.CaptureFixture[str]
):
    data, _tenant, _store, device = restored
    before = held_by_hq(hq, device)
    capsys.readouterr()

    assert fluxion_pos(data, "sync", "--once") == 1

    assert "ALARM" in capsys.readouterr().err and "older backup" in _alarm(data)
    assert held_by_hq(hq, device) == before


def test_a_restored_till_that_sold_again_has_forked_alarms_and_pushes_nothing(
    hq: RunningHq, restored: tuple[Path, str, str, str], capsys: pytest.CaptureFixture[str]
):
    data, tenant, store, device = restored
    before = held_by_hq(hq, device)
    till: Till = open_till(data, tenant, store)
    for _ in range(3):  # new sales take the positions HQ holds other events at
        sell(till, shift_of(till), 1)
    till.services.close()
    capsys.readouterr()

    assert fluxion_pos(data, "sync", "--once") == 1
    assert fluxion_pos(data, "sync", "--once") == 1  # stays stopped

    assert "ALARM" in capsys.readouterr().err and "forked" in _alarm(data)
    assert held_by_hq(hq, device) == before


def _alarm(data: Path) -> str:
    engine = open_database(data / "fluxion.db")
    try:
        alarm = SqliteSyncState(engine).marks().alarm
    finally:
        engine.dispose()
    assert alarm is not None
    return alarm
