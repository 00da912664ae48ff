"""The site build: state shared by the page families, page rendering, the
build order, and the manifest that lets a rebuild remove pages it no longer
writes."""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from workradar.analyze.text.embedders import Embedder
from workradar.config import SynthesisSettings
from workradar.publish.safe import SlugRegistry, safe_url, script_json
from workradar.publish.searchindex import IndexBuilder
from workradar.publish.site.cards import card_pages
from workradar.publish.site.index import data_files, index_page
from workradar.publish.site.occupations import occupation_pages
from workradar.publish.site.radar import SignalPoint, radar_page
from workradar.publish.site.reviews import review_pages
from workradar.publish.site.terms import keyword_pages, theme_pages
from workradar.publish.site.timelines import timelines_page
from workradar.publish.site.topics import topic_pages
from workradar.publish.site.trends import SiteTrends, trend_pages
from workradar.publish.sitedata import CardSummary
from workradar.store import Store
from workradar.synthesize import Corpus
from workradar.synthesize.engine import item_order
from workradar.synthesize.items import ITEM_KINDS

log = logging.getLogger(__name__)

MANIFEST = ".workradar-site.json"
STATIC_FILES = ("site.css", "site.js", "search.js", "favicon.svg")
NAV = (
    ("index.html", "Cards"),
    ("themes/index.html", "Themes"),
    ("keywords/index.html", "Keywords"),
    ("trends/index.html", "Trends"),
    ("topics/index.html", "Topics"),
    ("occupations/index.html", "Occupations"),
    ("reviews/index.html", "Reviews"),
    ("radar.html", "Radar"),
    ("timelines.html", "Timelines"),
)


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
    env.filters["script_json"] = lambda value: Markup(script_json(value))
    env.filters["isodate"] = lambda value: value.isoformat() if value else ""
    return env


class SiteBuilder:
    """What the page families (`workradar.publish.site.*`) read and fill while
    the site is built, and the rendering of one page."""

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
        self.trends = SiteTrends()
        self.radar_signals: list[SignalPoint] = []  # heap of the most relevant

    @property
    def nav(self) -> list[tuple[str, str]]:
        return list(NAV)

    # -- output ------------------------------------------------------------

    def write_text(self, rel: str, text: str) -> None:
        path = self.out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.written.append(rel)

    def page(self, rel: str, template: str, **context: Any) -> None:
        """Render `template` to `rel` (a path below the site root, links relative to it)."""
        html = self.env.get_template(template).render(
            root="../" * rel.count("/"),
            site_title=self.title,
            canonical=(self.base_url + rel) if self.base_url else None,
            nav=self.nav,
            here=rel,
            trend_stems=self.trends.stems,
            **context,
        )
        self.write_text(rel, html)

    def _copy_static(self) -> None:
        static = resources.files("workradar").joinpath("static/site")
        for name in STATIC_FILES:
            self.write_text(f"assets/{name}", static.joinpath(name).read_text(encoding="utf-8"))
        plotly_js = resources.files("plotly").joinpath("package_data/plotly.min.js")
        target = self.out / "assets" / "plotly.min.js"
        with resources.as_file(plotly_js) as source:
            if not target.exists() or target.stat().st_size != source.stat().st_size:
                shutil.copyfile(source, target)
        self.written.append("assets/plotly.min.js")

    # -- the build -------------------------------------------------------------

    def build(self) -> BuildReport:
        started = time.perf_counter()
        self.out.mkdir(parents=True, exist_ok=True)
        previous = self._previous_manifest()
        self._copy_static()
        self.trends = SiteTrends.load(self.store)
        for card, when in self.store.iter_dated_cards():
            card_pages(self, card, when)
        for items in self.corpus.items.values():
            items.sort(key=item_order)
        by_id = {s.id: s for s in self.summaries}
        self.trends.finish(by_id)
        theme_pages(self)
        keyword_pages(self)
        trend_pages(self, by_id)
        topic_pages(self)
        occupation_pages(self)
        review_pages(self)
        radar_page(self)
        timelines_page(self, by_id)
        cards_bytes, index_bytes = data_files(self)
        index_page(self)
        self._finish(previous)
        return BuildReport(
            out=self.out,
            cards=len(self.summaries),
            pages=sum(1 for rel in self.written if rel.endswith(".html")),
            trends=len(self.trends.trends),
            search_index_bytes=index_bytes,
            cards_data_bytes=cards_bytes,
            seconds=time.perf_counter() - started,
        )

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
        self.write_text(MANIFEST, json.dumps({"files": sorted(current)}, indent=0))


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
