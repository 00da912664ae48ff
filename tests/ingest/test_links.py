from __future__ import annotations

from tests.ingest.loopback import LoopbackServer
from tests.ingest.pages import ARTICLE_PARAGRAPHS, article_page
from workradar.ingest.fetch import Fetcher
from workradar.ingest.links import extract_links, page_name
from workradar.ingest.results import IngestFailure
from workradar.ingest.sources import iter_documents
from workradar.models import Document

NEWSLETTER = """<!DOCTYPE html><html><head><title>Daily AI &amp; Work links, 24 August</title></head><body>
<header><nav><a href="/">Home</a> <a href="/pages/20250823d.html">Previous issue</a></nav></header>
<div class="share-bar"><a href="https://twitter.com/intent/tweet?url=x">Tweet</a></div>
<main>
  <p><a href="#top">Back to top</a></p>
  <h2>Today</h2>
  <ul>
    <li><a href="https://news.example/robots?utm_source=newsletter&amp;utm_medium=email">Robots and pickers</a></li>
    <li><a href="https://news.example/robots">Same story, clean link</a></li>
    <li><a href="/local/story.html">A story on this site</a></li>
    <li><a href="https://blog.example/wages/#comments">Wages and AI</a></li>
    <li><a href="mailto:editor@example.org">Write to us</a></li>
    <li><a href="javascript:void(0)">Open menu</a></li>
    <li><a href="https://www.linkedin.com/shareArticle?url=x">Share</a></li>
    <li><a href="https://lists.example/unsubscribe?id=1">Unsubscribe</a></li>
    <li><a href="https://cdn.example/chart.png">Chart</a></li>
  </ul>
</main>
<footer><a href="https://publisher.example/about">About</a> <a href="https://facebook.com/publisher">Facebook</a></footer>
</body></html>"""


def test_extract_links_prefers_main_content_and_filters() -> None:
    page = extract_links(NEWSLETTER, "https://x.org/pages/20250824d.html")
    assert page.links == [
        "https://news.example/robots?utm_source=newsletter&utm_medium=email",
        "https://x.org/local/story.html",
        "https://blog.example/wages/#comments",
    ]
    assert page.name == "20250824d"
    assert page.title == "Daily AI & Work links, 24 August"


def test_extract_links_falls_back_to_whole_page() -> None:
    html = (
        '<html><body><div><a href="https://a.example/one">One</a> <a href="/two">Two</a></div></body></html>'
    )
    assert extract_links(html, "https://x.org/list").links == ["https://a.example/one", "https://x.org/two"]


def test_page_name() -> None:
    assert page_name("https://x.org/pages/20250824d.html") == "20250824d"
    assert page_name("https://x.org/issues/42/", "Issue 42") == "42"
    assert page_name("https://x.org/", "Weekly links") == "Weekly links"
    assert page_name("https://x.org/index.html", "Front") == "Front"


def test_link_page_documents_record_collection(server: LoopbackServer, fetcher: Fetcher) -> None:
    server.page("/lp/a.html", article_page("Robots in the warehouse", ARTICLE_PARAGRAPHS[:2]))
    server.page("/lp/b.html", article_page("Training lags behind", ARTICLE_PARAGRAPHS[2:]))
    html = f"""<html><head><title>Links</title></head><body><nav><a href="/lp/nav.html">Nav</a></nav>
    <article><a href="{server.url("/lp/a.html")}?utm_campaign=x">A</a> <a href="/lp/b.html">B</a>
    <a href="/lp/missing.html">C</a> <a href="/lp/a.html#part">A again</a></article></body></html>"""
    page_url = server.page("/pages/20250824d.html", html)
    results = list(iter_documents([page_url], fetcher=fetcher, links=True))
    assert [type(r).__name__ for r in results] == ["Document", "Document", "IngestFailure"]
    assert {r.collection for r in results} == {"20250824d"}
    first = results[0]
    assert isinstance(first, Document)
    assert first.url == server.url("/lp/a.html")  # canonical: tracking parameter dropped
    assert first.meta["link_page"] == page_url
    assert isinstance(results[2], IngestFailure) and results[2].error.startswith("HTTP 404")
    assert server.hits["/lp/nav.html"] == 0
