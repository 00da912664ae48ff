"""Parsing built pages: links, resources, ids, scripts (html.parser from the
standard library; the site's HTML is simple and well-formed)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass
class Page:
    path: Path
    links: list[str] = field(default_factory=list)  # <a href>
    resources: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, attribute, url) that load
    ids: set[str] = field(default_factory=set)
    scripts: list[dict[str, str]] = field(default_factory=list)  # attributes of each <script>
    script_texts: list[str] = field(default_factory=list)
    event_handlers: list[tuple[str, str]] = field(default_factory=list)  # (tag, on* attribute)
    h1: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    landmarks: set[str] = field(default_factory=set)
    unlabelled_controls: list[str] = field(default_factory=list)
    text: str = ""


class _Parser(HTMLParser):
    def __init__(self, page: Page) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self._in: list[str] = []
        self._labels: set[str] = set()
        self._controls: list[tuple[str, str | None, bool]] = []
        self._chunks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        page = self.page
        if "id" in a:
            page.ids.add(a["id"])
        for name in a:
            if name.startswith("on"):
                page.event_handlers.append((tag, name))
        if tag == "a" and "href" in a:
            page.links.append(a["href"])
        if tag in ("script", "img", "iframe", "audio", "video", "source", "embed") and a.get("src"):
            page.resources.append((tag, "src", a["src"]))
        if tag == "link" and a.get("href") and a.get("rel") != "canonical":
            page.resources.append((tag, "href", a["href"]))
        if tag == "object" and a.get("data"):
            page.resources.append((tag, "data", a["data"]))
        if "style" in a and "url(" in a["style"]:
            page.resources.append((tag, "style", a["style"]))
        if tag == "script":
            page.scripts.append(a)
        if tag in ("main", "nav", "header", "footer"):
            page.landmarks.add(tag)
        if tag == "label" and a.get("for"):
            self._labels.add(a["for"])
        if tag in ("input", "select", "textarea") and a.get("type") != "hidden":
            self._controls.append((tag, a.get("id"), bool(a.get("aria-label"))))
        self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._in:
            while self._in and self._in.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self._in and self._in[-1] == "script":
            self.page.script_texts.append(data)
            return
        if self._in and self._in[-1] == "h1":
            self.page.h1.append(data)
        if self._in and self._in[-1] in ("h1", "h2", "h3"):
            self.page.headings.append(self._in[-1])
        self._chunks.append(data)

    def close(self) -> None:
        super().close()
        self.page.text = "".join(self._chunks)
        for tag, ident, aria in self._controls:
            if not aria and (ident is None or ident not in self._labels):
                self.page.unlabelled_controls.append(f"{tag}#{ident}")


def parse(path: Path) -> Page:
    page = Page(path)
    parser = _Parser(page)
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return page


def is_external(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.scheme or parts.netloc) and parts.scheme not in ("", "file")


def resolve(page: Path, href: str) -> tuple[Path, str]:
    """The file a relative link points at, and its fragment."""
    parts = urlsplit(href)
    target = page if not parts.path else (page.parent / unquote(parts.path))
    return target.resolve(), unquote(parts.fragment)


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))
