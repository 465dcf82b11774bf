"""What every tool's workload shares: the step names, a step timer and the JSON report.

Each workload prints one JSON object on standard output:

    {"tool": "duckdb", "version": "2.0.1", "threads": 2,
     "steps": {"a": 0.412, ...},            # seconds per step, timed parts only
     "results": {"a": {...}, ...}}           # the checked values, in canonical form

Results are plain integers and strings so that the runner can compare them exactly:
money as integer cents, lists sorted by their key.
"""
import json
import sys
import time
from decimal import Decimal

ASOF = "2026-06-30"
THRESHOLDS = list(range(30, 361, 30))
DORMANT_DAYS = 90
EXPORT_SEGMENT = "Champions"

STEPS = {
    "a": "load orders.csv (typed)",
    "b": "RFM per customer (ntile 5, default segments)",
    "c": "customers and monetary per segment",
    "d": "what-if: recency > T, T = 30..360 step 30",
    "e": "load customers.csv, join, dormant-at-90 per region",
    "f": "write the customer ids of one segment to CSV",
}

def cents(value):
    """Exact integer cents of a Decimal (or an integer number of cents, or None → 0)."""
    if value is None:
        return 0
    if isinstance(value, Decimal):
        return int((value * 100).to_integral_exact())
    if isinstance(value, int):
        return value
    raise TypeError(f"money must be exact, got {type(value).__name__} {value!r}")


class StepTimer:
    """Times the named steps: `with timer.step("a"): ...` (a step may be entered twice;
    the times add up)."""

    def __init__(self):
        self.seconds = {}

    def step(self, name):
        timer = self

        class _Step:
            def __enter__(self):
                self.started = time.perf_counter()

            def __exit__(self, *exc):
                timer.seconds[name] = timer.seconds.get(name, 0.0) + time.perf_counter() - self.started
                return False

        return _Step()


def report(tool, version, threads, timer, results):
    json.dump({"tool": tool, "version": version, "threads": threads,
               "steps": {k: round(v, 6) for k, v in timer.seconds.items()},
               "results": results}, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
