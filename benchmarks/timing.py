"""The one timing rule every benchmark here uses."""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable


def best_of(
    fn: Callable[[], object], repeat: int = 3, clock: Callable[[], float] = time.perf_counter
) -> float:
    """Least wall time of `repeat` runs: the run least disturbed by the machine's other work."""
    times = []
    for _ in range(repeat):
        t0 = clock()
        fn()
        times.append(clock() - t0)
    return min(times)


def cpu_best(fn: Callable[[], object], repeat: int = 3) -> float:
    """Least CPU time of `repeat` runs: on a machine shared with other work the wall time also counts
    the waits for a core, CPU time only what this work costs."""
    return best_of(fn, repeat, time.process_time)


def median_p95(times: list[float]) -> tuple[float, float]:
    """Median and 95th percentile (nearest rank) of repeated timings: the typical run and a bad one."""
    ordered = sorted(times)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]
