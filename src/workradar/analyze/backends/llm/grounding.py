"""Grounding: find a model's quote in the document and return exact offsets.

A model copies quotes imperfectly: curly quotes become straight ones, dashes
change, line breaks collapse, a word is dropped or inflected differently. We
accept those and nothing more, in four steps, each only if the previous one
found nothing:

1. exact substring of the original text;
2. exact substring after normalising both sides (Unicode NFKC, all quote,
   apostrophe and dash variants folded to ASCII, whitespace runs to one
   space, soft hyphens removed);
3. the same, case-insensitive;
4. fuzzy: rapidfuzz's `partial_ratio_alignment` of the normalised quote
   against the normalised text, accepted at score >= `FUZZY_THRESHOLD`
   (default 90 on rapidfuzz's 0-100 Indel scale: roughly one edited
   character in ten, e.g. a changed word ending or a dropped comma; a
   paraphrase scores well below it). Fuzzy matching is only tried for
   quotes of at least `MIN_FUZZY_CHARS` characters: short strings reach
   high partial ratios by chance.

Every step works on a normalised copy that keeps, for each of its
characters, the offset of the original character it came from, so a match
maps back to exact offsets and the card's evidence satisfies
`quote == text[start:end]` with the document's own characters. A fuzzy match
is widened to whole words (so is any match that starts or ends inside a
word). Quotes shorter than `MIN_QUOTE_CHARS` are refused:
they cannot show that an item is supported.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

FUZZY_THRESHOLD = 90.0
MIN_QUOTE_CHARS = 8
MIN_FUZZY_CHARS = 24
FUZZY_WINDOW = 20_000
"""Texts longer than this are searched in overlapping windows, which keeps the
alignment's cost linear in the text length."""

_FOLD = {
    **dict.fromkeys("‘’‚‛′`´", "'"),
    **dict.fromkeys("“”„‟″«»", '"'),
    **dict.fromkeys("‐‑‒–—―−", "-"),
    "…": "...",
    "\u00ad": "",  # soft hyphen
    "\u200b": "",  # zero-width space
}
_QUOTE_MARKS = " \t\r\n\"'“”„«»‘’"
_ELLIPSIS_EDGES = re.compile(r"^(?:\.{2,}|…)\s*|\s*(?:\.{2,}|…)$")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    score: float  # 100 for exact and normalised matches


@dataclass(frozen=True)
class _Normalised:
    text: str
    origin: list[int]  # origin[i]: offset in the original of normalised char i


def normalise(text: str, *, lower: bool = False) -> _Normalised:
    """`text` folded for matching, with a map back to original offsets."""
    chars: list[str] = []
    origin: list[int] = []
    previous_space = True  # also drops leading whitespace
    for i, ch in enumerate(text):
        folded = _FOLD.get(ch)
        if folded is None:
            folded = unicodedata.normalize("NFKC", ch)
            folded = _FOLD.get(folded, folded)
        if lower:
            folded = folded.lower()
        for out in folded:
            if out.isspace():
                if previous_space:
                    continue
                out = " "
                previous_space = True
            else:
                previous_space = False
            chars.append(out)
            origin.append(i)
    while chars and chars[-1] == " ":
        chars.pop()
        origin.pop()
    return _Normalised("".join(chars), origin)


def clean_quote(quote: str) -> str:
    """The quote without the wrapping quote marks and ellipses models add
    (a single full stop is kept: it may well be the text's own)."""
    previous = None
    q = quote
    while q != previous:
        previous = q
        q = _ELLIPSIS_EDGES.sub("", q.strip().strip(_QUOTE_MARKS))
    return q


def locate(quote: str, text: str, *, threshold: float = FUZZY_THRESHOLD) -> Span | None:
    """Where `quote` occurs in `text`, or None when it cannot be verified."""
    q = clean_quote(quote)
    if len(q) < MIN_QUOTE_CHARS:
        return None
    found = text.find(q)
    if found >= 0:
        return Span(*_widen_to_words(text, found, found + len(q)), 100.0)
    for lower in (False, True):
        nt, nq = normalise(text, lower=lower), normalise(q, lower=lower).text
        if len(nq) < MIN_QUOTE_CHARS:
            return None
        at = nt.text.find(nq)
        if at >= 0:
            return Span(*_widen_to_words(text, nt.origin[at], nt.origin[at + len(nq) - 1] + 1), 100.0)
    if len(nq) < MIN_FUZZY_CHARS:
        return None
    return _fuzzy(nq, nt, text, threshold)


def _fuzzy(nq: str, nt: _Normalised, text: str, threshold: float) -> Span | None:
    from rapidfuzz import fuzz

    best: tuple[float, int, int] | None = None
    step = max(FUZZY_WINDOW - 2 * len(nq), len(nq))
    for offset in range(0, max(len(nt.text) - len(nq), 0) + 1, step):
        window = nt.text[offset : offset + FUZZY_WINDOW]
        hit = fuzz.partial_ratio_alignment(nq, window, score_cutoff=threshold)
        if hit is not None and (best is None or hit.score > best[0]):
            best = (hit.score, offset + hit.dest_start, offset + hit.dest_end)
        if offset + FUZZY_WINDOW >= len(nt.text):
            break
    if best is None:
        return None
    score, n_start, n_end = best
    if n_end <= n_start:
        return None
    start, end = nt.origin[n_start], nt.origin[n_end - 1] + 1
    start, end = _widen_to_words(text, start, end)
    return Span(start, end, float(score))


def _widen_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# -- numbers in claims --------------------------------------------------------

_NUMBER = re.compile(r"(?<![\w.,])-?\d+(?:[.,\u00a0\u202f' ]\d{3})*(?:[.,]\d+)?")
_SCALE = re.compile(
    r"\s*(?P<word>thousand|k\b|tausend|duizend|mille|mil\b|million|mio|mln|millones|millionen|miljoen|"
    r"billion|bn\b|mrd|milliard|miljard|milliarden|mil millones)",
    re.I,
)
_SCALES = {
    "thousand": 1e3, "k": 1e3, "tausend": 1e3, "duizend": 1e3, "mille": 1e3, "mil": 1e3,
    "million": 1e6, "mio": 1e6, "mln": 1e6, "millones": 1e6, "millionen": 1e6, "miljoen": 1e6,
    "billion": 1e9, "bn": 1e9, "mrd": 1e9, "milliard": 1e9, "miljard": 1e9, "milliarden": 1e9,
    "mil millones": 1e9,
}  # fmt: skip


def numbers_in(text: str) -> set[float]:
    """Every value a number written in `text` can mean: both decimal
    conventions ("1,5" and "1.5"; "14,000" and "14.000"), and the value
    scaled by a following magnitude word ("2.5 million")."""
    values: set[float] = set()
    for match in _NUMBER.finditer(text):
        token = match.group(0)
        bases = _readings(token)
        scale_match = _SCALE.match(text, match.end())
        scale = _SCALES.get(scale_match.group("word").lower(), 1.0) if scale_match else 1.0
        for base in bases:
            values.add(base)
            values.add(base * scale)
    return values


def _readings(token: str) -> set[float]:
    sign = -1.0 if token.startswith("-") else 1.0
    body = token.lstrip("-")
    readings: set[float] = set()
    grouped = re.sub(r"[.,\u00a0\u202f' ]", "", body)
    if body.isdigit() or re.fullmatch(r"\d{1,3}(?:[.,\u00a0\u202f' ]\d{3})+", body):
        readings.add(float(grouped))
    last = max(body.rfind("."), body.rfind(","))
    decimals = len(body) - last - 1
    # "14,000" / "14.000" is a thousands group in every language we read;
    # "0,125" and "1,5" are decimals.
    if last >= 0 and (decimals != 3 or body[:last] == "0"):
        integer = re.sub(r"[.,\u00a0\u202f' ]", "", body[:last])
        readings.add(float(f"{integer or '0'}.{body[last + 1 :]}"))
    return {sign * r for r in readings}


def number_in_quote(value: float, quote: str) -> bool:
    """True when `value` is written in `quote` (sign-insensitive: "fell 5%" is -5 or 5)."""
    target = abs(value)
    return any(abs(abs(v) - target) <= 1e-9 * max(1.0, target) for v in numbers_in(quote))
