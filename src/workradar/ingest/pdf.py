"""Text from PDF files with pypdf, cleaned for analysis.

pypdf's plain extraction follows the content stream (so two-column papers
come out column by column) but returns one line per printed line: this module
drops running headers, footers and page numbers, re-joins hyphenated and
wrapped lines and restores paragraph breaks with simple layout-free rules.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from datetime import date, datetime

from workradar.ingest.results import ExtractedPage, IngestError
from workradar.ingest.text import normalize_text, remove_boilerplate

# Lines this close to a page's top or bottom can be running headers/footers.
_EDGE_LINES = 3
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—\s]*)(?:(?:page|pagina|página|seite|p\.)\s*)?\d{1,4}(?:\s*(?:of|/|van|von|de|sur)\s*\d{1,4})?(?:[-–—\s]*)$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?:;\"”’»)]$")
_PAGE_BREAK = "\f"
_BULLET = re.compile(r"^(?:[•●▪◦‣∙·\-–*]|\d{1,2}[.)])\s+")


def _masked(line: str) -> str:
    return re.sub(r"\d+", "#", line.strip().lower())


def _last_number(line: str) -> int | None:
    numbers = re.findall(r"\d+", line)
    return int(numbers[-1]) if numbers else None


def _running_lines(pages: list[list[str]]) -> tuple[set[str], set[str]]:
    """Edge lines repeated on at least half of the pages: exact repeats, and lines
    that differ only in a number that counts up with the page (a page number),
    so that "Chapter 2" headings at the top of pages are not mistaken for headers."""
    if len(pages) < 2:
        return set(), set()
    threshold = max(2, (len(pages) + 1) // 2)
    exact: Counter[str] = Counter()
    masked: dict[str, Counter[int]] = {}
    for page_index, lines in enumerate(pages):
        edge = [line.strip() for line in lines[:_EDGE_LINES] + lines[-_EDGE_LINES:] if line.strip()]
        exact.update(set(edge))
        for line in set(edge):
            number = _last_number(line)
            if number is not None:
                masked.setdefault(_masked(line), Counter())[number - page_index] += 1
    exact_running = {line for line, n in exact.items() if n >= threshold}
    masked_running = {sig for sig, offsets in masked.items() if offsets.most_common(1)[0][1] >= threshold}
    return exact_running, masked_running


def _strip_running_lines(pages: list[list[str]]) -> tuple[list[list[str]], int]:
    """Drop page numbers and running headers/footers from the edges of each page."""
    exact_running, masked_running = _running_lines(pages)
    dropped = 0
    cleaned: list[list[str]] = []
    for lines in pages:
        kept: list[str] = []
        last = len(lines) - 1
        for index, line in enumerate(lines):
            stripped = line.strip()
            near_edge = index < _EDGE_LINES or index > last - _EDGE_LINES
            if (
                near_edge
                and stripped
                and (
                    stripped in exact_running
                    or _masked(stripped) in masked_running
                    or _PAGE_NUMBER.match(stripped)
                )
            ):
                dropped += 1
                continue
            kept.append(line)
        cleaned.append(kept)
    return cleaned, dropped


def _join_lines(lines: list[str]) -> str:
    """Re-flow printed lines into paragraphs separated by blank lines."""
    widths = sorted(len(line) for line in lines if line.strip())
    # The typical full line width: a high percentile, robust to a few long lines.
    full = widths[int(len(widths) * 0.9)] if widths else 0
    cleaned = [raw if raw == _PAGE_BREAK else " ".join(raw.split()) for raw in lines]
    # following[i]: the next non-empty line after i (precomputed: documents run to thousands of lines).
    following = [""] * len(cleaned)
    upcoming = ""
    for index in range(len(cleaned) - 1, -1, -1):
        following[index] = upcoming
        if cleaned[index] and cleaned[index] != _PAGE_BREAK:
            upcoming = cleaned[index]
    paragraphs: list[str] = []
    current = ""
    for index, line in enumerate(cleaned):
        if line == _PAGE_BREAK:
            # Paragraphs run on across pages unless the page ended a sentence.
            if current and _SENTENCE_END.search(current):
                paragraphs.append(current)
                current = ""
            continue
        if not line:
            if current:
                paragraphs.append(current)
                current = ""
            continue
        if _BULLET.match(line) and current:
            paragraphs.append(current)
            current = ""
        if not current:
            current = line
        elif re.search(r"[^\W\d_]-$", current) and line[:1].islower():
            current = current[:-1] + line  # hyphenated word split across lines
        else:
            current = f"{current} {line}"
        continues = bool(following[index][:1].islower()) or line.endswith("-")
        short = len(line) < 0.75 * full
        # A short line ends a paragraph when it ends a sentence, or stands alone as a heading.
        if short and not continues and (_SENTENCE_END.search(line) or current == line):
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return "\n\n".join(paragraphs)


def _meta_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return None


def extract_pdf(data: bytes, *, name: str = "PDF") -> ExtractedPage:
    """Clean text and metadata of a PDF; IngestError for encrypted, broken or image-only files."""
    if not data.lstrip()[:1024].startswith(b"%PDF") and b"%PDF-" not in data[:1024]:
        raise IngestError(f"not a PDF file: {name}")
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError, PyPdfError

    # pypdf logs every recoverable syntax problem as a warning; the outcome is reported instead.
    pypdf_logger = logging.getLogger("pypdf")
    previous_level = pypdf_logger.level
    pypdf_logger.setLevel(logging.ERROR)
    try:
        return _extract_pdf(data, name)
    except DependencyError as exc:
        raise IngestError(f"encrypted PDF cannot be decrypted ({exc}): {name}") from exc
    except FileNotDecryptedError as exc:
        raise IngestError(f"encrypted PDF needs a password: {name}") from exc
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        # pypdf surfaces damaged files through many exception types; all mean "unreadable".
        raise IngestError(
            f"unreadable PDF {name}: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"
        ) from exc
    finally:
        pypdf_logger.setLevel(previous_level)


def _extract_pdf(data: bytes, name: str) -> ExtractedPage:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted and not reader.decrypt(""):
        # An owner-password-only PDF opens with the empty user password; this one does not.
        raise IngestError(f"encrypted PDF needs a password: {name}")
    pages = [(page.extract_text() or "").split("\n") for page in reader.pages]
    page_count = len(pages)
    pages, dropped = _strip_running_lines(pages)
    lines = [line for page in pages for line in [*page, _PAGE_BREAK]]
    text = normalize_text(_join_lines(lines))
    if not text.strip():
        raise IngestError(f"no text in PDF (scanned or image-only?): {name}")
    filtered = remove_boilerplate(text)
    info = reader.metadata
    meta_title = " ".join(str(info.title).split()) if info and info.title else ""
    if re.match(r"^(?:microsoft \w+ - |untitled)", meta_title, re.IGNORECASE) or meta_title.lower().endswith(
        (".doc", ".docx", ".pdf")
    ):
        meta_title = ""  # the file name the authoring tool stored, not a title
    first_line = filtered.text.split("\n", 1)[0].strip()
    title = meta_title or (first_line if len(first_line) <= 200 else "")
    published = None
    if info:
        try:
            published = _meta_date(info.creation_date)
        except (ValueError, TypeError):
            published = None  # malformed date string in the Info dictionary
    meta: dict[str, object] = {"pages": page_count, "running_lines_dropped": dropped}
    if published:
        meta["published_from"] = "pdf-creation-date"
    if filtered.dropped_lines:
        meta["boilerplate_lines_dropped"] = filtered.dropped_lines
    author = " ".join(str(info.author).split()) if info and info.author else None
    return ExtractedPage(
        text=filtered.text,
        title=title,
        author=author or None,
        published=published,
        format="pdf",
        raw="\n\f\n".join("\n".join(page) for page in pages),
        meta=meta,
    )
