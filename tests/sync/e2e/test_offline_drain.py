"""A till offline for 100,000 events drains them all to HQ once the line is back."""

from __future__ import annotations

from pathlib import Path

import pytest

from sync.client.errors import Retryable
from tests.sync.e2e.devices import (
    enrolled_till,
    held_by_hq,
    own_events,
    queue_offline_events,
    session,
    sync_until_current,
)
from tests.sync.support.fault_proxy import FaultProxy
from tests.sync.support.hq_server import RunningHq

OFFLINE_EVENTS = 100_000


@pytest.mark.slow
def test_a_till_offline_for_100000_events_drains_them_all(hq: RunningHq, tmp_path: Path):
    tenant, store = hq.tenant_and_store()
    till = enrolled_till(hq, tmp_path / "till", tenant, store)
    port = int(hq.url.rsplit(":", 1)[1])
    with FaultProxy("127.0.0.1", port) as line:
        line.down()
        offline = session(till, line.url)
        queue_offline_events(till, OFFLINE_EVENTS)
        with pytest.raises(Retryable, match="unreachable"):
            offline.loop.run_once()
        assert offline.status(online=False).pending >= OFFLINE_EVENTS
        line.heal()

        report = sync_until_current(offline)

    device = till.services.identity.device_id
    own = own_events(till)
    assert report.pushed == len(own) and report.pending == 0
    assert [e.event_id for e in held_by_hq(hq, device)] == [e.event_id for e in own]
    offline.close()
    till.services.close()
