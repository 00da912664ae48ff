"""Link pages: a page (e.g. a newsletter issue) whose outbound links are the documents."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
from lxml import etree

from workradar.ingest.dedupe import canonical_url

# Containers whose links are site chrome, not content.
_CHROME_TAGS = frozenset({"nav", "header", "footer", "aside", "form", "menu"})
_CHROME_HINT = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|footer|header|masthead|breadcrumbs?|sidebar|social|share|sharing|"
    r"cookie|subscribe|newsletter-signup|pagination|pager|skip|toolbar)(?:$|[\s_-])",
    re.IGNORECASE,
)
_MAIN_HINT = re.compile(r"(?:^|[\s_-])(?:content|main|article|post|entry|issue)(?:$|[\s_-])", re.IGNORECASE)
_SOCIAL_HOSTS = frozenset(
    {
        "facebook.com",
        "twitter.com",
        "x.com",
        "linkedin.com",
        "instagram.com",
        "t.me",
        "telegram.me",
        "wa.me",
        "whatsapp.com",
        "pinterest.com",
        "reddit.com",
        "tiktok.com",
        "threads.net",
        "bsky.app",
        "mastodon.social",
        "plus.google.com",
        "news.ycombinator.com",
        "getpocket.com",
        "flipboard.com",
    }
)
_SHARE_PATH = re.compile(r"/(?:share|sharer|intent/tweet|shareArticle|submit)(?:[/.?]|$)", re.IGNORECASE)
_UTILITY = re.compile(
    r"unsubscribe|opt-?out|manage[-_ ]?(?:preferences|subscription)|email-?preferences|view[-_ ]?(?:in[-_ ]?browser|online)|"
    r"list-manage\.com|/profile\?|/login|/signin|/sign-in|/register|/signup|/account|/privacy|/terms|/cookie|"
    r"/feed/?$|\.rss$|/rss/?$|/tag/|/category/|/author/",
    re.IGNORECASE,
)
_ASSET = re.compile(r"\.(?:jpe?g|png|gif|svg|webp|ico|css|js|mp3|mp4|zip)$", re.IGNORECASE)


@dataclass
class LinkPage:
    url: str
    title: str
    name: str  # the collection this page's documents belong to
    links: list[str] = field(default_factory=list)


def page_name(url: str, title: str = "") -> str:
    """The page's name: the last path segment without extension, else its title, else its host."""
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    if segments:
        stem = PurePosixPath(unquote(segments[-1])).stem
        if stem and stem.lower() not in ("index", "default"):
            return stem
    return title.strip() or parts.hostname or url


def _hints(element: etree._Element) -> str:
    return f"{element.get('class', '')} {element.get('id', '')} {element.get('role', '')}"


def _in_chrome(anchor: etree._Element, stop: etree._Element) -> bool:
    if _CHROME_HINT.search(_hints(anchor)) or anchor.get("rel", "").lower() in (
        "nofollow sponsored",
        "sponsored",
    ):
        return True
    node = anchor.getparent()
    while node is not None and node is not stop:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _CHROME_TAGS or _CHROME_HINT.search(_hints(node)) or node.get("role") == "navigation":
            return True
        node = node.getparent()
    return False


def _main_container(root: etree._Element) -> etree._Element | None:
    for xpath in ("//main", "//*[@role='main']", "//article"):
        found = root.xpath(xpath)
        if found:
            return found[0]
    for element in root.iter("div", "section", "td"):
        if _MAIN_HINT.search(_hints(element)) and not _CHROME_HINT.search(_hints(element)):
            return element
    return None


def _acceptable(href: str, page_url: str) -> str | None:
    """The absolute URL of an article link, or None for anything else."""
    href = href.strip()
    if not href or href.startswith("#"):
        return None
    absolute = urljoin(page_url, href)
    parts = urlsplit(absolute)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None  # mailto:, javascript:, tel:, data:
    host = parts.hostname.lower().removeprefix("www.").removeprefix("m.")
    if host in _SOCIAL_HOSTS or _SHARE_PATH.search(parts.path) or _UTILITY.search(absolute):
        return None
    if _ASSET.search(parts.path):
        return None
    here = canonical_url(page_url)
    target = canonical_url(absolute)
    if target == here or target == canonical_url(f"{parts.scheme}://{parts.netloc}/"):
        return None  # the page itself (same-page anchor) or the site's home page
    return absolute


def extract_links(html: str, page_url: str) -> LinkPage:
    """Article links of a link page, in page order, de-duplicated by canonical URL.

    Links inside the main content are preferred; the whole page is used only
    when the main content holds none.
    """
    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return LinkPage(url=page_url, title="", name=page_name(page_url), links=[])
    title_el = root.find(".//title")
    title = " ".join((title_el.text_content() if title_el is not None else "").split())
    base = root.find(".//base[@href]")
    base_url = urljoin(page_url, base.get("href")) if base is not None else page_url

    def collect(scope: etree._Element) -> list[str]:
        seen: set[str] = set()
        found: list[str] = []
        for anchor in scope.iter("a"):
            href = anchor.get("href")
            if href is None or _in_chrome(anchor, root):
                continue
            url = _acceptable(href, base_url)
            if url is None:
                continue
            key = canonical_url(url)
            if key in seen:
                continue
            seen.add(key)
            found.append(url)
        return found

    main = _main_container(root)
    links = collect(main) if main is not None else []
    if not links:
        links = collect(root)
    return LinkPage(url=page_url, title=title, name=page_name(page_url, title), links=links)
