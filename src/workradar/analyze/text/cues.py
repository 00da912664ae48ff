"""Shared cue machinery for the extractive signal and item extractors.

A *cue lexicon* per language (`data/lang/<lang>/cues.toml`) lists regular
expressions for statements of change, concerns, behaviors and issues, plus
the word lists needed to cut a short name out of a sentence (function words,
clause breakers, auxiliaries, articles, participles) and the pattern groups
for future, causal, time and work expressions. Its `[prototypes]` hold short
prototype sentences per category; a sentence's prototype score is its best
cosine similarity to them (multilingual embeddings, so prototypes in the
document's language and in English both work). Word lists a lexicon marks as
pooled (articles, coordinators, figure words, …) are read from every pack and
used on every document, since texts mix languages.

An unknown language falls back to the English lexicon and English prototypes.

Everything here works on an `AnalysisContext` and returns offsets into the
document text, so every field the extractors build stays traceable to a quote.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from workradar.analyze.context import AnalysisContext
from workradar.analyze.text.embedders import embed_fixed
from workradar.analyze.text.sentences import Sentence
from workradar.languages import (
    languages,
    pack_cache,
    pack_part,
    pack_table,
    pack_words,
    pooled_words,
)

CATEGORIES = ("signals", "concerns", "behaviors", "issues")
PATTERN_GROUPS = (
    "future",
    "causal_clause",
    "causal_np",
    "now",
    "near",
    "far",
    "work",
    "question",
    # Polarity and clause structure (see the language files for the lists):
    "negation",  # "not", "no", "niet", "kein", "ne … pas": a negated cue states no change
    "contrast",  # "rather than", "instead of", "in plaats van": what follows is not the claim
    "negative",  # negative-outcome words: a "could lead to …" concern needs one
    "remedy",  # "address", "reduce", "tegengaan": a remedy for a problem is not a concern
    "doubt",  # "skepticism about", "twijfel over", "übertrieben": a doubted harm is not a concern
    "cause_next",  # "This is because …" opening a sentence: it gives the previous one's cause
    "effect_prev",  # "As a result", "Daardoor", "Deshalb": the previous sentence is the cause
    "time",  # time expressions, cut from subjects and objects ("workers in 2023")
)
# Prototype sections beyond the item categories: "positive" holds statements of
# benefit, the counterweight that keeps good news out of concerns.
PROTOTYPE_SECTIONS = (*CATEGORIES, "positive")
FALLBACK_LANGUAGE = "en"
PART = "cues"

_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d|21\d\d)(?!\d)")
MARKUP = re.compile(r"<sup>.*?</sup>|<[^>]{1,40}>|\*\*|__|(?<!\w)\*(?!\s)|\\(?=[()\[\]$_*])")


@dataclass(frozen=True, slots=True)
class Cue:
    """One cue pattern: `slot` says where the changing thing sits relative to
    the match (before / after / both / term), `label` is a controlled English
    word (direction of change, or item kind), `weight` the cue's strength."""

    category: str
    slot: str
    label: str
    weight: float
    regex: re.Pattern[str]
    gapped: bool = False  # has a "verb … particle" gap (Dutch/German separable verbs)


@dataclass(frozen=True, slots=True)
class CueHit:
    """A cue match inside one content sentence; offsets into the document text."""

    cue: Cue
    sentence: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Grammar:
    """Pooled grammar words and the patterns built from them (see module doc)."""

    articles: frozenset[str]
    coordinators: frozenset[str]
    possessive_relatives: frozenset[str]
    quantifiers: frozenset[str]
    quantifier_links: frozenset[str]
    plural_auxiliaries: frozenset[str]
    figure: re.Pattern[str]
    reference: re.Pattern[str]
    elision: re.Pattern[str]
    measure: re.Pattern[str]
    participle: re.Pattern[str]


def _pooled(key: str) -> frozenset[str]:
    return pooled_words(PART, "words", key)


def _words_alt(words: Iterable[str]) -> str:
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w) for w in ordered) or "(?!)"


@pack_cache
def grammar() -> _Grammar:
    figure_words = "|".join(sorted(_pooled("figure_words"))) or "(?!)"
    return _Grammar(
        articles=_pooled("articles"),
        coordinators=_pooled("coordinators"),
        possessive_relatives=_pooled("possessive_relatives"),
        quantifiers=_pooled("quantifiers"),
        quantifier_links=_pooled("quantifier_links"),
        plural_auxiliaries=_pooled("plural_auxiliaries"),
        figure=re.compile(
            r"\d+(?:[.,]\d+)?\s*(?:%|" + _words_alt(_pooled("figure_units")) + ")"
            r"|(?<![\w.])\d{1,3}(?:[.,]\d{3})+(?![\w.])"
            r"|(?<![\w.<>])(?!(?:19|20)\d\d(?!\d))\d{2,}(?:[.,]\d+)?(?![\w.<>])"
            r"|\b(?:" + figure_words + r")\b",
            re.IGNORECASE,
        ),
        reference=re.compile(
            r"\]\((?:#|https?:)[^)]*\)|^\s*(?:<sup>\d+</sup>|\[\d+\]|\d{1,3}\s)|\bet al\."
            r"|\b(?:" + _words_alt(_pooled("citation_words")) + r")\b"
            r"|^\s*(?:" + _words_alt(_pooled("see")) + r"):",
            re.IGNORECASE,
        ),
        # Elided articles at the start of a name ("d'entreprises", "dell'IA").
        elision=re.compile(r"^(?:" + _words_alt(_pooled("elisions")) + r")['’](?=\w)", re.IGNORECASE),
        # A quantity with its preposition ("von 120 auf 45", "um 25 Prozent", "by 23%", "van 180
        # naar 310"): how much something changed, never part of what changed. Only where it
        # starts matters, so the unit after the digits is left out.
        measure=re.compile(
            r"(?<!\w)(?:(?:"
            + _words_alt(_pooled("measure_prepositions"))
            + r")\s+)?(?:(?:"
            + _words_alt(_pooled("approximators"))
            + r")\s+)?\d[\d.,]*",
            re.IGNORECASE,
        ),
        # Past participles: the prefix (ge-, after a separable prefix: zurückgegangen,
        # toegenomen) or a strong form without it (verschwunden, verdwenen).
        participle=re.compile(
            r"^(?:(?:"
            + _words_alt(_pooled("separable_prefixes"))
            + r")?(?:"
            + _words_alt(_pooled("participle_prefix"))
            + r"))\w{3,}$|^(?:"
            + _words_alt(_pooled("strong_participles"))
            + r")$"
        ),
    )


@dataclass(frozen=True)
class Lexicon:
    language: str
    stop: frozenset[str]
    breakers: frozenset[str]
    verbs: frozenset[str]
    preps: frozenset[str]
    relatives: frozenset[str]
    generic_labels: frozenset[str]
    verb_second: bool
    cues: dict[str, tuple[Cue, ...]]
    patterns: dict[str, re.Pattern[str]]
    from_to: tuple[re.Pattern[str], ...]
    prototypes: dict[str, tuple[str, ...]]
    attach: frozenset[str] = frozenset()
    names: dict[str, str] | None = None
    het_words: frozenset[str] = frozenset()
    be: frozenset[str] = frozenset()
    irregular_past: dict[str, str] = field(default_factory=dict)
    inflection: dict[str, object] = field(default_factory=dict)

    def has(self, group: str, text: str) -> bool:
        return bool(self.patterns[group].search(text))

    def find(self, group: str, text: str) -> list[re.Match[str]]:
        return list(self.patterns[group].finditer(text))


def compile_terms(terms: Iterable[str], *, case_sensitive: bool = False) -> re.Pattern[str]:
    """One alternation of `terms`, each bounded so it does not start or end
    inside a word. Never matches when `terms` is empty."""
    parts = [f"(?:{t})" for t in terms if t]
    if not parts:
        return re.compile(r"(?!x)x")
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", flags)


def available_languages() -> tuple[str, ...]:
    """Languages whose pack has a cue lexicon."""
    return tuple(code for code in languages() if pack_part(code, PART))


def _parse_key(key: str) -> tuple[str, str, float]:
    parts = key.split(":")
    if len(parts) not in (2, 3) or parts[0] not in ("before", "after", "both", "term"):
        raise ValueError(f"bad cue key {key!r}: expected 'slot:label[:weight]'")
    return parts[0], parts[1], float(parts[2]) if len(parts) == 3 else 1.0


@pack_cache
def lexicon(language: str | None) -> Lexicon:
    """The cue lexicon for `language` (ISO 639-1); English when unknown."""
    lang = (language or FALLBACK_LANGUAGE).lower()[:2]
    known = lang in available_languages()
    if not known:
        lang = FALLBACK_LANGUAGE
    data = pack_part(lang, PART)
    words = data.get("words", {})
    cues: dict[str, tuple[Cue, ...]] = {}
    for category in CATEGORIES:
        found: list[Cue] = []
        for key, terms in data.get(category, {}).items():
            slot, label, weight = _parse_key(key)
            gapped = any(r"\S+){" in t for t in terms)
            found.append(Cue(category, slot, label, weight, compile_terms(terms), gapped))
        cues[category] = tuple(found)
    pattern_data = data.get("patterns", {})
    patterns = {group: compile_terms(pattern_data.get(group, [])) for group in PATTERN_GROUPS}
    from_to = tuple(re.compile(p, re.IGNORECASE) for p in pattern_data.get("from_to", []))
    langs = [lang] if lang == FALLBACK_LANGUAGE else [lang, FALLBACK_LANGUAGE]
    prototypes = {
        category: tuple(s for code in langs for s in pack_words(code, PART, "prototypes", category))
        for category in PROTOTYPE_SECTIONS
    }
    return Lexicon(
        language=lang,
        stop=frozenset(words.get("stop", "").split()),
        breakers=frozenset(words.get("breakers", "").split()),
        verbs=frozenset(words.get("verbs", "").split()),
        preps=frozenset(words.get("preps", "").split()),
        relatives=frozenset(words.get("relatives", "").split()),
        generic_labels=frozenset(words.get("generic_labels", "").split()),
        verb_second=bool(words.get("verb_second", False)),
        cues=cues,
        patterns=patterns,
        from_to=from_to,
        prototypes=prototypes,
        attach=frozenset(words.get("attach", "").split()),
        names={k: str(v) for k, v in data.get("names", {}).items()},
        het_words=frozenset(words.get("het_words", "").split()),
        be=frozenset(pack_words(lang, PART, "words", "be")),
        irregular_past={k: str(v) for k, v in pack_table(lang, PART, "irregular_past").items()},
        inflection=pack_table(lang, PART, "inflection"),
    )


# --------------------------------------------------------------------------- matching


def find_hits(ctx: AnalysisContext, cues: Sequence[Cue]) -> dict[int, list[CueHit]]:
    """Cue matches per content-sentence index. Each cue scans the whole text
    once (linear in document size); matches outside content sentences or
    crossing a sentence end are dropped."""
    hits: dict[int, list[CueHit]] = {}
    text = ctx.text
    for cue in cues:
        for m in cue.regex.finditer(text):
            idx = ctx.sentence_index_at(m.start())
            if idx is None or m.end() > ctx.sentences[idx].end or m.end() == m.start():
                continue
            hits.setdefault(idx, []).append(CueHit(cue, idx, m.start(), m.end()))
    return hits


def group_mask(ctx: AnalysisContext, lex: Lexicon, group: str) -> np.ndarray:
    """Boolean per content sentence: does it match pattern group `group`?"""
    pattern = lex.patterns[group]
    return np.array([bool(pattern.search(s.text)) for s in ctx.sentences], dtype=bool)


def prototype_scores(ctx: AnalysisContext, lex: Lexicon, category: str) -> np.ndarray:
    """Best cosine similarity of every content sentence to the category's prototypes."""
    n = len(ctx.sentences)
    protos = lex.prototypes.get(category, ())
    if n == 0 or not protos:
        return np.zeros(n, dtype=np.float32)
    p = embed_fixed(ctx.embedder, list(protos))
    result: np.ndarray = (ctx.vectors() @ p.T).max(axis=1)
    return result


def centrality(ctx: AnalysisContext) -> np.ndarray:
    """Cosine similarity of each content sentence to the document centroid."""
    vectors = ctx.vectors()
    if len(vectors) == 0:
        return np.zeros(0, dtype=np.float32)
    centroid = vectors.mean(axis=0)
    norm = float(np.linalg.norm(centroid)) or 1.0
    result: np.ndarray = vectors @ (centroid / norm)
    return result


def central_mask(ctx: AnalysisContext, quantile: float = 0.6) -> np.ndarray:
    """True for sentences whose centrality is at or above the document's `quantile`."""
    cent = centrality(ctx)
    if len(cent) < 3:
        return np.ones(len(cent), dtype=bool)
    result: np.ndarray = cent >= np.quantile(cent, quantile)
    return result


def repeated_mask(ctx: AnalysisContext, indices: Sequence[int], threshold: float = 0.7) -> dict[int, bool]:
    """For each index: is there another content sentence (not adjacent) saying much the same?"""
    if not indices:
        return {}
    vectors = ctx.vectors()
    sims = vectors[list(indices)] @ vectors.T
    out: dict[int, bool] = {}
    for row, i in enumerate(indices):
        sims[row, max(0, i - 1) : i + 2] = -1.0
        out[i] = bool((sims[row] >= threshold).any())
    return out


def lead_mask(ctx: AnalysisContext) -> np.ndarray:
    """True for the title/lead position: the first heading and the opening sentences."""
    n = len(ctx.sentences)
    lead = max(3, int(0.08 * n))
    mask = np.zeros(n, dtype=bool)
    mask[:lead] = True
    return mask


def is_reference(sentence: Sentence) -> bool:
    """A footnote, citation or link-list line: never a card item by itself."""
    return bool(grammar().reference.search(sentence.text))


def has_figure(text: str) -> bool:
    return bool(grammar().figure.search(MARKUP.sub(" ", text)))


def mmr_select(
    candidates: Sequence[int],
    scores: dict[int, float],
    vectors: np.ndarray,
    k: int,
    *,
    duplicate: float = 0.75,
    diversity: float = 0.3,
    accept: Callable[[int], bool] | None = None,
) -> list[int]:
    """Maximal marginal relevance over `candidates` (sentence indices): each
    step takes the candidate maximising (1-diversity)*score - diversity*max
    similarity to those already chosen; anything at or above `duplicate`
    similarity to a chosen one is dropped as a near-duplicate. `accept(i)`
    may veto a pick (e.g. a duplicate name)."""
    pool = list(dict.fromkeys(candidates))
    if not pool or k <= 0:
        return []
    top = max(scores[i] for i in pool) or 1.0
    chosen: list[int] = []
    sims = vectors[pool] @ vectors[pool].T
    position = {i: p for p, i in enumerate(pool)}
    alive = set(pool)
    while alive and len(chosen) < k:
        best, best_value = None, -np.inf
        for i in pool:
            if i not in alive:
                continue
            redundancy = max((float(sims[position[i], position[j]]) for j in chosen), default=0.0)
            value = (1 - diversity) * scores[i] / top - diversity * redundancy
            if value > best_value:
                best, best_value = i, value
        assert best is not None
        alive.discard(best)
        if accept is not None and not accept(best):
            continue
        chosen.append(best)
        for i in list(alive):
            if sims[position[i], position[best]] >= duplicate:
                alive.discard(i)
    return chosen
