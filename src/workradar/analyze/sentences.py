"""Multilingual sentence segmentation with exact offsets.

Every `Sentence` satisfies `text[s.start:s.end] == s.text`, so any sentence
(or a span inside it) can become card evidence directly.

Blocks are found first (paragraphs, headings, bullet items, table rows),
then each prose block is split at sentence-final punctuation, guarding
abbreviations, decimals and initials.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

SentenceKind = Literal["text", "heading", "bullet", "table"]


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int
    end: int
    paragraph: int
    kind: SentenceKind = "text"


# Abbreviations that end with a period but rarely end a sentence (lowercased, without the dot).
_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st vs etc e.g i.e cf fig no nos vol pp approx est dept inc ltd co corp
    jan feb mar apr jun jul aug sep sept oct nov dec art para sec ch
    m.i d.w.z bijv o.a e.d ca mln mld resp enz nl. z.g.a.n vgl
    z.b bzw ggf usw vgl inkl ca evtl d.h u.a nr abs mio mrd
    p.ex env cf mme mlle
    sr sra dña p.ej etc núm
    """.split()
)

_BULLET = re.compile(r"^\s*(?:[-*•·▪‣◦–—]|\d{1,3}[.)]|[a-zA-Z][.)])\s+")
_HEADING = re.compile(r"^\s*#{1,6}\s+\S")
_TABLE = re.compile(r"^\s*\|.*\|\s*$|\t.*\t")
# Candidate boundary: sentence punctuation, optional closing quotes/brackets/footnote marks, then space.
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’»)\]]*(?:<sup>\d+</sup>|\[\d+\]|\d{1,2}(?=\s+[A-ZÀ-Ý]))?(?=\s+)")


def _blocks(text: str) -> list[tuple[int, int, SentenceKind]]:
    """Spans of blocks: blank-line paragraphs, split further so that each
    heading, bullet item and table row is its own block."""
    blocks: list[tuple[int, int, SentenceKind]] = []
    pos = 0
    current_start: int | None = None
    current_end = 0
    for line in text.splitlines(keepends=True):
        line_start, line_end = pos, pos + len(line.rstrip("\r\n"))
        pos += len(line)
        stripped = line.strip()
        if not stripped:
            if current_start is not None:
                blocks.append((current_start, current_end, "text"))
                current_start = None
            continue
        kind: SentenceKind | None = None
        if _HEADING.match(line):
            kind = "heading"
        elif _TABLE.match(line):
            kind = "table"
        elif _BULLET.match(line):
            kind = "bullet"
        elif len(stripped) < 90 and not re.search(r"[.!?:;,]$", stripped) and current_start is None:
            # A short line without final punctuation standing alone: a title or heading.
            kind = "heading"
        if kind is not None:
            if current_start is not None:
                blocks.append((current_start, current_end, "text"))
                current_start = None
            blocks.append((line_start, line_end, kind))
            continue
        if current_start is None:
            current_start = line_start
        current_end = line_end
    if current_start is not None:
        blocks.append((current_start, current_end, "text"))
    return _merge_heading_runs(text, blocks)


def _merge_heading_runs(text: str, blocks: list[tuple[int, int, SentenceKind]]) -> list[tuple[int, int, SentenceKind]]:
    # A "heading" that is followed directly (no blank line) by prose of the same
    # paragraph is really the first line of a wrapped paragraph (PDF line breaks).
    merged: list[tuple[int, int, SentenceKind]] = []
    for start, end, kind in blocks:
        if (
            merged
            and merged[-1][2] == "heading"
            and kind == "text"
            and "\n\n" not in text[merged[-1][1] : start]
            and not _HEADING.match(text[merged[-1][0] : merged[-1][1]])
            and text[merged[-1][0] : merged[-1][1]].strip()[-1:].islower()
        ):
            merged[-1] = (merged[-1][0], end, "text")
        else:
            merged.append((start, end, kind))
    return merged


def _is_abbreviation(block: str, dot_index: int) -> bool:
    match = re.search(r"(\S+)$", block[:dot_index])
    if not match:
        return False
    word = match.group(1).lower().lstrip("([\"'“‘")
    if word in _ABBREVIATIONS or word.rstrip(".") in _ABBREVIATIONS:
        return True
    # Initials ("J. Smith") and single letters.
    return len(word) == 1 and word.isalpha()


def _split_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    block = text[start:end]
    spans: list[tuple[int, int]] = []
    sentence_start = 0
    for match in _BOUNDARY.finditer(block):
        punct_end = match.end()
        if block[match.start()] == "." and match.group().startswith(".") and len(match.group()) == 1:
            if _is_abbreviation(block, match.start()):
                continue
        following = block[punct_end:].lstrip()
        if following and following[0].islower():
            continue  # "e.g. the" or a decimal-like continuation
        spans.append((sentence_start, punct_end))
        sentence_start = punct_end
    spans.append((sentence_start, len(block)))
    result: list[tuple[int, int]] = []
    for s, e in spans:
        piece = block[s:e]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        if piece.strip():
            result.append((start + s + lead, start + e - trail))
    return result


def split_sentences(text: str, language: str | None = None) -> list[Sentence]:
    """Sentences of `text` in order, with offsets into `text`."""
    sentences: list[Sentence] = []
    for paragraph, (start, end, kind) in enumerate(_blocks(text)):
        if kind == "text":
            spans = _split_block(text, start, end)
        else:
            spans = _split_block(text, start, end) if kind == "bullet" else [(start, end)]
        for s, e in spans:
            s, e = _strip_span(text, s, e)
            if e > s:
                sentences.append(Sentence(text=text[s:e], start=s, end=e, paragraph=paragraph, kind=kind))
    return sentences


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
