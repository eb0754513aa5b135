"""Run the benchmarks, print one table and write `benchmarks/results/latest.json`.

    python -m benchmarks                   # every benchmark module, full sizes
    python -m benchmarks --quick           # sizes scaled down (about 1/10) for a smoke run
    python -m benchmarks event_store       # only the modules named
    python -m benchmarks --list            # the modules there are

The exit status is 0 unless a benchmark crashed (2); with --strict a FAIL also gives 1.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import subprocess
import sys
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks import available
from benchmarks.harness import RESULTS_DIR, Result, error_result, render_table, summary_line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.split("\n")[0]
    )
    parser.add_argument("modules", nargs="*", help="benchmark modules to run (default: all)")
    parser.add_argument("--quick", action="store_true", help="scale sizes down for a smoke run")
    parser.add_argument("--list", action="store_true", help="list the benchmark modules and exit")
    parser.add_argument("--strict", action="store_true", help="exit with 1 when a target is missed")
    parser.add_argument(
        "--output",
        type=Path,
        default=RESULTS_DIR / "latest.json",
        help="where to write the JSON results (default: benchmarks/results/latest.json)",
    )
    args = parser.parse_args(argv)

    names = available()
    if args.list:
        print("\n".join(names))
        return 0
    unknown = [m for m in args.modules if m not in names]
    if unknown:
        parser.error(
            f"unknown benchmark module(s): {', '.join(unknown)} (known: {', '.join(names)})"
        )
    chosen = args.modules or names

    started = time.perf_counter()
    started_at = datetime.now(UTC)
    results: list[Result] = []
    timings: dict[str, float] = {}
    for name in chosen:
        print(f"== {name}{' (quick)' if args.quick else ''}", file=sys.stderr, flush=True)
        module_start = time.perf_counter()
        try:
            module = importlib.import_module(f"benchmarks.{name}")
            produced = list(module.run(args.quick))
        except Exception as error:  # a crash is a result too; the other modules still run
            traceback.print_exc()
            produced = [error_result(name, error)]
        for result in produced:
            result.module = result.module or name
        results.extend(produced)
        timings[name] = time.perf_counter() - module_start
    total = time.perf_counter() - started

    print()
    print(render_table(results))
    print()
    print(
        f"{summary_line(results)}; {total:.1f} s in all"
        + "".join(f"; {n} {s:.1f} s" for n, s in timings.items())
        + (" (quick run: sizes scaled down)" if args.quick else "")
    )

    _write_json(args.output, results, timings, total, started_at, args.quick)
    print(f"results written to {args.output}")
    if any(r.verdict == "ERROR" for r in results):
        return 2
    if args.strict and any(r.verdict == "FAIL" for r in results):
        return 1
    return 0


def _write_json(
    path: Path,
    results: list[Result],
    timings: dict[str, float],
    total: float,
    started_at: datetime,
    quick: bool,
) -> None:
    document: dict[str, Any] = {
        "started_at": started_at.isoformat(timespec="seconds"),
        "quick": quick,
        "total_seconds": round(total, 3),
        "module_seconds": {n: round(s, 3) for n, s in timings.items()},
        "environment": _environment(),
        "results": [r.as_dict() for r in results],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    temporary.replace(path)


def _environment() -> dict[str, Any]:
    import sqlite3

    return {
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "git_commit": _git_commit(),
    }


def _git_commit() -> str | None:
    try:
        found = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=Path(__file__).parent,
            capture_output=True,
            text=True,
            check=True,
        )
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=Path(__file__).parent,
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return found.stdout.strip() + ("-dirty" if dirty.stdout.strip() else "")


if __name__ == "__main__":
    sys.exit(main())
