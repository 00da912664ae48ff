"""Emergence classes and velocity of a trend, from its dated documents.

Only documents with a published date count: an undated document never moves a
class. With P the current period (the one holding the reference date) and a
window of w periods (`window_months` converted to periods; by default a quarter of
the dated corpus span, `auto_window`; at least one), *current* counts the trend's
documents in the w periods ending at P and *previous* those in the w periods
before; velocity = (current − previous) / max(previous, 1). Classes, first match wins:

0. `insufficient evidence`  fewer than `min_documents` dated documents or fewer
   than `min_publishers` distinct publishers among them;
1. `weak`        at most `weak_max_sources` distinct sources, and active in the current window;
2. `declining`   velocity ≤ `decline`, or no documents in the current window;
3. `emerging`    velocity ≥ `growth`, or first seen in the current window;
4. `established` everything else: several sources, roughly steady.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from workradar.synthesize.periods import Period, period_of

INSUFFICIENT = "insufficient evidence"
EMERGENCE_CLASSES = (INSUFFICIENT, "weak", "emerging", "established", "declining")
_MONTHS = {"month": 1, "quarter": 3, "year": 12}
AUTO_WINDOW_SHARE = 4  # the default window is 1/AUTO_WINDOW_SHARE of the dated corpus span


def window_periods(window_months: int, granularity: str) -> int:
    """The emergence window in periods of `granularity` (at least one)."""
    return max(1, window_months // _MONTHS[granularity])


def auto_window(first: date | None, reference: date | None, granularity: str) -> int:
    """A quarter of the periods from the first dated document to the reference date
    (rounded up, at least one): the window grows with the corpus it judges."""
    if first is None or reference is None or reference < first:
        return 1
    span = period_of(reference, granularity).index - period_of(first, granularity).index + 1
    return max(1, math.ceil(span / AUTO_WINDOW_SHARE))


@dataclass(frozen=True, slots=True)
class Emergence:
    label: str
    velocity: float
    current: int
    previous: int
    current_periods: list[str]
    previous_periods: list[str]
    dated: int = 0  # dated documents: the only ones counted
    publishers: int = 0  # distinct publishers of them
    undated: int = 0  # documents without a date, shown but never counted

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
    min_documents: int = 1,
    min_publishers: int = 1,
    undated: int = 0,
) -> Emergence:
    """`per_period`: dated documents per period key (same granularity as `current`);
    `sources`: their distinct publishers; `undated`: documents without a date (reported only)."""
    if window < 1:
        raise ValueError("window must be at least one period")
    now = [current.shift(-i) for i in range(window - 1, -1, -1)]
    before = [current.shift(-window - i) for i in range(window - 1, -1, -1)]
    cur = sum(per_period.get(p.key, 0) for p in now)
    prev = sum(per_period.get(p.key, 0) for p in before)
    velocity = (cur - prev) / max(prev, 1)
    first_recent = period_of(first_seen, current.granularity) >= now[0]
    dated = sum(per_period.values())
    if dated < min_documents or sources < min_publishers:
        label = INSUFFICIENT
    elif sources <= weak_max_sources and cur > 0:
        label = "weak"
    elif cur == 0 or velocity <= decline:
        label = "declining"
    elif velocity >= growth or first_recent:
        label = "emerging"
    else:
        label = "established"
    return Emergence(
        label,
        round(velocity, 4),
        cur,
        prev,
        [p.key for p in now],
        [p.key for p in before],
        dated=dated,
        publishers=sources,
        undated=undated,
    )
