"""The alert rule language: comparisons over named metrics, and nothing else."""

from __future__ import annotations

from decimal import Decimal

import pytest

from fluxion_desktop.intelligence.alerting.rules import METRICS, RuleError, parse_rule


def _metrics(**values: str) -> dict[str, Decimal]:
    base = {name: Decimal(0) for name in METRICS}
    base.update({k: Decimal(v) for k, v in values.items()})
    return base


@pytest.mark.parametrize(
    ("rule", "values", "fires"),
    [
        (
            "stock_on_hand < 5 and days_of_cover < 3",
            {"stock_on_hand": "4", "days_of_cover": "2.5"},
            True,
        ),
        (
            "stock_on_hand < 5 and days_of_cover < 3",
            {"stock_on_hand": "4", "days_of_cover": "3"},
            False,
        ),
        (
            "stock_on_hand < 5 or days_of_cover < 3",
            {"stock_on_hand": "9", "days_of_cover": "1"},
            True,
        ),
        ("not (stock_on_hand >= minimum)", {"stock_on_hand": "2", "minimum": "3"}, True),
        ("0 < stock_on_hand <= 2", {"stock_on_hand": "2"}, True),
        ("0 < stock_on_hand <= 2", {"stock_on_hand": "0"}, False),
        (
            "days_since_last_sale >= 14 and avg_daily_demand != 0",
            {"days_since_last_sale": "20", "avg_daily_demand": "0.3"},
            True,
        ),
        ("stock_on_hand < -1", {"stock_on_hand": "-3"}, True),
        (
            "demand_yesterday > 2.5",
            {"demand_yesterday": "3"},
            True,
        ),
    ],
)
def test_rules_compare_metrics(rule: str, values: dict[str, str], fires: bool):
    assert parse_rule(rule).matches(_metrics(**values)) is fires


def test_a_rule_names_the_metrics_it_reads():
    assert parse_rule("stock_on_hand < 5 and days_of_cover < 3").metrics == {
        "stock_on_hand",
        "days_of_cover",
    }


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        (
            "__import__('os').system('rm -rf /')",
            "function calls (here: __import__('os').system(...))",
        ),
        ("stock_on_hand.__class__ < 5", "attribute access (here: .__class__)"),
        ("().__class__.__bases__[0] < 1", "subscripts"),
        ("open('x') and stock_on_hand < 1", "function calls (here: open(...))"),
        ("stock_on_hand[0] < 5", "subscripts"),
        ("(lambda: 1)() < 2", "function calls"),
        ("(lambda: 1) and stock_on_hand < 1", "lambdas"),
        ("stock_on_hand < 5 if True else 1", "conditional expressions"),
        ("(x := 5) < stock_on_hand", "assignments"),
        ("stock_on_hand < 'five'", "only numbers may be compared"),
        ("stock_on_hand < True", "only numbers may be compared"),
        ("stock_on_hand in [1, 2]", "comparison 'In' is not allowed"),
        ("stock_on_hand is 5", "comparison 'Is' is not allowed"),
        ("stock_on_hand + 1 < 5", "arithmetic"),
        ("secret_key < 5", "unknown metric 'secret_key'"),
        ("stock_on_hand", "is a value, not a condition"),
        ("stock_on_hand and days_of_cover < 1", "is a value, not a condition"),
        ("stock_on_hand <", "not a valid rule"),
        ("import os", "not a valid rule"),
        ("", "cannot be empty"),
        ("1 < 2", "at least one metric"),
        ("(stock_on_hand < 1) < 2", "cannot be compared again"),
        ("stock_on_hand < 1e999", "not a usable number"),
    ],
)
def test_anything_but_comparisons_of_metrics_is_refused_with_a_clear_message(
    rule: str, message: str
):
    with pytest.raises(RuleError, match=_escaped(message)) as raised:
        rule_object = parse_rule(rule)
        rule_object.matches(_metrics())  # some refusals can only show on evaluation
    assert raised.value.field == "expression"


def test_a_long_or_deep_rule_is_refused():
    with pytest.raises(RuleError, match="at most 500 characters"):
        parse_rule(" or ".join(["stock_on_hand < 1"] * 40))
    with pytest.raises(RuleError, match="nested deeper"):
        parse_rule("not " * 30 + "stock_on_hand < 1")


def test_a_missing_metric_value_is_named():
    rule = parse_rule("stock_on_hand < 5 and days_of_cover < 3")
    with pytest.raises(RuleError, match=r"no value for metric.*days_of_cover"):
        rule.matches({"stock_on_hand": Decimal(1)})


def _escaped(text: str) -> str:
    import re

    return re.escape(text)
