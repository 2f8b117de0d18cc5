"""The one timing rule every benchmark here uses."""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable


def best_of(fn: Callable[[], object], repeat: int = 3) -> float:
    """Least wall time of `repeat` runs: the run least disturbed by the machine's other work."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def median_p95(times: list[float]) -> tuple[float, float]:
    """Median and 95th percentile (nearest rank) of repeated timings: the typical run and a bad one."""
    ordered = sorted(times)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]
