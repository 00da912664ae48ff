"""A compact inverted index for the static site's client-side search.

Why hand-written rather than a vendored library: lunr (the usual choice) ships
an English-only stemmer and serialises to an index several times larger than
this one, and the corpus is multilingual. Prefix matching on accent-folded
tokens serves every language about equally well, and the whole thing is ~100
lines here plus ~100 lines of JavaScript (`static/site/search.js`), both tested
(unit tests here, the JavaScript in real Chromium).

Format (a JSON object, assigned to `window.WR_SEARCH` by `assets/search-index.js`):

- `v`: format version (1); `n`: number of documents (cards, in the order of
  `window.WR_CARDS`);
- `terms`: the sorted list of indexed terms;
- `postings`: for each term, one string of postings `<delta><weight>`: `delta`
  is the gap to the previous document index in base 36 (0-9a-z), `weight` one
  capital letter A=1 … Z=26 (field-weighted term frequency, capped);
- `common`: terms left out because they occur in more than `COMMON_SHARE` of
  the documents (only when there are at least `COMMON_MIN_DOCS`); queries skip
  them instead of matching nothing. This replaces stopword lists, which for
  some languages (English stopwords-iso) contain "work" and "ai".

Tokenisation, mirrored exactly in JavaScript: NFKD, drop combining marks,
lowercase, runs of letters/digits, at least `MIN_TOKEN` characters.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

INDEX_VERSION = 1
MIN_TOKEN = 2
MAX_WEIGHT = 26
COMMON_SHARE = 0.6
COMMON_MIN_DOCS = 50
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
_TOKEN_RE = re.compile(r"[^\W_]+")

# Field weights: a title hit outranks a keyword hit outranks a summary hit.
FIELD_WEIGHTS = {"title": 5, "tags": 3, "names": 2, "text": 1}


def tokenize(text: str) -> list[str]:
    if text.isascii():
        folded = text.lower()  # fast path: NFKD and mark removal change nothing in ASCII
    else:
        folded = "".join(
            ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.category(ch).startswith("M")
        ).lower()
    return [t for t in _TOKEN_RE.findall(folded) if len(t) >= MIN_TOKEN]


@dataclass(frozen=True, slots=True)
class SearchDoc:
    """The searchable text of one card, by field (see FIELD_WEIGHTS)."""

    title: str
    tags: Sequence[str] = ()
    names: Sequence[str] = ()
    text: Sequence[str] = ()


def _base36(value: int) -> str:
    if value == 0:
        return "0"
    digits: list[str] = []
    while value:
        value, rest = divmod(value, 36)
        digits.append(_DIGITS[rest])
    return "".join(reversed(digits))


class IndexBuilder:
    """Adds documents one at a time (the site streams cards); `finish()` returns the index."""

    def __init__(self) -> None:
        self._weights: dict[str, dict[int, int]] = defaultdict(dict)
        self._count = 0

    def add(self, doc: SearchDoc) -> int:
        """Index `doc` as the next document; returns its index."""
        index = self._count
        self._count += 1
        fields: tuple[tuple[str, Iterable[str]], ...] = (
            ("title", (doc.title,)),
            ("tags", doc.tags),
            ("names", doc.names),
            ("text", doc.text),
        )
        for field, texts in fields:
            weight = FIELD_WEIGHTS[field]
            for text in texts:
                for token in tokenize(text):
                    per_doc = self._weights[token]
                    per_doc[index] = per_doc.get(index, 0) + weight
        return index

    def finish(self) -> dict[str, Any]:
        weights = self._weights
        count = self._count
        common: list[str] = []
        if count >= COMMON_MIN_DOCS:
            common = sorted(t for t, d in weights.items() if len(d) > COMMON_SHARE * count)
        skip = set(common)
        terms = sorted(t for t in weights if t not in skip)
        postings: list[str] = []
        for term in terms:
            parts: list[str] = []
            previous = 0
            per_doc = weights[term]
            for doc_index in sorted(per_doc):
                weight = min(per_doc[doc_index], MAX_WEIGHT)
                parts.append(_base36(doc_index - previous) + chr(ord("A") + weight - 1))
                previous = doc_index
            postings.append("".join(parts))
        return {"v": INDEX_VERSION, "n": count, "terms": terms, "postings": postings, "common": common}


def build_index(docs: Iterable[SearchDoc]) -> dict[str, Any]:
    builder = IndexBuilder()
    for doc in docs:
        builder.add(doc)
    return builder.finish()


def decode_postings(encoded: str) -> list[tuple[int, int]]:
    """(document index, weight) pairs of one postings string; the inverse of the encoding."""
    out: list[tuple[int, int]] = []
    doc = 0
    number = ""
    for ch in encoded:
        if "A" <= ch <= "Z":
            doc += int(number, 36)
            out.append((doc, ord(ch) - ord("A") + 1))
            number = ""
        else:
            number += ch
    if number:
        raise ValueError(f"truncated postings string {encoded!r}")
    return out
