"""A learned scorer for capitalised spans that may name an organisation.

The gazetteer and the head-word patterns of `organizations.py` miss names they have never
seen: polling firms, start-ups, news agencies, a company named only once in a list. This
module proposes every capitalised span of the content sentences (a run of capitalised
words, an acronym, a camel-case or ``&`` name) and scores it with a logistic regression
over hashed span features: its shape (length, acronym, inner capitals, digits, a web
domain, a legal-form suffix, an institutional head), its place (sentence-initial, inside
quotes, after a colon), how the document uses it (mentions, written in lower case
elsewhere, defined with an acronym in parentheses), the words on either side, and the
last letters of its last word. The words of the span itself are never features, so the
model cannot memorise names: it learns what the *contexts and shapes* of names look like.

The weights (``data/models/org_spans.json``) are trained offline by
``scripts/train_org_scorer.py`` on gazetteer names found in running text (positives)
against capitalised spans that are people, places, products, laws, calendar words and
ordinary sentence-initial words (negatives); see that script. Run time needs numpy only.
"""

from __future__ import annotations

import json
import math
import re
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from workradar.analyze.context import AnalysisContext
from workradar.languages import pooled_words

PART = "organizations"
MAX_TOKENS = 6
MODEL = "org_spans.json"

# A word of a name: letters and digits, with inner &, ', ., - ("H&M", "Booking.com").
# Apostrophes split words, so an elided article stays apart ("L’Apec" -> "L", "Apec").
# A full stop stays inside a word only before a lower-case letter or digit ("Booking.com",
# not "Romagna.Esperienze", two words run together).
_TOKEN = re.compile(r"[\w](?:[\w&-]|\.(?=[a-z\d]))*[\w&]|[\w]")
_QUOTES_OPEN = "\"“„«‘'‚"


@dataclass(frozen=True, slots=True)
class Span:
    """A candidate span: its absolute offsets, its text and words, and its sentence."""

    start: int
    end: int
    text: str
    tokens: tuple[str, ...]
    sentence: int
    initial: bool  # the first word of its sentence


def _capitalised(token: str) -> bool:
    return token[:1].isupper() or (token[:1].isdigit() and any(c.isupper() for c in token))


def _connectors() -> frozenset[str]:
    return pooled_words(PART, "names", "connectors")


def _ordinary(token: str, text: str) -> bool:
    """A function word, or a word the text also writes in lower case."""
    low = token.lower()
    if low in pooled_words(PART, "not_names", "function_words"):
        return True
    return re.search(rf"(?<![\w-]){re.escape(low)}(?![\w-])", text) is not None


def _clean_end(token: str) -> str:
    """A word without a possessive or a closing full stop (unless a legal form: "Inc.")."""
    token = re.sub(r"['’]s?$", "", token)
    if token.endswith(".") and token not in pooled_words(PART, "names", "legal_forms"):
        token = token.rstrip(".")
    return token


def candidate_spans(ctx: AnalysisContext) -> list[Span]:
    """Every maximal run of capitalised words of the content sentences (headings excluded);
    names with lower-case connectors ("Bank of England") are the head-word rules' to find.
    A sentence-initial run also yields the run without its first word ("Laut Bitkom" ->
    "Bitkom")."""
    spans: list[Span] = []
    for index, sentence in enumerate(ctx.sentences):
        if sentence.kind == "heading":
            continue
        words = list(_TOKEN.finditer(sentence.text))
        i = 0
        while i < len(words):
            if not _capitalised(words[i].group()):
                i += 1
                continue
            j = i + 1
            while j < len(words) and j - i < MAX_TOKENS and _capitalised(words[j].group()):
                gap = sentence.text[words[j - 1].end() : words[j].start()]
                if gap.strip(" &") or "\n" in gap:
                    break  # punctuation or a line break ends a name
                j += 1
            first = words[i].start()
            # First in its sentence or clause: nothing but digits and punctuation before it
            # (a dateline, a bullet), or right after a colon or semicolon.
            before = sentence.text[:first].rstrip()
            initial = (
                not re.search(r"[^\W\d_]", before)
                or before.endswith((":", ";", "|"))
                or re.search(r"\d[\d./-]*$", before) is not None  # after a dateline's date
            )
            # Without its first word only when that word is an ordinary one ("Laut Bitkom"),
            # not a first name ("Alberto Simoncini").
            shorten = initial and j - i > 1 and _ordinary(words[i].group(), ctx.text)
            for k in (i, i + 1) if shorten else (i,):
                span = _span(ctx, sentence.start, sentence.text, words[k:j], index, initial and k == i)
                if span is not None:
                    spans.append(span)
            i = j
    return spans


def _span(
    ctx: AnalysisContext, base: int, text: str, words: list[re.Match[str]], index: int, initial: bool
) -> Span | None:
    if not words:
        return None
    tokens = [w.group() for w in words]
    last = _clean_end(tokens[-1])
    if not last:
        return None
    tokens[-1] = last
    if tokens[-1].lower() in _connectors():
        return None
    start = base + words[0].start()
    end = base + words[-1].start() + len(last)
    if ctx.text[start:end].split() != tokens and " ".join(ctx.text[start:end].split()) != " ".join(tokens):
        return None
    return Span(start, end, ctx.text[start:end], tuple(tokens), index, initial)


@dataclass(frozen=True, slots=True)
class _DocStats:
    """What features ask of the whole document, computed once."""

    lower_words: frozenset[str]
    mentions: Counter[str]
    defined: frozenset[str]  # texts followed by "(ACRONYM)" or acronyms in parentheses after a name


def _doc_stats(ctx: AnalysisContext, spans: list[Span]) -> _DocStats:
    lower = frozenset(w for w in re.findall(r"\b[a-zà-ÿ][\w-]*", ctx.text))
    mentions = Counter(span.text for span in spans)
    defined: set[str] = set()
    for match in re.finditer(r"\(([A-Z][A-Za-z0-9&.-]{1,10})\)", ctx.text):
        defined.add(match.group(1))
    return _DocStats(lower, mentions, frozenset(defined))


def _shape(token: str) -> str:
    """A word's shape: X for capitals, x for lower case, d for digits, other characters kept;
    runs collapsed ("ElevenLabs" -> "XxXx", "H&M" -> "X&X")."""
    shape = re.sub(r"[A-ZÀ-ÝÄÖÜ]", "X", token)
    shape = re.sub(r"[a-zß-ÿ]", "x", shape)
    shape = re.sub(r"\d", "d", shape)
    return re.sub(r"(.)\1+", r"\1", shape)


def _context_word(text: str, start: int, end: int, step: int, n: int) -> str:
    """The `n`-th word left (step -1) or right (step +1) of a span, lower-cased, with
    punctuation in between recorded as itself ("," "(" "«")."""
    if step < 0:
        words = re.findall(r"[\w'’-]+|[^\w\s]", text[max(0, start - 80) : start])
        picked = words[-n] if len(words) >= n else "<s>"
    else:
        words = re.findall(r"[\w'’-]+|[^\w\s]", text[end : end + 80])
        picked = words[n - 1] if len(words) >= n else "</s>"
    return picked.lower()


def span_features(ctx: AnalysisContext, span: Span, stats: _DocStats) -> list[str]:
    """The named features of one mention of a span (hashed by `vector`)."""
    tokens = span.tokens
    lang = ctx.language or "xx"
    sentence = ctx.sentences[span.sentence]
    local_start, local_end = span.start - sentence.start, span.end - sentence.start
    connectors, legal = _connectors(), pooled_words(PART, "names", "legal_forms")
    heads = pooled_words(PART, "heads", "university") | pooled_words(PART, "heads", "research")
    heads |= pooled_words(PART, "heads", "government") | pooled_words(PART, "heads", "union")
    heads |= pooled_words(PART, "heads", "ngo") | pooled_words(PART, "heads", "company")
    proper = [t for t in tokens if t.lower() not in connectors]
    single = len(proper) == 1
    acronym = single and bool(re.fullmatch(r"[A-Z][A-Z0-9&]{1,5}", proper[0]))
    feats = [
        "bias",
        f"len={min(len(proper), 4)}",
        f"lang={lang}",
        f"shape1={_shape(proper[0])}",
        f"shapeL={_shape(proper[-1])}",
        f"suf={proper[-1][-3:].lower()}",
        f"initial={span.initial}",
        f"lang={lang}|shape={'_'.join(_shape(t) for t in proper[:3])}",
        f"lang={lang}|suf={proper[-1][-3:].lower()}",
        f"lang={lang}|len={min(len(proper), 3)}",
        f"lang={lang}|initial={span.initial}",
    ]
    if acronym:
        feats.append("acronym")
    if any(re.search(r"[a-z][A-Z]", t) for t in proper):
        feats.append("camel")
    if any(re.search(r"\d", t) for t in proper):
        feats.append("digit")
    if "&" in span.text:
        feats.append("amp")
    if re.search(r"\.[a-z]{2,4}$", span.text):
        feats.append("domain")
    if proper[-1] in legal:
        feats.append("legal")
    if any(t in heads for t in proper):
        feats.append("head")
    if len(proper) != len(tokens):
        feats.append("connector")
    lowered = [t for t in proper if t.lower() in stats.lower_words]
    if lowered:
        feats.append(f"lower_elsewhere={'all' if len(lowered) == len(proper) else 'some'}")
        feats.append(f"lang={lang}|lower_elsewhere")
    count = stats.mentions[span.text]
    feats.append(f"mentions={min(count, 3)}")
    if span.text in stats.defined or re.match(
        r"\s*\([A-Z][A-Za-z0-9&.-]{1,10}\)", ctx.text[span.end : span.end + 14]
    ):
        feats.append("defined")
    before = sentence.text[:local_start].rstrip()
    if before[-1:] and before[-1] in _QUOTES_OPEN:
        feats.append("quoted")
    after = sentence.text[local_end:].lstrip()
    if not after or after[0] in ".!?":
        feats.append("sentence_end")
    for n in (1, 2):
        left = _context_word(sentence.text, local_start, local_end, -1, n)
        right = _context_word(sentence.text, local_start, local_end, +1, n)
        feats.append(f"L{n}={left}")
        feats.append(f"R{n}={right}")
    left1 = _context_word(sentence.text, local_start, local_end, -1, 1)
    feats.append(f"L1={left1}|single={single}")
    feats.append(f"L1L2={_context_word(sentence.text, local_start, local_end, -1, 2)} {left1}")
    return feats


@dataclass(frozen=True)
class OrgScorer:
    """A logistic regression over hashed features."""

    dim: int
    weights: np.ndarray
    threshold: float
    list_threshold: float  # for a span listed next to a known organisation
    person_threshold: float  # for a span shaped like a person's name
    plain_threshold: float  # for a single plain Title Case word
    noun_threshold: float  # for a span without a name's shape where every noun is capitalised

    def vector(self, feats: list[str]) -> np.ndarray:
        return hashed(feats, self.dim)

    def probability(self, feats: list[str]) -> float:
        z = float(self.weights @ self.vector(feats))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def hashed(feats: list[str], dim: int) -> np.ndarray:
    """Feature names hashed (CRC-32, stable across runs) into a count vector of `dim` entries."""
    vec = np.zeros(dim)
    for feat in feats:
        vec[zlib.crc32(feat.encode("utf-8")) % dim] += 1.0
    return vec


@cache
def scorer() -> OrgScorer | None:
    """The shipped model; None when the weights file is absent (the scored pass is skipped)."""
    path = resources.files("workradar") / "data" / "models" / MODEL
    if not path.is_file():
        return None
    raw = json.loads(path.read_text(encoding="utf-8"))
    weights = np.asarray(raw["weights"], dtype=float)
    threshold = float(raw["threshold"])
    return OrgScorer(
        dim=int(raw["dim"]),
        weights=weights,
        threshold=threshold,
        list_threshold=float(raw.get("list_threshold", threshold)),
        person_threshold=float(raw.get("person_threshold", threshold)),
        plain_threshold=float(raw.get("plain_threshold", threshold)),
        noun_threshold=float(raw.get("noun_threshold", threshold)),
    )


def scored_spans(ctx: AnalysisContext) -> Iterator[tuple[Span, float]]:
    """Every candidate span with its probability of naming an organisation."""
    model = scorer()
    if model is None:
        return
    spans = candidate_spans(ctx)
    stats = _doc_stats(ctx, spans)
    for span in spans:
        yield span, model.probability(span_features(ctx, span, stats))


def document_spans(ctx: AnalysisContext) -> tuple[list[Span], list[list[str]]]:
    """Candidate spans and their features (for training)."""
    spans = candidate_spans(ctx)
    stats = _doc_stats(ctx, spans)
    return spans, [span_features(ctx, span, stats) for span in spans]
