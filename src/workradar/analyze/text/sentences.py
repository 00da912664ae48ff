"""Multilingual sentence segmentation with exact offsets.

Every `Sentence` satisfies `text[s.start:s.end] == s.text`, so any sentence
(or a span inside it) can become card evidence directly. Spans never include
layout: bullet markers, markdown heading hashes, balanced emphasis markers and
surrounding whitespace are left outside the span. `Sentence.clean` is the
normalised form used for embedding and matching (PDF hyphenation undone,
footnote markers and markdown links removed, whitespace collapsed).

Segmentation runs in two passes:

1. Lines are grouped into blocks: prose paragraphs (consecutive lines are
   joined, so PDF line wraps do not cut sentences), headings, bullet items
   (with their indented continuation lines), table rows (one unit each) and
   footnote definitions.
2. Prose and bullet blocks are split at sentence-final punctuation, guarding
   abbreviations (from the language packs), initials, decimals, ordinals
   with a dot (German; a pack's `ordinal_dot` trait), ellipses followed by
   lower case, and footnote markers that follow the period (`.<sup>3</sup>`, `.[3]`, `.12 Next`). A run-on longer than
   `MAX_SENTENCE_CHARS` is cut at `;` or `:` (or at a space near the cap) so
   nothing downstream has to handle unbounded spans.

Hand-written rather than a library (pysbd, syntok, spaCy): we need exact
offsets through markdown/PDF layout, every language a pack describes, and no
model files; the rules below are small and each one is tested.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from workradar.languages import pack_flag, pooled_words

SentenceKind = Literal["text", "heading", "bullet", "table", "footnote"]

MAX_SENTENCE_CHARS = 600
"""Run-on sentences longer than this are split (at ; or : when possible)."""


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int
    end: int
    paragraph: int
    kind: SentenceKind = "text"

    @property
    def clean(self) -> str:
        """Normalised text for embedding and matching (not for evidence)."""
        return clean_text(self.text)


# Abbreviations that end with a period but rarely end a sentence (lowercased, without the
# final dot; multi-dot forms such as "e.g", "d.w.z" are matched whole): the `abbreviations`
# of every language pack's words.toml, pooled, since texts mix languages.


def _abbreviations() -> frozenset[str]:
    return pooled_words("words", "abbreviations")


# Bullet markers: symbols, "1." / "1)" / "a)" / "(a)" numbering.
_BULLET = re.compile(r"[ \t]*(?:[-*+•·▪‣◦●○■□–—]|\(?\d{1,3}[.)]|\(?[a-z][.)]|\([ivx]{1,4}\))[ \t]+(?=\S)")
_HEADING_MD = re.compile(r"[ \t]*#{1,6}[ \t]+(?=\S)")
_RULE = re.compile(r"[ \t]*(?:[-*_=][ \t]*){3,}$")
_TABLE_SEPARATOR = re.compile(r"[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$")
_FOOTNOTE_DEF = re.compile(r"[ \t]*(?:<sup>\s*\d{1,3}\s*</sup>|\[\^?\d{1,3}\]:?)[ \t]*(?=\S)")
_FINAL = ".!?…"
_CLOSERS = "\"'”’»)]*_"
# Candidate boundary: final punctuation, closing quotes/brackets/emphasis, then an optional
# footnote marker, then whitespace (checked in code).
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’»)\]*_]*(?:<sup>\s*\d{1,3}\s*</sup>|\[\d{1,3}\]|\d{1,3})?(?=\s)")
_SPLIT_PREFERRED = re.compile(r"[;:](?=\s)")


@dataclass(slots=True)
class _Line:
    start: int
    end: int  # end of content, without the line break
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()


def _lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        content = raw.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        lines.append(_Line(pos, pos + len(content), content))
        pos += len(raw)
    return lines


def _is_table(line: str) -> bool:
    s = line.strip()
    return (s.startswith("|") and s.count("|") >= 2) or line.count("\t") >= 2


def _ends_final(s: str) -> bool:
    s = s.rstrip(_CLOSERS + " ")
    s = re.sub(r"(?:<sup>\s*\d+\s*</sup>|\[\d+\])$", "", s)
    return bool(s) and s[-1] in _FINAL + ":"


def _is_heading_like(lines: list[_Line], i: int, in_paragraph: bool) -> bool:
    """A short line standing on its own without final punctuation (a title,
    a section name) or a short label ending in ':' above a list."""
    s = lines[i].stripped
    if len(s) >= 90 or ". " in s:
        return False
    prev = lines[i - 1].stripped if i > 0 else ""
    nxt = lines[i + 1].stripped if i + 1 < len(lines) else ""
    if in_paragraph and prev and not _ends_final(prev):
        return False  # the middle of a wrapped sentence
    if s.startswith("**") and s.endswith("**") and len(s) > 4:
        return True
    if s.endswith(":"):
        return len(s) < 80 and (not nxt or bool(_BULLET.match(lines[i + 1].text)))
    if _ends_final(s) or s[-1] in ",;":
        return False
    if not nxt:
        return True
    # The next line must start a new unit (capital, digit, quote, bullet), not continue this one.
    return not (nxt[0].islower() or nxt[0] in ",;)")


def _blocks(text: str) -> list[tuple[int, int, SentenceKind]]:
    """Spans of blocks: paragraphs, headings, bullet items, table rows, footnotes."""
    reader = _BlockReader(_lines(text))
    for i in range(len(reader.lines)):
        reader.read(i)
    reader.flush()
    return reader.blocks


# Lines that a marker makes a block of their own, marker left outside.
_MARKED_LINES: tuple[tuple[re.Pattern[str], SentenceKind], ...] = (
    (_HEADING_MD, "heading"),
    (_FOOTNOTE_DEF, "footnote"),
)


class _BlockReader:
    """Groups lines into blocks, one line at a time; a paragraph or a bullet
    item stays open until a line that cannot continue it."""

    def __init__(self, lines: list[_Line]) -> None:
        self.lines = lines
        self.blocks: list[tuple[int, int, SentenceKind]] = []
        self.para: list[_Line] = []
        self.bullet: list[int] | None = None  # [start, end, indent] of the open bullet item

    def flush(self) -> None:
        """Close the open paragraph and bullet item."""
        if self.para:
            self.blocks.append((self.para[0].start, self.para[-1].end, "text"))
            self.para = []
        if self.bullet is not None:
            self.blocks.append((self.bullet[0], self.bullet[1], "bullet"))
            self.bullet = None

    def read(self, i: int) -> None:
        line = self.lines[i]
        s = line.stripped
        if not s or (_RULE.match(line.text) and not s.startswith("|")):
            self.flush()
            return
        if self._standalone(line):
            return
        if m := _BULLET.match(line.text):
            self._bullet(i, m)
            return
        self._prose(i)

    def _standalone(self, line: _Line) -> bool:
        """A table row, a markdown heading or a footnote definition: a block
        of its own (a table separator is none). Says whether `line` was one."""
        if _is_table(line.text):
            self.flush()
            if not _TABLE_SEPARATOR.match(line.text):
                self.blocks.append((line.start, line.end, "table"))
            return True
        for pattern, kind in _MARKED_LINES:
            if m := pattern.match(line.text):
                self.flush()
                self.blocks.append((line.start + m.end(), line.end, kind))
                return True
        return False

    def _bullet(self, i: int, marker: re.Match[str]) -> None:
        # "1. Heading?" style numbered lines and "- item" lines alike: the marker stays outside.
        self.flush()
        line = self.lines[i]
        if _numbered_title(self.lines, i, marker):
            # "3. De junior-paradox": a numbered section title, not a list item.
            self.blocks.append((line.start + marker.end(), line.end, "heading"))
            return
        indent = len(line.text) - len(line.text.lstrip())
        self.bullet = [line.start + marker.end(), line.end, indent]

    def _prose(self, i: int) -> None:
        """A line of text: continues the open bullet item or paragraph, or is a heading."""
        line = self.lines[i]
        s = line.stripped
        indent = len(line.text) - len(line.text.lstrip())
        if self.bullet is not None and (indent > self.bullet[2] or s[0].islower()):
            self.bullet[1] = line.end  # a wrapped bullet item
            return
        if self.bullet is not None:
            self.flush()
        if _is_heading_like(self.lines, i, bool(self.para)):
            self.flush()
            self.blocks.append((line.start, line.end, "heading"))
            return
        if self.para and _ends_final(self.para[-1].stripped) and len(self.para[-1].stripped) > 160:
            # Long lines that end a sentence are paragraphs of their own (web text
            # with single line breaks); short ones are PDF wraps and are joined.
            self.flush()
        self.para.append(line)


def _numbered_title(lines: list[_Line], i: int, marker: re.Match[str]) -> bool:
    """A short numbered line without final punctuation, alone between non-list
    lines: a section title ("3. De junior-paradox")."""
    line = lines[i]
    nxt = lines[i + 1].text if i + 1 < len(lines) else ""
    item = line.text[marker.end() :].strip()
    return (
        marker.group().strip()[:1].isdigit()
        and len(item) < 90
        and not _ends_final(item)
        and item[-1:] != ","
        and not _BULLET.match(nxt)
        and not (i > 0 and _BULLET.match(lines[i - 1].text))
    )


def _is_abbreviation(block: str, dot_index: int, language: str | None) -> bool:
    match = re.search(r"(\S+)$", block[:dot_index])
    if not match:
        return False
    word = match.group(1).lower().lstrip("([\"'“‘«*_")
    abbreviations = _abbreviations()
    if word in abbreviations or word.rstrip(".") in abbreviations:
        return True
    if len(word) == 1 and word.isalpha():
        return True  # initials: "J. Smith"
    # Dotted acronyms like "U.S." or "A.I." (a letter-dot pattern).
    return bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", word))


def _footnote_digits_ok(block: str, match: re.Match[str]) -> bool:
    """Digits glued after a period count as a footnote only after a word
    ("growth.12 Next"), never after a number ("in 4.4 Percent")."""
    group = match.group()
    digits = re.search(r"\d+$", group)
    if not digits or "<sup>" in group or "[" in group:
        return True
    before = block[: match.start()]
    return bool(before) and before[-1].isalpha() and len(digits.group()) <= 3


def _split_block(text: str, start: int, end: int, language: str | None) -> list[tuple[int, int]]:
    block = text[start:end]
    ordinal_dot = bool(language) and pack_flag(language or "", "words", "traits", "ordinal_dot")
    spans: list[tuple[int, int]] = []
    sentence_start = 0
    for match in _BOUNDARY.finditer(block):
        punct_end = match.end()
        group = match.group()
        if group[-1].isdigit() and not _footnote_digits_ok(block, match):
            continue
        if group.startswith(".") and not group.startswith(".."):
            if _is_abbreviation(block, match.start(), language):
                continue
            before = block[: match.start()]
            if ordinal_dot and re.search(r"(?:^|\s)\d{1,2}$", before):
                continue  # an ordinal ("am 3. Mai", "im 21. Jahrhundert")
        following = block[punct_end:].lstrip()
        if not following:
            continue
        first = following.lstrip("\"'“‘«(*_[")[:1]
        if first and (first.islower() or first in ",;:)"):
            continue  # "e.g. the", "… and then", "?" inside a quoted phrase
        spans.append((sentence_start, punct_end))
        sentence_start = punct_end
    spans.append((sentence_start, len(block)))
    result: list[tuple[int, int]] = []
    for s, e in spans:
        s2, e2 = _strip_span(block, s, e)
        if e2 > s2:
            result.extend(_cap_span(block, s2, e2))
    return [(start + s, start + e) for s, e in result]


def _cap_span(block: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a run-on span into pieces of at most MAX_SENTENCE_CHARS."""
    pieces: list[tuple[int, int]] = []
    while end - start > MAX_SENTENCE_CHARS:
        window = block[start : start + MAX_SENTENCE_CHARS]
        floor = MAX_SENTENCE_CHARS // 4
        cut = -1
        for m in _SPLIT_PREFERRED.finditer(window):
            if m.end() >= floor:
                cut = m.end()
        if cut < 0:
            space = window.rfind(" ", floor)
            cut = space if space > 0 else MAX_SENTENCE_CHARS
        s, e = _strip_span(block, start, start + cut)
        if e > s:
            pieces.append((s, e))
        start, _ = _strip_span(block, start + cut, end)
    s, e = _strip_span(block, start, end)
    if e > s:
        pieces.append((s, e))
    return pieces


def split_sentences(text: str, language: str | None = None) -> list[Sentence]:
    """Sentences of `text` in order, with offsets into `text`."""
    sentences: list[Sentence] = []
    for paragraph, (start, end, kind) in enumerate(_blocks(text)):
        if kind in ("text", "bullet", "footnote"):
            spans = _split_block(text, start, end, language)
        else:
            spans = [_strip_span(text, start, end)]
        for s, e in spans:
            if e > s and any(ch.isalnum() for ch in text[s:e]):
                sentences.append(Sentence(text=text[s:e], start=s, end=e, paragraph=paragraph, kind=kind))
    return sentences


_EMPHASIS = re.compile(r"^(\*{1,3}|_{1,3})")


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim whitespace, blockquote markers and unbalanced emphasis markers."""
    while True:
        before = (start, end)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end and text[start] == ">":
            start += 1
            continue
        span = text[start:end]
        lead = _EMPHASIS.match(span)
        if lead and lead.group(1) not in span[len(lead.group(1)) :].rstrip("*_ "):
            # An opening marker that is not closed inside the span: "**Lead.** Text".
            start += len(lead.group(1))
            span = text[start:end]
        trail = len(span) - len(span.rstrip("*_"))
        if trail and span[:-trail].count(span[-trail:]) == 0:
            end -= trail  # a closing marker whose opening was left outside
        if (start, end) == before:
            return start, end


_SUP = re.compile(r"<sup>\s*\d{1,3}\s*</sup>|\[\d{1,3}\]")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_URL_ANGLE = re.compile(r"<https?://[^>]+>")
_TRAILING_FOOTNOTE = re.compile(r"(?<=[a-zA-Z)”\"'])([.!?])\d{1,3}(?=\s|$)")
_HYPHEN_WRAP = re.compile(r"(?<=[a-zà-ÿ])-\s*\n\s*(?=[a-zà-ÿ])")


def clean_text(text: str) -> str:
    """Normalise a span for embedding: undo PDF hyphenation, drop footnote
    markers, markdown links/emphasis and table pipes, collapse whitespace."""
    out = _HYPHEN_WRAP.sub("", text)
    out = _SUP.sub("", out)
    out = _MD_LINK.sub(r"\1", out)
    out = _URL_ANGLE.sub("", out)
    out = _TRAILING_FOOTNOTE.sub(r"\1", out)
    out = out.replace("**", "").replace("\\", "")
    if out.lstrip().startswith("|"):
        out = "; ".join(c.strip() for c in out.strip().strip("|").split("|") if c.strip())
    return " ".join(out.split())
