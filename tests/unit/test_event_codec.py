"""The canonical encoding is the standard library's canonical JSON, byte for byte; payloads hold
plain JSON only."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime
from enum import StrEnum
from uuid import uuid4

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fluxion_desktop.adapters.event_codec import (
    COLUMN_NAMES,
    GENESIS_HASH,
    chain_hash,
    chained_rows,
    encode,
    encode_json,
    header_text,
)
from fluxion_desktop.application.event_store import InvalidEvent, NewEvent

plain_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


def _stdlib(value: object) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@given(st.dictionaries(st.text(), plain_json, max_size=6))
def test_encoding_equals_the_standard_librarys_canonical_form(payload):
    assert encode_json(payload, "payload") == _stdlib(payload)


@given(st.text(), st.text(), st.one_of(st.none(), st.text()), st.integers(1, 10**6))
def test_the_header_equals_the_canonical_json_of_its_fields(device, stream, user, version):
    row = {
        "device_id": device,
        "event_id": "e",
        "event_type": "T",
        "occurred_at": "2026-11-25T12:00:00.000000+00:00",
        "schema_version": 1,
        "store_id": "s",
        "stream_id": stream,
        "tenant_id": "t",
        "user_id": user,
        "version": version,
    }
    assert header_text(row) == _stdlib(row)


class Colour(StrEnum):
    RED = "red"


@pytest.mark.parametrize(
    ("payload", "path"),
    [
        ({"total": {"amount": 1.5}}, "payload.total.amount"),
        ({"lines": [{"qty": 2}, {"qty": math.nan}]}, "payload.lines[1].qty"),
        ({"id": uuid4()}, "payload.id"),
        ({"colour": Colour.RED}, "payload.colour"),
        ({"by_id": {1: "a"}}, "payload.by_id"),
    ],
)
def test_anything_but_plain_json_is_refused_by_path(payload, path):
    with pytest.raises(InvalidEvent) as raised:
        encode_json(payload, "payload")
    assert raised.value.field == path


def test_tuples_are_written_as_lists():
    assert encode_json({"a": (1, "x")}, "payload") == '{"a":[1,"x"]}'


@given(st.text(min_size=1), st.one_of(st.none(), st.text()), st.integers(1, 10**6))
def test_chained_rows_hash_as_chain_hash_does(stream, user, first_version):
    events = [
        NewEvent(uuid4(), "T", 1, "tenant", "store", "till-ñ", user,
                 datetime(2026, 11, 25, 12, tzinfo=UTC), {"n": n, "name": stream}, {"c": "x"})
        for n in range(3)
    ]  # fmt: skip
    encoded = [encode(event, lambda _name: True) for event in events]
    rows = chained_rows(stream, first_version, encoded, 41, GENESIS_HASH)
    prev = GENESIS_HASH
    for number, row in enumerate(rows):
        as_dict = dict(zip(COLUMN_NAMES, row, strict=True))
        assert as_dict["position"] == 42 + number
        assert as_dict["version"] == first_version + number
        assert as_dict["prev_hash"] == prev
        assert as_dict["hash"] == chain_hash(as_dict, prev)
        prev = as_dict["hash"]
