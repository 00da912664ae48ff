"""Splitting a document that does not fit the model's context.

A document goes to the model whole when its text fits the token budget left
after the prompt and the answer (see `LLMAnalyzer._text_budget`). Otherwise
it is cut into contiguous chunks, each within the budget, at the largest
boundary that works: paragraphs (blank lines), then sentence ends, then
whitespace. Chunks do not overlap (an item spanning a boundary is seen, in
part, by both neighbours; `merge.py` folds near-duplicates), and each keeps
its offset in the document, so quotes grounded in a chunk map back to exact
document offsets.

Token counts are estimated without a tokenizer (the server's is unknown and
may be remote): `CHARS_PER_TOKEN` = 3 is conservative for the languages we
read (English runs near 4 characters a token, German and Dutch near 3.3).
A server that still rejects a prompt as too long makes the analyzer split
again with half the budget.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

CHARS_PER_TOKEN = 3.0
TokenCounter = Callable[[str], int]

_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")
_SENTENCE = re.compile(r"(?<=[.!?…:;])\s+")
_SPACE = re.compile(r"\s+")


def estimate_tokens(text: str) -> int:
    return math.ceil(len(text) / CHARS_PER_TOKEN)


@dataclass(frozen=True)
class Chunk:
    index: int
    start: int
    end: int
    text: str


def split_text(text: str, budget: int, count: TokenCounter = estimate_tokens) -> list[Chunk]:
    """`text` as chunks of at most `budget` tokens each (by `count`)."""
    if budget <= 0:
        raise ValueError(f"token budget must be positive, got {budget}")
    if count(text) <= budget:
        return [Chunk(0, 0, len(text), text)]
    pieces: list[tuple[int, int]] = []
    for start, end in _spans(text, 0, len(text), _PARAGRAPH):
        pieces.extend(_fit(text, start, end, budget, count))
    chunks: list[Chunk] = []
    cur_start: int | None = None
    cur_end = 0
    for start, end in pieces:
        if cur_start is not None and count(text[cur_start:end]) > budget:
            chunks.append(Chunk(len(chunks), cur_start, cur_end, text[cur_start:cur_end]))
            cur_start = None
        if cur_start is None:
            cur_start = start
        cur_end = end
    if cur_start is not None:
        chunks.append(Chunk(len(chunks), cur_start, cur_end, text[cur_start:cur_end]))
    return chunks


def _spans(text: str, start: int, end: int, boundary: re.Pattern[str]) -> list[tuple[int, int]]:
    """[start, end) cut at `boundary` matches, each piece keeping its trailing separator."""
    out: list[tuple[int, int]] = []
    pos = start
    for match in boundary.finditer(text, start, end):
        if match.end() > pos:
            out.append((pos, match.end()))
            pos = match.end()
    if pos < end:
        out.append((pos, end))
    return out


def _fit(text: str, start: int, end: int, budget: int, count: TokenCounter) -> list[tuple[int, int]]:
    """[start, end) as pieces within budget: whole, else by sentence, else by
    whitespace, else (one huge token run) by characters."""
    if count(text[start:end]) <= budget:
        return [(start, end)]
    for boundary in (_SENTENCE, _SPACE):
        parts = _spans(text, start, end, boundary)
        if len(parts) > 1:
            out: list[tuple[int, int]] = []
            for s, e in parts:
                out.extend(_fit(text, s, e, budget, count))
            return out
    width = max(1, int(budget * CHARS_PER_TOKEN))
    return [(s, min(s + width, end)) for s in range(start, end, width)]
