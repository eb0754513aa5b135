"""`fluxion-pos enroll URL CODE` and `fluxion-pos sync --once [--hq-url URL]` against a real HQ:
their exit codes and what they say."""

from __future__ import annotations

from pathlib import Path

import pytest

from fluxion_desktop.cli import main
from tests.support.app import open_till
from tests.sync.e2e.devices import held_by_hq, own_events
from tests.sync.support.fault_proxy import FaultProxy
from tests.sync.support.hq_server import RunningHq
from tests.sync.support.till_events import ring_up_sales


def fluxion_pos(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args])


def test_enrol_then_sync_once_exits_zero_when_everything_is_across(
    hq: RunningHq, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    tenant, store = hq.tenant_and_store()
    data = tmp_path / "till"
    till = open_till(data, tenant, store)
    ring_up_sales(till, 3)
    device = till.services.identity.device_id
    till.services.close()

    assert fluxion_pos(data, "enroll", hq.url, hq.enrollment_code(store)) == 0
    enrolled = capsys.readouterr()
    assert f"tenant {tenant}, store {store}" in enrolled.out
    assert "no OS keyring" in enrolled.out  # where the token went is said, not hidden

    assert fluxion_pos(data, "sync", "--once") == 0
    assert "pending 0" in capsys.readouterr().out
    reopened = open_till(data, tenant, store)
    assert [e.event_id for e in held_by_hq(hq, device)] == [
        e.event_id for e in own_events(reopened)
    ]
    reopened.services.close()
    assert fluxion_pos(data, "sync", "--once") == 0  # nothing new: still current


def test_an_address_that_is_not_http_is_refused_before_asking(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    assert fluxion_pos(tmp_path / "till", "enroll", "hq.example.com", "CODE") == 1

    assert "not an HQ address" in capsys.readouterr().err


def test_a_wrong_code_is_refused_and_nothing_is_kept(
    hq: RunningHq, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    data = tmp_path / "till"

    assert fluxion_pos(data, "enroll", hq.url, "WRONG-CODE-0000-0000") == 1
    assert "401" in capsys.readouterr().err
    assert fluxion_pos(data, "sync", "--once") == 1
    assert "not enrolled" in capsys.readouterr().err
    assert not (data / "sync_token").exists()


def test_a_fresh_till_takes_its_store_from_the_enrolment(
    hq: RunningHq, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    tenant, store = hq.tenant_and_store()
    data = tmp_path / "fresh"

    assert fluxion_pos(data, "enroll", hq.url, hq.enrollment_code(store)) == 0
    assert fluxion_pos(data, "status", "--json") == 0

    status = capsys.readouterr().out
    assert f'"tenant_id": "{tenant}"' in status and f'"store_id": "{store}"' in status


def test_a_till_with_events_of_another_store_is_not_rebound(
    hq: RunningHq, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    _tenant, store = hq.tenant_and_store()
    data = tmp_path / "till"
    open_till(data, "some-tenant", "some-store").services.close()

    assert fluxion_pos(data, "enroll", hq.url, hq.enrollment_code(store)) == 1

    assert "already holds" in capsys.readouterr().err
    assert not (data / "sync_token").exists()


def test_sync_once_says_why_when_hq_cannot_be_reached_and_hq_url_overrides(
    hq: RunningHq, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    tenant, store = hq.tenant_and_store()
    data = tmp_path / "till"
    till = open_till(data, tenant, store)
    ring_up_sales(till, 1)
    till.services.close()
    assert fluxion_pos(data, "enroll", hq.url, hq.enrollment_code(store)) == 0
    capsys.readouterr()
    port = int(hq.url.rsplit(":", 1)[1])

    with FaultProxy("127.0.0.1", port) as proxy:
        proxy.down()
        assert fluxion_pos(data, "sync", "--once", "--hq-url", proxy.url) == 1
        assert "unreachable" in capsys.readouterr().err
        proxy.heal()
        assert fluxion_pos(data, "sync", "--once", "--hq-url", proxy.url) == 0

    assert proxy.counts["refused"] >= 1
    assert fluxion_pos(data, "status", "--json") == 0
    assert '"pending_push": 0' in capsys.readouterr().out


def test_a_revoked_till_is_told_so_and_pushes_nothing(
    hq: RunningHq, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    tenant, store = hq.tenant_and_store()
    data = tmp_path / "till"
    till = open_till(data, tenant, store)
    device = till.services.identity.device_id
    till.services.close()
    assert fluxion_pos(data, "enroll", hq.url, hq.enrollment_code(store)) == 0
    hq.revoke(device)
    capsys.readouterr()

    assert fluxion_pos(data, "sync", "--once") == 1

    assert "401" in capsys.readouterr().err
    assert held_by_hq(hq, device) == []
