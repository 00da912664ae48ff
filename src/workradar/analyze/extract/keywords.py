"""Key phrases: statistical candidates re-ranked by embedding similarity (KeyBERT-style).

1. Candidates: runs of 1–3 content words between stopwords (per language,
   `lexicon.stopwords`), punctuation and numbers, in the sampled prose
   sentences. Pure numbers, one-letter tokens and interface words never
   qualify; nor do single words that only make sense in a phrase or look like
   adjectives (`data/lang/<code>/keywords.toml`).
2. Merging: phrases are grouped by a normalised key — case, dots and
   apostrophes removed ("AI" = "ai" = "A.I."), each word reduced by a light
   plural rule — and shown in their most frequent written form.
3. Statistics: log-frequency × spread (share of paragraphs it appears in),
   with a small bonus for multi-word phrases.
4. Semantics: the `SHORTLIST` best by statistics are embedded; the final
   score mixes the normalised statistic with cosine to the document centroid,
   and selection uses MMR so near-synonyms do not crowd the list. A phrase
   contained word-for-word in an already chosen one is skipped.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from workradar.analyze.components import component
from workradar.analyze.context import AnalysisContext
from workradar.analyze.text.lexicon import boilerplate_words, stopwords
from workradar.languages import pack_cache, pack_words, pooled_words

SHORTLIST = 40
MAX_PHRASE_WORDS = 3
STAT_WEIGHT = 0.5
MMR_LAMBDA = 0.65
MIN_KEYWORDS = 6
UNIGRAM_FACTOR = 0.7
"""Single words are weighed down: without a tagger, many are verbs or adjectives."""

PART = "keywords"


def _phrase_only() -> frozenset[str]:
    """Words kept inside phrases ("new roles") that say nothing alone, and units and
    magnitudes: part of a figure, not a topic (pooled over every language pack)."""
    return pooled_words(PART, "keywords", "phrase_only")


_TOKEN = re.compile(r"[^\W\d_](?:[\w'’.-]*[^\W_])?|\d[\d.,]*%?|[^\w\s]", re.UNICODE)
_PLURAL_S = ("en", "fr", "es", "it", "pt")


@dataclass
class _Candidate:
    forms: Counter[str] = field(default_factory=Counter)
    count: int = 0
    paragraphs: set[int] = field(default_factory=set)
    words: int = 1

    @property
    def display(self) -> str:
        # The most frequent written form; ties go to the form with capitals
        # (acronyms, names), then alphabetically for determinism.
        return sorted(self.forms.items(), key=lambda kv: (-kv[1], kv[0].islower(), kv[0]))[0][0]


def normalise_word(word: str, language: str) -> str:
    w = word.lower().replace(".", "").replace("'", "").replace("’", "")
    if len(w) <= 3 or w.isupper():
        return w
    if language in ("nl", "de"):
        for suffix in ("en", "s"):
            if w.endswith(suffix) and len(w) - len(suffix) >= 4:
                return w[: -len(suffix)]
        return w
    if language == "en":
        if w.endswith("ies"):
            return w[:-3] + "y"
        if w.endswith(("sses", "xes", "ches", "shes")):
            return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and (language in _PLURAL_S or not language):
        return w[:-1]
    return w


@pack_cache
def _adjective_endings(language: str) -> tuple[str, ...]:
    return pack_words(language, PART, "keywords", "adjective_endings")


def _adjective_like(word: str, language: str) -> bool:
    """A lower-case single word with a typical adjective ending (no tagger offline)."""
    return word.islower() and word.endswith(_adjective_endings(language))


def phrase_key(phrase: str, language: str) -> str:
    return " ".join(normalise_word(w, language) for w in phrase.split())


def _is_word(token: str) -> bool:
    return token[0].isalpha()


def _candidates(ctx: AnalysisContext, indices: list[int]) -> dict[str, _Candidate]:
    lang = (ctx.language or "").lower()[:2]
    stops = stopwords(lang)
    interface = boilerplate_words()
    found: dict[str, _Candidate] = defaultdict(_Candidate)
    for i in indices:
        sentence = ctx.sentences[i]
        run: list[str] = []
        tokens = _TOKEN.findall(sentence.clean)
        if tokens and _is_word(tokens[0]) and tokens[0][1:].islower():
            # A capital that only marks the sentence start is not part of the word's form.
            tokens[0] = tokens[0].lower()
        for token in [*tokens, "."]:
            low = token.lower().rstrip(".").replace("’", "'")
            usable = (
                _is_word(token)
                and low not in stops
                and low not in interface
                and (len(low) > 1)
                and not (len(low) == 2 and not token.isupper())
            )
            if usable:
                run.append(token.rstrip(".") if not re.fullmatch(r"(?:[A-Za-z]\.)+", token) else token)
                continue
            _emit(run, found, lang, sentence.paragraph)
            run = []
    return found


def _emit(run: list[str], found: dict[str, _Candidate], lang: str, paragraph: int) -> None:
    for n in range(1, MAX_PHRASE_WORDS + 1):
        for start in range(len(run) - n + 1):
            words = run[start : start + n]
            phrase = " ".join(words)
            key = phrase_key(phrase, lang)
            if not key.strip():
                continue
            cand = found[key]
            cand.forms[phrase] += 1
            cand.count += 1
            cand.paragraphs.add(paragraph)
            cand.words = n


def extract_keywords(ctx: AnalysisContext, k: int = 10) -> list[str]:
    """Up to `k` key phrases (at least `MIN_KEYWORDS` when the text has them)."""
    # Headings are included: titles and section names are dense in key phrases.
    indices = ctx.sample_indices(kinds=("text", "bullet", "heading", "table"))
    if not indices:
        indices = [i for i, s in enumerate(ctx.sentences) if s.kind != "footnote"][:200]
    found = _candidates(ctx, indices)
    if not found:
        return []
    lang = (ctx.language or "").lower()[:2]
    n_paragraphs = max(len({ctx.sentences[i].paragraph for i in indices}), 1)
    stats: dict[str, float] = {}
    phrase_only = _phrase_only()
    for key, cand in found.items():
        if cand.words > 1 and cand.count < 2:
            continue  # a one-off multi-word run is usually just a clause
        if cand.words == 1 and (key in phrase_only or _adjective_like(cand.display, lang)):
            continue
        spread = len(cand.paragraphs) / n_paragraphs
        stats[key] = math.log1p(cand.count) * (1.0 + spread) * (UNIGRAM_FACTOR if cand.words == 1 else 1.0)
    if not stats:
        stats = {key: math.log1p(c.count) for key, c in found.items()}
    shortlist = sorted(stats, key=lambda key: (-stats[key], key))[:SHORTLIST]
    displays = [found[key].display for key in shortlist]
    vectors = ctx.embedder.embed(displays)
    centroid = ctx.centroid(indices)
    semantic = vectors @ centroid
    top = max(stats[key] for key in shortlist)
    score = np.array(
        [
            STAT_WEIGHT * stats[key] / top + (1 - STAT_WEIGHT) * float(semantic[j])
            for j, key in enumerate(shortlist)
        ]
    )

    chosen: list[int] = []
    remaining = list(range(len(shortlist)))
    while remaining and len(chosen) < k:
        best, best_value = -1, -np.inf
        for j in remaining:
            redundancy = max((float(vectors[j] @ vectors[c]) for c in chosen), default=0.0)
            value = MMR_LAMBDA * float(score[j]) - (1 - MMR_LAMBDA) * redundancy
            if value > best_value:
                best, best_value = j, value
        remaining.remove(best)
        if _contained(shortlist[best], [shortlist[c] for c in chosen]):
            continue
        chosen.append(best)
    return [displays[j] for j in chosen]


def _contained(key: str, chosen: list[str]) -> bool:
    """A sub-phrase of an already chosen phrase adds nothing ("job losses" after
    "AI job losses"); a longer phrase around a chosen one may."""
    if " " not in key:
        return False  # single words ("AI") stay available next to longer phrases
    padded = f" {key} "
    return any(padded in f" {other} " for other in chosen)


@component("keywords", fills=("keywords",))
def keywords_component(ctx: AnalysisContext, card: Mapping[str, Any]) -> dict[str, Any]:
    return {"keywords": extract_keywords(ctx)}
