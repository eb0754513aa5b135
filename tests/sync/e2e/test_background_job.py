"""The background sync job of a running till: a commit is pushed soon (not at the next period),
an unreachable HQ shows as offline with the reason, and "sync now" resumes at once."""

from __future__ import annotations

from pathlib import Path

from fluxion_desktop.cli.sync_commands import start_sync
from sync.client.backoff import Backoff
from sync.client.debounce import Debouncer
from tests.sync.e2e.devices import (
    enrolled_till,
    eventually,
    held_by_hq,
    own_events,
    sell,
    shift_of,
)
from tests.sync.support.fault_proxy import FaultProxy
from tests.sync.support.hq_server import RunningHq
from tests.sync.support.till_events import ring_up_sales


def test_a_commit_is_pushed_soon_and_an_outage_is_shown_and_resumed(hq: RunningHq, tmp_path: Path):
    tenant, store = hq.tenant_and_store()
    till = enrolled_till(hq, tmp_path / "till", tenant, store)
    ring_up_sales(till, 1)
    device = till.services.identity.device_id
    port = int(hq.url.rsplit(":", 1)[1])
    with FaultProxy("127.0.0.1", port) as line:
        job = start_sync(till.services, hq_url=line.url, interval=3600.0,
                         backoff=Backoff(base=60.0, cap=600.0),
                         debouncer=Debouncer(quiet=0.1, max_wait=1.0))  # fmt: skip
        assert job is not None
        try:
            eventually(lambda: job.sync_status().last_success is not None, 10)
            sell(till, shift_of(till), 1)  # the period is an hour away: only the commit can push
            eventually(lambda: len(held_by_hq(hq, device)) == len(own_events(till)), 5)
            assert job.sync_status().pending == 0 and job.sync_status().online

            line.down()
            sell(till, shift_of(till), 1)
            eventually(lambda: not job.sync_status().online, 5)
            offline = job.sync_status()
            assert offline.pending > 0 and "unreachable" in (offline.last_error or "")

            line.heal()  # the backoff now waits a minute or more; a person asks instead
            job.request_sync()
            eventually(lambda: job.sync_status().pending == 0, 5)
        finally:
            job.stop()
    status = job.sync_status()
    assert status.online and status.last_error is None and status.enrolled
    assert [e.event_id for e in held_by_hq(hq, device)] == [e.event_id for e in own_events(till)]
    till.services.close()
