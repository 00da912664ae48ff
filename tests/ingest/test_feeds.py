from __future__ import annotations

from datetime import date

from tests.ingest.loopback import LoopbackServer, Reply
from tests.ingest.pages import ARTICLE_PARAGRAPHS, article_page
from workradar.ingest.feeds import looks_like_feed, parse_feed
from workradar.ingest.fetch import Fetcher
from workradar.ingest.results import IngestFailure
from workradar.ingest.sources import iter_documents
from workradar.models import Document

STORY = [
    "Dockworkers in Rotterdam negotiated a clause that requires consultation before new automated "
    "cranes are introduced, and a fund for retraining crane operators.",
    "The agreement runs until 2027 and covers about four thousand employees at the container terminals.",
]
SUMMARY_ONLY = (
    "Bank branches close as customers move online, and tellers are retrained as advisers for "
    "small businesses, according to the sector's employers' association."
)


def rss(base: str) -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Work Futures Digest</title><link>{base}/</link>
<item><title>Port deal on automation</title><link>{base}/feed/story</link>
<pubDate>Tue, 04 Mar 2025 08:00:00 GMT</pubDate><author>desk@example.org (News Desk)</author></item>
<item><title>Tellers become advisers</title><link>{base}/feed/gone</link>
<description>&lt;p&gt;{SUMMARY_ONLY}&lt;/p&gt;</description><pubDate>Wed, 05 Mar 2025 08:00:00 GMT</pubDate></item>
<item><title>Entry without a link</title><description>Nothing to fetch.</description></item>
<item><title>Script link</title><link>javascript:alert(1)</link></item>
</channel></rss>""".encode()


def atom(base: str) -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Labour Lab Atom</title><id>urn:x</id>
<updated>2025-03-01T00:00:00Z</updated>
<entry><title>Warehouse robots</title><link href="{base}/feed/warehouse"/><id>urn:1</id>
<updated>2025-03-01T00:00:00Z</updated></entry>
<entry><title>Broken</title><id>urn:2</id><link href="not a url"/><updated>2025-03-02T00:00:00Z</updated></entry>
</feed>""".encode()


def test_parse_feed_entries_and_problems() -> None:
    feed = parse_feed(rss("http://news.example"), "http://news.example/rss")
    assert feed.title == "Work Futures Digest"
    assert [e.title for e in feed.entries] == [
        "Port deal on automation",
        "Tellers become advisers",
        "Entry without a link",
        "Script link",
    ]
    assert feed.entries[0].published == date(2025, 3, 4)
    assert [e.problem() for e in feed.entries] == [
        None,
        None,
        "feed entry 3 ('Entry without a link') has no link",
        "feed entry 4 ('Script link') has an invalid link 'javascript:alert(1)'",
    ]
    assert SUMMARY_ONLY in feed.entries[1].content


def test_looks_like_feed() -> None:
    assert looks_like_feed(b"", "application/rss+xml")
    assert looks_like_feed(b'<?xml version="1.0"?>\n<feed xmlns="...">', "application/xml")
    assert looks_like_feed(b"<rss version='2.0'>", "")
    assert not looks_like_feed(b"<!DOCTYPE html><html><body>rss</body></html>", "text/html")
    assert not looks_like_feed(b"<?xml version='1.0'?><svg/>", "text/xml")


def test_rss_feed_documents_fallback_and_failures(server: LoopbackServer, fetcher: Fetcher) -> None:
    base = server.url("")
    server.page("/feed/story", article_page("Port deal on automation", STORY))
    server.add("/feed/gone", Reply(status=410))
    feed_url = server.page("/feed/rss.xml", rss(base), content_type="application/rss+xml")
    results = list(iter_documents([feed_url], fetcher=fetcher))
    assert len(results) == 4
    story, fallback, no_link, bad_link = results
    assert isinstance(story, Document)
    assert story.title == "Port deal on automation"
    assert story.text == "\n\n".join(STORY)
    assert story.collection == "Work Futures Digest"
    assert story.published == date(2025, 3, 4)
    assert story.source == f"{base}/feed/story"
    assert story.format == "html"
    assert story.meta["feed"] == feed_url
    assert isinstance(fallback, Document)
    assert fallback.format == "feed-entry"
    assert fallback.text == SUMMARY_ONLY
    assert fallback.meta["fallback"] == "feed-content"
    assert fallback.meta["fetch_error"].startswith("HTTP 410")
    assert no_link == IngestFailure(
        source=f"{feed_url}#entry-3",
        error="feed entry 3 ('Entry without a link') has no link",
        collection="Work Futures Digest",
    )
    assert isinstance(bad_link, IngestFailure)
    assert "invalid link 'javascript:alert(1)'" in bad_link.error


def test_atom_feed_with_broken_entry_and_collection_override(
    server: LoopbackServer, fetcher: Fetcher
) -> None:
    base = server.url("")
    server.page("/feed/warehouse", article_page("Warehouse robots", ARTICLE_PARAGRAPHS))
    # Served as generic XML: detected as a feed by sniffing the document.
    feed_url = server.page("/feed/atom", atom(base), content_type="application/xml")
    results = list(iter_documents([feed_url], fetcher=fetcher))
    assert [type(r).__name__ for r in results] == ["Document", "IngestFailure"]
    assert results[0].collection == "Labour Lab Atom"
    assert isinstance(results[1], IngestFailure) and results[1].error.startswith(
        "feed entry 2 ('Broken') has an invalid link"
    )
    overridden = list(iter_documents([feed_url], fetcher=fetcher, collection="batch-7"))
    assert {r.collection for r in overridden} == {"batch-7"}
