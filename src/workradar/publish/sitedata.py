"""What the static site needs to know about each card, gathered in one pass.

The site builder streams cards from the store (10k cards never sit in memory
as pydantic objects); for each it renders the card's own pages at once and
keeps only a `CardSummary` — the fields listings, filters, aggregate pages
and charts are made from.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from urllib.parse import urlsplit

from workradar.models import Card
from workradar.publish.safe import file_stem, safe_url
from workradar.synthesize.periods import parse_period, period_of, period_range

SNIPPET_CHARS = 220
UNDATED = "undated"
NO_THEME = "(no theme)"  # the sector of what has no theme


@cache
def isco_titles() -> dict[str, str]:
    """ISCO-08 group titles by code (package data shared with the analyzer)."""
    data = resources.files("workradar").joinpath("data/isco08.toml").read_text(encoding="utf-8")
    groups: dict[str, str] = tomllib.loads(data)["groups"]
    return groups


def occupation_group(code: str) -> str | None:
    """The occupation-lens page a code belongs on: its sub-major group (2 digits),
    or the major group for a 1-digit code; None for a code not in ISCO-08
    (the lens leaves those out)."""
    if not code or code not in isco_titles():
        return None
    return code[:2]


def snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + "…"


def source_name(card: Card) -> str:
    """Who published it, for "sources over time": the URL's host, else the collection, else the source."""
    if card.url:
        host = urlsplit(card.url).hostname
        if host:
            return host.removeprefix("www.")
    return card.collection or card.source or "(unknown)"


@dataclass(frozen=True, slots=True)
class OccupationMention:
    card_id: str
    mention: str
    isco: str
    isco_title: str
    effect: str


@dataclass(slots=True)
class CardSummary:
    id: str
    stem: str
    title: str
    url: str | None
    published: date | None
    when: date | None  # published, else when it was fetched/analysed (for time series)
    quarter: str
    year: str
    language: str
    type: str
    collection: str
    category: str
    themes: list[str]
    keywords: list[str]
    snippet: str
    source: str
    signals: int
    top_signals: list[tuple[str, int]]
    stances: Counter[str] = field(default_factory=Counter)
    occupations: list[OccupationMention] = field(default_factory=list)
    has_source_page: bool = False

    @property
    def display_title(self) -> str:
        return self.title or "(untitled)"

    @property
    def day(self) -> date | None:
        """The date shown and sorted by: published, else fetched/analysed."""
        return self.published or self.when

    @property
    def sort_key(self) -> tuple[str, str, str]:
        """Newest first when sorted ascending (undated last), then by title."""
        day = self.day
        inverted = "" if day is None else f"{99999999 - int(day.strftime('%Y%m%d')):08d}"
        return (inverted or "~", self.display_title.lower(), self.id)


def newest_first(summaries: Iterable[CardSummary]) -> list[CardSummary]:
    """Cards newest first (undated last), then by title."""
    return sorted(summaries, key=lambda s: s.sort_key)


def quarters(summaries: Iterable[CardSummary]) -> list[str]:
    """Every quarter from the first to the last one with a dated card (no gaps)."""
    found = sorted({s.quarter for s in summaries if s.quarter != UNDATED})
    if not found:
        return []
    return [p.key for p in period_range(parse_period(found[0]), parse_period(found[-1]))]


def period_label(key: str) -> str:
    """`2025Q3` as `2025 Q3`; other period keys as they are."""
    if len(key) == 6 and key[4] == "Q":
        return f"{key[:4]} Q{key[5]}"
    return key


def summarise(card: Card, when: date | None) -> CardSummary:
    day = card.published or when
    top = sorted(card.signals, key=lambda s: -s.relevancy)[:3]
    return CardSummary(
        id=card.id,
        stem=file_stem(card.id),
        title=card.title,
        url=safe_url(card.url),
        published=card.published,
        when=when,
        quarter=period_of(day, "quarter").key if day else UNDATED,
        year=period_of(day, "year").key if day else UNDATED,
        language=card.language or "unknown",
        type=card.type,
        collection=card.collection or "(none)",
        category=card.category,
        themes=list(card.themes),
        keywords=list(dict.fromkeys(card.keywords)),
        snippet=snippet(card.summary),
        source=source_name(card),
        signals=len(card.signals),
        top_signals=[(s.name, s.relevancy) for s in top],
        stances=Counter(c.stance for c in card.claims),
        occupations=[
            OccupationMention(card.id, o.mention, o.isco, o.isco_title, o.effect) for o in card.occupations
        ],
    )
