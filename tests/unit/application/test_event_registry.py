"""Stable names, payload round trips and upcasting of old schema versions."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest

from fluxion_desktop.application.event_registry import EventRegistry
from fluxion_desktop.application.event_store import InvalidEvent
from fluxion_desktop.domain.events import DomainEvent
from tests.support.sample_events import TallyAdded, sample_registry


def test_payloads_round_trip_with_decimals_as_strings():
    registry = sample_registry()
    event = TallyAdded(amount=Decimal("12.50"), note="tip")

    payload = registry.to_payload(event)

    assert payload == {"amount": "12.50", "note": "tip"}
    assert registry.from_payload("TallyAdded", 2, payload) == event


def test_an_old_payload_is_upcast_on_read():
    registry = sample_registry()
    event = registry.from_payload("TallyAdded", 1, {"amount": "3.00"})
    assert event == TallyAdded(amount=Decimal("3.00"), note="")


def test_a_missing_upcaster_or_a_future_version_is_a_clear_error():
    registry = EventRegistry()
    registry.register(TallyAdded)
    with pytest.raises(InvalidEvent, match="no upcaster for TallyAdded from v1"):
        registry.from_payload("TallyAdded", 1, {"amount": "3.00"})
    with pytest.raises(InvalidEvent, match="newer than this app knows"):
        registry.from_payload("TallyAdded", 3, {"amount": "3.00", "note": ""})


def test_unknown_names_and_float_fields_are_refused():
    @dataclass(frozen=True, slots=True)
    class Priced(DomainEvent):
        event_type = "Priced"
        price: float

    registry = sample_registry()
    registry.register(Priced)

    with pytest.raises(InvalidEvent) as raised:
        registry.to_payload(Priced(price=1.5))
    assert raised.value.field == "payload"
    with pytest.raises(InvalidEvent, match="unknown event type 'Nope'"):
        registry.from_payload("Nope", 1, {})


def test_two_classes_cannot_claim_one_name():
    @dataclass(frozen=True, slots=True)
    class Impostor(DomainEvent):
        event_type = "TallyAdded"

    with pytest.raises(ValueError, match="already registered"):
        sample_registry().register(Impostor)
