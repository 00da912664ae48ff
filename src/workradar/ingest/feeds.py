"""RSS and Atom feeds via feedparser.

Parsing only: `sources.iter_documents` fetches each entry's link and falls
back to the entry's own content when fetching fails.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from workradar.ingest.results import IngestError

FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+xml"}
)
_XML_TYPES = frozenset({"application/xml", "text/xml"})
_FEED_ROOTS = (b"<rss", b"<feed", b"<rdf:rdf")


@dataclass
class FeedEntry:
    index: int  # 1-based position in the feed, for messages
    link: str | None
    title: str = ""
    author: str | None = None
    published: date | None = None
    content: str = ""  # HTML or text the feed itself carries (content, else summary)
    entry_id: str | None = None

    @property
    def label(self) -> str:
        return f"entry {self.index}" + (f" ({self.title[:60]!r})" if self.title else "")

    def problem(self) -> str | None:
        """Why this entry cannot be fetched, or None."""
        if not self.link:
            return f"feed {self.label} has no link"
        parts = urlsplit(self.link)
        # feedparser resolves relative links against the feed URL, so "not a url"
        # arrives as ".../not a url": raw whitespace marks it as broken.
        if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in self.link):
            return f"feed {self.label} has an invalid link {self.link!r}"
        return None


@dataclass
class ParsedFeed:
    title: str
    link: str | None
    entries: list[FeedEntry] = field(default_factory=list)
    warning: str | None = None  # feedparser's complaint about malformed XML, if any


def looks_like_feed(data: bytes, content_type: str) -> bool:
    """A feed by its media type, or an XML document whose root is rss/feed/rdf."""
    if content_type in FEED_TYPES:
        return True
    if content_type in _XML_TYPES or content_type in ("", "text/plain", "text/html"):
        head = data[:2048].lstrip().lower()
        if content_type == "text/html" and not head.startswith(b"<?xml"):
            return False
        return any(root in head for root in _FEED_ROOTS)
    return False


def _entry_date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            try:
                return date(value.tm_year, value.tm_mon, value.tm_mday)
            except ValueError:
                continue
    return None


def _entry_content(entry: Any) -> str:
    contents = entry.get("content") or []
    for item in contents:
        value = item.get("value") if isinstance(item, dict) else None
        if value and value.strip():
            return str(value)
    return str(entry.get("summary") or "")


def parse_feed(data: bytes, url: str | None = None) -> ParsedFeed:
    """Parse feed bytes (never a URL: feedparser would fetch it outside our safe fetcher)."""
    import feedparser

    headers = {"content-location": url} if url else {}
    parsed = feedparser.parse(data, response_headers=headers)
    feed_info = parsed.get("feed", {})
    if not parsed.entries and not feed_info.get("title"):
        reason = parsed.get("bozo_exception")
        raise IngestError(f"not a valid feed{': ' + str(reason).splitlines()[0] if reason else ''}")
    entries = []
    for index, entry in enumerate(parsed.entries, start=1):
        link = (entry.get("link") or "").strip() or None
        entries.append(
            FeedEntry(
                index=index,
                link=link,
                title=" ".join(str(entry.get("title") or "").split()),
                author=entry.get("author") or None,
                published=_entry_date(entry),
                content=_entry_content(entry),
                entry_id=entry.get("id") or None,
            )
        )
    warning = str(parsed.get("bozo_exception")).splitlines()[0] if parsed.get("bozo") else None
    return ParsedFeed(
        title=" ".join(str(feed_info.get("title") or "").split()),
        link=feed_info.get("link") or None,
        entries=entries,
        warning=warning,
    )
