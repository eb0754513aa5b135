"""A till restored from a backup that holds everything HQ has (taken after its last sync) is not
behind HQ: it raises no alarm and syncs on, and the restore stays recorded for support."""

from __future__ import annotations

from pathlib import Path

import pytest

from fluxion_desktop.adapters.backup import read_restore_mark
from fluxion_desktop.adapters.database import open_database
from fluxion_desktop.adapters.sync.state_store import SqliteSyncState
from fluxion_desktop.cli import main
from tests.support.app import open_till
from tests.sync.e2e.devices import enrolled_till, held_by_hq, own_events, sell, shift_of
from tests.sync.support.hq_server import RunningHq
from tests.sync.support.till_events import ring_up_sales


def fluxion_pos(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args])


def test_a_till_restored_from_a_backup_taken_after_its_last_sync_syncs_on_without_alarm(
    hq: RunningHq, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    tenant, store = hq.tenant_and_store()
    data = tmp_path / "till"
    till = enrolled_till(hq, data, tenant, store)
    ring_up_sales(till, 2)
    till.services.close()
    assert fluxion_pos(data, "sync", "--once") == 0
    assert fluxion_pos(data, "backup", str(tmp_path / "after-sync.db")) == 0
    offline = open_till(data, tenant, store)
    sell(offline, shift_of(offline), 1)  # sold, never synced, then lost by the restore
    offline.services.close()
    assert fluxion_pos(data, "restore", str(tmp_path / "after-sync.db")) == 0

    restored = open_till(data, tenant, store)
    sell(restored, shift_of(restored), 2)
    device = restored.services.identity.device_id
    mine = own_events(restored)
    restored.services.close()
    capsys.readouterr()

    assert fluxion_pos(data, "sync", "--once") == 0

    assert "ALARM" not in capsys.readouterr().err
    assert held_by_hq(hq, device) == mine  # HQ holds exactly the restored till's history
    engine = open_database(data / "fluxion.db")
    try:
        assert SqliteSyncState(engine).marks().alarm is None
        with engine.connect() as connection:
            mark = read_restore_mark(connection.connection.driver_connection)
    finally:
        engine.dispose()
    assert mark is not None and mark.restored_from == "after-sync.db"
