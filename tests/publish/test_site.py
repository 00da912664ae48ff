"""The built static site, checked file by file: every page type exists, every
link resolves (fragments included), nothing loads from another host, hostile
text stays text, and rebuilding is deterministic and tidy."""

from __future__ import annotations

import json
import re
from pathlib import Path

import plotly.graph_objects as go
import pytest

from tests.publish.publish_corpus import HOSTILE_TITLE, PWN, XSS_KEYWORD, documents_and_cards, make_store
from tests.publish.sitecheck import is_external, pages, parse, resolve
from workradar.publish.highlight import evidence_anchor
from workradar.publish.safe import file_stem
from workradar.publish.searchindex import decode_postings
from workradar.publish.site import MANIFEST, BuildReport, build_site
from workradar.store import Store
from workradar.synthesize import load_corpus


def _js_global(path: Path, name: str) -> dict:
    text = path.read_text(encoding="utf-8")
    prefix = f"window.{name} = "
    assert text.startswith(prefix) and text.endswith(";\n")
    return json.loads(text[len(prefix) : -2])


def test_every_page_type_is_built(site: Path, built: tuple[BuildReport, Store]) -> None:
    report, store = built
    cards = list(store.iter_cards())
    assert report.cards == len(cards) == 5
    assert report.trends == 2
    for card in cards:
        stem = file_stem(card.id)
        assert (site / "cards" / f"{stem}.html").is_file()
        assert (site / "sources" / f"{stem}.html").is_file()
    for rel in (
        "index.html",
        "themes/index.html",
        "keywords/index.html",
        "trends/index.html",
        "topics/index.html",
        "occupations/index.html",
        "reviews/index.html",
        "radar.html",
        "timelines.html",
        "assets/plotly.min.js",
        "assets/site.css",
        "assets/site.js",
        "assets/search.js",
        "assets/cards-data.js",
        "assets/search-index.js",
    ):
        assert (site / rel).is_file(), rel
    assert len(list((site / "themes").glob("*.html"))) == 1 + len({t for c in cards for t in c.themes})
    keywords = {k.casefold() for c in cards for k in c.keywords}
    assert len(list((site / "keywords").glob("*.html"))) == 1 + len(keywords)
    assert len(list((site / "trends").glob("*.html"))) == 1 + 2
    # Reviews: every year and quarter with a card (2024Q4, 2025Q1, Q2, Q3 and the two years).
    reviews = {p.stem for p in (site / "reviews").glob("*.html")}
    assert {"2024", "2025", "2024q4", "2025q1", "2025q2", "2025q3", "index"} <= reviews
    # The occupation lens: major and sub-major groups of every valid ISCO code on the cards.
    occupations = {p.stem for p in (site / "occupations").glob("*.html")}
    assert {
        "isco-2",
        "isco-25",
        "isco-23",
        "isco-9",
        "isco-93",
        "isco-96",
        "isco-4",
        "isco-42",
    } <= occupations


def test_all_links_and_fragments_resolve(site: Path) -> None:
    broken: list[str] = []
    ids: dict[Path, set[str]] = {}
    parsed = {p.resolve(): parse(p) for p in pages(site)}
    for path, page in parsed.items():
        ids[path] = page.ids
    checked = 0
    for path, page in parsed.items():
        for href in page.links + [url for tag, attr, url in page.resources if attr in ("src", "href")]:
            if is_external(href):
                continue
            target, fragment = resolve(path, href)
            checked += 1
            if not target.is_file():
                broken.append(f"{path.relative_to(site.resolve())}: {href}")
            elif fragment and target.suffix == ".html" and fragment not in ids[target]:
                broken.append(f"{path.relative_to(site.resolve())}: {href} (no id {fragment!r})")
            assert site.resolve() in target.parents, f"{href} leaves the site"
    assert not broken, "\n".join(broken[:20])
    assert checked > 200


def test_no_resource_from_another_host(site: Path) -> None:
    for path in pages(site):
        page = parse(path)
        external = [r for r in page.resources if is_external(r[2]) or r[2].startswith("//")]
        assert not external, f"{path}: {external}"
        # Only the site's own scripts, and inline JSON data blocks.
        for attrs in page.scripts:
            if "src" in attrs:
                assert attrs["src"].split("/")[-1] in {
                    "plotly.min.js", "site.js", "search.js", "cards-data.js", "search-index.js"
                }  # fmt: skip
            else:
                assert attrs.get("type") == "application/json", path
    for asset in (site / "assets").glob("*"):
        if asset.name in ("plotly.min.js",):
            continue
        text = asset.read_text(encoding="utf-8").replace('xmlns="http://www.w3.org/2000/svg"', "")
        assert not re.search(r"https?://", text), f"{asset.name} names a URL"
    css = (site / "assets" / "site.css").read_text(encoding="utf-8")
    assert "url(" not in css and "@import" not in css


def test_external_links_only_http_and_marked(site: Path, built: tuple[BuildReport, Store]) -> None:
    external = []
    for path in pages(site):
        for href in parse(path).links:
            if is_external(href):
                external.append(href)
                assert href.startswith(("http://", "https://")), href
    # The card with the javascript: URL has no external link at all.
    _, store = built
    hostile = next(c for c in store.iter_cards() if c.title == HOSTILE_TITLE)
    card_page = (site / "cards" / f"{file_stem(hostile.id)}.html").read_text(encoding="utf-8")
    assert "javascript:" not in card_page.replace(f"javascript:{PWN}", "")  # never as an href
    assert 'href="javascript' not in card_page
    assert "External link" not in card_page
    assert "https://news.example.org/junior-devs" in external


def test_hostile_text_is_escaped_everywhere(site: Path) -> None:
    for path in pages(site):
        page = parse(path)
        assert not page.event_handlers, f"{path}: {page.event_handlers}"
        raw = path.read_text(encoding="utf-8")
        assert "<script>window.__pwned" not in raw
        assert "<img src=x" not in raw
        assert "<svg onload" not in raw
        for text in page.script_texts:
            assert "</script" not in text.lower() and "<" not in text, path
    # The planted title is shown as text.
    index = parse(site / "index.html")
    assert HOSTILE_TITLE in index.text
    for name in ("cards-data.js", "search-index.js"):
        text = (site / "assets" / name).read_text(encoding="utf-8")
        assert "<" not in text and ">" not in text
    data = _js_global(site / "assets" / "cards-data.js", "WR_CARDS")
    assert HOSTILE_TITLE in {row[1] for row in data["cards"]}  # JSON escapes decode to the same text


def test_card_page_has_the_inspiring_sections_and_evidence_links(
    site: Path, built: tuple[BuildReport, Store]
) -> None:
    _, store = built
    card = next(c for c in store.iter_cards() if c.title.startswith("Junior developers"))
    path = site / "cards" / f"{file_stem(card.id)}.html"
    page = parse(path)
    assert page.h1 and page.h1[0].startswith("Junior developers face a shrinking job market")
    assert "(from page 20250210a)" in page.text
    for heading in (
        "Keywords", "Themes", "Other", "Summary", "Signals", "Concerns", "Behaviors", "Technologies",
        "Issues", "Claims", "Occupations", "Policies", "Organisations", "Evidence",
    ):  # fmt: skip
        assert f">{heading}</h2>" in path.read_text(encoding="utf-8"), heading
    for column in ("change", "10-year", "driving-force", "relevancy"):
        assert f">{column}</th>" in path.read_text(encoding="utf-8")
    source = site / "sources" / f"{file_stem(card.id)}.html"
    source_ids = parse(source).ids
    evidence_links = [h for h in page.links if "sources/" in h and "#ev-" in h]
    # Every evidence quote on the card is linked to its own highlighted span.
    expected = {evidence_anchor(e.start, e.end) for _, e in card.all_evidence()}
    assert {h.split("#")[1] for h in evidence_links} == expected
    assert expected <= source_ids
    document = store.get_document(card.id)
    assert document is not None
    raw = source.read_text(encoding="utf-8")
    for _, e in card.all_evidence():
        # The mark opens exactly at the quote's start in the rendered text.
        after = raw.split(f'id="{evidence_anchor(e.start, e.end)}"', 1)[1]
        assert re.sub(r"<[^>]+>", "", after.split(">", 1)[1]).startswith(e.quote[:20])


def test_ungrounded_evidence_is_shown_but_not_linked(site: Path, built: tuple[BuildReport, Store]) -> None:
    _, store = built
    card = next(c for c in store.iter_cards() if c.title == HOSTILE_TITLE)
    path = site / "cards" / f"{file_stem(card.id)}.html"
    text = path.read_text(encoding="utf-8")
    assert "this sentence is not in the text" in text
    assert "#ev-0-10" not in text
    assert "could not be found in the stored source text" in text


def test_index_data_and_search_index_match_the_cards(site: Path) -> None:
    data = _js_global(site / "assets" / "cards-data.js", "WR_CARDS")
    index = _js_global(site / "assets" / "search-index.js", "WR_SEARCH")
    rows = data["cards"]
    assert len(rows) == index["n"] == 5
    ranks = sorted(r[10] for r in rows)
    assert ranks == list(range(5))
    newest = min(rows, key=lambda r: r[10])
    assert newest[2] == "2025-08-24"
    # "mentoring" only occurs on the junior developers card.
    term = index["terms"].index("mentoring")
    docs = [d for d, _ in decode_postings(index["postings"][term])]
    assert [rows[d][1] for d in docs] == ["Junior developers face a shrinking job market"]
    # Filters are server-rendered with labels; the index shows cards without JavaScript too.
    page = parse(site / "index.html")
    assert not page.unlabelled_controls
    assert page.text.count("Junior developers face a shrinking job market") == 1


def test_accessibility_basics_on_every_page(site: Path) -> None:
    for path in pages(site):
        page = parse(path)
        assert len(page.h1) >= 1, path
        assert {"main", "nav", "header", "footer"} <= page.landmarks, path
        assert not page.unlabelled_controls, f"{path}: {page.unlabelled_controls}"
        raw = path.read_text(encoding="utf-8")
        assert '<html lang="en">' in raw and 'name="viewport"' in raw
    for name in ("radar.html", "timelines.html"):
        raw = (site / name).read_text(encoding="utf-8")
        charts = re.findall(r'<div class="chart"[^>]*>', raw)
        assert charts and all('role="img"' in c and "aria-label=" in c for c in charts)
        assert raw.count("<details>") == len(charts)  # a data table behind every chart


def test_chart_specs_are_valid_plotly_figures(site: Path) -> None:
    found = 0
    for name in ("radar.html", "timelines.html"):
        raw = (site / name).read_text(encoding="utf-8")
        for block in re.findall(r'<script type="application/json" id="[^"]+">(.*?)</script>', raw, re.S):
            spec = json.loads(block)
            go.Figure(spec)  # raises on any invalid property
            found += 1
    assert found >= 2 + 5  # two radars; trends, themes, claims, languages, sources timelines
    radar = (site / "radar.html").read_text(encoding="utf-8")
    assert "trends/" in radar  # points link to trend pages (customdata)


def test_trend_and_occupation_pages_link_back_to_cards(site: Path, built: tuple[BuildReport, Store]) -> None:
    _, store = built
    junior = next(c for c in store.iter_cards() if c.title.startswith("Junior developers"))
    trend_pages = [p for p in (site / "trends").glob("*.html") if p.name != "index.html"]
    texts = {p: p.read_text(encoding="utf-8") for p in trend_pages}
    automation = next(p for p, t in texts.items() if "automation of entry work" in t)
    assert f"cards/{file_stem(junior.id)}.html" in texts[automation]
    assert "emerging" in texts[automation]
    assert "job displacement &amp; layoffs" in texts[automation]  # the sector/theme from synthesis data
    software = (site / "occupations" / "isco-25.html").read_text(encoding="utf-8")
    assert f"cards/{file_stem(junior.id)}.html" in software
    assert "displaced" in software


def test_rebuild_is_deterministic_and_removes_stale_pages(tmp_path: Path) -> None:
    store = make_store(tmp_path / "w.db")
    try:
        out = tmp_path / "site"
        build_site(store, out)
        first = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
        (out / "notes.txt").write_text("mine", encoding="utf-8")  # not the site's: never touched
        build_site(store, out)
        second = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
        assert second.pop(Path("notes.txt")) == b"mine"
        assert first == second
        # A card that disappears takes its pages with it on the next build.
        gone = next(c for c in store.iter_cards() if c.title.startswith("Call centres"))
        with store.engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM cards WHERE document_id = ?", (gone.id,))
        build_site(store, out)
        assert not (out / "cards" / f"{file_stem(gone.id)}.html").exists()
        assert not (out / "keywords" / "call-centres.html").exists()
        assert (out / "notes.txt").exists()
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        assert f"cards/{file_stem(gone.id)}.html" not in manifest["files"]
    finally:
        store.close()


def test_empty_store_builds_an_empty_site(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'w.db'}") as store:
        report = build_site(store, tmp_path / "site")
    assert report.cards == 0
    index = parse(tmp_path / "site" / "index.html")
    assert "0 cards" in index.text
    assert "No trends or signals" in (tmp_path / "site" / "radar.html").read_text(encoding="utf-8")


def test_in_pass_corpus_equals_load_corpus(corpus_store: Store, tmp_path: Path) -> None:
    from workradar.publish.site import SiteBuilder

    builder = SiteBuilder(corpus_store, tmp_path / "site")
    builder.build()
    reference = load_corpus(corpus_store)
    assert builder.corpus.cards == reference.cards
    assert builder.corpus.items == reference.items


def test_base_url_adds_canonical_links_only(tmp_path: Path, corpus_store: Store) -> None:
    build_site(corpus_store, tmp_path / "site", base_url="https://radar.example.org/site")
    raw = (tmp_path / "site" / "themes" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://radar.example.org/site/themes/index.html">' in raw
    build_site(corpus_store, tmp_path / "bad", base_url="javascript:alert(1)")
    assert "canonical" not in (tmp_path / "bad" / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_real_synthesis_trends_topics_and_reviews(tmp_path: Path) -> None:
    """Trends made by the synthesize package itself (real embedder), then the site."""
    from workradar.analyze.text.embedders import default_embedder
    from workradar.config import SynthesisSettings
    from workradar.synthesize import synthesize

    store = make_store(tmp_path / "w.db", trends=False)
    try:
        # Two more documents whose signals echo the junior-developer one, so a trend forms.
        from tests.publish.publish_corpus import ANALYZER, ev
        from workradar.models import Card, Document, Signal

        for i, (title, sentence) in enumerate(
            [
                (
                    "Fewer junior coders hired",
                    "Firms hire fewer junior software developers because AI writes code.",
                ),
                (
                    "Graduates miss coding jobs",
                    "Fewer entry-level programming jobs as AI coding tools spread.",
                ),
            ]
        ):
            doc = Document.from_text(
                sentence,
                source=f"https://site{i}.example.com/a",
                url=f"https://site{i}.example.com/a",
                title=title,
            )
            doc = doc.model_copy(update={"published": documents_and_cards()[0][0].published})
            store.save_document(doc, status="pending", run_id=None)
            store.save_card(
                Card.for_document(
                    doc,
                    ANALYZER,
                    themes=["entry-level & junior roles"],
                    signals=[
                        Signal(
                            name="Shrinking entry-level hiring",
                            description=sentence,
                            relevancy=4,
                            evidence=[ev(sentence, sentence)],
                        )
                    ],
                ),
                run_id=None,
            )
        embedder = default_embedder()
        synthesize(store, SynthesisSettings(), embedder)
        assert store.trends(), "the planted echo should form a trend"
        report = build_site(store, tmp_path / "site", embedder=embedder)
        assert report.trends == len(store.trends())
        topics = [p for p in (tmp_path / "site" / "topics").glob("*.html") if p.name != "index.html"]
        assert topics
        assert any("Shrinking entry-level hiring" in p.read_text(encoding="utf-8") for p in topics)
        review = (tmp_path / "site" / "reviews" / "2025q1.html").read_text(encoding="utf-8")
        assert "New trends" in review or "Continuing trends" in review
        for path in pages(tmp_path / "site"):
            for href in parse(path).links:
                if not is_external(href):
                    target, _ = resolve(path.resolve(), href)
                    assert target.is_file(), f"{path}: {href}"
    finally:
        store.close()


def test_keyword_with_markup_gets_a_safe_page(site: Path) -> None:
    index = parse(site / "keywords" / "index.html")
    assert XSS_KEYWORD in index.text
    hrefs = [
        h for h in index.links if "/" not in h and h.endswith(".html")
    ]  # the keyword pages (nav links go up a level)
    assert len(hrefs) == len({k.casefold() for _, c in documents_and_cards() for k in c.keywords}) == 11
    assert all(re.fullmatch(r"[a-z0-9-]+\.html", h) for h in hrefs), hrefs
