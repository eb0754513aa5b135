"""What every benchmark module shares: the `Result` it returns, timing helpers, and the report.

A benchmark module is any module of this package whose name does not start with "_" and that
defines `run(quick: bool) -> list[Result]`. `quick` scales the sizes down for a smoke run; the full
run uses the sizes the targets name. Results without a target are informational (verdict "info").
"""

from __future__ import annotations

import math
import operator
import statistics
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

RESULTS_DIR = Path(__file__).with_name("results")

_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "<=": operator.le,
    "<": operator.lt,
    ">=": operator.ge,
    ">": operator.gt,
}


@dataclass
class Result:
    """One measured figure; `target` and `comparison` (measured <comparison> target) make a verdict.

    `error` marks a benchmark that crashed (verdict ERROR); `details` holds anything worth keeping
    in the JSON (sizes, repetitions, the raw samples' summary).
    """

    name: str
    measured: float
    unit: str
    target: float | None = None
    comparison: str | None = None
    module: str = ""
    details: dict[str, Any] = field(default_factory=dict)
    error: str | None = None

    def __post_init__(self) -> None:
        if (self.target is None) != (self.comparison is None):
            raise ValueError(f"{self.name}: give both target and comparison, or neither")
        if self.comparison is not None and self.comparison not in _COMPARE:
            raise ValueError(f"{self.name}: comparison must be one of {', '.join(_COMPARE)}")

    @property
    def verdict(self) -> str:
        if self.error is not None:
            return "ERROR"
        if self.target is None or self.comparison is None:
            return "info"
        if math.isnan(self.measured):
            return "FAIL"
        return "PASS" if _COMPARE[self.comparison](self.measured, self.target) else "FAIL"

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["verdict"] = self.verdict
        if isinstance(data["measured"], float) and math.isnan(data["measured"]):
            data["measured"] = None
        return data


def error_result(module: str, error: BaseException) -> Result:
    return Result(
        name=f"{module} (crashed)",
        measured=math.nan,
        unit="",
        module=module,
        error=f"{type(error).__name__}: {error}",
    )


# -- measuring ----------------------------------------------------------------------------------


class Stopwatch:
    """`with Stopwatch() as sw: ...` then `sw.seconds`."""

    seconds: float = 0.0

    def __enter__(self) -> Stopwatch:
        self._start = time.perf_counter()
        return self

    def __exit__(self, *_: object) -> None:
        self.seconds = time.perf_counter() - self._start


@contextmanager
def timed(into: list[float]) -> Iterator[None]:
    """Append the block's duration in seconds to `into`."""
    start = time.perf_counter()
    try:
        yield
    finally:
        into.append(time.perf_counter() - start)


def percentile(samples: Sequence[float], pct: float) -> float:
    """The `pct` percentile (0-100) with linear interpolation, like numpy's default."""
    if not samples:
        return math.nan
    ordered = sorted(samples)
    rank = (len(ordered) - 1) * pct / 100
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def median(samples: Sequence[float]) -> float:
    return statistics.median(samples) if samples else math.nan


def scaled(full: int, quick: bool, divisor: int = 10, minimum: int = 1) -> int:
    """`full`, or `full // divisor` (at least `minimum`) for a quick run."""
    return max(minimum, full // divisor) if quick else full


# -- reporting ----------------------------------------------------------------------------------


def format_value(value: float | None, unit: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if unit == "x":
        return f"{value:.2f}x"
    magnitude = abs(value)
    if magnitude >= 10_000:
        text = f"{value:,.0f}"
    elif magnitude >= 100:
        text = f"{value:,.1f}"
    elif magnitude >= 1:
        text = f"{value:.2f}"
    else:
        text = f"{value:.3g}"
    return f"{text} {unit}".rstrip()


def format_target(result: Result) -> str:
    if result.target is None or result.comparison is None:
        return "-"
    return f"{result.comparison} {format_value(result.target, result.unit)}"


def render_table(results: Sequence[Result]) -> str:
    headers = ("benchmark", "measured", "target", "verdict")
    rows = [
        (
            f"{r.module}: {r.name}" if r.module else r.name,
            r.error if r.error is not None else format_value(r.measured, r.unit),
            format_target(r),
            r.verdict,
        )
        for r in results
    ]
    widths = [max(len(h), *(len(row[i]) for row in rows)) if rows else len(h) for i, h in
              enumerate(headers)]  # fmt: skip
    aligns = ("<", ">", ">", "<")

    def line(cells: Sequence[str]) -> str:
        return " | ".join(f"{c:{a}{w}}" for c, a, w in zip(cells, aligns, widths, strict=True))

    separator = "-+-".join("-" * w for w in widths)
    return "\n".join([line(headers), separator, *(line(row) for row in rows)])


def summary_line(results: Sequence[Result]) -> str:
    counts = {v: sum(1 for r in results if r.verdict == v) for v in ("PASS", "FAIL", "ERROR")}
    return ", ".join(f"{n} {v}" for v, n in counts.items() if n or v != "ERROR")
