"""Anomaly detectors on a labelled benchmark: synthetic daily sales (weekly seasonality,
overdispersed counts, slow and fast sellers) with injected spikes, drops, runs of zero sales and
level shifts. Precision, recall and F1 of each detector; target: the defaults together F1 >= 0.6,
printed beside the design's z-score.

A detection is a true positive when it falls inside a labelled event (from its first day to 7
days after it, since a level shift or a run of zeros can only be seen after a few days); each
labelled event is found or missed once, whatever the number of detections inside it.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

from benchmarks import harness
from fluxion_desktop.intelligence.alerting.anomalies import Anomaly, Detector

DAYS = 120
WARM_UP = 35  # anomalies start after five weeks of normal history
TOLERANCE = 7


@dataclass(frozen=True)
class Labelled:
    series: list[float]
    events: list[tuple[int, int, str]]  # first day, last day, kind


def _nb_draw(rng: random.Random, mean: float, size: float) -> int:
    if mean <= 0:
        return 0
    rate = rng.gammavariate(size, mean / size)  # a gamma-Poisson mixture is a negative binomial
    # Knuth for small rates, a rounded normal for large ones (benchmark data, not a library).
    if rate > 50:
        return max(0, round(rng.gauss(rate, math.sqrt(rate))))
    limit, k, p = math.exp(-rate), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def make_series(rng: random.Random, days: int = DAYS) -> Labelled:
    level = math.exp(rng.uniform(math.log(1.0), math.log(40.0)))
    size = rng.uniform(4.0, 30.0)
    weekly = [1.0, 0.9, 0.95, 1.0, 1.15, rng.uniform(1.3, 1.7), rng.uniform(0.6, 1.3)]
    means = [level * weekly[d % 7] for d in range(days)]
    events: list[tuple[int, int, str]] = []
    multipliers = [1.0] * days
    overrides: dict[int, float] = {}
    choice = rng.random()
    if choice < 0.2:
        pass  # a clean series: every detection on it is a false alarm
    else:
        taken: set[int] = set()
        for _ in range(rng.choice((1, 1, 2))):
            kind = rng.choice(("spike", "drop", "zero_run", "shift_up", "shift_down"))
            start = rng.randrange(WARM_UP, days - 15)
            if any(abs(start - t) < 20 for t in taken):
                continue
            taken.add(start)
            sd = math.sqrt(level + level * level / size)
            if kind == "spike":
                overrides[start] = level * weekly[start % 7] + rng.uniform(6, 10) * sd
                events.append((start, start, kind))
            elif kind == "drop" and level >= 15:
                overrides[start] = max(0.0, level * rng.uniform(0.0, 0.15))
                events.append((start, start, kind))
            elif kind == "zero_run":
                # long enough that a run of zeros is improbable under the product's own demand
                length = max(3, math.ceil(12 / max(level, 0.5)) + rng.randrange(0, 4))
                for t in range(start, min(days, start + length)):
                    overrides[t] = 0.0
                events.append((start, min(days, start + length) - 1, kind))
            elif kind in ("shift_up", "shift_down"):
                factor = rng.uniform(1.8, 2.5) if kind == "shift_up" else rng.uniform(0.25, 0.5)
                for t in range(start, days):
                    multipliers[t] = factor
                events.append((start, start, kind))
    series = []
    for t in range(days):
        if t in overrides:
            series.append(float(round(overrides[t])))
        else:
            series.append(float(_nb_draw(rng, means[t] * multipliers[t], size)))
    return Labelled(series, events)


def make_benchmark(count: int, seed: int = 20261125) -> list[Labelled]:
    rng = random.Random(seed)
    return [make_series(rng) for _ in range(count)]


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float
    detections: int
    events: int


def score(detector: Detector, data: Sequence[Labelled]) -> Score:
    true_positive_detections = detections = found = events = 0
    for item in data:
        days = sorted({a.day for a in detector(item.series)})
        detections += len(days)
        windows = [(first, last + TOLERANCE) for first, last, _ in item.events]
        true_positive_detections += sum(any(a <= d <= b for a, b in windows) for d in days)
        events += len(windows)
        found += sum(any(a <= d <= b for d in days) for a, b in windows)
    precision = true_positive_detections / detections if detections else 0.0
    recall = found / events if events else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1, detections, events)


def combined(detectors: Sequence[Detector]) -> Detector:
    def detect(series: Sequence[float]) -> list[Anomaly]:
        return [a for d in detectors for a in d(series)]

    return detect


def run(quick: bool) -> list[harness.Result]:
    from fluxion_desktop.intelligence.alerting.anomalies import (
        default_detectors,
        designed_detectors,
        detect_anomalies,
    )

    data = make_benchmark(harness.scaled(600, quick))
    results: list[harness.Result] = []
    defaults = default_detectors()
    designed = designed_detectors()
    for name, detector in {**designed, **defaults}.items():
        s = score(detector, data)
        details = {"precision": round(s.precision, 3), "recall": round(s.recall, 3),
                   "detections": s.detections, "events": s.events}  # fmt: skip
        results.append(harness.Result(f"F1 {name} (P {s.precision:.2f}, R {s.recall:.2f})",
                                      s.f1, "", details=details))  # fmt: skip
    s = score(combined(list(designed.values())), data)
    results.append(harness.Result(f"F1 designed z-score + 2nd diff (P {s.precision:.2f}, "
                                  f"R {s.recall:.2f})", s.f1, ""))  # fmt: skip
    s = score(detect_anomalies, data)
    name = f"F1 defaults together, detect_anomalies (P {s.precision:.2f}, R {s.recall:.2f})"
    details = {"series": len(data), "events": s.events}
    results.append(harness.Result(name, s.f1, "", 0.6, ">=", details=details))
    return results
