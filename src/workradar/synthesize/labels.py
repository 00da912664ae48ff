"""Trend labels: class-based TF-IDF (c-TF-IDF, as in BERTopic) over member
item names and descriptions.

Each trend is one "class document". A term's weight in a class is its
frequency there (normalised by the class length) times log(1 + A / f), with A
the average class length and f the term's frequency over all classes: terms
frequent in this trend and rare elsewhere win. Terms are 1–3-word runs
between stopwords (the union of the stopword lists of all supported languages,
as trends mix languages), written in their most frequent form.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from workradar.analyze.text.lexicon import stopwords

_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W_])?", re.UNICODE)
_BREAK = re.compile(r"[.,;:!?()\[\]\"“”«»|/]")
MAX_WORDS = 3
LABEL_TERMS = 3


def _terms(text: str, stops: frozenset[str]) -> list[str]:
    terms: list[str] = []
    for chunk in _BREAK.split(text.lower()):
        run: list[str] = []
        for match in _WORD.finditer(chunk):
            word = match.group(0)
            if word in stops or len(word) < 2:
                terms.extend(_ngrams(run))
                run = []
            else:
                run.append(word)
        terms.extend(_ngrams(run))
    return terms


def _ngrams(run: list[str]) -> list[str]:
    return [" ".join(run[i : i + n]) for n in range(1, MAX_WORDS + 1) for i in range(len(run) - n + 1)]


NAME_WEIGHT = 2
"""An item's name says what it is about; its description adds context and noise."""


def class_term_counts(items: Iterable[tuple[str, str]]) -> Counter[str]:
    """Term counts of one class from its items' (name, description)."""
    stops = stopwords(None)
    counts: Counter[str] = Counter()
    for name, description in items:
        # A term counts once per item: one verbose item must not dominate.
        in_name = set(_terms(name, stops))
        counts.update(dict.fromkeys(in_name, NAME_WEIGHT))
        counts.update(set(_terms(description, stops)) - in_name)
    return counts


def ctfidf_terms(classes: Sequence[Counter[str]], top: int = 8) -> list[list[tuple[str, float]]]:
    """The `top` (term, weight) of each class, best first, ties by term."""
    totals = Counter[str]()
    for counts in classes:
        totals.update(counts)
    lengths = [sum(c.values()) for c in classes]
    average = (sum(lengths) / len(lengths)) if lengths else 0.0
    ranked: list[list[tuple[str, float]]] = []
    for counts, length in zip(classes, lengths, strict=True):
        if not length:
            ranked.append([])
            continue
        weights = {
            term: (n / length) * math.log(1.0 + average / totals[term]) * (1.0 + 0.1 * term.count(" "))
            for term, n in counts.items()
            if n >= 2 or len(counts) < 10  # a term of one description in a large trend is noise
        }
        ranked.append(sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:top])
    return ranked


def label_from_terms(terms: Sequence[tuple[str, float]], n: int = LABEL_TERMS) -> str:
    """The best `n` terms, without repeating words: a phrase that contains a
    chosen single word replaces it ("übersetzung" → "maschinelle übersetzung"),
    any other term sharing a word with a chosen one is skipped."""
    chosen: list[str] = []
    for term, _ in terms:
        words = set(term.split())
        overlapping = [i for i, c in enumerate(chosen) if words & set(c.split())]
        if not overlapping:
            if len(chosen) < n:
                chosen.append(term)
            continue
        if len(overlapping) == 1:
            old = chosen[overlapping[0]]
            if " " not in old and old in words and len(words) == 2:
                chosen[overlapping[0]] = term
    return " · ".join(chosen)
