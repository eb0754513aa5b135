"""A shift's ledger is the sums of its facts, field by field, to the stored digit, whatever mix of
sales (several tenders, change in several currencies), refunds and cash movements it saw."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from fluxion_desktop.domain.money import Currency, Money
from fluxion_desktop.domain.plain_data import to_plain
from fluxion_desktop.domain.shift_ledger import ShiftLedger, ShiftTender

D = Decimal
USD, VES = Currency.USD, Currency.VES
METHODS = ["cash", "debit_card", "zelle"]

amounts = st.builds(
    Money,
    st.decimals(min_value=D("0.01"), max_value=D("900"), places=2),
    st.sampled_from([USD, VES]),
)
tenders = st.lists(st.builds(ShiftTender, st.sampled_from(METHODS), amounts), max_size=4)
change = st.lists(amounts, max_size=2, unique_by=lambda m: m.currency)
facts = st.lists(
    st.one_of(
        st.tuples(st.just("sale"), tenders, change),
        st.tuples(st.just("refund"), tenders, st.just([])),
        st.tuples(
            st.sampled_from(["cash_in", "cash_out"]),
            st.just([]),
            st.lists(amounts, min_size=1, max_size=1),
        ),
    ),
    max_size=12,
)


def by_fold(opening: list[Money], history: list[tuple[str, Any, Any]]) -> ShiftLedger:
    ledger = ShiftLedger.opened(opening)
    for kind, paid, moved in history:
        if kind == "sale":
            ledger = ledger.with_sale(paid, moved)
        elif kind == "refund":
            ledger = ledger.with_refund(paid)
        elif kind == "cash_in":
            ledger = ledger.with_cash_in(moved[0])
        else:
            ledger = ledger.with_cash_out(moved[0])
    return ledger


def by_sums(opening: list[Money], history: list[tuple[str, Any, Any]]) -> dict[str, Any]:
    """Each figure summed on its own from Money.zero, in the order the facts came."""
    cash: dict[Currency, dict[str, Money]] = {}
    tender_lines: dict[tuple[str, Currency], dict[str, Any]] = {}

    def add_cash(currency: Currency, field: str, amount: Money) -> None:
        line = cash.setdefault(currency, {})
        line[field] = line.get(field, Money.zero(currency)) + amount

    for money in opening:
        add_cash(money.currency, "opening_float", money)
    for kind, paid, moved in history:
        if kind in ("cash_in", "cash_out"):
            add_cash(moved[0].currency, kind, moved[0])
            continue
        prefix = "sales" if kind == "sale" else "refunds"
        per_type: dict[tuple[str, Currency], Money] = {}
        for tender in paid:
            key = (tender.method, tender.amount.currency)
            per_type[key] = per_type.get(key, Money.zero(key[1])) + tender.amount
            if tender.is_cash:
                add_cash(tender.amount.currency, f"cash_{prefix}", tender.amount)
        for key, total in per_type.items():
            line = tender_lines.setdefault(key, {})
            line[f"{prefix}_count"] = line.get(f"{prefix}_count", 0) + 1
            line[f"{prefix}_total"] = line.get(f"{prefix}_total", Money.zero(key[1])) + total
        for money in moved:
            add_cash(money.currency, "change_given", money)
    fields = ("opening_float", "cash_sales", "change_given", "cash_in", "cash_out", "cash_refunds")
    return {
        "cash": [
            {"currency": c, **{f: cash[c].get(f, Money.zero(c)) for f in fields}}
            for c in Currency
            if c in cash
        ],
        "tenders": [
            {
                "method": method,
                "currency": currency,
                "sales_count": line.get("sales_count", 0),
                "sales_total": line.get("sales_total", Money.zero(currency)),
                "refunds_count": line.get("refunds_count", 0),
                "refunds_total": line.get("refunds_total", Money.zero(currency)),
            }
            for (method, currency), line in sorted(
                tender_lines.items(),
                key=lambda item: (item[0][0], list(Currency).index(item[0][1])),
            )
        ],
        "sales_count": sum(1 for kind, *_ in history if kind == "sale"),
        "refunds_count": sum(1 for kind, *_ in history if kind == "refund"),
    }


@settings(max_examples=200, deadline=None)
@given(st.lists(amounts, max_size=2, unique_by=lambda m: m.currency), facts)
def test_the_ledger_is_the_sum_of_its_facts(
    opening: list[Money], history: list[tuple[str, Any, Any]]
) -> None:
    assert to_plain(by_fold(opening, history)) == to_plain(by_sums(opening, history))
