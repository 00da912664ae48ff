"""Theme and keyword pages (a page per term with its cards and related terms)
and the term lists that index them, reviews and topics."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workradar.models import Trend
from workradar.publish.sitedata import CardSummary, newest_first

if TYPE_CHECKING:
    from workradar.publish.site.builder import SiteBuilder

Row = tuple[str, str, int]  # (name, href, cards)


def theme_pages(site: SiteBuilder) -> None:
    """A page per theme with its cards, frequent keywords and trends; the themes index."""
    rows = []
    for theme, cards in _by_term(site.summaries, lambda s: s.themes):
        slug = site.themes.add(theme)
        keywords = Counter(k for s in cards for k in s.keywords).most_common(20)
        related = [(k, f"../keywords/{site.keywords.get(k.casefold())}.html", n) for k, n in keywords]
        page = _TermPage(f"themes/{slug}.html", "Theme", theme, "theme", "Frequent keywords")
        rows.append(page.write(site, cards, related, site.trends.in_theme(theme)))
    term_index(site, "themes/index.html", "Themes", rows, "Cards per theme of the taxonomy.")


def keyword_pages(site: SiteBuilder) -> None:
    """A page per keyword (case aside) with its cards and the keywords on the
    same cards; the keywords index."""
    rows = []
    for folded, cards in _by_term(site.summaries, lambda s: [k.casefold() for k in s.keywords]):
        slug = site.keywords.add(folded)
        name = site.keyword_names.get(folded, folded)
        # Sorted: ties in most_common keep first-seen order, which must not follow set order.
        co = Counter(
            k for s in cards for k in sorted({x.casefold() for x in s.keywords}) if k != folded
        ).most_common(12)
        related = [(site.keyword_names.get(k, k), f"{site.keywords.get(k)}.html", n) for k, n in co]
        page = _TermPage(f"keywords/{slug}.html", "Keyword", name, "q", "Keywords on the same cards")
        rows.append(page.write(site, cards, related, []))
    term_index(site, "keywords/index.html", "Keywords", rows, "Every keyword, most frequent first.")


def term_index(site: SiteBuilder, rel: str, kind: str, rows: Sequence[Row], intro: str) -> None:
    """A list of terms (or periods, topics) with their card counts."""
    site.page(rel, "terms.html", kind=kind, rows=rows, intro=intro)


def _by_term(
    summaries: Iterable[CardSummary], terms_of: Callable[[CardSummary], Iterable[str]]
) -> list[tuple[str, list[CardSummary]]]:
    """(term, its cards newest first) for every term, the most frequent first."""
    groups: dict[str, list[CardSummary]] = defaultdict(list)
    for s in summaries:
        for term in terms_of(s):
            groups[term].append(s)
    return [(term, newest_first(groups[term])) for term in sorted(groups, key=lambda t: (-len(groups[t]), t))]


@dataclass(frozen=True, slots=True)
class _TermPage:
    """One term's page: where it goes, what it is, the index query parameter
    that filters the cards to it, and the heading of its related terms."""

    rel: str
    kind: str
    name: str
    filter_param: str
    related_title: str

    def write(
        self,
        site: SiteBuilder,
        cards: list[CardSummary],
        related: list[tuple[str, str, int]],
        trends: list[Trend],
    ) -> Row:
        """Write the page; its row in the term list."""
        site.page(
            self.rel,
            "term.html",
            kind=self.kind,
            name=self.name,
            cards=cards,
            filter_param=self.filter_param,
            filter_value=self.name,
            related=related,
            related_title=self.related_title,
            trends=trends,
        )
        return (self.name, self.rel.rsplit("/", 1)[1], len(cards))
