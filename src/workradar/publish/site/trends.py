"""Trend pages and the trends index, and what the site works out about the
stored trends: a file stem per trend, its member cards and items, its radar
sector (theme) and horizon."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from workradar.models import Card, Trend
from workradar.publish.highlight import evidence_anchor
from workradar.publish.safe import SlugRegistry, file_stem
from workradar.publish.sitedata import NO_THEME, CardSummary, newest_first, quarters
from workradar.store import Store

if TYPE_CHECKING:
    from workradar.publish.site.builder import SiteBuilder


@dataclass(slots=True)
class SiteTrends:
    """The stored trends (largest first) with what the site adds, by trend id."""

    trends: list[Trend] = field(default_factory=list)
    by_id: dict[str, Trend] = field(default_factory=dict)
    # File stem of the trend's page.
    stems: dict[str, str] = field(default_factory=dict)
    # Member card ids, most central first.
    cards: dict[str, list[str]] = field(default_factory=dict)
    # Card id -> (trend id, item kind, item index) of its items in trends.
    memberships: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)
    # Member items as the trend page lists them, filled as cards stream past.
    items: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # Radar sector, and the most common horizon of the items ("" when none has one).
    themes: dict[str, str] = field(default_factory=dict)
    horizons: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, store: Store) -> SiteTrends:
        trends = store.trends()
        site_trends = cls(trends=trends, by_id={t.id: t for t in trends})
        slugs = SlugRegistry()
        memberships: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
        for trend in site_trends.trends:
            site_trends.stems[trend.id] = (
                slugs.add(f"{trend.label} {trend.id}") if trend.label else file_stem(trend.id)
            )
            members = store.trend_members(trend.id)
            for m in members:
                memberships[m.card_id].append((trend.id, m.item_kind, m.item_index))
            site_trends.cards[trend.id] = list(dict.fromkeys(m.card_id for m in members))
            site_trends.items[trend.id] = []
        site_trends.memberships = dict(memberships)
        return site_trends

    def of_card(self, card_id: str) -> list[Trend]:
        """The trends a card has items in, in trend order."""
        ids = dict.fromkeys(trend_id for trend_id, _, _ in self.memberships.get(card_id, []))
        return [self.by_id[i] for i in ids if i in self.by_id]

    def collect_items(self, card: Card, summary: CardSummary, grounded: set[tuple[int, int]]) -> None:
        """Keep the card's items that belong to trends, for the trend pages, each
        linked to its first grounded quote."""
        for trend_id, kind, index in self.memberships.get(card.id, []):
            items = getattr(card, kind, None) if kind in Card.model_fields else None
            if trend_id not in self.items or not isinstance(items, list) or not 0 <= index < len(items):
                continue
            item = items[index]
            name = getattr(item, "name", None) or getattr(item, "text", None) or getattr(item, "mention", "")
            first = next((e for e in item.evidence if (e.start, e.end) in grounded), None)
            self.items[trend_id].append(
                {
                    "name": name,
                    "description": getattr(item, "description", ""),
                    "horizon": getattr(item, "horizon", ""),
                    "card": summary,
                    "href": f"sources/{summary.stem}.html#{evidence_anchor(first.start, first.end)}"
                    if first
                    else None,
                }
            )

    def finish(self, by_id: Mapping[str, CardSummary]) -> None:
        """Once every card is in: each trend's theme and horizon, items in card order."""
        for trend in self.trends:
            self.themes[trend.id] = trend.main_theme or self._card_theme(trend, by_id)
            items = self.items[trend.id]
            horizons = Counter(item["horizon"] for item in items if item["horizon"])
            self.horizons[trend.id] = min(horizons, key=lambda h: (-horizons[h], h)) if horizons else ""
            items.sort(key=lambda item: (item["card"].sort_key, item["name"]))

    def _card_theme(self, trend: Trend, by_id: Mapping[str, CardSummary]) -> str:
        """For a trend synthesis recorded no themes for: the theme most of its cards carry."""
        counts = Counter(t for c in self.cards[trend.id] if c in by_id for t in by_id[c].themes)
        return min(counts, key=lambda t: (-counts[t], t)) if counts else NO_THEME

    def in_theme(self, theme: str) -> list[Trend]:
        return [t for t in self.trends if self.themes[t.id] == theme]


def trend_pages(site: SiteBuilder, by_id: Mapping[str, CardSummary]) -> None:
    """A page per trend (its figures, items and cards) and the trends index."""
    periods = quarters(site.summaries)
    trends = site.trends
    for trend in trends.trends:
        cards = newest_first(by_id[c] for c in trends.cards[trend.id] if c in by_id)
        counts = Counter(s.quarter for s in cards)
        theme = trends.themes[trend.id]
        site.page(
            f"trends/{trends.stems[trend.id]}.html",
            "trend.html",
            trend=trend,
            theme=theme,
            horizon=trends.horizons[trend.id],
            items=trends.items[trend.id],
            cards=cards,
            theme_slug=site.themes.get(theme) if theme else None,
            per_period=[(p, counts.get(p, 0)) for p in periods],
        )
    site.page("trends/index.html", "trends.html", trends=trends.trends, themes=trends.themes)
