"""A domain event's payload is checked as the registry makes it, so the codec encodes it without
walking it again: the stored text must be what the checked path gives, and whatever is not plain
JSON must still be refused, by the registry or by the codec."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from uuid import uuid4

import pytest

from fluxion_desktop.adapters.event_codec import encode, encode_json
from fluxion_desktop.application.event_registry import EventRegistry
from fluxion_desktop.application.event_store import InvalidEvent, NewEvent
from fluxion_desktop.domain.errors import InvalidType
from fluxion_desktop.domain.events import DomainEvent
from fluxion_desktop.domain.money import Currency, ExchangeRate, Money
from fluxion_desktop.domain.plain_data import PlainJson, fields_to_plain, to_plain
from fluxion_desktop.domain.sale_settings import SaleSettings

AT = datetime(2026, 11, 26, 1, 30, tzinfo=UTC)


class Loose:
    """A value whose `to_dict` promises no plain types: what it makes is checked every time."""

    def __init__(self, made: Any) -> None:
        self.made = made

    def to_dict(self) -> dict[str, object]:
        return {"made": self.made}


@dataclass(frozen=True, slots=True)
class Priced(DomainEvent):
    event_type = "PricedForCodecTest"
    price: Money
    rate: ExchangeRate
    settings: SaleSettings
    extra: Any
    lines: tuple[Money, ...]


def _registry() -> EventRegistry:
    registry = EventRegistry()
    registry.register(Priced)
    return registry


def _priced(extra: Any = None) -> Priced:
    usd = Money.of("12.50", "USD")
    rate = ExchangeRate(Currency.USD, Currency.VES, Decimal("36.5"), date(2026, 11, 26), "BCV")
    return Priced(usd, rate, SaleSettings(), extra, (usd, Money.of("0.10", "VES")))


def _new(payload: dict[str, Any]) -> NewEvent:
    return NewEvent(uuid4(), Priced.event_type, 1, "t", "s", "d", "u", AT, payload)


@pytest.mark.parametrize("extra", [None, Loose("x"), [Loose(["a", 1, True, None])], {"k": "v"}])
def test_a_registry_payload_encodes_to_the_text_the_checked_path_gives(extra: Any) -> None:
    payload = _registry().to_payload(_priced(extra))

    assert type(payload) is PlainJson
    encoded = encode(_new(payload), lambda _name: True)

    assert encoded.payload == encode_json(dict(payload), "payload")
    assert encoded.payload == encode(_new(dict(payload)), lambda _name: True).payload


@pytest.mark.parametrize("made", [1.5, Decimal("1"), {1: "a"}, [Currency.USD], ("x", 2.0)])
def test_a_to_dict_that_makes_what_json_cannot_carry_is_refused(made: Any) -> None:
    with pytest.raises(InvalidType, match=r"Loose\.to_dict"):
        to_plain(Loose(made))
    with pytest.raises(InvalidType, match=r"Loose\.to_dict"):
        fields_to_plain(_priced(Loose(made)))
    with pytest.raises(InvalidEvent) as raised:
        _registry().to_payload(_priced([Loose(made)]))
    assert raised.value.field == "payload"


def test_a_plain_dict_payload_is_still_walked_and_refused_naming_the_path() -> None:
    payload = dict(_registry().to_payload(_priced()))
    payload["lines"] = [{"amount": 1.5, "currency": "USD"}]

    with pytest.raises(InvalidEvent, match=r"payload\.lines\[0\]\.amount is a float"):
        encode(_new(payload), lambda _name: True)
