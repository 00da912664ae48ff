"""The ingest entry point: sources in, `Document`s (or `IngestFailure`s) out.

A source is a file, a folder, an http(s) URL or a feed URL. Every bad input
becomes exactly one `IngestFailure` with a one-line message and the run goes
on; documents are yielded one at a time so a large corpus is never held in
memory.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from workradar.ingest.dedupe import canonical_url
from workradar.ingest.feeds import FeedEntry, looks_like_feed, parse_feed
from workradar.ingest.fetch import FetchedResponse, Fetcher, FetchError
from workradar.ingest.files import extract_bytes, iter_files, read_file
from workradar.ingest.html import extract_html
from workradar.ingest.language import detect_language
from workradar.ingest.links import extract_links
from workradar.ingest.results import ExtractedPage, IngestError, IngestFailure, Unchanged, file_fingerprint
from workradar.ingest.text import decode_bytes
from workradar.models import Document

log = logging.getLogger(__name__)

# Raw markup beyond this is cut: it is kept for re-extraction and debugging, not analysis.
RAW_MAX_CHARS = 2 * 1024 * 1024

_MEDIA_FORMATS: dict[str, str] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/xml": "html",
    "text/xml": "html",
    "application/pdf": "pdf",
    "application/x-pdf": "pdf",
    "text/plain": "txt",
    "text/markdown": "md",
    "text/x-markdown": "md",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
}

Result = Document | IngestFailure
# (source, fingerprint) -> True when the caller already holds this version of the file.
UnchangedCheck = Callable[[str, str], bool]
T = TypeVar("T")


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def _guarded(source: str, collection: str | None, work: Callable[[], T]) -> T | IngestFailure:
    """Run one unit of work; turn any error into an IngestFailure.

    Expected problems arrive as IngestError/FetchError with a prepared message.
    The broad catch is deliberate and the only one: extraction libraries raise
    a long tail of exception types on hostile input, and one bad source must
    never end a scan. The error is recorded (message + debug traceback), not
    swallowed.
    """
    try:
        return work()
    except (IngestError, FetchError) as exc:
        return IngestFailure(source=source, error=str(exc), collection=collection)
    except Exception as exc:
        log.debug("unexpected error ingesting %s", source, exc_info=True)
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        return IngestFailure(
            source=source,
            error=f"cannot ingest {source}: {type(exc).__name__}{': ' + message if message else ''}",
            collection=collection,
        )


def with_first_line_title(document: Document) -> Document:
    """`document`, titled by its first line (cut at a word boundary) when it has no title:
    how a single document given on the command line is named."""
    if document.title:
        return document
    first = next((line.strip() for line in document.text.splitlines() if line.strip()), "")
    title = first if len(first) <= 120 else first[:120].rsplit(" ", 1)[0] + "…"
    return document.model_copy(update={"title": title})


def make_document(
    page: ExtractedPage,
    *,
    source: str,
    collection: str | None,
    url: str | None = None,
    fetched_at: datetime | None = None,
    meta: dict[str, Any] | None = None,
) -> Result:
    """A Document from an extraction, or a failure when it holds no text."""
    if not page.text.strip():
        return IngestFailure(source=source, error=f"no article text found in {source}", collection=collection)
    raw = page.raw
    all_meta: dict[str, Any] = {**page.meta, **(meta or {})}
    if raw is not None and len(raw) > RAW_MAX_CHARS:
        raw = raw[:RAW_MAX_CHARS]
        all_meta["raw_truncated"] = True
    web_url = url or page.url
    return Document.from_text(
        page.text,
        source=source,
        url=canonical_url(web_url) if web_url else None,
        title=page.title,
        author=page.author,
        published=page.published,
        language=detect_language(page.text),
        collection=collection,
        format=page.format,
        raw=raw,
        fetched_at=fetched_at,
        meta=all_meta,
    )


# --- files ----------------------------------------------------------------------------------


def _file_document(path: Path, *, source: str, max_bytes: int, collection: str | None) -> Result:
    page = read_file(path, max_bytes=max_bytes)
    return make_document(page, source=source, collection=collection)


def _unchanged(path: Path, name: str, is_unchanged: UnchangedCheck | None) -> Unchanged | None:
    if is_unchanged is None:
        return None
    try:
        info = path.stat()
    except OSError:
        return None  # reading it will report the problem
    fingerprint = file_fingerprint(info.st_size, info.st_mtime_ns)
    return Unchanged(name, fingerprint) if is_unchanged(name, fingerprint) else None


def _iter_path(
    source: str, fetcher: Fetcher, collection: str | None, is_unchanged: UnchangedCheck | None = None
) -> Iterator[Result | Unchanged]:
    path = Path(source).expanduser()
    max_bytes = fetcher.settings.max_bytes
    if path.is_dir():
        for file_path in iter_files(path):
            name = str(file_path)
            skipped = _unchanged(file_path, name, is_unchanged)
            if skipped is not None:
                yield skipped
                continue
            work = partial(_file_document, file_path, source=name, max_bytes=max_bytes, collection=collection)
            yield _guarded(name, collection, work)
        return
    if not path.exists() and not path.is_symlink():
        yield IngestFailure(
            source=source, error=f"no such file or directory: {source}", collection=collection
        )
        return
    skipped = _unchanged(path, source, is_unchanged)
    if skipped is not None:
        yield skipped
        return
    yield _guarded(
        source,
        collection,
        lambda: _file_document(path, source=source, max_bytes=max_bytes, collection=collection),
    )


# --- web ------------------------------------------------------------------------------------


def _response_page(response: FetchedResponse) -> ExtractedPage:
    fmt = _MEDIA_FORMATS.get(response.content_type)
    if fmt is None:
        raise IngestError(f"unsupported content type {response.content_type} at {response.url}")
    page = extract_bytes(response.content, fmt, name=response.url, url=response.url, charset=response.charset)
    return page


def _web_meta(response: FetchedResponse) -> dict[str, Any]:
    meta: dict[str, Any] = {"content_type": response.content_type, "status": response.status}
    if response.redirects:
        meta["final_url"] = response.url
    return meta


def _web_document(source: str, response: FetchedResponse, collection: str | None, **meta: Any) -> Result:
    page = _response_page(response)
    return make_document(
        page,
        source=source,
        collection=collection,
        url=response.url,
        fetched_at=response.fetched_at,
        meta={**_web_meta(response), **meta},
    )


def _entry_document(entry: FeedEntry, fetcher: Fetcher, collection: str | None, feed_url: str) -> Result:
    problem = entry.problem()
    if problem:
        raise IngestError(problem)
    assert entry.link is not None  # checked by problem()
    fetch_error: str | None = None
    try:
        response = fetcher.fetch(entry.link)
        page = _response_page(response)
        if page.text.strip():
            page.title = entry.title or page.title
            page.author = page.author or entry.author
            page.published = entry.published or page.published
            return make_document(
                page,
                source=entry.link,
                collection=collection,
                url=response.url,
                fetched_at=response.fetched_at,
                meta={**_web_meta(response), "feed": feed_url},
            )
        fetch_error = f"no article text found in {entry.link}"
    except (FetchError, IngestError) as exc:
        fetch_error = str(exc)
    # The page could not be used: fall back to what the feed itself carries.
    fallback = extract_html(f"<html><body><article>{entry.content}</article></body></html>", entry.link)
    if not fallback.text.strip():
        raise IngestError(f"{fetch_error}; the feed entry has no text of its own")
    fallback.title = entry.title or fallback.title
    fallback.author = entry.author
    fallback.published = entry.published
    fallback.format = "feed-entry"
    fallback.raw = entry.content
    return make_document(
        fallback,
        source=entry.link,
        collection=collection,
        url=entry.link,
        fetched_at=datetime.now(UTC),
        meta={"feed": feed_url, "fallback": "feed-content", "fetch_error": fetch_error},
    )


def _iter_feed(
    source: str, response: FetchedResponse, fetcher: Fetcher, collection: str | None
) -> Iterator[Result]:
    feed = parse_feed(response.content, response.url)
    feed_collection = collection or feed.title or None
    if not feed.entries:
        yield IngestFailure(source=source, error=f"feed has no entries: {source}", collection=feed_collection)
        return
    for entry in feed.entries:
        label = entry.link or f"{source}#entry-{entry.index}"
        yield _guarded(
            label, feed_collection, partial(_entry_document, entry, fetcher, feed_collection, source)
        )


def _link_document(link: str, fetcher: Fetcher, collection: str | None, page_url: str) -> Result:
    response = fetcher.fetch(link)
    return _web_document(link, response, collection, link_page=page_url)


def _iter_link_page(
    source: str, response: FetchedResponse, fetcher: Fetcher, collection: str | None
) -> Iterator[Result]:
    html, _ = decode_bytes(response.content, response.charset)
    page = extract_links(html, response.url)
    page_collection = collection or page.name
    if not page.links:
        yield IngestFailure(
            source=source, error=f"no article links found on {source}", collection=page_collection
        )
        return
    for link in page.links:
        yield _guarded(link, page_collection, partial(_link_document, link, fetcher, page_collection, source))


def _iter_url(source: str, fetcher: Fetcher, links: bool, collection: str | None) -> Iterator[Result]:
    fetched = _guarded(source, collection, lambda: fetcher.fetch(source))
    if isinstance(fetched, IngestFailure):
        yield fetched
        return
    response = fetched
    if looks_like_feed(response.content, response.content_type):
        try:
            yield from _iter_feed(source, response, fetcher, collection)
        except IngestError as exc:
            yield IngestFailure(source=source, error=str(exc), collection=collection)
        return
    if links and response.content_type in ("text/html", "application/xhtml+xml"):
        yield from _iter_link_page(source, response, fetcher, collection)
        return
    yield _guarded(source, collection, lambda: _web_document(source, response, collection))


# --- entry point ----------------------------------------------------------------------------


def iter_documents(
    sources: Sequence[str],
    *,
    fetcher: Fetcher,
    links: bool = False,
    collection: str | None = None,
    is_unchanged: UnchangedCheck | None = None,
) -> Iterator[Document | IngestFailure | Unchanged]:
    """Documents from files, folders, URLs, feeds and (with `links=True`) link pages.

    `collection` overrides the collection a feed (its title) or a link page
    (its name) would give its documents. `is_unchanged(source, fingerprint)`
    lets a caller skip local files it already holds: for those an `Unchanged`
    is yielded without reading the file. Never raises for a bad source.
    """
    for source in sources:
        if is_url(source):
            yield from _iter_url(source, fetcher, links, collection)
        else:
            yield from _iter_path(source, fetcher, collection, is_unchanged)
