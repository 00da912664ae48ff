"""Concerns, behaviors and issues: card items found by their cues.

**Concerns, behaviors, issues** use the signal machinery with their own cues
(`[concerns]`, `[behaviors]`, `[issues]` in `data/lang/<lang>/cues.toml`) and
prototypes (`[prototypes]` in the same file):

1. Candidates: content sentences (not references, at least four words) with
   a cue of the kind, or with prototype similarity >= `PROTOTYPE_ONLY`. For
   issues a question in the text (a sentence ending in "?") and "the question
   is …"-style phrases count as cues too.
2. Score = cue weight + prototype similarity + 0.3·mentions work + 0.3·central.
3. MMR selection without near-duplicates (cosine >= `DUPLICATE`, same or
   overlapping name, or a name listed in `exclude`).
4. `name`: the sentence's lead-in label when it has one ("**Wage
   polarization.** …", "Limited learning: …"), else a short heading sentence
   itself, else the phrase around the cue (as for signals), else the first
   noun-phrase-like run of the sentence. `description`: the sentence body
   (trimmed to the clause around the cue when long), markup removed.
   `evidence`: that exact span.
5. `relevancy` (0-5) = [explicit cue, weight >= 1] + [prototype similarity
   >= `PROTOTYPE_STRONG`] + [mentions work/jobs/workers] + [central: centroid
   similarity in the document's top 40%] + [lead position, a labelled or
   heading statement, or said again elsewhere]; clipped to 0-5.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any, Literal

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
    Cue,
    CueHit,
    Lexicon,
    find_hits,
    is_reference,
    lexicon,
    prototype_scores,
    repeated_mask,
)
from workradar.analyze.text.phrases import (
    affirmed,
    body_span,
    clause_before,
    clause_span,
    clean_display,
    cue_phrase,
    fallback_name,
    lead_label,
    name_key,
    participle,
    span_text,
    title_case,
    tokens,
)
from workradar.analyze.text.sentences import Sentence
from workradar.languages import pack_flag, pack_words, pooled_words
from workradar.models import Item

ItemKind = Literal["concerns", "behaviors", "issues"]

PROTOTYPE_ONLY = 0.6
PROTOTYPE_WITH_CUE = 0.25
# A term cue names the harm or issue itself ("burnout", "précarité", "werkdruk"),
# so it needs only a loose topical match. Cross-lingual prototype similarity
# runs lower than within English (0.15-0.3 for clear non-English concerns), so
# the general gate above silently dropped most nl/de/fr/es concerns.
PROTOTYPE_WITH_TERM = 0.12
PROTOTYPE_STRONG = 0.45
DUPLICATE = 0.75
MAX_CANDIDATES = 200
MIN_WORDS = 4
MAX_NAME_WORDS = 8


def extract_items(
    ctx: AnalysisContext, kind: ItemKind, max_items: int = 8, exclude: Collection[str] = ()
) -> list[Item]:
    """Up to `max_items` items of `kind`. Names in `exclude` (compared
    casefolded) are skipped, so a card can keep names unique across kinds."""
    if not ctx.sentences or max_items <= 0:
        return []
    excluded = {name_key(n) for n in exclude}
    if kind not in ("concerns", "behaviors", "issues"):
        raise ValueError(f"unknown item kind {kind!r}")
    return _cued_items(ctx, kind, max_items, excluded)


# --------------------------------------------------------------------------- cued items

_QUESTION_CUE = Cue("issues", "question", "question", 1.0, re.compile(r"\?\s*$"))


def _cued_items(ctx: AnalysisContext, kind: str, max_items: int, excluded: set[str]) -> list[Item]:
    lex = lexicon(ctx.language)
    hits = _kind_hits(ctx, lex, kind)
    proto = prototype_scores(ctx, lex, kind)
    # A concern is a harm: a sentence nearer to the benefit prototypes than to
    # the concern prototypes needs an outright negative cue to stay.
    positive = prototype_scores(ctx, lex, "positive") if kind == "concerns" else None
    flags = SentenceFlags.of(ctx, lex)
    scores, strength = _candidate_scores(ctx, kind, hits, proto, positive, flags)
    names = named_candidates(scores, MAX_CANDIDATES, lambda i: _item_name(ctx, lex, i, hits.get(i, [])))
    if not names:
        return []
    guard = NameGuard(lex, excluded)
    chosen = pick(
        list(names),
        scores,
        ctx.vectors(),
        max_items,
        duplicate=DUPLICATE,
        accept=lambda i: guard.admit(names[i][0]),
    )
    repeated = repeated_mask(ctx, chosen)
    items: list[Item] = []
    for i in chosen:
        name, labelled = names[i]
        start, end = _description_span(ctx, lex, i, hits.get(i, []), labelled)
        description = clean_display(ctx.text[start:end])
        if name_key(description.rstrip(" .:;")) == name_key(name):
            continue  # a bare heading: a name with nothing said about it
        features = (
            strength[i] >= 1.0,
            bool(proto[i] >= PROTOTYPE_STRONG),
            bool(flags.work[i]),
            bool(flags.central[i]),
            bool(flags.lead[i]) or labelled or repeated.get(i, False),
        )
        items.append(
            Item(
                name=name,
                description=description,
                relevancy=relevancy(features),
                evidence=[ctx.evidence(start, end)],
            )
        )
    return items


def _kind_hits(ctx: AnalysisContext, lex: Lexicon, kind: str) -> dict[int, list[CueHit]]:
    """The cue hits of `kind` per sentence: for issues with the questions
    added, for concerns and behaviors only those that state one."""
    hits = find_hits(ctx, lex.cues[kind])
    if kind == "issues":
        for i, sentence in enumerate(ctx.sentences):
            if sentence.text.rstrip().endswith("?"):
                hits.setdefault(i, []).append(CueHit(_QUESTION_CUE, i, sentence.start, sentence.end))
            for m in lex.find("question", sentence.text):
                cue = Cue("issues", "after", "link", 1.0, lex.patterns["question"])
                hits.setdefault(i, []).append(
                    CueHit(cue, i, sentence.start + m.start(), sentence.start + m.end())
                )
    if kind in ("concerns", "behaviors"):
        hits = _stated_hits(ctx, lex, hits, kind)
    return hits


def _candidate_scores(
    ctx: AnalysisContext,
    kind: str,
    hits: dict[int, list[CueHit]],
    proto: np.ndarray,
    positive: np.ndarray | None,
    flags: SentenceFlags,
) -> tuple[dict[int, float], dict[int, float]]:
    """(score, cue strength) of every sentence that may state an item of `kind`."""
    scores: dict[int, float] = {}
    strength: dict[int, float] = {}
    for i, sentence in enumerate(ctx.sentences):
        if len(sentence.text.split()) < MIN_WORDS or is_reference(sentence):
            continue
        if kind != "issues" and sentence.text.rstrip().endswith("?"):
            continue  # a question states no concern or practice; it may be an issue
        found = hits.get(i, [])
        weight = cue_weight(found)
        if positive is not None and positive[i] > proto[i] and weight < 1.0:
            continue
        if not _passes_gate(proto[i], weight, found):
            continue
        strength[i] = weight
        scores[i] = weight + float(proto[i]) + 0.3 * float(flags.work[i]) + 0.3 * float(flags.central[i])
    return scores, strength


def _passes_gate(proto: np.floating[Any], weight: float, hits: list[CueHit]) -> bool:
    """Prototype similarity alone, or a cue with enough of it (less for a term
    cue). `proto` stays the array's scalar: the thresholds compare in its precision."""
    term = any(h.cue.slot == "term" and h.cue.weight >= 1.0 for h in hits)
    gate = PROTOTYPE_WITH_TERM if term else PROTOTYPE_WITH_CUE
    if proto < PROTOTYPE_ONLY and (weight == 0.0 or proto < gate):
        return False
    return not (weight < 1.0 and proto < PROTOTYPE_ONLY - 0.1)


def _description_span(
    ctx: AnalysisContext, lex: Lexicon, i: int, hits: list[CueHit], labelled: bool
) -> tuple[int, int]:
    """The span an item of sentence `i` quotes: the clause around its first
    cue, the whole sentence when a labelled one leaves under three words."""
    sentence = ctx.sentences[i]
    anchor = min((h.start for h in hits), default=sentence.start)
    start, end = body_span(sentence, lex)
    start, end = clause_span(ctx.text, start, end, max(anchor, start))
    if labelled and len(clean_display(ctx.text[start:end]).split()) < 3:
        return sentence.start, sentence.end
    return start, end


def _stated_hits(
    ctx: AnalysisContext, lex: Lexicon, hits: dict[int, list[CueHit]], kind: str
) -> dict[int, list[CueHit]]:
    """Cue hits that state a concern or a practice. Negated or contrastive
    cues go ("did not adopt", "rather than cutting jobs"). For concerns the
    cue must carry negative-outcome meaning: a connective cue ("could lead
    to", "exposed to") only counts when the words after it name a harm ("lead
    to lower wages", not "lead to higher-value work"), and a problem word after
    a remedy ("addresses inequalities", "help close gaps") is a fix, not a
    concern."""

    def states_item(sentence: Sentence, hit: CueHit) -> bool:
        if not affirmed(ctx.text, sentence.start, sentence.end, hit, lex) and not (
            kind == "concerns" and _persisting(ctx.text, sentence.start, hit, lex)
        ):
            return False
        return kind != "concerns" or _states_harm(ctx.text, sentence, hit, lex)

    return kept_hits(ctx, hits, states_item)


def _states_harm(text: str, sentence: Sentence, hit: CueHit, lex: Lexicon) -> bool:
    """A concern cue that names a harm: not doubted earlier in its clause ("skepticism
    about …"), a harm term not undone by a remedy around it, a negative cue, or a
    connective cue followed by negative words in its clause."""
    if lex.has("doubt", clause_before(text, sentence.start, hit.start)):
        return False  # "Skepsis hinsichtlich der tatsächlichen Auswirkungen …": doubt, not worry
    if hit.cue.slot == "term":
        before = " ".join(clause_before(text, sentence.start, hit.start).split()[-6:])
        # Verb-final clauses put the remedy after ("werkdruk verlichten").
        after = " ".join(re.split(r"[,;:.!?]", text[hit.end : sentence.end])[0].split()[:3])
        return not (
            (lex.has("remedy", before) or lex.has("remedy", after))
            and not _persisting(text, sentence.start, hit, lex)
        )
    if lex.has("negative", text[hit.start : hit.end]):
        return True
    rest = text[hit.end : sentence.end]
    stop = min((rest.find(c) for c in ",;:.!?" if c in rest), default=len(rest))
    return lex.has("negative", rest[:stop])


def _persisting(text: str, sentence_start: int, hit: CueHit, lex: Lexicon) -> bool:
    """A negated remedy before a harm term says the harm persists: "the law
    has not ended precariousness", "la ley no ha acabado con la precariedad",
    "hat die Unsicherheit nicht beseitigt" (verb-second: negation after)."""
    if hit.cue.slot != "term":
        return False
    before = " ".join(clause_before(text, sentence_start, hit.start).split()[-7:])
    return lex.has("remedy", before) and lex.has("negation", before)


def _item_name(ctx: AnalysisContext, lex: Lexicon, i: int, hits: list[CueHit]) -> tuple[str, bool] | None:
    """(name, came from a label or heading)."""
    sentence = ctx.sentences[i]
    label = lead_label(sentence, lex)
    if label is not None and len(label[0].split()) <= MAX_NAME_WORDS:
        return title_case(label[0], lex.language), True
    cleaned = clean_display(sentence.text).rstrip(" .:;")
    if sentence.kind == "heading" and 2 <= len(cleaned.split()) <= 6 and not cleaned.endswith("?"):
        return title_case(cleaned, lex.language), True
    start, end = body_span(sentence, lex)
    toks = tokens(ctx.text[start:end], start)
    # Link cues first, the last one first: in "workers fear that X could lead
    # to Y" the chain ends at the actual concern, Y.
    ordered = sorted(
        (h for h in hits if h.cue.slot != "question" and h.start >= start),
        key=lambda h: (-h.cue.weight, h.cue.label != "link", -h.start if h.cue.label == "link" else h.start),
    )
    for hit in ordered:
        if hit.cue.slot == "term":
            name = _term_name(ctx.text, toks, hit, lex)
        else:
            found = cue_phrase(ctx.text, toks, hit, lex)
            name = found[0] if found else None
        if name and 2 <= len(name.split()) <= MAX_NAME_WORDS:
            # The best cue's name or none: a weaker cue's name stands for a fragment.
            kept = _well_formed(name, ctx.text[start:end], lex)
            return (kept, False) if kept else None
    words = fallback_name(ctx.text, start, end, lex, 6)
    if len(words) >= 2:
        kept = _well_formed(title_case(span_text(ctx.text, words), lex.language), ctx.text[start:end], lex)
        if kept:
            return kept, False
    return None


_NUMBER = re.compile(r"\d")


def _well_formed(name: str, sentence: str, lex: Lexicon) -> str | None:
    """`name` without trailing function words and prepositions ("… depuis"), when it is
    then a name a reader can quote (else None): not a piece of a figure ("000 Entlassungen" out of
    "10.000 Entlassungen", "Britse docenten en 69" without its per cent), not ending on an
    auxiliary, a function word or a preposition, and in languages that capitalise nouns not
    ending on a lower-case word other than a participle ("Bewerten und zu begrenzen",
    "Künstliche Intelligenz verursacht"; "80 Stellen gestrichen" is a statement)."""
    words = name.split()

    def bare(word: str) -> str:
        return word.casefold().strip(".,;:!?'’\"")

    trailing = lex.stop | lex.preps | lex.breakers
    while len(words) > 2 and bare(words[-1]) in trailing:
        words.pop()
    if _NUMBER.search(words[-1]):
        return None
    if _NUMBER.match(words[0]):
        at = sentence.casefold().find(words[0].casefold())
        before = sentence[max(0, at - 3) : at].rstrip() if at > 0 else ""
        if len(before) >= 2 and before[-1] in ".,’'" and before[-2].isdigit():
            return None  # "55.000" (or "55. 000") cut after its separator
        after = sentence[at + len(words[0]) : at + len(words[0]) + 3].lstrip()
        if at >= 0 and after[:1] in ("%", "‰"):
            return None  # a share without its sign: "35 % d'entre eux …" -> "35 d'entre eux …"
    last = bare(words[-1])
    if last in lex.verbs or last in trailing:
        return None
    markers = frozenset(pack_words(lex.language, "cues", "words", "infinitive_markers"))
    if len(words) > 2 and bare(words[-2]) in markers and _written_lower(words[-1], sentence):
        return None  # "Employers Use AI to Assess": cut before the verb's object
    capitalised = pack_flag(lex.language, "words", "traits", "capitalised_nouns")
    if capitalised and not participle(last) and _written_lower(words[-1], sentence):
        return None
    return " ".join(words)


def _written_lower(word: str, sentence: str) -> bool:
    """`word` appears in `sentence`, in lower case wherever it does."""
    written = re.findall(rf"\b{re.escape(word)}\b", sentence, flags=re.IGNORECASE)
    return bool(written) and all(w[:1].islower() for w in written)


def _term_name(text: str, toks: list, hit: CueHit, lex: Lexicon) -> str | None:  # type: ignore[type-arg]
    """A term cue ("surveillance", "job losses") with its modifiers: up to two
    words before it and an "of …" complement after it."""
    first = next((k for k, t in enumerate(toks) if t.end > hit.start), None)
    last = next((k for k in range(len(toks) - 1, -1, -1) if toks[k].start < hit.end), None)
    if first is None or last is None or last < first:
        return None
    lo = first
    while lo > 0 and first - lo < 2:
        prev = toks[lo - 1]
        gap = text[prev.end : toks[lo].start]
        if prev.key in lex.stop or prev.key in lex.verbs or prev.key in lex.breakers or gap.strip(" -"):
            break
        lo -= 1
    of_words = pooled_words("phrases", "names", "of_words")
    hi = last
    if (
        hi + 2 < len(toks)
        and toks[hi + 1].key in of_words
        and not text[toks[hi].end : toks[hi + 1].start].strip()
    ):
        k = hi + 2
        while k < len(toks) and k <= hi + 4 and not text[toks[k - 1].end : toks[k].start].strip():
            if toks[k].key in lex.breakers or toks[k].key in lex.verbs:
                break
            k += 1
        if k > hi + 2:
            hi = k - 1
            while hi > last and (toks[hi].key in lex.stop or toks[hi].key in of_words):
                hi -= 1
    words = toks[lo : hi + 1]
    if not words:
        return None
    return title_case(span_text(text, words), lex.language)


def _cued_component(kind: ItemKind, reads: tuple[str, ...]) -> None:
    def run(ctx: AnalysisContext, card: Mapping[str, Any]) -> dict[str, Any]:
        # Item names are unique across the whole card, not only within a kind.
        used = [item.name for field in reads for item in card[field]]
        return {kind: extract_items(ctx, kind, exclude=used)}

    component(kind, fills=(kind,), reads=reads)(run)


_cued_component("concerns", ("signals", "technologies"))
_cued_component("behaviors", ("signals", "technologies", "concerns"))
_cued_component("issues", ("signals", "technologies", "concerns", "behaviors"))
