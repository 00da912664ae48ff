"""The static site: `workradar site build OUT`.

Every page links relatively (`../cards/x.html`), data for the client-side
filters and search is in `.js` files that assign globals (Chromium refuses
`fetch()` of local files, so JSON files would not load from file://), charts
are drawn by the site's own copy of plotly.js. The site therefore works opened
from disk and on any static host, and requests nothing from elsewhere.

Cards are streamed from the store once: each card's page and source-text page
are written as it passes, and only a small `CardSummary` is kept for the
listings, aggregate pages, filters, search index and charts.
"""

from __future__ import annotations

import heapq
import json
import logging
import os
import shutil
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from workradar.analyze.text.embedders import Embedder
from workradar.config import SynthesisSettings
from workradar.models import Card, Evidence
from workradar.publish import charts
from workradar.publish.highlight import evidence_anchor, grounded_ranges, highlight
from workradar.publish.safe import SlugRegistry, file_stem, safe_url, script_json, slugify
from workradar.publish.searchindex import IndexBuilder, SearchDoc
from workradar.publish.sitedata import UNDATED, CardSummary, OccupationMention, occupation_group, summarise
from workradar.store import Store, StoredTrend
from workradar.synthesize import Corpus, build_review, occupation_lens, topic_page, trend_items
from workradar.synthesize.engine import item_order
from workradar.synthesize.items import ITEM_KINDS, card_info, card_items
from workradar.synthesize.periods import parse_period, period_range

log = logging.getLogger(__name__)

MANIFEST = ".workradar-site.json"
INDEX_PREVIEW = 50  # cards rendered into index.html itself (the rest come from the JS data)
RADAR_SIGNALS = 300  # most relevant signals drawn on the signal radar
ITEM_SECTIONS = (
    ("concerns", "Concerns"),
    ("behaviors", "Behaviors"),
    ("technologies", "Technologies"),
    ("issues", "Issues"),
)
HORIZON_RINGS = ("now", "near", "far")
# Inner ring = most established; unknown classes from synthesis are appended after these.
EMERGENCE_ORDER = ("established", "emerging", "weak", "declining")
STATIC_FILES = ("site.css", "site.js", "search.js", "favicon.svg")


@dataclass(slots=True)
class TrendView:
    """A stored trend as the site shows it."""

    id: str
    stem: str
    kind: str
    label: str
    description: str
    emergence: str
    velocity: float
    consensus: str
    documents: int
    sources: int
    size: int
    first_seen: date | None
    last_seen: date | None
    data: dict[str, Any]
    card_ids: list[str] = field(default_factory=list)
    members: list[tuple[str, str, int]] = field(default_factory=list)  # (card id, item kind, item index)
    items: list[dict[str, Any]] = field(default_factory=list)  # filled while cards stream past
    theme: str = ""
    horizon: str = ""


@dataclass(slots=True)
class BuildReport:
    out: Path
    cards: int
    pages: int
    trends: int
    search_index_bytes: int
    cards_data_bytes: int
    seconds: float

    @property
    def index_html(self) -> Path:
        return self.out / "index.html"


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("workradar", "templates/site"),
        autoescape=True,  # every template, whatever its extension: document text is hostile
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["safe_url"] = safe_url
    env.filters["script_json"] = lambda value: jinja2.utils.markupsafe.Markup(script_json(value))
    env.filters["isodate"] = lambda value: value.isoformat() if value else ""
    return env


def _period_label(key: str) -> str:
    if len(key) == 6 and key[4] == "Q":
        return f"{key[:4]} Q{key[5]}"
    return key


class SiteBuilder:
    def __init__(
        self,
        store: Store,
        out: Path,
        *,
        title: str = "workradar",
        base_url: str | None = None,
        synthesis: SynthesisSettings | None = None,
        embedder: Embedder | None = None,
    ):
        self.store = store
        self.out = out
        self.title = title
        self.base_url = base_url.rstrip("/") + "/" if base_url and safe_url(base_url) else None
        self.synthesis = synthesis or SynthesisSettings()
        self.embedder = embedder
        self.env = _environment()
        self.written: list[str] = []
        self.themes = SlugRegistry()
        self.keywords = SlugRegistry()
        self.keyword_names: dict[str, str] = {}  # casefolded → first spelling seen
        self.summaries: list[CardSummary] = []
        self.search = IndexBuilder()
        self.corpus = Corpus(items={kind: [] for kind in ITEM_KINDS})
        self.stored_trends: list[StoredTrend] = []
        self.trends: list[TrendView] = []
        self.radar_signals: list[tuple[int, str, str, str, str, str]] = []  # heap of the most relevant

    # -- output ------------------------------------------------------------

    def _write_text(self, rel: str, text: str) -> None:
        path = self.out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.written.append(rel)

    def _page(self, rel: str, template: str, **context: Any) -> None:
        depth = rel.count("/")
        root = "../" * depth
        html = self.env.get_template(template).render(
            root=root,
            site_title=self.title,
            canonical=(self.base_url + rel) if self.base_url else None,
            nav=self.nav,
            here=rel,
            **context,
        )
        self._write_text(rel, html)

    def _copy_static(self) -> None:
        static = resources.files("workradar").joinpath("static/site")
        for name in STATIC_FILES:
            self._write_text(f"assets/{name}", static.joinpath(name).read_text(encoding="utf-8"))
        plotly_js = resources.files("plotly").joinpath("package_data/plotly.min.js")
        target = self.out / "assets" / "plotly.min.js"
        with resources.as_file(plotly_js) as source:
            if not target.exists() or target.stat().st_size != source.stat().st_size:
                shutil.copyfile(source, target)
        self.written.append("assets/plotly.min.js")

    # -- trends (from synthesis, when it has run) -------------------------

    def _load_trends(self) -> dict[str, list[tuple[str, str, int]]]:
        """Trends and, per card, the (trend id, item kind, item index) members it holds."""
        per_card: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
        stems = SlugRegistry()
        self.stored_trends = self.store.trends()
        for stored in self.stored_trends:
            view = TrendView(
                id=stored.id,
                stem=stems.add(f"{stored.label} {stored.id}") if stored.label else file_stem(stored.id),
                kind=stored.kind,
                label=stored.label or stored.id,
                description=stored.description,
                emergence=stored.emergence,
                velocity=stored.velocity,
                consensus=stored.consensus,
                documents=stored.documents,
                sources=stored.sources,
                size=stored.size,
                first_seen=stored.first_seen,
                last_seen=stored.last_seen,
                data=dict(stored.data or {}),
            )
            for member in self.store.trend_members(stored.id):
                view.members.append((member.card_id, member.item_kind, member.item_index))
                per_card[member.card_id].append((stored.id, member.item_kind, member.item_index))
            view.card_ids = list(dict.fromkeys(m[0] for m in view.members))
            self.trends.append(view)
        return per_card

    # -- per card ----------------------------------------------------------

    def _card(
        self,
        card: Card,
        when: date,
        memberships: list[tuple[str, str, int]],
        trend_by_id: Mapping[str, TrendView],
    ) -> None:
        summary = summarise(card, when)
        # The synthesis corpus, built in this same pass instead of a second
        # `load_corpus` pass over every card (a test checks both agree).
        self.corpus.cards[card.id] = card_info(card, when)
        for item in card_items(card, when, tuple(self.corpus.items)):
            self.corpus.items[item.kind].append(item)
        document = self.store.get_document(card.id)
        grounded = grounded_ranges(document.text, (e for _, e in card.all_evidence())) if document else set()
        summary.has_source_page = document is not None
        source_href = f"sources/{summary.stem}.html"  # relative to the site root

        numbered: dict[tuple[int, int, str], int] = {}
        evidence_list: list[dict[str, Any]] = []

        def ev(items: Iterable[Evidence], field_name: str) -> list[dict[str, Any]]:
            links = []
            for e in items:
                key = (e.start, e.end, e.quote)
                if key not in numbered:
                    numbered[key] = len(numbered) + 1
                    ok = (e.start, e.end) in grounded
                    evidence_list.append(
                        {
                            "n": numbered[key],
                            "field": field_name,
                            "quote": e.quote,
                            "href": f"{source_href}#{evidence_anchor(e.start, e.end)}" if ok else None,
                        }
                    )
                entry = evidence_list[numbered[key] - 1]
                links.append(entry)
            return links

        theme_links = [(t, self.themes.add(t)) for t in card.themes]
        keyword_links = []
        for k in summary.keywords:
            folded = k.casefold()
            self.keyword_names.setdefault(folded, k)
            keyword_links.append((k, self.keywords.add(folded)))
        trend_links = []
        for trend_id in dict.fromkeys(m[0] for m in memberships):
            trend = trend_by_id.get(trend_id)
            if trend is not None:
                trend_links.append(trend)
                summary.trends.append(trend_id)
        context = {
            "card": card,
            "summary": summary,
            "external": safe_url(card.url),
            "theme_links": theme_links,
            "keyword_links": keyword_links,
            "summary_evidence": ev(card.evidence, "summary"),
            "signals": [(s, ev(s.evidence, "signals")) for s in card.signals],
            "item_sections": [
                (title, [(i, ev(i.evidence, name)) for i in getattr(card, name)])
                for name, title in ITEM_SECTIONS
            ],
            "claims": [(c, ev(c.evidence, "claims")) for c in card.claims],
            "occupations": [
                (o, ev(o.evidence, "occupations"), occupation_group(o.isco)) for o in card.occupations
            ],
            "policies": [(p, ev(p.evidence, "policies")) for p in card.policies],
            "organizations": [(o, ev(o.evidence, "organizations")) for o in card.organizations],
            "trend_links": trend_links,
        }
        context["evidence_list"] = evidence_list
        context["ungrounded"] = sum(1 for e in evidence_list if e["href"] is None)
        self._page(f"cards/{summary.stem}.html", "card.html", **context)
        if document is not None:
            self._page(
                f"sources/{summary.stem}.html",
                "source.html",
                card=card,
                summary=summary,
                document=document,
                marked_text=jinja2.utils.markupsafe.Markup(highlight(document.text, grounded)),
                evidence_count=len(grounded),
            )
        # Items that belong to trends, for the trend pages.
        for trend_id, kind, index in memberships:
            trend = trend_by_id.get(trend_id)
            items = getattr(card, kind, None) if kind in Card.model_fields else None
            if trend is None or not isinstance(items, list) or not 0 <= index < len(items):
                continue
            item = items[index]
            name = getattr(item, "name", None) or getattr(item, "text", None) or getattr(item, "mention", "")
            first = next((e for e in item.evidence if (e.start, e.end) in grounded), None)
            trend.items.append(
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
        for s in card.signals:
            entry = (
                s.relevancy,
                card.id,
                s.name,
                card.themes[0] if card.themes else "(no theme)",
                s.horizon,
                summary.stem,
            )
            if len(self.radar_signals) < RADAR_SIGNALS:
                heapq.heappush(self.radar_signals, entry)
            else:
                heapq.heappushpop(self.radar_signals, entry)
        self.search.add(
            SearchDoc(
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
        )
        self.summaries.append(summary)

    # -- aggregate pages -----------------------------------------------------

    @property
    def nav(self) -> list[tuple[str, str]]:
        items = [
            ("index.html", "Cards"),
            ("themes/index.html", "Themes"),
            ("keywords/index.html", "Keywords"),
            ("trends/index.html", "Trends"),
            ("topics/index.html", "Topics"),
            ("occupations/index.html", "Occupations"),
            ("reviews/index.html", "Reviews"),
            ("radar.html", "Radar"),
            ("timelines.html", "Timelines"),
        ]
        return items

    def _sorted(self, summaries: Iterable[CardSummary]) -> list[CardSummary]:
        return sorted(summaries, key=lambda s: s.sort_key)

    def _themes_pages(self, by_id: Mapping[str, CardSummary]) -> None:
        groups: dict[str, list[CardSummary]] = defaultdict(list)
        for s in self.summaries:
            for t in s.themes:
                groups[t].append(s)
        rows = []
        for theme in sorted(groups, key=lambda t: (-len(groups[t]), t)):
            cards = self._sorted(groups[theme])
            slug = self.themes.add(theme)
            keywords = Counter(k for s in cards for k in s.keywords).most_common(20)
            trends = [t for t in self.trends if t.theme == theme]
            self._page(
                f"themes/{slug}.html",
                "term.html",
                kind="Theme",
                name=theme,
                cards=cards,
                filter_param="theme",
                filter_value=theme,
                related=[(k, f"../keywords/{self.keywords.get(k.casefold())}.html", n) for k, n in keywords],
                related_title="Frequent keywords",
                trends=trends,
            )
            rows.append((theme, f"{slug}.html", len(cards)))
        self._page(
            "themes/index.html",
            "terms.html",
            kind="Themes",
            rows=rows,
            intro="Cards per theme of the taxonomy.",
        )

    def _keyword_pages(self) -> None:
        groups: dict[str, list[CardSummary]] = defaultdict(list)
        for s in self.summaries:
            for k in s.keywords:
                groups[k.casefold()].append(s)
        rows = []
        for folded in sorted(groups, key=lambda k: (-len(groups[k]), k)):
            slug = self.keywords.add(folded)
            name = self.keyword_names.get(folded, folded)
            cards = self._sorted(groups[folded])
            co = Counter(
                k for s in cards for k in {x.casefold() for x in s.keywords} if k != folded
            ).most_common(12)
            self._page(
                f"keywords/{slug}.html",
                "term.html",
                kind="Keyword",
                name=name,
                cards=cards,
                filter_param="q",
                filter_value=name,
                related=[(self.keyword_names.get(k, k), f"{self.keywords.get(k)}.html", n) for k, n in co],
                related_title="Keywords on the same cards",
                trends=[],
            )
            rows.append((name, f"{slug}.html", len(cards)))
        self._page(
            "keywords/index.html",
            "terms.html",
            kind="Keywords",
            rows=rows,
            intro="Every keyword, most frequent first.",
        )

    def _occupation_pages(self) -> None:
        """One page per ISCO-08 major and sub-major group of the synthesis
        occupation lens (counts are documents), with the unit groups and
        mentions behind it from the cards."""
        groups = occupation_lens(self.corpus.cards, self.stored_trends)
        by_id = {s.id: s for s in self.summaries}
        mentions: list[OccupationMention] = [o for s in self.summaries for o in s.occupations if o.isco]
        trend_stems = {t.id: t.stem for t in self.trends}
        rows = []
        for group in groups:
            units: dict[tuple[str, str], list[OccupationMention]] = defaultdict(list)
            for o in mentions:
                if o.isco.startswith(group.code):
                    units[(o.isco, o.isco_title)].append(o)
            unit_rows = [
                {
                    "code": code,
                    "title": title,
                    "effects": Counter(m.effect for m in ms).most_common(),
                    "mentions": sorted({m.mention for m in ms}),
                    "cards": self._sorted({m.card_id: by_id[m.card_id] for m in ms}.values()),
                }
                for (code, title), ms in sorted(units.items(), key=lambda kv: (-len(kv[1]), kv[0]))
            ]
            self._page(
                f"occupations/isco-{group.code}.html",
                "occupation.html",
                group=group,
                units=unit_rows,
                cards=self._sorted(by_id[c] for c in group.cards if c in by_id),
                trend_links=[(t["label"], trend_stems.get(t["id"]), t["documents"]) for t in group.trends],
            )
            rows.append((group, f"isco-{group.code}.html"))
        self._page("occupations/index.html", "occupations.html", rows=rows)

    def _period_keys(self) -> list[str]:
        """Every quarter from the first to the last one with a dated card (no gaps)."""
        quarters = sorted({s.quarter for s in self.summaries if s.quarter != UNDATED})
        if not quarters:
            return []
        first, last = parse_period(quarters[0]), parse_period(quarters[-1])
        return [p.key for p in period_range(first, last)]

    def _review_pages(self) -> None:
        """A review per year and per quarter with cards (synthesis `build_review`),
        plus the period's breakdowns whose every count opens its cards."""
        keys = sorted({s.year for s in self.summaries} | {s.quarter for s in self.summaries} - {UNDATED})
        members = trend_items(self.store, self.corpus, self.stored_trends)
        by_id = {s.id: s for s in self.summaries}
        trend_stems = {t.id: t.stem for t in self.trends}
        rows = []
        for key in keys:
            period = parse_period(key)
            review = build_review(period, self.corpus, self.stored_trends, members, self.synthesis)
            cards = self._sorted(s for s in self.summaries if key in (s.year, s.quarter))
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
            sections = [
                (name, sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:30])
                for name, groups in grouped.items()
                if groups
            ]
            signals = sorted(
                ((rel, name, s) for s in cards for name, rel in s.top_signals),
                key=lambda x: (-x[0], x[1], x[2].id),
            )[:15]
            slug = slugify(key)
            self._page(
                f"reviews/{slug}.html",
                "review.html",
                review=review,
                label=_period_label(key),
                cards=cards,
                by_id=by_id,
                trend_stems=trend_stems,
                sections=sections,
                signals=signals,
            )
            rows.append((_period_label(key), f"{slug}.html", len(cards)))
        self._page(
            "reviews/index.html",
            "terms.html",
            kind="Reviews",
            rows=rows,
            intro="One review per year and per quarter; counts are cards (documents).",
        )

    def _trend_pages(self, by_id: Mapping[str, CardSummary]) -> None:
        periods = self._period_keys()
        for trend in self.trends:
            cards = self._sorted(by_id[c] for c in trend.card_ids if c in by_id)
            counts = Counter(s.quarter for s in cards)
            self._page(
                f"trends/{trend.stem}.html",
                "trend.html",
                trend=trend,
                cards=cards,
                theme_slug=self.themes.get(trend.theme) if trend.theme else None,
                per_period=[(p, counts.get(p, 0)) for p in periods],
            )
        self._page("trends/index.html", "trends.html", trends=self.trends, topics=False)

    def _topic_pages(self) -> None:
        """A topic page per theme in the corpus (synthesis `topic_page`: trends,
        items, claims and cards semantically close to the theme). Needs trends
        (their stored item vectors) and an embedder; without them the topics
        index says how to get them."""
        rows = []
        by_id = {s.id: s for s in self.summaries}
        trend_stems = {t.id: t.stem for t in self.trends}
        if self.stored_trends and self.embedder is not None:
            counts = Counter(t for s in self.summaries for t in s.themes)
            for theme in sorted(counts, key=lambda t: (-counts[t], t)):
                page = topic_page(self.store, self.corpus, self.stored_trends, self.embedder, theme)
                slug = self.themes.add(theme)
                self._page(
                    f"topics/{slug}.html",
                    "topic.html",
                    page=page,
                    name=theme,
                    theme_slug=slug,
                    by_id=by_id,
                    trend_stems=trend_stems,
                )
                rows.append((theme, f"{slug}.html", len(page.cards)))
        self._page(
            "topics/index.html",
            "terms.html",
            kind="Topics",
            rows=rows,
            intro="A topic per theme: the trends, items, claims and cards closest in meaning (counts are cards shown).",
        )

    # -- charts ----------------------------------------------------------------

    def _radar_page(self) -> None:
        figures = []
        if self.trends:
            sectors = sorted({t.theme for t in self.trends}, key=lambda s: (s == "(no theme)", s))
            seen = {t.emergence for t in self.trends}
            # All four classes always: the radar keeps its shape from one build to the next.
            rings = list(EMERGENCE_ORDER) + sorted(seen - set(EMERGENCE_ORDER))
            points = [
                charts.RadarPoint(
                    label=t.label,
                    sector=t.theme,
                    ring=t.emergence,
                    size=t.sources or t.documents,
                    url=f"trends/{t.stem}.html",
                    detail=f"{t.kind}; consensus: {t.consensus}; velocity {t.velocity:+.2f}",
                )
                for t in self.trends
            ]
            figures.append(
                {
                    "id": "radar-trends",
                    "title": "Trend radar",
                    "label": f"Trend radar: {len(points)} trends in {len(sectors)} theme sectors, rings by emergence class "
                    f"({', '.join(rings)}), dot size by number of sources. The table below lists the same trends.",
                    "spec": charts.radar_figure(points, sectors, rings, "Trends by theme and emergence"),
                    "table": {
                        "head": ["trend", "theme", "emergence", "sources", "consensus"],
                        "rows": [
                            [(t.label, f"trends/{t.stem}.html"), t.theme, t.emergence, t.sources, t.consensus]
                            for t in sorted(
                                self.trends,
                                key=lambda t: (
                                    t.theme,
                                    EMERGENCE_ORDER.index(t.emergence)
                                    if t.emergence in EMERGENCE_ORDER
                                    else 9,
                                    t.label,
                                ),
                            )
                        ],
                    },
                }
            )
        signals = sorted(self.radar_signals, reverse=True)
        if signals:
            sectors = sorted({s[3] for s in signals}, key=lambda s: (s == "(no theme)", s))
            points = [
                charts.RadarPoint(
                    label=name,
                    sector=theme,
                    ring=horizon,
                    size=rel,
                    url=f"cards/{stem}.html",
                    detail=f"relevancy {rel}",
                )
                for rel, _, name, theme, horizon, stem in signals
            ]
            figures.append(
                {
                    "id": "radar-signals",
                    "title": "Signal radar",
                    "label": f"Signal radar: the {len(points)} most relevant signals, sectors by the card's first theme, "
                    "rings by horizon (now, near, far), dot size by relevancy. The table below lists the same signals.",
                    "spec": charts.radar_figure(
                        points, sectors, list(HORIZON_RINGS), "Signals by theme and horizon"
                    ),
                    "table": {
                        "head": ["signal", "theme", "horizon", "relevancy"],
                        "rows": [[(n, f"cards/{stem}.html"), th, h, r] for r, _, n, th, h, stem in signals],
                    },
                }
            )
        self._page(
            "radar.html",
            "charts.html",
            heading="Radar",
            figures=figures,
            empty="No trends or signals to draw yet.",
        )

    def _timelines_page(self, by_id: Mapping[str, CardSummary]) -> None:
        periods = self._period_keys()
        figures = []
        if periods:

            def count(pairs: Iterable[tuple[str, str]]) -> dict[str, dict[str, int]]:
                table: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
                for name, period in pairs:
                    table[name][period] += 1
                return table

            dated = [s for s in self.summaries if s.quarter != UNDATED]
            specs: list[tuple[str, str, str, dict[str, Any], dict[str, list[int]]]] = []
            if self.trends:
                per = count(
                    (t.label, by_id[c].quarter)
                    for t in self.trends
                    for c in t.card_ids
                    if c in by_id and by_id[c].quarter != UNDATED
                )
                series = charts.top_series(per, periods, keep=8)
                specs.append(
                    (
                        "timeline-trends",
                        "Trend counts per period",
                        "cards per trend (8 largest)",
                        charts.lines(periods, series, "Cards per trend and quarter", "cards"),
                        series,
                    )
                )
            per_theme = count((t, s.quarter) for s in dated for t in s.themes)
            series = charts.top_series(per_theme, periods)
            specs.append(
                (
                    "timeline-themes",
                    "Themes over time",
                    "cards per theme",
                    charts.stacked_bars(periods, series, "Cards per theme and quarter", "cards"),
                    series,
                )
            )
            stances: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
            for s in dated:
                for stance, n in s.stances.items():
                    stances[stance][s.quarter] += n
            series = charts.top_series(stances, periods)
            specs.append(
                (
                    "timeline-claims",
                    "Claims by stance",
                    "claims per stance",
                    charts.stacked_bars(
                        periods, series, "Quantitative claims by stance and quarter", "claims"
                    ),
                    series,
                )
            )
            series = charts.top_series(count((s.language, s.quarter) for s in dated), periods)
            specs.append(
                (
                    "timeline-languages",
                    "Languages",
                    "cards per language",
                    charts.stacked_bars(periods, series, "Cards per language and quarter", "cards"),
                    series,
                )
            )
            sources_per: dict[str, set[str]] = defaultdict(set)
            for s in dated:
                sources_per[s.quarter].add(s.source)
            types = charts.top_series(count((s.type, s.quarter) for s in dated), periods)
            series = {**types}
            spec = charts.stacked_bars(
                periods, types, "Documents per type and distinct sources per quarter", "documents"
            )
            distinct = [len(sources_per.get(p, ())) for p in periods]
            spec["data"].append(
                {
                    "type": "scatter",
                    "mode": "lines+markers",
                    "name": "distinct sources",
                    "x": periods,
                    "y": distinct,
                    "line": {"color": "#333333", "dash": "dot"},
                }
            )
            series["distinct sources"] = distinct
            specs.append(
                (
                    "timeline-sources",
                    "Sources over time",
                    "documents per type, distinct sources",
                    spec,
                    series,
                )
            )
            for fid, title, what, spec, series in specs:
                figures.append(
                    {
                        "id": fid,
                        "title": title,
                        "label": f"{title}: {what} for each quarter from {_period_label(periods[0])} to {_period_label(periods[-1])}. The table below has the numbers.",
                        "spec": spec,
                        "table": {
                            "head": ["series", *map(_period_label, periods)],
                            "rows": [[name, *values] for name, values in series.items()],
                        },
                    }
                )
        self._page(
            "timelines.html", "charts.html", heading="Timelines", figures=figures, empty="No dated cards yet."
        )

    # -- index and data files ------------------------------------------------

    def _data_files(self) -> tuple[int, int]:
        theme_names = sorted({t for s in self.summaries for t in s.themes})
        theme_index = {t: i for i, t in enumerate(theme_names)}
        rank = {s.id: i for i, s in enumerate(self._sorted(self.summaries))}  # 0 = newest
        rows = [
            [
                s.stem,
                s.display_title,
                s.day.isoformat() if s.day else "",
                s.language,
                s.type,
                s.collection,
                [theme_index[t] for t in s.themes],
                s.quarter,
                s.snippet,
                s.source,
                rank[s.id],
            ]
            for s in self.summaries
        ]
        cards_js = "window.WR_CARDS = " + script_json({"themes": theme_names, "cards": rows}) + ";\n"
        search_js = "window.WR_SEARCH = " + script_json(self.search.finish()) + ";\n"
        self._write_text("assets/cards-data.js", cards_js)
        self._write_text("assets/search-index.js", search_js)
        return len(cards_js.encode("utf-8")), len(search_js.encode("utf-8"))

    def _index_page(self) -> None:
        ordered = self._sorted(self.summaries)
        theme_names = sorted({t for s in self.summaries for t in s.themes})
        periods = sorted({s.year for s in self.summaries} | {s.quarter for s in self.summaries}, reverse=True)
        self._page(
            "index.html",
            "index.html",
            cards=ordered[:INDEX_PREVIEW],
            total=len(ordered),
            themes=theme_names,
            languages=sorted(Counter(s.language for s in self.summaries).items()),
            collections=sorted(Counter(s.collection for s in self.summaries).items()),
            types=sorted(Counter(s.type for s in self.summaries).items()),
            periods=[(p, _period_label(p)) for p in periods if p != UNDATED]
            + ([(UNDATED, UNDATED)] if UNDATED in periods else []),
            trends=len(self.trends),
        )

    # -- the build -------------------------------------------------------------

    def build(self) -> BuildReport:
        started = time.perf_counter()
        self.out.mkdir(parents=True, exist_ok=True)
        previous = self._previous_manifest()
        self._copy_static()
        per_card = self._load_trends()
        trend_by_id = {t.id: t for t in self.trends}
        for card, when in self.store.iter_dated_cards():
            self._card(card, when, per_card.get(card.id, []), trend_by_id)
        for items in self.corpus.items.values():
            items.sort(key=item_order)
        by_id = {s.id: s for s in self.summaries}
        self._assign_trend_themes(by_id)
        self._themes_pages(by_id)
        self._keyword_pages()
        self._trend_pages(by_id)
        self._topic_pages()
        self._occupation_pages()
        self._review_pages()
        self._radar_page()
        self._timelines_page(by_id)
        cards_bytes, index_bytes = self._data_files()
        self._index_page()
        self._finish(previous)
        return BuildReport(
            out=self.out,
            cards=len(self.summaries),
            pages=sum(1 for rel in self.written if rel.endswith(".html")),
            trends=len(self.trends),
            search_index_bytes=index_bytes,
            cards_data_bytes=cards_bytes,
            seconds=time.perf_counter() - started,
        )

    def _assign_trend_themes(self, by_id: Mapping[str, CardSummary]) -> None:
        """A trend's radar sector: the theme most of its documents carry
        (synthesis counts them in `data["themes"]`, most frequent first)."""
        for trend in self.trends:
            themes = trend.data.get("themes")
            if isinstance(themes, dict) and themes:
                trend.theme = str(min(themes, key=lambda t: (-int(themes[t]), str(t))))
            else:
                counts = Counter(t for c in trend.card_ids if c in by_id for t in by_id[c].themes)
                trend.theme = min(counts, key=lambda t: (-counts[t], t)) if counts else "(no theme)"
            horizons = Counter(item["horizon"] for item in trend.items if item["horizon"])
            trend.horizon = min(horizons, key=lambda h: (-horizons[h], h)) if horizons else ""
            trend.items.sort(key=lambda item: (item["card"].sort_key, item["name"]))

    def _previous_manifest(self) -> list[str]:
        path = self.out / MANIFEST
        if not path.exists():
            return []
        try:
            files = json.loads(path.read_text(encoding="utf-8")).get("files", [])
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable site manifest %s: %s", path, exc)
            return []
        return [f for f in files if isinstance(f, str)]

    def _finish(self, previous: Sequence[str]) -> None:
        """Remove pages an earlier build wrote that this one did not (only those:
        files the manifest does not list are never touched)."""
        current = set(self.written)
        root = self.out.resolve()
        for rel in previous:
            if rel in current:
                continue
            path = (self.out / rel).resolve()
            if root not in path.parents:
                continue  # a tampered manifest must not delete outside the site
            try:
                path.unlink()
            except FileNotFoundError:
                continue
        for folder in sorted(
            {os.path.dirname(rel) for rel in previous if os.path.dirname(rel)}, reverse=True
        ):
            with_path = self.out / folder
            if with_path.is_dir() and not any(with_path.iterdir()):
                with_path.rmdir()
        self._write_text(MANIFEST, json.dumps({"files": sorted(current)}, indent=0))


def build_site(
    store: Store,
    out: Path,
    *,
    title: str = "workradar",
    base_url: str | None = None,
    synthesis: SynthesisSettings | None = None,
    embedder: Embedder | None = None,
) -> BuildReport:
    """Build the static site for every card in `store` into `out`.

    `synthesis`: the settings reviews are computed with (defaults otherwise);
    `embedder`: needed for topic pages, which are made only when trends exist.
    """
    return SiteBuilder(
        store, out, title=title, base_url=base_url, synthesis=synthesis, embedder=embedder
    ).build()
