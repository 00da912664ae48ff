"""Main-text extraction from HTML with trafilatura, plus workradar's post-filter.

trafilatura removes navigation, footers, cookie banners and most share widgets;
`text.remove_boilerplate` then drops the calls to action and related-news
teaser blocks it keeps. Paragraphs are separated by a blank line so evidence
offsets and paragraph-level analysis see the article's structure.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

from workradar.ingest.results import ExtractedPage
from workradar.ingest.text import FilterResult, normalize_text, remove_boilerplate

if TYPE_CHECKING:
    from lxml import etree

# Elements of trafilatura's output tree that form a paragraph of their own.
_BLOCK_TAGS = frozenset({"p", "head", "quote", "code", "list", "table", "div", "item", "row"})
# Fewer words than this is a menu or a stub left by the extractor, not an article.
MIN_ARTICLE_WORDS = 10
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def sniff_html_charset(data: bytes) -> str | None:
    """The charset a page declares in a <meta> tag within its first 4 KB."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", errors="replace") if match else None


def _inline_text(element: etree._Element) -> str:
    text = "".join(element.itertext())
    return " ".join(text.split())


def _render_block(element: etree._Element) -> list[str]:
    """Paragraph strings for one element of trafilatura's XML body."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag == "list":
        items = [_inline_text(item) for item in element if item.tag == "item"]
        lines = [f"• {item}" for item in items if item]
        return ["\n".join(lines)] if lines else []
    if tag == "table":
        rows = []
        for row in element.iter("row"):
            cells = [_inline_text(cell) for cell in row if cell.tag == "cell"]
            if any(cells):
                rows.append(" | ".join(cells))
        return ["\n".join(rows)] if rows else []
    if tag == "lb":
        return []
    # A container that holds other blocks: render them one by one.
    if any(isinstance(child.tag, str) and child.tag in _BLOCK_TAGS for child in element):
        blocks: list[str] = []
        lead = " ".join((element.text or "").split())
        if lead:
            blocks.append(lead)
        for child in element:
            blocks.extend(_render_block(child))
            tail = " ".join((child.tail or "").split())
            if tail:
                blocks.append(tail)
        return blocks
    text = _inline_text(element)
    return [text] if text else []


def _body_text(body: etree._Element | None, fallback: str) -> str:
    if body is None:
        return fallback
    blocks: list[str] = []
    for child in body:
        blocks.extend(_render_block(child))
    return "\n\n".join(blocks) if blocks else fallback


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def extract_html(html: str, url: str | None = None) -> ExtractedPage:
    """Title, author, date and clean main text of an HTML page.

    Returns an ExtractedPage whose `text` is empty when no article text was
    found; callers decide whether that is a failure.
    """
    import trafilatura
    from lxml import etree

    result = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        output_format="python",
    )
    if result is None:
        title = _fallback_title(html)
        return ExtractedPage(text="", title=title, url=url, format="html", raw=html)

    def get(key: str) -> Any:
        return _extracted(result, key)

    title = " ".join((get("title") or "").split())
    raw_body = get("body")
    body = raw_body if isinstance(raw_body, etree._Element) else None
    text = normalize_text(_body_text(body, get("text") or ""))
    filtered = remove_boilerplate(text, title=title)
    meta: dict[str, object] = {}
    if len(filtered.text.split()) < MIN_ARTICLE_WORDS:
        if filtered.text:
            meta["discarded_stub"] = filtered.text[:200]
        filtered.text = ""
    meta.update(_page_meta(result, filtered))
    return ExtractedPage(
        text=filtered.text,
        title=title or _fallback_title(html),
        author=get("author") or None,
        published=_parse_date(get("date")),
        url=url,
        format="html",
        raw=html,
        meta=meta,
    )


def _extracted(result: Any, key: str) -> Any:
    """A field of trafilatura's result, a dict or a document object by version."""
    return result.get(key) if isinstance(result, dict) else getattr(result, key, None)


def _page_meta(result: Any, filtered: FilterResult) -> dict[str, object]:
    """What the page says about itself (site, description, tags …) and what the
    boilerplate filter removed."""
    meta: dict[str, object] = {}
    for key in ("sitename", "description", "hostname", "categories", "tags", "license"):
        value = _extracted(result, key)
        if value:
            meta[key] = value
    if filtered.dropped_lines:
        meta["boilerplate_lines_dropped"] = filtered.dropped_lines
    if filtered.cut_section:
        meta["cut_section"] = filtered.cut_section
    return meta


_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


def _fallback_title(html: str) -> str:
    match = _TITLE.search(html[:65536])
    if not match:
        return ""
    return " ".join(re.sub(r"<[^>]+>", "", match.group(1)).split())
