"""Performance benchmarks: `make bench` (or `python -m benchmarks [--quick] [module ...]`).

Every public module of this package that defines `run(quick: bool) -> list[harness.Result]` is a
benchmark module; see `benchmarks/harness.py`. Kept import-light on purpose: subprocess probes
(`benchmarks._open_probe`) import this package and must not pay for more than they measure.
"""

from __future__ import annotations

import pkgutil
from pathlib import Path

_NOT_BENCHMARKS = frozenset({"harness"})


def available() -> list[str]:
    """Names of the benchmark modules, in alphabetical order (not imported here)."""
    return sorted(
        info.name
        for info in pkgutil.iter_modules([str(Path(__file__).parent)])
        if not info.name.startswith("_") and info.name not in _NOT_BENCHMARKS
    )
