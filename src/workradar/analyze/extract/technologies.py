"""Technologies: card items from a gazetteer and generic AI-system patterns.

**Technologies** come from the gazetteer `data/technologies.toml` (canonical
name + multilingual patterns) plus generic patterns for AI-powered/-driven
systems ("AI-powered X", "X-powered Y", "AI X tools/systems") whose head noun
names a kind of system (words in `data/lang/<code>/technologies.toml`). One
item per distinct technology: `name` = canonical name (or the matched phrase),
`description` = the most informative sentence mentioning it (work terms,
centrality, a readable length), `evidence` = that sentence plus up to two
further mentions. `relevancy` (0-5) = [mentioned at least twice] + [at least
four times, or in the title/lead] + [a mention next to work terms] + [a
mention in a central sentence] + [a known gazetteer technology rather than a
generic pattern]; clipped to 0-5.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from workradar.analyze.components import component
from workradar.analyze.context import AnalysisContext
from workradar.analyze.extract.selection import SentenceFlags, relevancy
from workradar.analyze.text.cues import (
    Lexicon,
    centrality,
    compile_terms,
    is_reference,
    lexicon,
)
from workradar.analyze.text.phrases import body_span, clause_span, clean_display, name_key, title_case
from workradar.languages import pack_cache, pooled_list
from workradar.models import Item, unique_evidence


def extract_technologies(
    ctx: AnalysisContext, max_items: int = 8, exclude: Collection[str] = ()
) -> list[Item]:
    """Up to `max_items` technologies; names in `exclude` (compared casefolded) are skipped."""
    if not ctx.sentences or max_items <= 0:
        return []
    return _technologies(ctx, max_items, {name_key(n) for n in exclude})


@dataclass(frozen=True)
class _Tech:
    name: str
    kind: str
    regex: re.Pattern[str]


@lru_cache(maxsize=1)
def gazetteer() -> tuple[_Tech, ...]:
    """The technology gazetteer, compiled."""
    from importlib import resources

    raw = (resources.files("workradar") / "data" / "technologies.toml").read_text(encoding="utf-8")
    data = tomllib.loads(raw)
    return tuple(
        _Tech(
            t["name"],
            t.get("kind", "technology"),
            compile_terms(t["patterns"], case_sensitive=t.get("case", False)),
        )
        for t in data.get("tech", [])
    )


def _words(key: str) -> str:
    """A pooled list of `data/lang/<code>/technologies.toml` as the body of an alternation."""
    return "|".join(pooled_list("technologies", "ai_systems", key))


@pack_cache
def _generic_patterns() -> tuple[re.Pattern[str], ...]:
    """Generic AI-system phrases. The head noun must name a kind of system, so "AI-driven
    layoffs" is not taken for a technology."""
    heads = f"(?:{_words('heads')})"
    compound = f"(?:{_words('compound_acronyms')})"
    return (
        re.compile(
            rf"(?<![\w-])(?:{_words('acronyms')})[- ](?:{_words('participles')})\s+(?:[\w-]+\s+){{0,3}}?"
            # German compounds end in the head: "KI-gestütztes Prüfsystem".
            rf"\w*?{heads}(?!\w)"
        ),
        re.compile(
            rf"(?<![\w-])[\w]+-(?:{_words('hyphen_participles')})\s+(?:[\w-]+\s+){{0,3}}?{heads}(?!\w)"
        ),
        re.compile(rf"(?<![\w-]){compound}[- ](?:[\w]+[- ]){{1,2}}?{heads}(?!\w)"),
        # "… based on / powered by / with AI" after the head, as nl/de/fr/es/it put it.
        re.compile(rf"(?<![\w-]){heads}\s+(?:{_words('ai_after')})(?!\w)"),
        # Compounds: "KI-System", "AI-tool", "IA-Software".
        re.compile(rf"(?<![\w-]){compound}-{heads}(?!\w)"),
    )


@dataclass
class _Mentions:
    name: str
    known: bool
    spans: list[tuple[int, int, int]] = field(default_factory=list)  # (sentence, start, end)


def _technologies(ctx: AnalysisContext, max_items: int, excluded: set[str]) -> list[Item]:
    lex = lexicon(ctx.language)
    found = _mentions(ctx, lex)
    if not found:
        return []
    flags = SentenceFlags.of(ctx, lex)
    cent = centrality(ctx)
    items: list[tuple[int, int, Item]] = []
    for entry in found.values():
        if name_key(entry.name) in excluded:
            continue
        item = _technology_item(ctx, lex, entry, flags, cent)
        items.append((-item.relevancy, min(a for _, a, _ in entry.spans), item))
    items.sort(key=lambda t: (t[0], t[1]))
    return [item for _, _, item in items[:max_items]]


def _mentions(ctx: AnalysisContext, lex: Lexicon) -> dict[str, _Mentions]:
    """Every technology the text mentions, by name key: gazetteer matches first, then
    generic AI-system phrases where no gazetteer match is."""
    text = ctx.text
    found: dict[str, _Mentions] = {}
    taken: list[tuple[int, int]] = []
    for tech in gazetteer():
        for m in tech.regex.finditer(text):
            idx = ctx.sentence_index_at(m.start())
            if idx is None or m.end() > ctx.sentences[idx].end:
                continue
            entry = found.setdefault(name_key(tech.name), _Mentions(tech.name, True))
            entry.spans.append((idx, m.start(), m.end()))
            taken.append((m.start(), m.end()))
    for pattern in _generic_patterns():
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            idx = ctx.sentence_index_at(m.start())
            if idx is None or m.end() > ctx.sentences[idx].end:
                continue
            phrase = " ".join(clean_display(m.group()).split())
            key = name_key(phrase).rstrip("s")
            entry = found.setdefault(key, _Mentions(title_case(phrase, lex.language), False))
            entry.spans.append((idx, m.start(), m.end()))
            taken.append((m.start(), m.end()))
    return found


def _technology_item(
    ctx: AnalysisContext, lex: Lexicon, entry: _Mentions, flags: SentenceFlags, cent: np.ndarray
) -> Item:
    """The item of one technology: its most informative mention as the description."""
    text = ctx.text
    sentences = sorted({s for s, _, _ in entry.spans})
    content = [s for s in sentences if not is_reference(ctx.sentences[s])] or sentences
    best = max(content, key=lambda s: (_informative(ctx, s, flags.work, cent), -s))
    first_at = min(a for s, a, _ in entry.spans if s == best)
    start, end = body_span(ctx.sentences[best], lex)
    start, end = clause_span(text, start, end, max(first_at, start))
    evidence = [ctx.evidence(start, end)]
    for s in content:
        if s != best and len(evidence) < 3:
            evidence.append(ctx.sentence_evidence(ctx.sentences[s]))
    count = len(entry.spans)
    features = (
        count >= 2,
        count >= 4 or any(flags.lead[s] for s in sentences),
        any(flags.work[s] for s in sentences),
        any(flags.central[s] for s in sentences),
        entry.known,
    )
    return Item(
        name=entry.name,
        description=clean_display(text[start:end]),
        relevancy=relevancy(features),
        evidence=unique_evidence(evidence),
    )


def _informative(ctx: AnalysisContext, i: int, work: np.ndarray, cent: np.ndarray) -> float:
    sentence = ctx.sentences[i]
    length = len(clean_display(sentence.text))
    readable = 1.0 if 60 <= length <= 320 else 0.5 if length >= 30 else 0.0
    return readable + 0.5 * float(work[i]) + float(cent[i]) - (0.5 if sentence.kind == "heading" else 0.0)


@component("technologies", fills=("technologies",), reads=("signals",))
def technologies_component(ctx: AnalysisContext, card: Mapping[str, Any]) -> dict[str, Any]:
    # Item names are unique across the whole card, not only within a kind.
    return {"technologies": extract_technologies(ctx, exclude=[s.name for s in card["signals"]])}
