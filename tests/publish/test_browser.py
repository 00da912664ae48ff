"""The static site in real headless Chromium (Debian's /usr/bin/chromium,
driven by Playwright; Playwright's own browser download is never used).

Every page is opened both from disk (file://) and from a loopback static HTTP
server. For each, the tests record every request (only file:// and
127.0.0.1 are allowed), console errors, page errors and dialogs, and check
that the planted `window.__pwned = 1` never ran. Screenshots go to
test-artifacts/publish/ (gitignored).

Skips when Chromium or Playwright is missing; fails instead under CI=true.
"""

from __future__ import annotations

import functools
import re
import shutil
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import service_unavailable
from tests.publish.publish_corpus import HOSTILE_TITLE, make_store
from workradar.publish.safe import file_stem
from workradar.publish.site import build_site

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "publish"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _unavailable(reason: str) -> None:
    service_unavailable("Chromium with Playwright", f"{reason} (run scripts/ensure-chromium.sh)")


@pytest.fixture(scope="module")
def browser_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, str]]]:
    root = tmp_path_factory.mktemp("browser")
    store = make_store(root / "w.db")
    try:
        build_site(store, root / "site", title="Browser test radar")
        ids = {card.title: file_stem(card.id) for card in store.iter_cards()}
    finally:
        store.close()
    yield root / "site", ids


@pytest.fixture(scope="module")
def http_base(browser_site: tuple[Path, dict[str, str]]) -> Iterator[str]:
    site, _ = browser_site

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} not found")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        _unavailable(f"playwright is not installed ({exc})")
    profile = tempfile.mkdtemp(prefix="workradar-chromium-")
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": 1280, "height": 900},
        )
        try:
            yield context
        finally:
            context.close()
            shutil.rmtree(profile, ignore_errors=True)


@dataclass
class Watched:
    page: Any
    base: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def goto(self, rel: str) -> None:
        self.page.goto(self.base + rel)
        self.page.wait_for_load_state("load")

    def check_clean(self) -> None:
        assert self.page.evaluate("window.__pwned") is None, "planted script ran"
        assert not self.dialogs, self.dialogs
        assert not self.errors, self.errors
        allowed = ("file://",) if self.base.startswith("file:") else (self.base,)
        leaving = [u for u in self.requests if not u.startswith(allowed) and not u.startswith("data:")]
        assert not leaving, f"requests left the site: {leaving}"
        assert self.requests, "no request recorded"

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        mode = "file" if self.base.startswith("file:") else "http"
        self.page.screenshot(path=str(ARTIFACTS / f"{name}-{mode}.png"), full_page=False)


@pytest.fixture(params=["file", "http"])
def watched(
    request: pytest.FixtureRequest, browser: Any, browser_site: tuple[Path, dict[str, str]]
) -> Iterator[Watched]:
    site, _ = browser_site
    base = site.resolve().as_uri() + "/" if request.param == "file" else request.getfixturevalue("http_base")
    page = browser.new_page()
    w = Watched(page, base)
    page.on("request", lambda r: w.requests.append(r.url))
    page.on(
        "console", lambda m: w.errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None
    )
    page.on("pageerror", lambda e: w.errors.append(f"page error: {e}"))

    def on_dialog(dialog: Any) -> None:
        w.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    try:
        yield w
        w.check_clean()
    finally:
        page.close()


def _titles(w: Watched) -> list[str]:
    return w.page.locator("#results ol.cards > li h3 a").all_inner_texts()


def test_index_filters_and_search(watched: Watched) -> None:
    w = watched
    w.goto("index.html")
    page = w.page
    assert len(_titles(w)) == 5
    assert _titles(w)[0] == HOSTILE_TITLE  # newest first, shown as text
    page.select_option("#f-theme", "entry-level & junior roles")
    assert _titles(w) == ["Junior developers face a shrinking job market"]
    page.select_option("#f-theme", "")
    page.select_option("#f-language", "nl")
    assert _titles(w) == ["Leraren en AI: minder werk?"]
    page.select_option("#f-language", "")
    page.select_option("#f-period", "2025")
    assert len(_titles(w)) == 4
    page.select_option("#f-period", "2024Q4")
    assert _titles(w) == ["Platform work directive adopted"]
    page.select_option("#f-period", "")
    page.select_option("#f-type", "policy")
    assert _titles(w) == ["Platform work directive adopted"]
    page.select_option("#f-type", "")
    page.select_option("#f-collection", "20250503b")
    assert _titles(w) == ["Leraren en AI: minder werk?"]
    page.select_option("#f-collection", "")
    # Search: a word beginning finds "mentoring" (only on the junior card); words are ANDed.
    page.fill("#q", "mentor")
    assert _titles(w) == ["Junior developers face a shrinking job market"]
    page.fill("#q", "chatbots")
    assert sorted(_titles(w)) == ["Call centres after chatbots", "Leraren en AI: minder werk?"]
    page.fill("#q", "chatbots leraren")
    assert _titles(w) == ["Leraren en AI: minder werk?"]
    page.fill("#q", "éntry-LEVEL")  # accents and case folded like the index
    assert "Junior developers face a shrinking job market" in _titles(w)
    page.fill("#q", "zzzqqq")
    assert _titles(w) == []
    assert page.inner_text("#result-count") == "No cards match."
    page.fill("#q", "platform")
    page.select_option("#f-language", "fr")
    assert _titles(w) == ["Platform work directive adopted"]
    w.shot("index-filtered")
    page.click("#f-reset")
    page.wait_for_function("document.querySelectorAll('#results ol.cards > li').length === 5")


def test_query_in_the_url_prefills_the_search(watched: Watched) -> None:
    w = watched
    w.goto("index.html?q=robots&type=report")
    assert w.page.input_value("#q") == "robots"
    assert _titles(w) == [HOSTILE_TITLE]
    # The header search form on other pages lands here.
    w.goto("themes/index.html")
    w.page.fill("#quick-q", "leraren")
    w.page.press("#quick-q", "Enter")
    w.page.wait_for_url(re.compile(r"index\.html\?q=leraren"))
    w.page.wait_for_function("document.querySelectorAll('#results ol.cards > li').length === 1")
    assert _titles(w) == ["Leraren en AI: minder werk?"]


def test_card_evidence_link_targets_the_highlighted_quote(
    watched: Watched, browser_site: tuple[Path, dict[str, str]]
) -> None:
    w = watched
    w.goto("index.html")
    w.page.click("text=Junior developers face a shrinking job market")
    w.page.wait_for_url(re.compile(r"cards/.+\.html$"))
    assert w.page.locator("h1").inner_text().startswith("Junior developers face a shrinking job market")
    w.shot("card")
    link = w.page.locator("table.signals a.ev").first
    quote = link.get_attribute("title")
    link.click()
    w.page.wait_for_url(re.compile(r"sources/.+\.html#ev-\d+-\d+$"))
    target = w.page.evaluate(
        """() => {
            const t = document.querySelector(':target');
            if (!t) return null;
            const r = t.getBoundingClientRect();
            return {tag: t.tagName, id: t.id, text: t.textContent, top: r.top, bottom: r.bottom,
                    height: innerHeight, focused: document.activeElement === t,
                    bg: getComputedStyle(t).backgroundColor};
        }"""
    )
    assert target is not None and target["tag"] == "MARK"
    assert w.page.url.endswith("#" + target["id"])
    assert target["text"] == quote
    assert target["top"] >= 0 and target["bottom"] <= target["height"]  # scrolled into view
    assert target["focused"]
    assert target["bg"] not in ("rgba(0, 0, 0, 0)", "transparent")
    w.shot("evidence")


def test_radar_renders_and_points_open_trends(watched: Watched) -> None:
    w = watched
    w.goto("radar.html")
    w.page.wait_for_selector("#radar-trends[data-rendered=true] svg.main-svg")
    w.page.wait_for_selector("#radar-signals[data-rendered=true] svg.main-svg")
    points = w.page.locator("#radar-trends .scatterlayer .point")
    assert points.count() == 2
    w.shot("radar")
    box = points.first.bounding_box()
    assert box is not None
    w.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    w.page.wait_for_selector("#radar-trends .hoverlayer .hovertext")
    hover = w.page.locator("#radar-trends .hoverlayer").text_content() or ""
    assert "source(s)" in hover
    w.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    w.page.wait_for_url(re.compile(r"trends/.+\.html$"))
    assert (w.page.locator("p.kicker").first.text_content() or "").startswith("Trend")


def test_timelines_render(watched: Watched) -> None:
    w = watched
    w.goto("timelines.html")
    charts = w.page.locator(".chart")
    assert charts.count() == 5
    w.page.wait_for_function(
        "Array.from(document.querySelectorAll('.chart')).every(c => c.dataset.rendered === 'true' && c.querySelector('svg.main-svg'))"
    )
    assert w.page.locator("#timeline-claims .barlayer .point").count() >= 2
    w.shot("timelines")


def test_hostile_pages_stay_inert(watched: Watched, browser_site: tuple[Path, dict[str, str]]) -> None:
    _, ids = browser_site
    w = watched
    stem = ids[HOSTILE_TITLE]
    for rel in (f"cards/{stem}.html", f"sources/{stem}.html", "keywords/index.html", "trends/index.html"):
        w.goto(rel)
        assert w.page.evaluate("window.__pwned") is None, rel
    w.goto(f"cards/{stem}.html")
    assert HOSTILE_TITLE in w.page.locator("h1").inner_text()
    assert w.page.locator("a.external").count() == 0  # the javascript: URL is no link
    w.goto("radar.html")
    w.page.wait_for_selector("#radar-trends[data-rendered=true] svg.main-svg")
    # The hostile trend label is drawn as text in the radar's table and hover, never as markup.
    assert w.page.locator("#radar-trends image, #radar-trends foreignObject").count() == 0


def test_phone_layout_and_keyboard(watched: Watched) -> None:
    w = watched
    w.page.set_viewport_size({"width": 375, "height": 740})
    for rel in ("index.html", "radar.html"):
        w.goto(rel)
        overflow = w.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{rel} scrolls sideways by {overflow}px on a phone"
    w.goto("index.html")
    w.shot("index-phone")
    w.page.keyboard.press("Tab")
    assert w.page.evaluate("document.activeElement.className") == "skip"
    w.page.keyboard.press("Enter")
    assert w.page.evaluate("location.hash") == "#main"
    # Keyboard alone reaches a filter and changes it.
    w.page.focus("#f-type")
    w.page.keyboard.press("ArrowDown")
    w.page.wait_for_function("document.getElementById('f-type').value !== ''")
    assert len(_titles(w)) == 1
