"""One codec for payloads and snapshots: values round-trip through plain JSON types."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from fluxion_desktop.domain.errors import InvalidType
from fluxion_desktop.domain.money import Currency, Money
from fluxion_desktop.domain.plain_data import dataclass_from_plain, from_plain, to_plain


@dataclass(frozen=True)
class Line:
    tender: tuple[str, Currency]
    amounts: tuple[Money, ...]
    when: datetime | None


def test_nested_values_round_trip_through_plain_types():
    line = Line(("cash", Currency.VES), (Money.of("12.50", "USD"),),
                datetime(2026, 11, 25, 12, tzinfo=UTC))  # fmt: skip
    plain = to_plain(line)

    assert plain["tender"] == ["cash", "VES"]
    assert plain["amounts"] == [{"amount": "12.50", "currency": "USD"}]
    back = dataclass_from_plain(Line, plain)
    assert back == line
    assert back.tender[1] is Currency.VES


def test_decimals_are_positional_and_floats_are_refused():
    assert to_plain(Decimal("1E+2")) == "100"
    assert from_plain(Decimal | None, None) is None
    with pytest.raises(InvalidType):
        to_plain(1.5)
