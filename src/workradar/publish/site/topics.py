"""Topic pages: one per theme in the corpus (synthesis `topic_page`: trends,
items, claims and cards semantically close to the theme). They need trends
(their stored item vectors) and an embedder; without them the topics index
says how to get them."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from workradar.publish.site.terms import term_index
from workradar.synthesize import topic_page

if TYPE_CHECKING:
    from workradar.publish.site.builder import SiteBuilder


def topic_pages(site: SiteBuilder) -> None:
    rows = []
    by_id = {s.id: s for s in site.summaries}
    if site.trends.trends and site.embedder is not None:
        counts = Counter(t for s in site.summaries for t in s.themes)
        for theme in sorted(counts, key=lambda t: (-counts[t], t)):
            page = topic_page(site.store, site.corpus, site.trends.trends, site.embedder, theme)
            slug = site.themes.add(theme)
            site.page(
                f"topics/{slug}.html", "topic.html", page=page, name=theme, theme_slug=slug, by_id=by_id
            )
            rows.append((theme, f"{slug}.html", len(page.cards)))
    term_index(
        site,
        "topics/index.html",
        "Topics",
        rows,
        "A topic per theme: the trends, items, claims and cards closest in meaning (counts are cards shown).",
    )
