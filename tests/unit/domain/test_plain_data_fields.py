"""Each dataclass's fields are turned into plain data by a function written once from its type
hints; whatever a field holds, the result must be what `to_plain` makes of that value."""

from __future__ import annotations

import collections
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any
from uuid import UUID

import pytest

from fluxion_desktop.domain.errors import InvalidType
from fluxion_desktop.domain.money import Currency, ExchangeRate, Money
from fluxion_desktop.domain.plain_data import fields_to_plain, to_plain
from fluxion_desktop.domain.tax import TaxCategory

if TYPE_CHECKING:
    from collections import OrderedDict  # a hint only a type checker can resolve


class Shape(Enum):
    BOX = ("box", 1)  # a value that is not plain itself: to_plain turns the tuple into a list


class Code(str):
    pass


@dataclass(frozen=True, slots=True)
class Inner:
    price: Money
    at: date


@dataclass(frozen=True, slots=True)
class Every:
    text: str
    count: int
    flag: bool
    amount: Decimal
    money: Money
    maybe: Money | None
    category: TaxCategory
    shape: Shape
    when: datetime
    day: date
    ident: UUID
    code: Code
    inner: Inner
    inners: tuple[Inner, ...]
    names: list[str]
    tags: frozenset[str]
    pair: tuple[str, Currency]
    by_name: dict[str, Decimal]
    either: str | int | None
    anything: Any
    rate: ExchangeRate


@dataclass
class Node:
    name: str
    child: Node | None


@dataclass
class Hidden:
    order: OrderedDict[str, int]
    money: Money


AT = datetime(2026, 11, 26, 1, 2, 3, tzinfo=UTC)
USD = Money.of("12.50", "USD")


def _every(**changes: Any) -> Every:
    values: dict[str, Any] = dict(
        text="a", count=3, flag=True, amount=Decimal("1E+2"), money=USD, maybe=None,
        category=TaxCategory.REDUCED, shape=Shape.BOX, when=AT, day=AT.date(), ident=UUID(int=5),
        code=Code("C-1"), inner=Inner(USD, AT.date()), inners=(Inner(USD, AT.date()),) * 2,
        names=["x", "y"], tags=frozenset({"t"}), pair=("cash", Currency.VES),
        by_name={"a": Decimal("0.10")}, either=7, anything={"k": [1, Currency.USD]},
        rate=ExchangeRate(Currency.USD, Currency.VES, Decimal("36.5"), AT.date(), "BCV"),
    )  # fmt: skip
    values.update(changes)
    return Every(**values)


def _generic(value: Any) -> dict[str, Any]:
    """What to_plain makes of each field, one by one (the reference)."""
    return {name: to_plain(getattr(value, name)) for name in value.__dataclass_fields__}


def test_the_written_encoder_gives_what_to_plain_gives_field_by_field() -> None:
    every = _every()

    plain = fields_to_plain(every)

    assert plain == _generic(every)
    assert plain["amount"] == "100"
    assert plain["shape"] == ["box", 1]
    assert plain["inners"] == [{"price": USD.to_dict(), "at": "2026-11-26"}] * 2
    assert plain["maybe"] is None
    assert type(plain["code"]) is str
    assert to_plain(every) == plain


@pytest.mark.parametrize(
    "changes",
    [
        {"text": Currency.USD},  # a StrEnum where a str is declared
        {"count": True},
        {"money": None},
        {"maybe": USD},
        {"category": "general"},
        {"amount": 3},
        {"inners": [Inner(USD, AT.date())]},  # a list where a tuple is declared
        {"inners": (USD,)},
        {"names": ("x",)},
        {"inner": {"free": Decimal("1.5")}},
        {"when": AT.date()},
        {"either": Decimal("2")},
        {"code": "plain"},
    ],
)
def test_a_field_holding_another_type_than_declared_encodes_as_to_plain_would(
    changes: dict[str, Any],
) -> None:
    every = _every(**changes)

    assert fields_to_plain(every) == _generic(every)


def test_floats_are_refused_wherever_they_hide() -> None:
    for changes in ({"amount": 1.5}, {"names": [1.5]}, {"anything": 1.5}, {"maybe": 1.5}):
        with pytest.raises(InvalidType):
            fields_to_plain(_every(**changes))


def test_a_dataclass_holding_itself_and_one_with_unresolvable_hints() -> None:
    tree = Node("root", Node("leaf", None))
    hidden = Hidden(collections.OrderedDict(a=1), USD)

    assert fields_to_plain(tree) == {"name": "root", "child": {"name": "leaf", "child": None}}
    assert fields_to_plain(hidden) == {"order": {"a": 1}, "money": USD.to_dict()}
