"""Calendar periods: month (`2025-08`), quarter (`2025Q3`) and year (`2025`).

A period is identified by its key string; keys of one granularity sort in
time order as strings, and `shift` steps through them without gaps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

Granularity = Literal["month", "quarter", "year"]
GRANULARITIES: tuple[str, ...] = ("month", "quarter", "year")

_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-?[Qq]([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """One calendar period; `index` counts periods of its granularity from year 0."""

    granularity: str
    index: int

    @property
    def key(self) -> str:
        if self.granularity == "year":
            return f"{self.index:04d}"
        if self.granularity == "quarter":
            return f"{self.index // 4:04d}Q{self.index % 4 + 1}"
        return f"{self.index // 12:04d}-{self.index % 12 + 1:02d}"

    @property
    def start(self) -> date:
        if self.granularity == "year":
            return date(self.index, 1, 1)
        if self.granularity == "quarter":
            return date(self.index // 4, (self.index % 4) * 3 + 1, 1)
        return date(self.index // 12, self.index % 12 + 1, 1)

    @property
    def end(self) -> date:
        """The last day in the period (inclusive)."""
        return self.shift(1).start - timedelta(days=1)

    def shift(self, steps: int) -> Period:
        return Period(self.granularity, self.index + steps)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def __str__(self) -> str:
        return self.key


def check_granularity(granularity: str) -> Granularity:
    if granularity not in GRANULARITIES:
        raise ValueError(f"period must be one of {', '.join(GRANULARITIES)}, not {granularity!r}")
    return granularity  # type: ignore[return-value]


def period_of(day: date, granularity: str) -> Period:
    check_granularity(granularity)
    if granularity == "year":
        return Period("year", day.year)
    if granularity == "quarter":
        return Period("quarter", day.year * 4 + (day.month - 1) // 3)
    return Period("month", day.year * 12 + day.month - 1)


def parse_period(text: str) -> Period:
    """`2025`, `2025Q3` (or `2025-Q3`), `2025-08`."""
    value = text.strip()
    if m := _YEAR.match(value):
        return Period("year", int(m.group(1)))
    if m := _QUARTER.match(value):
        return Period("quarter", int(m.group(1)) * 4 + int(m.group(2)) - 1)
    if (m := _MONTH.match(value)) and 1 <= int(m.group(2)) <= 12:
        return Period("month", int(m.group(1)) * 12 + int(m.group(2)) - 1)
    raise ValueError(f"not a period: {text!r} (expected e.g. 2025, 2025Q3 or 2025-08)")


def period_range(first: Period, last: Period) -> list[Period]:
    """Every period from `first` to `last` inclusive (same granularity)."""
    if first.granularity != last.granularity:
        raise ValueError("periods of different granularity")
    return [Period(first.granularity, i) for i in range(first.index, last.index + 1)]
