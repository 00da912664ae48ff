"""Signals: the document's own statements of change, extracted, never invented.

Pipeline (all deterministic):

1. **Candidates.** Content sentences (no questions, at least four words) that
   match a change cue of the document's language (`data/lang/<lang>/cues.toml`:
   rising/declining/emerging/shifting/replacing/transforming verbs and
   nominalisations, "from X to Y" patterns), or that are very close to the
   change prototypes (`[prototypes]` in the same file) with cosine >=
   `PROTOTYPE_ONLY`. Cue matching is one regex pass per cue over the text;
   embeddings are only compared against the small prototype matrix, so the
   cost is linear in document size. At most `MAX_CANDIDATES` survive.
2. **Score** = cue weight (max of the sentence's cues, 0 / 0.5 / 1, +0.5 for
   an explicit from-to) + prototype similarity + 0.3·mentions work + 0.2·has a
   figure + 0.3·central.
3. **Select** by maximal marginal relevance; sentences with cosine >=
   `DUPLICATE` to a chosen one, or with a name already on the list, are
   dropped. Beyond three picks only sentences with an explicit (weight >= 1)
   cue are taken — fewer, better signals over padding.
4. **Fields** for each chosen sentence:
   - `name`: 2-7 words cut from the sentence around its cue (subject + cue,
     cue + object, subject + cue + object, or "from X to Y"); title case in
     English, a capital first letter elsewhere.
   - `description`: the sentence (trimmed to the clause around the cue when
     long), display markup removed; its exact span is the first evidence.
   - `change`: "from X to Y" in the text's own words when a from-to pattern
     matches, else "<direction>: <subject>" with an English direction label
     (rising, declining, emerging, shifting, replacing, transforming,
     enabling, changing) — a controlled vocabulary the trend synthesis can
     count across languages.
   - `ten_year`: the forward-looking sentence (future cues) most similar to
     the signal sentence: in its paragraph or within `TEN_YEAR_WINDOW` sentence
     if cosine >= `TEN_YEAR_MIN` (>= `TEN_YEAR_OUTLOOK` for an explicit outlook:
     a year after the document's, or a near/far phrase), elsewhere only if
     cosine >= `TEN_YEAR_FAR`; never a sentence another signal took; else ""
     (never invented).
   - `driving_force`: a causal clause ("because …", "due to …", "dankzij …",
     "wegen …", "grâce à …", "debido a …") in the signal sentence, else in a
     nearby sentence of the same paragraph (within `CAUSAL_WINDOW`) with
     cosine >= `CAUSAL_MIN`; a causal noun phrase needs `CAUSAL_NP_MIN_WORDS`
     words; else "".
   - `relevancy` (0-5) = [strong cue, weight >= 1] + [quantitative figure]
     + [mentions work/jobs/workers] + [central: centroid similarity in the
     document's top 40%] + [lead position (title/opening) or said again
     elsewhere (cosine >= 0.7 to a non-adjacent sentence)]; clipped to 0-5.
   - `horizon`: (a) a year in the signal sentence: relative to the reference
     year (document `published` year, else the latest year the text
     mentions outside future phrases), <= 1 year → now, <= 5 → near, else
     far; (b) else a now-cue in the sentence (already, today, currently,
     momenteel, bereits, actuellement, ya …) → now; (c) else a far-cue (within
     a decade, ten years, long term, decennia, Jahrzehnt, long terme …) in
     the sentence or its ten-year statement → far; (d) else a near-cue
     (coming years, soon …) → near; (e) else a year in the ten-year
     statement as in (a); (f) default near.
   - `evidence`: the description span, then the ten-year and driving-force
     sentences when they are other sentences.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from workradar.analyze.components import component
from workradar.analyze.context import AnalysisContext
from workradar.analyze.extract.selection import (
    NameGuard,
    SentenceFlags,
    cue_weight,
    kept_hits,
    named_candidates,
    pick,
    relevancy,
)
from workradar.analyze.text.cues import (
    CueHit,
    Lexicon,
    find_hits,
    group_mask,
    has_figure,
    is_reference,
    lexicon,
    prototype_scores,
    repeated_mask,
)
from workradar.analyze.text.phrases import (
    Token,
    adjectival,
    affirmed,
    body_span,
    clause_span,
    clean_display,
    cue_phrase,
    name_key,
    nominal_phrase,
    participle,
    right_phrase,
    span_text,
    title_case,
    tokens,
    verb_before_article,
)
from workradar.analyze.text.sentences import Sentence
from workradar.languages import pack_words, pooled_words
from workradar.models import Horizon, Signal, unique_evidence

PROTOTYPE_ONLY = 0.62
MAX_CANDIDATES = 200
DUPLICATE = 0.72
TEN_YEAR_MIN = 0.35
# An explicit outlook — a future statement with a horizon (a year after the
# document's own, "in the coming years", "within a decade") — is about the
# document's subject as a whole, so it needs less similarity to a signal.
TEN_YEAR_OUTLOOK = 0.25
# A future sentence away from the signal (outside its paragraph and more than
# `TEN_YEAR_WINDOW` sentences off) is another subject unless it says nearly the same thing.
TEN_YEAR_WINDOW = 1
TEN_YEAR_FAR = 0.6
CAUSAL_MIN = 0.5
CAUSAL_WINDOW = 2
# A causal noun phrase of fewer words is a fragment ("Dankzij AI"), not a driving force.
CAUSAL_NP_MIN_WORDS = 3
MIN_WORDS = 4

_YEAR = re.compile(r"(?<![\d.,])(19[5-9]\d|20\d\d|21\d\d)(?![\d.,]\d)")


@dataclass
class _Named:
    name: str
    change: str
    anchor: int  # absolute offset of the cue, for clause trimming
    from_to: bool


def extract_signals(ctx: AnalysisContext, max_signals: int = 8) -> list[Signal]:
    """Up to `max_signals` statements of change found in the document."""
    if not ctx.sentences or max_signals <= 0:
        return []
    lex = lexicon(ctx.language)
    hits = _affirmed_hits(ctx, lex, find_hits(ctx, lex.cues["signals"]))
    proto = prototype_scores(ctx, lex, "signals")
    flags = SentenceFlags.of(ctx, lex)
    scores, strength = _candidate_scores(ctx, lex, hits, proto, flags)
    named = named_candidates(scores, MAX_CANDIDATES, lambda i: _name(ctx, lex, i, hits.get(i, [])))
    if not named:
        return []
    guard = NameGuard(lex)

    def accept(i: int) -> bool:
        # Beyond three names, only explicit statements of change.
        return guard.admit(named[i].name, allowed=len(guard) < 3 or strength[i] >= 1.0)

    vectors = ctx.vectors()
    chosen = pick(list(named), scores, vectors, max_signals, duplicate=DUPLICATE, accept=accept)
    futures = _FutureStatements.of(ctx, lex)
    repeated = repeated_mask(ctx, chosen)
    signals: list[Signal] = []
    for i in chosen:
        sentence = ctx.sentences[i]
        features = (
            strength[i] >= 1.0,
            has_figure(sentence.text),
            bool(flags.work[i]),
            bool(flags.central[i]),
            bool(flags.lead[i]) or sentence.kind == "heading" or repeated.get(i, False),
        )
        signals.append(_signal(ctx, lex, i, named[i], vectors, futures, relevancy(features)))
    return signals


def _candidate_scores(
    ctx: AnalysisContext,
    lex: Lexicon,
    hits: dict[int, list[CueHit]],
    proto: np.ndarray,
    flags: SentenceFlags,
) -> tuple[dict[int, float], dict[int, float]]:
    """(score, cue strength) of every sentence that may state a change."""
    scores: dict[int, float] = {}
    strength: dict[int, float] = {}
    for i, sentence in enumerate(ctx.sentences):
        weight = _change_weight(sentence, lex, hits.get(i, []), proto[i])
        if weight is None:
            continue
        strength[i] = weight
        scores[i] = (
            weight
            + float(proto[i])
            + 0.3 * float(flags.work[i])
            + 0.2 * float(has_figure(sentence.text))
            + 0.3 * float(flags.central[i])
        )
    return scores, strength


def _change_weight(
    sentence: Sentence, lex: Lexicon, hits: list[CueHit], proto: np.floating[Any]
) -> float | None:
    """The sentence's cue weight as a statement of change; None when it is
    not a candidate (too short, a question, a reference, no cue and no
    prototype match). `proto` stays the array's scalar: the thresholds
    compare in its precision."""
    words = len(sentence.text.split())
    if words < MIN_WORDS or sentence.text.rstrip().endswith("?") or is_reference(sentence):
        return None
    weight = cue_weight(hits)
    if weight and _only_in_opening_subclause(sentence.text, sentence.start, hits, lex):
        weight *= 0.5  # "As AI evolves, …": background, not the statement
    if _from_to(sentence.text, lex):
        weight = max(weight, 1.0) + 0.5
    if weight == 0.0 and proto < PROTOTYPE_ONLY:
        return None
    if weight < 1.0 and proto < PROTOTYPE_ONLY - 0.15:
        return None  # a weak cue alone ("new", "more") is not a statement of change
    return weight


@dataclass
class _FutureStatements:
    """The document's forward-looking sentences (questions aside), which of
    them are explicit outlooks, and which a signal already took as its
    ten-year statement."""

    indices: list[int]
    outlook: set[int]
    ref_year: int | None
    used: set[int] = field(default_factory=set)

    @classmethod
    def of(cls, ctx: AnalysisContext, lex: Lexicon) -> _FutureStatements:
        weak = frozenset(pack_words(lex.language, "cues", "words", "future_weak"))
        indices = [
            int(i)
            for i in np.flatnonzero(group_mask(ctx, lex, "future"))
            if not ctx.sentences[i].text.rstrip().endswith("?")
            # "verstanden werden" is a passive, not the future: a weak cue alone does not count
            and any(m.group().casefold() not in weak for m in lex.find("future", ctx.sentences[i].text))
        ]
        ref_year = _reference_year(ctx, lex)
        outlook = {j for j in indices if _is_outlook(lex, ctx.sentences[j].text, ref_year)}
        return cls(indices, outlook, ref_year)

    def take(self, ctx: AnalysisContext, vectors: np.ndarray, i: int) -> int | None:
        """The ten-year statement for signal sentence `i`, now taken; None when none clears."""
        paragraph = ctx.sentences[i].paragraph
        near = {
            j
            for j in self.indices
            if abs(j - i) <= TEN_YEAR_WINDOW or ctx.sentences[j].paragraph == paragraph
        }
        found = _ten_year(vectors, i, self.indices, self.used, self.outlook, near)
        if found is not None:
            self.used.add(found)
        return found


def _signal(
    ctx: AnalysisContext,
    lex: Lexicon,
    i: int,
    info: _Named,
    vectors: np.ndarray,
    futures: _FutureStatements,
    relevance: int,
) -> Signal:
    """The signal of chosen sentence `i`: its clause, ten-year statement,
    driving force and horizon, with their evidence."""
    sentence = ctx.sentences[i]
    start, end = body_span(sentence, lex)
    start, end = clause_span(ctx.text, start, end, info.anchor)
    evidence = [ctx.evidence(start, end)]
    ten_idx = futures.take(ctx, vectors, i)
    ten_year = ""
    if ten_idx is not None:
        ts, te = body_span(ctx.sentences[ten_idx], lex)
        ten_year = clean_display(ctx.text[ts:te])
        evidence.append(ctx.evidence(ts, te))
    force = _driving_force(ctx, lex, i, vectors, info.anchor)
    driving = ""
    if force is not None:
        driving, _, fs, fe = force
        if not any(e.start <= fs and fe <= e.end for e in evidence):
            evidence.append(ctx.evidence(fs, fe))
    return Signal(
        name=info.name,
        description=clean_display(ctx.text[start:end]),
        change=info.change,
        ten_year=ten_year,
        driving_force=driving,
        relevancy=relevance,
        horizon=horizon(lex, sentence.text, ten_year, futures.ref_year),
        evidence=unique_evidence(evidence),
    )


def _affirmed_hits(
    ctx: AnalysisContext, lex: Lexicon, hits: dict[int, list[CueHit]]
) -> dict[int, list[CueHit]]:
    """Cue hits that state a change: not negated ("did not improve"), not in a
    contrastive clause ("rather than replacing people"), and for intransitive
    cues not an adjective ("the falling cost", "a slow transition" — the same
    word is usually matched again by an "after" cue that names it properly)."""

    def states_change(sentence: Sentence, hit: CueHit) -> bool:
        if not affirmed(ctx.text, sentence.start, sentence.end, hit, lex):
            return False
        if hit.cue.slot == "before" and " " not in ctx.text[hit.start : hit.end].strip():
            toks = tokens(sentence.text, sentence.start)
            k = next((k for k, t in enumerate(toks) if t.end > hit.start), None)
            if k is not None and adjectival(toks, k, lex):
                return False
        return True

    return kept_hits(ctx, hits, states_change)


def _only_in_opening_subclause(text: str, offset: int, hits: list[CueHit], lex: Lexicon) -> bool:
    first = text.split(maxsplit=1)[0].casefold() if text.split() else ""
    comma = text.find(",")
    if first not in lex.breakers or comma < 0:
        return False
    return all(h.end - offset <= comma for h in hits)


def horizon(lex: Lexicon, sentence: str, ten_year: str, ref_year: int | None) -> Horizon:
    """now | near | far from time expressions (rules in the module docstring)."""
    by_year = _year_horizon(sentence, ref_year)
    if by_year is not None:
        return by_year
    if lex.has("now", sentence):
        return "now"
    if lex.has("far", sentence) or (ten_year and lex.has("far", ten_year)):
        return "far"
    if lex.has("near", sentence) or (ten_year and lex.has("near", ten_year)):
        return "near"
    if ten_year:
        by_year = _year_horizon(ten_year, ref_year)
        if by_year is not None:
            return by_year
    return "near"


def _year_horizon(text: str, ref_year: int | None) -> Horizon | None:
    if ref_year is None:
        return None
    years = [int(y) for y in _YEAR.findall(clean_display(text))]
    if not years:
        return None
    delta = max(years) - ref_year
    if delta <= 1:
        return "now"
    return "near" if delta <= 5 else "far"


def _reference_year(ctx: AnalysisContext, lex: Lexicon) -> int | None:
    """The document's "now": its publication year, else the latest year its
    text mentions outside a future phrase ("by 2030" does not count)."""
    published = ctx.document.published
    if published is not None:
        return published.year
    years: list[int] = []
    for sentence in ctx.sentences:
        text = clean_display(sentence.text)
        future_spans = [(m.start(), m.end()) for m in lex.find("future", text)]
        for m in _YEAR.finditer(text):
            if not any(a <= m.start() < b for a, b in future_spans):
                years.append(int(m.group(1)))
    return max(years) if years else None


# --------------------------------------------------------------------------- names


def _from_to(text: str, lex: Lexicon) -> re.Match[str] | None:
    for pattern in lex.from_to:
        m = pattern.search(text)
        if m and "head" in pattern.groupindex:
            return m
    return None


def _limit(text: str, toks_max: int) -> str:
    words = text.split()
    return " ".join(words[:toks_max])


def _name(ctx: AnalysisContext, lex: Lexicon, i: int, hits: list[CueHit]) -> _Named | None:
    sentence = ctx.sentences[i]
    text = ctx.text
    start, end = body_span(sentence, lex)
    toks = tokens(text[start:end], start)
    if len(toks) < 2:
        return None
    m = _from_to(text[start:end], lex)
    if m is not None:
        named = _from_to_name(text, start, m, lex)
        if named is not None:
            return named
    # The main clause first: cues inside a causal clause ("… because AI takes
    # over tasks") name the cause, not the change.
    causal_at = min(
        (start + m.start() for g in ("causal_clause", "causal_np") for m in lex.find(g, text[start:end])),
        default=end,
    )
    ordered = sorted(
        (h for h in hits if h.start >= start),
        key=lambda h: (h.start >= causal_at, -h.cue.weight, h.start, h.start - h.end, _slot_rank(h)),
    )
    if any(h.cue.weight >= 1.0 for h in ordered):
        # Weak cues ("new", "more") only name a sentence that has no strong one.
        ordered = [h for h in ordered if h.cue.weight >= 1.0]
    # Noun-phrase names first ("Falling Graduate Vacancies"), then the clause
    # around the cue ("AI Assistant Takes over Routine Queries").
    for hit in ordered:
        found = nominal_phrase(text, toks, hit, lex)
        if found is not None and _names_a_thing(found[1], lex):
            return _Named(name=found[0], change=_change(hit, found[1], lex), anchor=hit.start, from_to=False)
    for hit in ordered:
        named = _hit_name(text, toks, hit, lex)
        if named is not None:
            return named
    return None


def _slot_rank(hit: CueHit) -> int:
    return {"both": 0, "before": 1, "after": 2, "term": 3}.get(hit.cue.slot, 4)


def _from_to_name(text: str, offset: int, m: re.Match[str], lex: Lexicon) -> _Named | None:
    src_toks = _phrase_in(text, offset + m.start("src"), offset + m.end("src"), lex, 3)
    dst_toks = _phrase_in(text, offset + m.start("dst"), offset + m.end("dst"), lex, 3)
    if not src_toks or not dst_toks:
        return None
    src, dst = span_text(text, src_toks), span_text(text, dst_toks)
    if name_key(src) == name_key(dst):
        return None  # "d'un régime où … à un régime où …": the parse lost what differs
    # The connecting words as the text has them ("from … to", "van … naar", "von … hin zu").
    # A copula between "from" and the source ("pasará de ser X a Y") is skipped.
    copulas = pooled_words("phrases", "names", "copulas")
    before = [
        w for w in text[offset + m.start("src") - 16 : offset + m.start("src")].split() if w not in copulas
    ]
    from_word = before[-1:] or ["from"]
    to_word = text[offset + m.end("src") : offset + m.start("dst")].strip(" ,") or "to"
    joiner = "" if from_word[0].endswith(("'", "’")) else " "
    change = f"{from_word[0]}{joiner}{src} {to_word} {dst}"
    head = m.group("head") if "head" in m.re.groupindex and m.group("head") else ""
    if len(change.split()) <= 7:
        name = title_case(change, lex.language)
    else:
        lead = [] if head.casefold() in ("weg",) else head.split()[:1]
        name = title_case(" ".join([*lead, to_word, *_limit(dst, 4).split()]), lex.language)
    return _Named(name=name, change=change, anchor=offset + m.start(), from_to=True)


def _phrase_in(text: str, start: int, end: int, lex: Lexicon, max_words: int) -> list[Token]:
    toks = tokens(text[start:end], start)
    return right_phrase(text, toks, 0, lex, max_words) if toks else []


def _hit_name(text: str, toks: list[Token], hit: CueHit, lex: Lexicon) -> _Named | None:
    found = cue_phrase(text, toks, hit, lex)
    if found is None:
        return None
    name, thing = found
    if not _names_a_thing(thing, lex):
        return None
    return _Named(name=name, change=_change(hit, thing, lex), anchor=hit.start, from_to=False)


def _change(hit: CueHit, thing: str, lex: Lexicon) -> str:
    """ "<direction>: <thing>", or "" when the thing is a clause rather than what changes
    ("vertalers zien hun tarieven": a verb before an object article)."""
    if verb_before_article(tokens(thing), lex, possessives=True):
        return ""
    return f"{hit.cue.label}: {thing}"


def _names_a_thing(thing: str, lex: Lexicon) -> bool:
    """The changing thing of a name has a word other than a verb: "Steeds vaker gevraagd"
    (more and more asked) or "replacing: könnten" name nothing that changes."""
    content = [w for w in thing.split() if w.casefold() not in lex.stop]
    if not content:
        return False
    if len(content) == 1:
        word = content[0].casefold()
        return not (participle(word) or word in lex.verbs)
    return True


# --------------------------------------------------------------------------- ten-year, driving force


def _is_outlook(lex: Lexicon, text: str, ref_year: int | None) -> bool:
    """A future sentence with an explicit horizon: a near/far phrase, or a
    year later than the document's own ("by 2030", "tegen 2030", "d'ici 2028")."""
    if lex.has("near", text) or lex.has("far", text):
        return True
    years = [int(y) for y in _YEAR.findall(clean_display(text))]
    return bool(years) and ref_year is not None and max(years) > ref_year


def _ten_year(
    vectors: np.ndarray,
    i: int,
    future: list[int],
    used: set[int],
    outlook: set[int] | None = None,
    near: set[int] | None = None,
) -> int | None:
    """The future sentence most similar to signal sentence `i` that clears its threshold;
    None when none does. Near the signal (`near`; all when None) the threshold is
    `TEN_YEAR_OUTLOOK` for an explicit outlook, else `TEN_YEAR_MIN`; elsewhere in the text
    `TEN_YEAR_FAR`. A sentence another signal took is not lent again: one outlook
    repeated under three signals says nothing about two of them."""
    others = [j for j in future if j != i and j not in used]
    if not others:
        return None
    outlook = outlook or set()
    sims = vectors[others] @ vectors[i]
    best, best_margin = None, -1.0
    for j, sim in zip(others, sims, strict=True):
        if near is None or j in near:
            threshold = TEN_YEAR_OUTLOOK if j in outlook else TEN_YEAR_MIN
        else:
            threshold = TEN_YEAR_FAR
        margin = float(sim) - threshold
        if margin >= 0 and (best is None or margin > best_margin):
            best, best_margin = j, margin
    return best


def causal_clause(ctx: AnalysisContext, lex: Lexicon, i: int) -> tuple[str, int, int] | None:
    """The longest causal clause in content sentence `i`: (text, start, end)."""
    sentence = ctx.sentences[i]
    text = ctx.text
    toks = tokens(sentence.text, sentence.start)
    found: list[tuple[str, int, int]] = []
    for group, max_words, verbs_stop in (("causal_clause", 25, False), ("causal_np", 8, True)):
        for m in lex.find(group, sentence.text):
            a, b = sentence.start + m.start(), sentence.start + m.end()
            after = next((k for k, t in enumerate(toks) if t.start >= b), None)
            if after is None:
                continue
            rest = right_phrase(text, toks, after, lex, max_words, stop_at_verbs=verbs_stop)
            if group == "causal_clause":
                rest = _clause_run(text, toks, after, max_words)
            if not rest or toks[after].start - b > 3:
                continue
            end = rest[-1].end
            clause = clean_display(text[a:end])
            if len(clause.split()) >= (CAUSAL_NP_MIN_WORDS if group == "causal_np" else 2):
                found.append((clause, a, end))
    if not found:
        return None
    return max(found, key=lambda f: (len(f[0]), -f[1]))


def _clause_run(text: str, toks: list[Token], index: int, max_words: int) -> list[Token]:
    """Tokens from `index` up to the next , ; : . (a subordinate clause)."""
    out: list[Token] = []
    for k in range(index, len(toks)):
        if out and any(ch in ",;:.!?()" for ch in text[toks[k - 1].end : toks[k].start]):
            break
        out.append(toks[k])
        if len(out) >= max_words:
            break
    return out


def _driving_force(
    ctx: AnalysisContext, lex: Lexicon, i: int, vectors: np.ndarray, anchor: int = -1
) -> tuple[str, int, int, int] | None:
    own = causal_clause(ctx, lex, i)
    if own is not None:
        if own[1] <= anchor < own[2]:
            return None  # the signal's own cue sits in the causal clause: it would restate the signal
        return own[0], i, own[1], own[2]
    linked = _linked_cause(ctx, lex, i)
    if linked is not None:
        return linked
    best: tuple[float, int] | None = None
    lo, hi = max(0, i - CAUSAL_WINDOW), min(len(ctx.sentences), i + CAUSAL_WINDOW + 1)
    for j in range(lo, hi):
        if j == i or ctx.sentences[j].paragraph != ctx.sentences[i].paragraph:
            continue  # a cause in another paragraph is another argument's
        sentence = ctx.sentences[j]
        if not (lex.has("causal_clause", sentence.text) or lex.has("causal_np", sentence.text)):
            continue
        sim = float(vectors[j] @ vectors[i])
        if sim >= CAUSAL_MIN and (best is None or sim > best[0]):
            best = (sim, j)
    if best is None:
        return None
    j = best[1]
    clause = causal_clause(ctx, lex, j)
    if clause is None:
        return None
    return clause[0], j, clause[1], clause[2]


def _linked_cause(ctx: AnalysisContext, lex: Lexicon, i: int) -> tuple[str, int, int, int] | None:
    """A cause stated in a neighbouring sentence and linked to this one by a
    connective: "X. This is because Y" / "Dit komt doordat Y" (the next
    sentence), or "Y. As a result, X" / "Daardoor X" / "Deshalb X" / "C'est
    pourquoi X" / "Por eso X" (the previous one). Only adjacent sentences in
    the same paragraph run count, so the link is the text's, not a guess."""
    sentences = ctx.sentences
    sentence = sentences[i]
    candidates: list[int] = []
    if lex.has("effect_prev", sentence.text) and i > 0:
        # "Daardoor"/"deshalb" point back to the last statement, across a
        # paragraph break or a heading if need be.
        back = i - 1
        if sentences[back].kind == "heading" and back > 0:
            back -= 1
        candidates.append(back)
    if i + 1 < len(sentences) and lex.has("cause_next", sentences[i + 1].text):
        candidates.append(i + 1)
    for j in candidates:
        other = sentences[j]
        if other.kind == "heading" or other.text.rstrip().endswith("?") or is_reference(other):
            continue
        if j > i and other.paragraph != sentence.paragraph:
            continue
        own = causal_clause(ctx, lex, j)
        if own is not None and j > i:
            return own[0], j, own[1], own[2]
        start, end = body_span(other, lex)
        start, end = clause_span(ctx.text, start, end, start)
        clause = clean_display(ctx.text[start:end])
        if len(clause.split()) >= 3:
            return clause, j, start, end
    return None


@component("signals", fills=("signals",))
def signals_component(ctx: AnalysisContext, card: Mapping[str, Any]) -> dict[str, Any]:
    return {"signals": extract_signals(ctx)}
