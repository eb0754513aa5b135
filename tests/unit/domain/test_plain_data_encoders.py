"""`to_plain` picks each type's encoder once; the choice must be what the checks in order give,
for every kind of value and on every call."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import IntEnum
from uuid import UUID

import pytest

from fluxion_desktop.domain.errors import InvalidType
from fluxion_desktop.domain.money import Currency, Money
from fluxion_desktop.domain.plain_data import to_plain


class Code(str):
    pass


class Level(IntEnum):
    LOW = 1


class Count(int):
    pass


@dataclass(frozen=True)
class Row:
    code: Code
    level: Level
    money: Money
    when: datetime
    day: date
    ids: frozenset[UUID]
    notes: dict[int, Decimal]


def test_every_kind_of_value_encodes_the_same_the_first_and_the_second_time() -> None:
    row = Row(Code("A-1"), Level.LOW, Money.of("1.50", "USD"),
              datetime(2026, 11, 25, 22, tzinfo=UTC), date(2026, 11, 25),
              frozenset({UUID(int=7)}), {3: Decimal("2.50")})  # fmt: skip
    wanted = {
        "code": "A-1", "level": 1, "money": {"amount": "1.50", "currency": "USD"},
        "when": "2026-11-25T22:00:00+00:00", "day": "2026-11-25",
        "ids": ["00000000-0000-0000-0000-000000000007"], "notes": {"3": "2.50"},
    }  # fmt: skip

    assert to_plain(row) == wanted
    assert to_plain(row) == wanted
    assert type(to_plain(Code("x"))) is str
    assert to_plain([Currency.VES, None, True, (1, "a")]) == ["VES", None, True, [1, "a"]]


@pytest.mark.parametrize("value", [1.5, Count(3), Row, object()])
def test_what_is_not_plain_is_refused_every_time(value: object) -> None:
    for _ in range(2):
        with pytest.raises(InvalidType):
            to_plain(value)
