"""Review pages: one per year and per quarter with cards (synthesis
`build_review`), plus the period's breakdowns whose every count opens its
cards."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from workradar.publish.safe import slugify
from workradar.publish.site.terms import term_index
from workradar.publish.sitedata import UNDATED, CardSummary, newest_first, period_label
from workradar.synthesize import build_review, trend_items
from workradar.synthesize.periods import parse_period

if TYPE_CHECKING:
    from workradar.publish.site.builder import SiteBuilder

Breakdown = tuple[str, list[tuple[str, list[CardSummary]]]]  # (heading, (key, cards) largest first)


def review_pages(site: SiteBuilder) -> None:
    summaries = site.summaries
    keys = sorted({s.year for s in summaries} | {s.quarter for s in summaries} - {UNDATED})
    members = trend_items(site.store, site.corpus, site.trends.trends)
    by_id = {s.id: s for s in summaries}
    rows = []
    for key in keys:
        review = build_review(parse_period(key), site.corpus, site.trends.trends, members, site.synthesis)
        cards = newest_first(s for s in summaries if key in (s.year, s.quarter))
        slug = slugify(key)
        site.page(
            f"reviews/{slug}.html",
            "review.html",
            review=review,
            label=period_label(key),
            cards=cards,
            by_id=by_id,
            sections=_breakdowns(cards),
            signals=_strongest_signals(cards),
        )
        rows.append((period_label(key), f"{slug}.html", len(cards)))
    term_index(
        site,
        "reviews/index.html",
        "Reviews",
        rows,
        "One review per year and per quarter; counts are cards (documents).",
    )


def _breakdowns(cards: list[CardSummary]) -> list[Breakdown]:
    """The period's cards by theme, type, language, source and claim stance (30 largest groups each)."""
    grouped: dict[str, dict[str, list[CardSummary]]] = {
        "Themes": defaultdict(list),
        "Types": defaultdict(list),
        "Languages": defaultdict(list),
        "Sources": defaultdict(list),
        "Claims by stance": defaultdict(list),
    }
    for s in cards:
        for t in s.themes:
            grouped["Themes"][t].append(s)
        grouped["Types"][s.type].append(s)
        grouped["Languages"][s.language].append(s)
        grouped["Sources"][s.source].append(s)
        for stance in s.stances:
            grouped["Claims by stance"][stance].append(s)
    return [
        (name, sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:30])
        for name, groups in grouped.items()
        if groups
    ]


def _strongest_signals(cards: list[CardSummary]) -> list[tuple[int, str, CardSummary]]:
    """The 15 most relevant signals of the period's cards: (relevancy, name, card)."""
    return sorted(
        ((rel, name, s) for s in cards for name, rel in s.top_signals),
        key=lambda x: (-x[0], x[1], x[2].id),
    )[:15]
