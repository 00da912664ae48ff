"""Local files and folders: .txt, .md, .html/.htm, .pdf and .docx.

`extract_bytes` is also used for web responses, so a PDF behind a URL and a
PDF on disk go through the same code.
"""

from __future__ import annotations

import io
import os
import re
import stat
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from workradar.ingest.html import extract_html, sniff_html_charset
from workradar.ingest.pdf import extract_pdf
from workradar.ingest.results import ExtractedPage, IngestError, file_fingerprint
from workradar.ingest.text import decode_bytes, normalize_text, remove_boilerplate

# Suffix → format name used in Document.format.
FILE_FORMATS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}


def human_size(n: int) -> str:
    """'20 MB', '512 KB', '900 bytes': how limits appear in messages."""
    for unit, size in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= size:
            value = n / size
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{n} bytes"


# --- plain text and markdown --------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
_FRONT_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$")
_FRONT_FIELDS = ("title", "published", "date", "url", "author", "type")


def parse_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Simple `key: value` lines between `---` fences at the start of the text.

    Only flat scalar keys are read (no YAML library: nested YAML has no meaning
    for a Document, and a plain parser cannot execute anything). Returns
    (fields, text without the front matter).
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    fields: dict[str, str] = {}
    for line in match.group(1).split("\n"):
        key_value = _FRONT_KEY.match(line.strip())
        if key_value:
            value = key_value.group(2).strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            fields[key_value.group(1).lower()] = value
    return fields, text[match.end() :]


def _parse_date(value: str | None) -> date | None:
    """ISO dates, else written dates in any supported language ("24 augustus 2025",
    "March 3, 2024") via dateparser, which trafilatura already depends on."""
    if not value:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()[:10]):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None  # ISO-shaped but impossible (2025-02-30)
    import dateparser  # deferred: it loads its language data on first use

    parsed = dateparser.parse(
        value.strip(),
        languages=["en", "nl", "de", "fr", "es", "it", "pt"],
        settings={"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year", "month"]},
    )
    return parsed.date() if parsed else None


# A metadata block near the top of a plain-text article ("Published: 2025-08-01",
# "Gepubliceerd: …", "Auteur: …", "Source: https://…"), as press releases,
# newsletters and saved pages carry. Keys per field, in the supported languages.
_HEADER_KEYS: dict[str, tuple[str, ...]] = {
    "published": (
        "published",
        "publication date",
        "date",
        "posted",
        "gepubliceerd",
        "datum",
        "publicatiedatum",
        "veröffentlicht",
        "veröffentlichung",
        "erschienen",
        "publié le",
        "publié",
        "date de publication",
        "publicado",
        "fecha",
        "fecha de publicación",
        "pubblicato",
        "data",
    ),
    "author": ("author", "by", "auteur", "door", "autor", "autorin", "von", "par", "por", "autore", "di"),
    "url": ("source", "url", "link", "bron", "quelle", "fuente", "fonte", "original"),
    "publisher": ("publisher", "uitgever", "herausgeber", "éditeur", "editor", "editorial", "editore"),
}
_HEADER_LINE = re.compile(r"^\s*([^\W\d][\w .'’-]{0,30}?)\s*:\s*(\S.{0,200})$")
_HEADER_WINDOW = 12
# A byline without a colon: "By Grace Mbeki", "Door Jan de Vries, redacteur", "Por Lucía Carrasco".
_BYLINE = re.compile(
    r"^\s*(?i:by|door|von|par|por|di)\s+([A-ZÀ-Ý][\w.'’-]+(?:\s+(?:[A-ZÀ-Ý][\w.'’-]+|van|de|der|den|von|da|del|la|le|and|en|und|et|y|e|&)){0,8})"
    r"\s*(?:[,|·–—-].{0,80})?$"
)


def parse_header_block(text: str) -> tuple[dict[str, str], str]:
    """`Key: value` metadata lines among the first lines of a text file.

    Only lines whose key is a known metadata key (in any supported language)
    are taken, and only before the first long prose line; they are removed
    from the text. Returns (fields, remaining text)."""
    lines = text.split("\n")
    fields: dict[str, str] = {}
    drop: set[int] = set()
    seen = 0
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if seen > _HEADER_WINDOW or len(line) > 240:
            break
        byline = _BYLINE.match(line)
        if byline and "author" not in fields:
            fields["author"] = byline.group(1).strip()
            drop.add(i)
            continue
        match = _HEADER_LINE.match(line)
        if not match:
            continue
        key = match.group(1).strip().lower()
        for field, keys in _HEADER_KEYS.items():
            if key in keys and field not in fields:
                value = match.group(2).strip()
                if field == "url" and not re.match(r"https?://\S+$", value):
                    break
                if field == "published" and _parse_date(value) is None:
                    break
                fields[field] = value
                if field != "publisher":  # the publisher is content: keep it for entity extraction
                    drop.add(i)
                break
    if not drop:
        return {}, text
    return fields, "\n".join(line for i, line in enumerate(lines) if i not in drop)


_MD_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


def extract_text_file(data: bytes, *, markdown: bool, name: str = "") -> ExtractedPage:
    """A .txt or .md file: decoded, front matter parsed, boilerplate lines removed."""
    raw, encoding = decode_bytes(data)
    fields, body = parse_front_matter(normalize_text(raw)) if markdown or raw.startswith("---") else ({}, raw)
    header, body = parse_header_block(body)
    for key, value in header.items():
        fields.setdefault(key, value)
    text = normalize_text(body)
    filtered = remove_boilerplate(text)
    title = fields.get("title", "")
    if not title and markdown:
        heading = _MD_HEADING.search(filtered.text)
        if heading:
            title = heading.group(1).strip()
    if not title:
        # The first line of the cleaned text, so a stray widget ("×") is not the title.
        first = filtered.text.split("\n", 1)[0].strip().lstrip("#").strip().strip("*_").strip()
        title = first if len(first) <= 200 else first[:200].rsplit(" ", 1)[0]
    meta: dict[str, object] = {"encoding": encoding}
    if filtered.dropped_lines:
        meta["boilerplate_lines_dropped"] = filtered.dropped_lines
    if filtered.cut_section:
        meta["cut_section"] = filtered.cut_section
    extra = {k: v for k, v in fields.items() if k not in ("title", "published", "date", "url", "author")}
    meta.update(extra)  # `type` and any other keys travel in meta
    return ExtractedPage(
        text=filtered.text,
        title=title,
        author=fields.get("author") or None,
        published=_parse_date(fields.get("published") or fields.get("date")),
        url=fields.get("url") or None,
        format="md" if markdown else "txt",
        raw=raw,
        meta=meta,
    )


# --- docx -----------------------------------------------------------------------------------


def extract_docx(data: bytes, *, name: str = "DOCX") -> ExtractedPage:
    """Paragraphs and tables of a Word document, in document order."""
    from docx import Document as open_docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = open_docx(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise IngestError(f"not a valid DOCX file: {name}") from exc
    blocks: list[str] = []
    title = ""
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            text = " ".join(item.text.split())
            if not text:
                continue
            style = (item.style.name if item.style is not None else "") or ""
            if not title and (style == "Title" or style.startswith("Heading")):
                title = text
            blocks.append(text)
        elif isinstance(item, Table):
            rows = []
            for row in item.rows:
                cells = [" ".join(cell.text.split()) for cell in row.cells]
                if any(cells):
                    rows.append(" | ".join(cells))
            if rows:
                blocks.append("\n".join(rows))
    text = normalize_text("\n\n".join(blocks))
    filtered = remove_boilerplate(text)
    props = document.core_properties
    title = (props.title or "").strip() or title or (filtered.text.split("\n", 1)[0][:200])
    published = props.created.date() if props.created else None
    meta: dict[str, object] = {}
    if published:
        meta["published_from"] = "docx-created"
    if filtered.dropped_lines:
        meta["boilerplate_lines_dropped"] = filtered.dropped_lines
    return ExtractedPage(
        text=filtered.text,
        title=title,
        author=(props.author or "").strip() or None,
        published=published,
        format="docx",
        raw=text,
        meta=meta,
    )


# --- dispatch -------------------------------------------------------------------------------


def extract_bytes(
    data: bytes, fmt: str, *, name: str, url: str | None = None, charset: str | None = None
) -> ExtractedPage:
    """Extract a document of format `fmt` (see FILE_FORMATS values) from its bytes."""
    if fmt == "pdf":
        return extract_pdf(data, name=name)
    if fmt == "docx":
        return extract_docx(data, name=name)
    if fmt == "html":
        html, encoding = decode_bytes(data, charset or sniff_html_charset(data))
        page = extract_html(html, url)
        page.meta.setdefault("encoding", encoding)
        return page
    if fmt in ("txt", "md"):
        return extract_text_file(data, markdown=fmt == "md", name=name)
    raise IngestError(f"unsupported format {fmt}")


def file_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in FILE_FORMATS:
        raise IngestError(
            f"unsupported file type {suffix}"
            if suffix
            else f"unsupported file type (no extension): {path.name}"
        )
    return FILE_FORMATS[suffix]


def read_file(path: Path, *, max_bytes: int) -> ExtractedPage:
    """Extract one local file, with the size cap; IngestError for anything wrong."""
    fmt = file_format(path)
    try:
        info = path.stat()
    except FileNotFoundError as exc:
        kind = "broken symlink" if path.is_symlink() else "no such file"
        raise IngestError(f"{kind}: {path}") from exc
    except OSError as exc:
        raise IngestError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if not stat.S_ISREG(info.st_mode):
        # Reading a FIFO or device would block or never end.
        raise IngestError(f"not a regular file: {path}")
    if info.st_size > max_bytes:
        raise IngestError(f"file larger than {human_size(max_bytes)}: {path}")
    if info.st_size == 0:
        raise IngestError(f"empty file: {path}")
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise IngestError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:  # grew while we looked
        raise IngestError(f"file larger than {human_size(max_bytes)}: {path}")
    page = extract_bytes(data, fmt, name=str(path))
    page.meta["file_size"] = len(data)
    page.meta["modified"] = info.st_mtime
    page.meta["fingerprint"] = file_fingerprint(info.st_size, info.st_mtime_ns)
    return page


def iter_files(folder: Path) -> Iterator[Path]:
    """Every non-hidden entry below `folder` that is not a directory, sorted by path.

    Symlinked directories are not followed (no loops); symlinked files are
    yielded, and broken links are yielded too so they are reported, not lost.
    Only paths are held in memory, never file contents.
    """
    found: list[Path] = []

    def on_error(error: OSError) -> None:
        # An unlistable sub-folder is reported as one entry the reader will fail on.
        if error.filename:
            found.append(Path(error.filename))

    for root, dirs, files in os.walk(folder, onerror=on_error, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        base = Path(root)
        for name in files:
            if not name.startswith("."):
                found.append(base / name)
        # os.walk lists symlinks to directories under `dirs`; they are neither walked nor files.
    yield from sorted(found)
