"""sync.protocol.chain computes, byte for byte, the hashes a real till stores."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from sync.protocol import GENESIS_HASH, canonical_json, chain_hash, chain_hashes
from tests.support.app import open_till
from tests.sync.support.till_events import ring_up_sales, stored_rows, wire_event


def test_every_stored_hash_equals_the_protocol_hash_of_its_wire_form(tmp_path: Path):
    till = open_till(tmp_path)
    try:
        ring_up_sales(till, 3)
        device = till.services.identity.device_id
    finally:
        till.services.close()
    rows = stored_rows(tmp_path / "fluxion.db")
    assert len(rows) > 20
    assert len({row["event_type"] for row in rows}) > 5
    prev = GENESIS_HASH
    for row in rows:
        event = wire_event(row)
        assert event.device_id == device
        assert event.prev_hash == prev
        assert chain_hash(event, prev) == row["hash"], row["event_type"]
        # A row straight from the database (payload as its stored text) hashes the same.
        assert chain_hash(row, prev) == row["hash"]
        prev = row["hash"]
    plain = [wire_event(row, with_hashes=False) for row in rows]
    assert chain_hashes(plain, GENESIS_HASH) == [row["hash"] for row in rows]


def test_a_changed_byte_changes_the_hash(tmp_path: Path):
    till = open_till(tmp_path)
    till.services.close()
    row = stored_rows(tmp_path / "fluxion.db")[0]
    event = wire_event(row)
    tampered = event.model_copy(update={"occurred_at": event.occurred_at.replace("+00:00", "Z")})
    assert chain_hash(event, GENESIS_HASH) == row["hash"]
    assert chain_hash(tampered, GENESIS_HASH) != row["hash"]


_json = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(_json)
def test_canonical_json_is_the_standard_librarys_canonical_form(value):
    expected = json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )
    assert canonical_json(value) == expected
