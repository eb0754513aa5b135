"""`fluxion-hq revoke-device DEVICE_ID` (docs/hq-deployment.md, section 6) against a running HQ:
the till's token is refused from then on, and what it pushed before stays."""

from __future__ import annotations

from pathlib import Path

import pytest

from fluxion_desktop.cli import main as fluxion_pos_main
from sync.server.cli import main as fluxion_hq
from tests.support.app import open_till
from tests.sync.e2e.devices import held_by_hq, sell, shift_of
from tests.sync.support.hq_server import RunningHq
from tests.sync.support.till_events import ring_up_sales


def fluxion_pos(data_dir: Path, *args: str) -> int:
    return fluxion_pos_main(["--data-dir", str(data_dir), *args])


def test_a_device_revoked_with_the_command_is_refused_and_keeps_what_it_pushed(
    hq: RunningHq, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    tenant, store = hq.tenant_and_store()
    data = tmp_path / "till"
    till = open_till(data, tenant, store)
    device = till.services.identity.device_id
    till.services.close()
    assert fluxion_pos(data, "enroll", hq.url, hq.enrollment_code(store)) == 0
    till = open_till(data, tenant, store)
    ring_up_sales(till, 2)
    till.services.close()
    assert fluxion_pos(data, "sync", "--once") == 0
    pushed = held_by_hq(hq, device)
    assert pushed, "the enrolled till pushed its sales"
    capsys.readouterr()

    assert fluxion_hq(["revoke-device", device, "--database-url", hq.database_url]) == 0
    assert f"device {device} revoked" in capsys.readouterr().err

    till = open_till(data, tenant, store)
    sell(till, shift_of(till), 1)  # it keeps selling offline...
    till.services.close()
    assert fluxion_pos(data, "sync", "--once") == 1  # ...but HQ refuses its token
    assert "401" in capsys.readouterr().err
    assert held_by_hq(hq, device) == pushed
