"""Render one example article (.md, .txt or .html) as a multi-page PDF.

Usage:
    python scripts/make_example_pdf.py examples/corpus/<file> OUT.pdf

The PDF exercises the PDF path of ingest: a running header with the article title on every
page, page numbers in the footer, several pages (A5 paper so that even a short article wraps
onto more than one page), and document metadata (title, author, creation date = publication
date). PDFs are generated on demand and never committed as binaries.

Fonts: DejaVu Sans is used when it is installed (it covers every character of the corpus,
including €, „ “ and accented letters). Without it we fall back to the core Helvetica font,
which only encodes latin-1, so the text is transliterated first.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

from fpdf import FPDF
from fpdf.enums import XPos, YPos

DEJAVU_DIR = Path("/usr/share/fonts/truetype/dejavu")
DEJAVU_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}

# Characters outside latin-1 that occur in the corpus, mapped to close latin-1 equivalents
# for the core-font fallback. Anything else is decomposed (NFKD) or replaced by "?".
LATIN1_REPLACEMENTS = {
    "€": "EUR ",
    "„": '"',
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "–": "-",
    "—": "-",
    "…": "...",
    "\u202f": " ",
    "œ": "oe",
    "Œ": "OE",
    "★": "*",
}


@dataclass
class Block:
    """One paragraph-level unit of the article."""

    kind: str  # "h1" | "h2" | "p" | "meta"
    text: str


@dataclass
class Article:
    title: str
    published: str | None = None
    author: str | None = None
    url: str | None = None
    blocks: list[Block] = field(default_factory=list)


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split a `---` fenced front-matter block (simple `key: value` lines) from the body."""
    match = re.match(r"\A---\n(.*?)\n---\n", text, re.S)
    if not match:
        return {}, text
    meta: dict[str, str] = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep:
            meta[key.strip()] = value.strip().strip('"')
    return meta, text[match.end() :]


def _markdown_blocks(body: str) -> list[Block]:
    blocks: list[Block] = []
    for para in re.split(r"\n\s*\n", body.strip()):
        para = " ".join(line.strip() for line in para.splitlines())
        if not para:
            continue
        if para.startswith("# "):
            blocks.append(Block("h1", para[2:].strip()))
        elif para.startswith("#"):
            blocks.append(Block("h2", para.lstrip("#").strip()))
        else:
            blocks.append(Block("p", para))
    return blocks


def parse_markdown(text: str) -> Article:
    meta, body = _front_matter(text)
    blocks = _markdown_blocks(body)
    title = meta.get("title") or next((b.text for b in blocks if b.kind == "h1"), "Untitled")
    return Article(title, meta.get("published"), meta.get("author"), meta.get("url"), blocks)


HEADER_KEYS = {
    "published": {"published", "publicado", "gepubliceerd", "publié", "veröffentlicht"},
    "author": {"by", "por", "door", "par", "von", "author", "publisher", "uitgever", "editeur"},
    "url": {"source", "fuente", "bron", "quelle"},
}

# "By Jane Doe", "Por ...", "Door ...", "Par ...", "Von ..." bylines without a colon.
BYLINE = re.compile(r"^(?:By|Por|Door|Par|Von)\s+([A-ZÀ-Ý].{2,80})$")


def parse_text(text: str) -> Article:
    """Plain-text articles: first line is the title, then optional `Key: value` header lines."""
    lines = text.splitlines()
    title = lines[0].strip() if lines else "Untitled"
    meta: dict[str, str] = {}
    body_lines: list[str] = []
    for n, line in enumerate(lines[1:], start=1):
        key, sep, value = line.partition(":")
        field_name = next((f for f, keys in HEADER_KEYS.items() if key.strip().lower() in keys), None)
        # Header lines only count near the top; later "Source: ..." lines are article text.
        if sep and field_name and n < 12 and field_name not in meta:
            meta[field_name] = value.strip()
            continue
        byline = BYLINE.match(line.strip())
        if byline and n < 12 and "author" not in meta:
            meta["author"] = byline.group(1)
            continue
        body_lines.append(line)
    blocks = [Block("h1", title)]
    for para in re.split(r"\n\s*\n", "\n".join(body_lines).strip()):
        para = " ".join(line.strip() for line in para.splitlines())
        if para:
            # Short lines without final punctuation read as section headings in these reports.
            is_heading = len(para) < 60 and not para.endswith((".", ":", "?", "!")) and ":" not in para
            blocks.append(Block("h2" if is_heading else "p", para))
    return Article(title, meta.get("published"), meta.get("author"), meta.get("url"), blocks)


class _ArticleHTMLParser(HTMLParser):
    """Collects <title>, date/author metadata and the h1/h2/p text inside <article>."""

    BLOCK_TAGS: ClassVar[frozenset[str]] = frozenset({"h1", "h2", "h3", "p"})
    # Widgets that some pages place inside <article> (share bars, rating boxes, bylines);
    # their text is page furniture, not article prose.
    WIDGET_CLASS = re.compile(r"share|rating|newsletter|related|recent|cookie|byline|kicker", re.I)

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.meta: dict[str, str] = {}
        self.blocks: list[Block] = []
        self._in_title = False
        self._article_depth = 0
        self._current: list[str] | None = None
        self._current_tag = ""
        self._div_widget: list[bool] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: v or "" for k, v in attrs}
        if tag == "title":
            self._in_title = True
        elif tag == "meta":
            key = attr.get("name") or attr.get("property") or ""
            if key in {"date", "article:published_time", "author"} and key not in self.meta:
                self.meta[key] = attr.get("content", "")
        elif tag == "article":
            self._article_depth += 1
        elif tag == "div":
            self._div_widget.append(bool(self.WIDGET_CLASS.search(attr.get("class", ""))))
        elif (
            tag in self.BLOCK_TAGS
            and self._article_depth
            and not any(self._div_widget)
            and not self.WIDGET_CLASS.search(attr.get("class", ""))
        ):
            self._current, self._current_tag = [], tag

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag == "article":
            self._article_depth -= 1
        elif tag == "div" and self._div_widget:
            self._div_widget.pop()
        elif tag == self._current_tag and self._current is not None:
            text = " ".join("".join(self._current).split())
            if text:
                kind = {"h1": "h1", "h2": "h2", "h3": "h2"}.get(tag, "p")
                self.blocks.append(Block(kind, text))
            self._current, self._current_tag = None, ""

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        if self._current is not None:
            self._current.append(data)


def parse_html(text: str) -> Article:
    parser = _ArticleHTMLParser()
    parser.feed(text)
    heading = next((b.text for b in parser.blocks if b.kind == "h1"), "")
    published = parser.meta.get("date") or parser.meta.get("article:published_time", "")[:10] or None
    return Article(heading or parser.title.strip(), published, parser.meta.get("author"), None, parser.blocks)


def load_article(path: Path) -> Article:
    text = path.read_text(encoding="utf-8")
    suffix = path.suffix.lower()
    if suffix in {".html", ".htm"}:
        return parse_html(text)
    if suffix == ".md":
        return parse_markdown(text)
    return parse_text(text)


def to_latin1(text: str) -> str:
    """Transliterate text for the core fonts, which can only encode latin-1."""
    for char, replacement in LATIN1_REPLACEMENTS.items():
        text = text.replace(char, replacement)
    out = []
    for char in text:
        if ord(char) < 256:
            out.append(char)
            continue
        decomposed = unicodedata.normalize("NFKD", char).encode("latin-1", "ignore").decode("latin-1")
        out.append(decomposed or "?")
    return "".join(out)


class ArticlePDF(FPDF):
    """FPDF with a running header (article title) and a `Page n of N` footer."""

    def __init__(self, running_title: str, unicode_font: bool) -> None:
        # A5 given in millimetres: the "A5" name triggers a dimensions-changed warning in fpdf2 2.8.5+.
        super().__init__(unit="mm", format=(148, 210))
        self.running_title = running_title
        self.unicode_font = unicode_font
        self.family = "DejaVu" if unicode_font else "Helvetica"
        if unicode_font:
            for style, filename in DEJAVU_FILES.items():
                self.add_font("DejaVu", style, str(DEJAVU_DIR / filename))
        self.set_margins(14, 18, 14)
        self.set_auto_page_break(auto=True, margin=18)

    def clean(self, text: str) -> str:
        return text if self.unicode_font else to_latin1(text)

    def header(self) -> None:
        self.set_font(self.family, "I", 7.5)
        self.set_text_color(110)
        title = self.running_title if len(self.running_title) <= 80 else self.running_title[:77] + "..."
        self.cell(0, 5, self.clean(title), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(4)
        self.set_text_color(0)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.family, "", 7.5)
        self.set_text_color(110)
        self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="C")
        self.set_text_color(0)


def render(article: Article, out: Path) -> int:
    """Write the PDF and return its page count."""
    unicode_font = all((DEJAVU_DIR / f).is_file() for f in DEJAVU_FILES.values())
    pdf = ArticlePDF(article.title, unicode_font)
    pdf.set_title(pdf.clean(article.title))
    if article.author:
        pdf.set_author(pdf.clean(article.author))
    if article.published:
        try:
            published = dt.datetime.fromisoformat(article.published[:10]).replace(tzinfo=dt.UTC)
            pdf.set_creation_date(published)
        except ValueError:
            print(f"warning: unparseable publication date {article.published!r}", file=sys.stderr)
    pdf.add_page()

    blocks = list(article.blocks)
    if not blocks or blocks[0].kind != "h1":
        blocks.insert(0, Block("h1", article.title))
    byline = " · ".join(x for x in (article.author, article.published, article.url) if x)
    for i, block in enumerate(blocks):
        if block.kind == "h1":
            pdf.set_font(pdf.family, "B", 14)
            pdf.multi_cell(0, 7, pdf.clean(block.text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            if i == 0 and byline:
                pdf.set_font(pdf.family, "", 8)
                pdf.multi_cell(0, 4.5, pdf.clean(byline), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(3)
        elif block.kind == "h2":
            pdf.ln(1)
            pdf.set_font(pdf.family, "B", 11)
            pdf.multi_cell(0, 6, pdf.clean(block.text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(1)
        else:
            text = block.text
            style = ""
            # A paragraph wholly wrapped in *...* (standfirst) is set in italics; **...** inline
            # (interview questions) is rendered bold through fpdf2's markdown mode.
            if re.fullmatch(r"\*[^*].*[^*]\*", text):
                text, style = text[1:-1], "I"
            pdf.set_font(pdf.family, style, 10)
            pdf.multi_cell(
                0, 5.2, pdf.clean(text), markdown=True, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
            pdf.ln(2.5)

    out.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(out))
    return pdf.page_no()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", type=Path, help="article from examples/corpus (.md, .txt or .html)")
    ap.add_argument("out", type=Path, help="PDF file to write")
    args = ap.parse_args(argv)
    if not args.source.is_file():
        ap.error(f"no such file: {args.source}")
    article = load_article(args.source)
    pages = render(article, args.out)
    print(f"wrote {args.out} ({pages} pages) from {args.source}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
