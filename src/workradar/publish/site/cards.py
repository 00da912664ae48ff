"""Per card: its page, the page of its source text with the evidence
highlighted, and what the aggregate pages need of it (a `CardSummary`, the
synthesis corpus, trend items, radar signals, the search index), gathered as
the card streams past."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from workradar.models import Card, Document, Evidence
from workradar.publish.highlight import evidence_anchor, grounded_ranges, highlight
from workradar.publish.labels import card_labels
from workradar.publish.safe import safe_url
from workradar.publish.searchindex import SearchDoc
from workradar.publish.site.radar import keep_signals
from workradar.publish.sitedata import CardSummary, occupation_group, summarise
from workradar.synthesize.items import card_info, card_items

if TYPE_CHECKING:
    from workradar.publish.site.builder import SiteBuilder

ITEM_SECTIONS = (
    ("concerns", "Concerns"),
    ("behaviors", "Behaviors"),
    ("technologies", "Technologies"),
    ("issues", "Issues"),
)


class EvidenceNumbers:
    """Numbers a card's distinct quotes in order of first use (the card page
    cites them as [n]) and links each grounded one to its highlight on the
    source page."""

    def __init__(self, grounded: set[tuple[int, int]], source_href: str):
        self.grounded = grounded
        self.source_href = source_href
        self.entries: list[dict[str, Any]] = []
        self._numbers: dict[tuple[int, int, str], int] = {}

    def cite(self, evidence: Iterable[Evidence], field_name: str) -> list[dict[str, Any]]:
        """The numbered entries for these quotes, numbering the new ones."""
        links = []
        for e in evidence:
            key = (e.start, e.end, e.quote)
            if key not in self._numbers:
                self._numbers[key] = len(self._numbers) + 1
                grounded = (e.start, e.end) in self.grounded
                self.entries.append(
                    {
                        "n": self._numbers[key],
                        "field": field_name,
                        "quote": e.quote,
                        "href": f"{self.source_href}#{evidence_anchor(e.start, e.end)}" if grounded else None,
                    }
                )
            links.append(self.entries[self._numbers[key] - 1])
        return links

    @property
    def ungrounded(self) -> int:
        return sum(1 for e in self.entries if e["href"] is None)


def card_pages(site: SiteBuilder, card: Card, when: date) -> None:
    """Write the card's pages and keep what the rest of the build needs of it."""
    summary = summarise(card, when)
    _add_to_corpus(site, card, when)
    document = site.store.get_document(card.id)
    grounded = grounded_ranges(document.text, (e for _, e in card.all_evidence())) if document else set()
    summary.has_source_page = document is not None
    evidence = EvidenceNumbers(grounded, f"sources/{summary.stem}.html")
    site.page(f"cards/{summary.stem}.html", "card.html", **_card_context(site, card, summary, evidence))
    if document is not None:
        _source_page(site, card, summary, document, grounded)
    site.trends.collect_items(card, summary, grounded)
    keep_signals(site.radar_signals, card, summary)
    site.search.add(search_doc(card, summary))
    site.summaries.append(summary)


def _add_to_corpus(site: SiteBuilder, card: Card, when: date) -> None:
    """The synthesis corpus, built in this same pass instead of a second
    `load_corpus` pass over every card (a test checks both agree)."""
    site.corpus.cards[card.id] = card_info(card, when)
    for item in card_items(card, when, tuple(site.corpus.items)):
        site.corpus.items[item.kind].append(item)


def _card_context(
    site: SiteBuilder, card: Card, summary: CardSummary, evidence: EvidenceNumbers
) -> dict[str, Any]:
    """The card page's sections, each item with its numbered evidence (numbers
    run in page order: summary, signals, item sections, claims, occupations,
    policies, organisations)."""
    context: dict[str, Any] = {
        "card": card,
        # Headings and field names in the card's language (quotes stay as written).
        "L": card_labels(card.language),
        "summary": summary,
        "external": safe_url(card.url),
        "theme_links": [(t, site.themes.add(t)) for t in card.themes],
        "keyword_links": _keyword_links(site, summary),
        "summary_evidence": evidence.cite(card.evidence, "summary"),
        "signals": [(s, evidence.cite(s.evidence, "signals")) for s in card.signals],
        "item_sections": [
            (name, [(i, evidence.cite(i.evidence, name)) for i in getattr(card, name)])
            for name, _ in ITEM_SECTIONS
        ],
        "claims": [(c, evidence.cite(c.evidence, "claims")) for c in card.claims],
        "occupations": [
            (o, evidence.cite(o.evidence, "occupations"), occupation_group(o.isco)) for o in card.occupations
        ],
        "policies": [(p, evidence.cite(p.evidence, "policies")) for p in card.policies],
        "organizations": [(o, evidence.cite(o.evidence, "organizations")) for o in card.organizations],
        "trend_links": site.trends.of_card(card.id),
    }
    context["evidence_list"] = evidence.entries
    context["ungrounded"] = evidence.ungrounded
    return context


def _keyword_links(site: SiteBuilder, summary: CardSummary) -> list[tuple[str, str]]:
    """(keyword, slug) per keyword; keywords differing only in case share a page."""
    links = []
    for k in summary.keywords:
        folded = k.casefold()
        site.keyword_names.setdefault(folded, k)
        links.append((k, site.keywords.add(folded)))
    return links


def _source_page(
    site: SiteBuilder, card: Card, summary: CardSummary, document: Document, grounded: set[tuple[int, int]]
) -> None:
    site.page(
        f"sources/{summary.stem}.html",
        "source.html",
        card=card,
        summary=summary,
        document=document,
        marked_text=Markup(highlight(document.text, grounded)),
        evidence_count=len(grounded),
    )


def search_doc(card: Card, summary: CardSummary) -> SearchDoc:
    """What the client-side search finds a card by."""
    return SearchDoc(
        title=card.title,
        tags=[*card.keywords, *card.themes, card.category, card.collection or "", summary.source],
        names=[
            *(s.name for s in card.signals),
            *(i.name for name, _ in ITEM_SECTIONS for i in getattr(card, name)),
            *(o.mention for o in card.occupations),
            *(o.name for o in card.organizations),
            *(p.name for p in card.policies),
        ],
        text=[card.summary, *(c.text for c in card.claims)],
    )
