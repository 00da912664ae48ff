"""Page furniture in extracted text, found from the shape of its lines.

Text copied or extracted from a web page still carries the page around the article:
date stamps and datelines, bylines, tag and category lines, menu and breadcrumb rows
joined by `|` or `•`, photo file names and credits, cookie notices, "more »" links, and
labels repeated wherever the layout repeated them. Phrase lists per site and language
never keep up with that, so this detector reads features any language shares:

* **stamps**: a segment that is a date or time plus at most a few words
  ("Pubblicato il 22 Ott, 2025", "vandaag, 16:33", "by | May 20, 2024");
* **separated rows**: a line cut by `|`, `•` or `·` is a menu, breadcrumb or meta row;
  its short segments go, a long one (a headline that shared the row) stays;
* **tag lists**: four or more comma-separated items of at most four words and no
  sentence punctuation;
* **file names and credits**: `photo_01_s.jpg`; "Label: Firstname Lastname" lines;
* **cookie notices** (the word is the same in every European language) and short lines
  ending in a link arrow ("Więcej »");
* **menu labels** joined to a line as a final ALL-CAPS word ("… options. HOMEPAGE");
* **widget rows**: a short row repeating a two-word label ("Share on Facebook Share on X");
* **repetition**: a short label line that the page shows twice (a byline above and
  below the headline);
* **neighbourhood**: a very short line next to furniture is furniture (the names in
  a credits box), and so is a short ALL-CAPS line there.

Every rule looks at short lines or short segments only; a sentence of prose is never
dropped for a word it contains.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

# Inside a line only: a bullet opening a line is a list item, not a row.
_SEPARATOR = re.compile(r"\s+[|•·]\s+")
_DATE = re.compile(
    r"\b\d{4}-\d{2}-\d{2}\b"  # 2025-11-07
    r"|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b"  # 07.11.2025
    r"|\b\d{1,2}\.?\s+[^\W\d_]{3,10}\.?,?\s+\d{4}\b"  # 22 Ott, 2025
    r"|\b[^\W\d_]{3,10}\.?\s+\d{1,2},?\s+\d{4}\b"  # May 20, 2024
)
_TIME = re.compile(r"\b\d{1,2}[:h]\d{2}\b")
# A stamp opening a longer segment: "vandaag, 16:33 AI leidt tot …" -> "AI leidt tot …"
# (not "Since 2 February 2025, certain practices …": the rest must open a new sentence).
_LEADING_STAMP = re.compile(
    rf"^(?:[^\W\d_]+,?\s+){{0,2}}(?:{_DATE.pattern}|{_TIME.pattern})\s+(?=[¿¡\"'“‘«A-ZÀ-Þ])", re.UNICODE
)
_FILE_NAME = re.compile(r"(?<![\w/])[\w.-]+\.(?:jpe?g|png|gif|webp|svg|avif|bmp|tiff?)\b", re.IGNORECASE)
_CREDIT = re.compile(r"^[^\W\d_][^:]{0,40}:\s*(?:[A-ZÀ-Þ][\w'’.-]+\s*){1,4}$")
_COOKIE = re.compile(r"\bcookies?\b", re.IGNORECASE)
_LINK_ARROW = re.compile(r"(?:[»›→]|>>)\s*$")
_MENU_LABEL = re.compile(r"(?<=[.!?])\s+[A-ZÀ-Þ]{4,}\s*$")
_MENU_LABEL_MIN_WORDS = 8
_SENTENCE_END = re.compile(r"[.!?…:;]['\"”’»)]*\s*$")
_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)

# Limits (words) of the shapes above.
_STAMP_OTHER_WORDS = 3
_SEGMENT_LABEL_WORDS = 3
_ROW_LABEL_WORDS = 5
_TAG_ITEMS = 4
_TAG_ITEM_WORDS = 4
_COOKIE_LINE_WORDS = 40
_ARROW_LINE_WORDS = 15
_REPEATED_LABEL_WORDS = (2, 8)
_NEIGHBOUR_WORDS = 3
_CAPS_LINE_WORDS = 4
_WIDGET_ROW_WORDS = 12


def _words(text: str) -> list[str]:
    return [w for w in text.split() if _LETTERS.search(w)]


def is_stamp(segment: str) -> bool:
    """A date or time with at most a few words around it: a dateline, not a sentence."""
    if not (_DATE.search(segment) or _TIME.search(segment)):
        return False
    rest = _TIME.sub(" ", _DATE.sub(" ", segment))
    return len(_words(rest)) <= _STAMP_OTHER_WORDS and not _SENTENCE_END.search(segment.rstrip(",. "))


def is_tag_list(segment: str) -> bool:
    """Four or more short comma-separated items and no sentence punctuation."""
    items = [item.strip() for item in segment.split(",") if item.strip()]
    if len(items) < _TAG_ITEMS or _SENTENCE_END.search(segment):
        return False
    return all(len(item.split()) <= _TAG_ITEM_WORDS for item in items)


def _segment_is_chrome(segment: str) -> bool:
    words = _words(segment)
    return len(words) <= _SEGMENT_LABEL_WORDS or is_stamp(segment) or is_tag_list(segment)


def clean_line(line: str, *, row: bool = True, opening: bool = False) -> str | None:
    """`line` without its furniture: None when all of it is furniture, else the line with
    file names, meta segments, an opening stamp and a trailing menu label removed.

    `row`: the line may be a menu or meta row (no neighbouring line is cut by the same
    separators, as the rows of a table are); `opening`: it is the document's first line,
    where a dateline may run into the headline."""
    text = _FILE_NAME.sub(" ", line)
    if text != line and len(_words(text)) <= 2:
        return None
    stamp_allowed = opening
    if row and _SEPARATOR.search(text):
        segments = [s.strip() for s in _SEPARATOR.split(text) if s.strip()]
        kept = [s for s in segments if not _segment_is_chrome(s)]
        if len(kept) < len(segments):
            # A meta row: its other short unpunctuated segments are tags or sections too.
            kept = [s for s in kept if len(_words(s)) > _ROW_LABEL_WORDS or _SENTENCE_END.search(s)]
        if not kept:
            return None
        stamp_allowed = stamp_allowed or len(kept) < len(segments)
        text = " ".join(kept)
    text = " ".join(text.split())
    if not text:
        return None
    if is_stamp(text) or is_tag_list(text):
        return None
    words = _words(text)
    if _COOKIE.search(text) and len(words) <= _COOKIE_LINE_WORDS:
        return None
    if _repeated_label_row(text):
        return None
    if _LINK_ARROW.search(text) and len(words) <= _ARROW_LINE_WORDS:
        return None
    stamp = _LEADING_STAMP.match(text) if stamp_allowed else None
    if stamp and len(_words(text[stamp.end() :])) >= 3:
        text = text[stamp.end() :]
    if len(words) > _MENU_LABEL_MIN_WORDS:
        text = _MENU_LABEL.sub("", text)
    return text if text != " ".join(line.split()) else line


def _repeated_label_row(text: str) -> bool:
    """A short row repeating a two-word label with other ends: "Share on Facebook Share on
    X Print", "Condividi su Facebook Condividi su Twitter" — a widget bar."""
    words = text.split()
    if len(words) > _WIDGET_ROW_WORDS or _SENTENCE_END.search(text):
        return False
    # Labels open with a capital each time ("Share on", "Condividi su"); "über die" twice
    # inside a quoted headline is prose.
    pairs = Counter((a, b) for a, b in pairwise(words) if a[:1].isupper())
    return any(count >= 2 for count in pairs.values())


def is_credit(line: str) -> bool:
    """ "Label: Firstname Lastname" — a credit, when others or other furniture stand by it."""
    return bool(_CREDIT.match(line.strip()))


def _is_label_line(line: str) -> bool:
    """A short line without sentence punctuation or digits: a byline, a label."""
    low, high = _REPEATED_LABEL_WORDS
    return low <= len(_words(line)) <= high and not _SENTENCE_END.search(line) and not re.search(r"\d", line)


def _is_caps_line(line: str) -> bool:
    words = _words(line)
    return 0 < len(words) <= _CAPS_LINE_WORDS and all(w.isupper() for w in words)


def remove_chrome(lines: list[str]) -> tuple[list[str | None], int]:
    """Each line cleaned (None: dropped as furniture) and how many were dropped or cut.

    `lines` are the document's lines in order, blank ones included (they separate
    paragraphs and are returned as they are)."""
    out: list[str | None] = []
    chrome = [False] * len(lines)
    separated = [bool(_SEPARATOR.search(line)) for line in lines]
    opening = next((i for i, line in enumerate(lines) if line.strip()), -1)
    for i, line in enumerate(lines):
        if not line.strip():
            out.append(line)
            continue
        in_table = (i > 0 and separated[i - 1]) or (i + 1 < len(lines) and separated[i + 1])
        cleaned = clean_line(line, row=not in_table, opening=i == opening)
        chrome[i] = cleaned is None
        out.append(cleaned)
    # Credits come in boxes: a credit line next to another credit or to furniture.
    credits = [bool(line and is_credit(line)) and not chrome[i] for i, line in enumerate(out)]
    for i, credit in enumerate(credits):
        if credit and any(0 <= j < len(out) and (credits[j] or chrome[j]) for j in (i - 1, i + 1)):
            out[i], chrome[i] = None, True
    changed = sum(1 for a, b in zip(lines, out, strict=True) if a != b)

    # A label the page shows twice, as its own line and again as a line or at the start
    # or end of another (a byline above and below the headline).
    whole = Counter(line.strip() for line in out if line and _is_label_line(line.strip()))
    for label in whole:
        holders = [
            i
            for i, line in enumerate(out)
            if line
            and line.strip() != label
            and (line.strip().startswith(label + " ") or line.strip().endswith(" " + label))
        ]
        if whole[label] < 2 and not holders:
            continue
        for i, current in enumerate(out):
            if current and current.strip() == label and i != opening:
                out[i], chrome[i] = None, True
                changed += 1
        for i in holders:
            held = out[i]
            if held is not None:
                stripped = held.strip()
                cut = stripped[len(label) :] if stripped.startswith(label + " ") else stripped[: -len(label)]
                out[i] = cut.strip()
                changed += 1

    # Very short lines and short ALL-CAPS lines next to furniture are furniture too.
    grew = True
    while grew:
        grew = False
        for i, current in enumerate(out):
            if not current or not current.strip() or chrome[i]:
                continue
            stripped = current.strip()
            short = len(_words(stripped)) <= _NEIGHBOUR_WORDS and not _SENTENCE_END.search(stripped)
            if not (short or _is_caps_line(stripped)):
                continue
            if _next_to_chrome(out, chrome, i):
                out[i], chrome[i], grew = None, True, True
                changed += 1
    return out, changed


def _next_to_chrome(out: list[str | None], chrome: list[bool], i: int) -> bool:
    """The nearest non-blank line above or below `i` is furniture (blank lines between
    paragraphs break the neighbourhood)."""
    for step in (-1, 1):
        j = i + step
        if 0 <= j < len(out) and chrome[j]:
            return True
    return False
