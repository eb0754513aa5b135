"""Threshold rules in a small, safe language over named metrics.

    stock_on_hand < 5 and days_of_cover < 3
    not (avg_daily_demand == 0) or days_since_last_sale >= 14

A rule is parsed with `ast` and every node is checked against a whitelist: names of known metrics,
numbers, comparisons, `and`/`or`/`not`, unary minus and parentheses. Nothing is ever evaluated by
Python (no `eval`, no `compile`): the checked tree becomes our own small evaluator, and a rule that
tries anything else (`__import__`, attributes, calls, subscripts, lambdas, strings) is refused
with a message naming what it tried.
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from fluxion_desktop.domain.errors import InvalidValue

MAX_RULE_LENGTH = 500
MAX_DEPTH = 20

METRICS: Mapping[str, str] = {
    "stock_on_hand": "units in stock in this store now",
    "minimum": "the product's minimum stock",
    "days_of_cover": "stock on hand divided by average daily demand (999 when nothing sells)",
    "avg_daily_demand": "mean units sold a day over the last 28 days",
    "demand_yesterday": "units sold yesterday",
    "demand_last_7_days": "units sold over the last 7 days",
    "days_since_last_sale": "whole days since the last day with a sale",
    "on_order": "units ordered and not yet received",
}

Metrics = Mapping[str, Decimal]
_Node = Callable[[Metrics], Decimal | bool]

_COMPARISONS: Mapping[type[ast.cmpop], Callable[[Decimal, Decimal], bool]] = {
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
}
_WHAT = {
    ast.Call: "function calls",
    ast.Attribute: "attribute access",
    ast.Subscript: "subscripts",
    ast.Lambda: "lambdas",
    ast.NamedExpr: "assignments",
    ast.IfExp: "conditional expressions",
    ast.ListComp: "comprehensions",
    ast.SetComp: "comprehensions",
    ast.DictComp: "comprehensions",
    ast.GeneratorExp: "comprehensions",
    ast.Await: "await",
    ast.Yield: "yield",
    ast.JoinedStr: "strings",
    ast.List: "lists",
    ast.Tuple: "tuples",
    ast.Dict: "dicts",
    ast.Set: "sets",
    ast.Starred: "unpacking",
    ast.BinOp: "arithmetic",
}


class RuleError(InvalidValue):
    """A rule that is not valid in the rule language; the message says what is wrong."""

    def __init__(self, message: str) -> None:
        super().__init__(message, "expression")


@dataclass(frozen=True, slots=True)
class Rule:
    """A parsed rule: `matches(metrics)` says whether it fires; `metrics` are the names it reads."""

    expression: str
    metrics: frozenset[str]
    _evaluate: _Node

    def matches(self, values: Metrics) -> bool:
        missing = sorted(self.metrics - values.keys())
        if missing:
            raise RuleError(f"no value for metric(s) {', '.join(missing)}")
        return bool(self._evaluate(values))


def parse_rule(expression: str) -> Rule:
    """The rule `expression` checked against the whitelist, or `RuleError` naming the problem."""
    text = expression.strip()
    if not text:
        raise RuleError("a rule cannot be empty")
    if len(text) > MAX_RULE_LENGTH:
        raise RuleError(f"a rule may be at most {MAX_RULE_LENGTH} characters")
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as error:
        raise RuleError(f"not a valid rule: {error.msg} (column {error.offset})") from None
    names: set[str] = set()
    evaluate = _build(_condition(tree.body), names, 0)
    if not names:
        raise RuleError("a rule must compare at least one metric")
    return Rule(text, frozenset(names), evaluate)


def _build(node: ast.AST, names: set[str], depth: int) -> _Node:
    if depth > MAX_DEPTH:
        raise RuleError(f"the rule is nested deeper than {MAX_DEPTH} levels")
    if isinstance(node, ast.BoolOp):
        parts = [_build(_condition(v), names, depth + 1) for v in node.values]
        if isinstance(node.op, ast.And):
            return lambda m: all(p(m) for p in parts)
        return lambda m: any(p(m) for p in parts)
    if isinstance(node, ast.UnaryOp):
        return _unary(node, names, depth)
    if isinstance(node, ast.Compare):
        return _compare(node, names, depth)
    if isinstance(node, ast.Name):
        return _name(node, names)
    if isinstance(node, ast.Constant):
        return _number(node)
    raise RuleError(f"{_describe(node)} are not allowed in a rule")


def _unary(node: ast.UnaryOp, names: set[str], depth: int) -> _Node:
    if isinstance(node.op, ast.Not):
        negated = _build(_condition(node.operand), names, depth + 1)
        return lambda m: not negated(m)
    operand = _build(node.operand, names, depth + 1)
    if isinstance(node.op, ast.USub | ast.UAdd):
        sign = Decimal(-1) if isinstance(node.op, ast.USub) else Decimal(1)
        return lambda m: sign * _as_number(operand(m))
    raise RuleError("only 'not' and a minus sign may come before a value")


def _compare(node: ast.Compare, names: set[str], depth: int) -> _Node:
    ops = []
    for op in node.ops:
        compare = _COMPARISONS.get(type(op))
        if compare is None:
            raise RuleError(f"the comparison {type(op).__name__!r} is not allowed; use <, <=, >, "
                            ">=, == or !=")  # fmt: skip
        ops.append(compare)
    terms = [_build(t, names, depth + 1) for t in [node.left, *node.comparators]]

    def evaluate(metrics: Metrics) -> bool:
        values = [_as_number(t(metrics)) for t in terms]
        return all(op(a, b) for op, a, b in zip(ops, values, values[1:], strict=False))

    return evaluate


def _name(node: ast.Name, names: set[str]) -> _Node:
    if node.id not in METRICS:
        raise RuleError(f"unknown metric {node.id!r}; known metrics: {', '.join(sorted(METRICS))}")
    names.add(node.id)
    key = node.id
    return lambda m: m[key]


def _number(node: ast.Constant) -> _Node:
    value = node.value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise RuleError(f"only numbers may be compared, not {value!r}")
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise RuleError(f"{value!r} is not a usable number") from None
    if not number.is_finite():
        raise RuleError(f"{value!r} is not a usable number")
    return lambda _m: number


def _condition(node: ast.AST) -> ast.AST:
    """`node` if it is true or false (a comparison, and/or/not); a bare value is refused."""
    is_not = isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not)
    if isinstance(node, ast.Compare | ast.BoolOp) or is_not:
        return node
    if isinstance(node, ast.Name | ast.Constant | ast.UnaryOp):
        raise RuleError(f"{ast.unparse(node)!r} is a value, not a condition: compare it "
                        "(e.g. stock_on_hand < 5)")  # fmt: skip
    return node  # _build names what it is and refuses it


def _as_number(value: Decimal | bool) -> Decimal:
    if isinstance(value, bool):
        raise RuleError("a comparison's result cannot be compared again; use 'and' / 'or'")
    return value


def _describe(node: ast.AST) -> str:
    what = _WHAT.get(type(node), type(node).__name__)
    if isinstance(node, ast.Call):
        callee = node.func
        name = callee.id if isinstance(callee, ast.Name) else ast.unparse(callee)
        return f"{what} (here: {name}(...))"
    if isinstance(node, ast.Attribute):
        return f"{what} (here: .{node.attr})"
    return what
