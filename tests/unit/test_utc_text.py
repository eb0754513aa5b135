"""Event times are stored as isoformat(timespec="microseconds") of the UTC moment: the fast path
must write exactly that text for every moment."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fluxion_desktop.adapters.event_codec import utc_text
from fluxion_desktop.application.event_store import InvalidEvent


@given(st.datetimes(timezones=st.just(UTC)))
def test_a_utc_moment_is_written_as_isoformat_with_microseconds(moment: datetime) -> None:
    assert utc_text(moment) == moment.isoformat(timespec="microseconds")
    whole = moment.replace(microsecond=0)
    assert utc_text(whole) == whole.isoformat(timespec="microseconds")


def test_other_zones_are_converted_and_naive_moments_refused() -> None:
    caracas = datetime(2026, 11, 25, 21, 30, 0, 5, tzinfo=timezone(timedelta(hours=-4)))

    assert utc_text(caracas) == "2026-11-26T01:30:00.000005+00:00"
    with pytest.raises(InvalidEvent, match="naive"):
        utc_text(datetime(2026, 11, 26, 1, 30))
