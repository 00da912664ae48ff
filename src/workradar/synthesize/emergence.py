"""Emergence classes and velocity of a trend, from its documents' dates.

With P the current period (the one holding `as_of`) and a window of w
periods (`window_months` converted to periods, at least one: 6 months = 6
months, 2 quarters or 1 year), *current* counts the trend's documents in the w
periods ending at P and *previous* those in the w periods before;
velocity = (current − previous) / max(previous, 1). With w = 1 this is the
plain period-on-period change. Classes, first match wins:

1. `weak`        at most `weak_max_sources` distinct sources, and active in the current window;
2. `declining`   velocity ≤ `decline`, or no documents in the current window;
3. `emerging`    velocity ≥ `growth`, or first seen in the current window;
4. `established` everything else: several sources, roughly steady.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from workradar.synthesize.periods import Period, period_of

EMERGENCE_CLASSES = ("weak", "emerging", "established", "declining")
_MONTHS = {"month": 1, "quarter": 3, "year": 12}


def window_periods(window_months: int, granularity: str) -> int:
    """The emergence window in periods of `granularity` (at least one)."""
    return max(1, window_months // _MONTHS[granularity])


@dataclass(frozen=True, slots=True)
class Emergence:
    label: str
    velocity: float
    current: int
    previous: int
    current_periods: list[str]
    previous_periods: list[str]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def classify(
    per_period: dict[str, int],
    *,
    sources: int,
    first_seen: date,
    current: Period,
    window: int,
    weak_max_sources: int,
    growth: float,
    decline: float,
) -> Emergence:
    """`per_period`: documents per period key (same granularity as `current`)."""
    if window < 1:
        raise ValueError("window must be at least one period")
    now = [current.shift(-i) for i in range(window - 1, -1, -1)]
    before = [current.shift(-window - i) for i in range(window - 1, -1, -1)]
    cur = sum(per_period.get(p.key, 0) for p in now)
    prev = sum(per_period.get(p.key, 0) for p in before)
    velocity = (cur - prev) / max(prev, 1)
    first_recent = period_of(first_seen, current.granularity) >= now[0]
    if sources <= weak_max_sources and cur > 0:
        label = "weak"
    elif cur == 0 or velocity <= decline:
        label = "declining"
    elif velocity >= growth or first_recent:
        label = "emerging"
    else:
        label = "established"
    return Emergence(label, round(velocity, 4), cur, prev, [p.key for p in now], [p.key for p in before])
