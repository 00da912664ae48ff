"""Extractive summary: 3–5 central, non-redundant sentences in document order.

Scoring, over the (evenly sampled, see `AnalysisContext.sample_indices`)
prose sentences that can stand alone:

- centrality: cosine to the document centroid;
- position prior: +`POSITION_WEIGHT` for the first sentence, decaying
  linearly to 0 at the end (news and reports state their point early);
- redundancy: maximal marginal relevance, `MMR_LAMBDA` * score −
  (1 − `MMR_LAMBDA`) * max cosine to an already chosen sentence.

Sentences are added greedily until `MAX_SENTENCES` are chosen or none of the
remaining ones fits in the `MAX_WORDS` budget (a sentence is never cut).
Headings, questions, footnotes, tables, fragments (no final punctuation,
lower-case start, too short) and sentences that would take most of the budget
alone are not candidates; when nothing qualifies (a table-only document, a
list of headings) the shortest content units that fit are used instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from workradar.analyze.components import component
from workradar.analyze.context import AnalysisContext
from workradar.analyze.text.sentences import Sentence
from workradar.models import Evidence

MAX_WORDS = 120
MAX_SENTENCES = 5
MIN_SENTENCES = 3
MIN_WORDS = 6
MAX_SENTENCE_WORDS = 60
POSITION_WEIGHT = 0.08
MMR_LAMBDA = 0.7


def _words(sentence: Sentence) -> int:
    return len(sentence.clean.split())


def is_summary_candidate(sentence: Sentence) -> bool:
    """A sentence that reads on its own: prose, declarative, complete."""
    if sentence.kind not in ("text", "bullet"):
        return False
    clean = sentence.clean
    n = len(clean.split())
    if n < MIN_WORDS or n > MAX_SENTENCE_WORDS:
        return False
    if clean.rstrip("\"'”’») ").endswith(("?", ":")):
        return False
    if clean.rstrip("\"'”’») ")[-1:] not in ".!…":
        return False  # a fragment (page-break cut, bullet phrase, label)
    first = clean.lstrip("\"'“‘«(")[:1]
    return not first.islower()


def summarize(ctx: AnalysisContext) -> tuple[str, list[Evidence]]:
    """(summary text, evidence of its sentences). Empty for an empty document."""
    sample = ctx.sample_indices()
    candidates = [
        i for i in sample if is_summary_candidate(ctx.sentences[i]) and not _bold_lead(ctx, ctx.sentences[i])
    ]
    if not candidates:
        return _fallback(ctx)
    vectors = ctx.sample_vectors(candidates)
    centroid = ctx.centroid(sample)
    centrality = vectors @ centroid
    n = len(ctx.sentences)
    position = np.array([1.0 - i / max(n - 1, 1) for i in candidates], dtype=np.float32)
    score = centrality + POSITION_WEIGHT * position

    chosen: list[int] = []  # positions in `candidates`
    words = 0
    remaining = set(range(len(candidates)))
    while remaining and len(chosen) < MAX_SENTENCES:
        best, best_value = -1, -np.inf
        for j in sorted(remaining):
            if words + _words(ctx.sentences[candidates[j]]) > MAX_WORDS:
                continue
            redundancy = max((float(vectors[j] @ vectors[c]) for c in chosen), default=0.0)
            value = MMR_LAMBDA * float(score[j]) - (1 - MMR_LAMBDA) * redundancy
            if value > best_value:
                best, best_value = j, value
        if best < 0:
            break
        chosen.append(best)
        remaining.discard(best)
        words += _words(ctx.sentences[candidates[best]])
    picked = sorted(candidates[j] for j in chosen)
    return _render(ctx, [ctx.sentences[i] for i in picked])


def _bold_lead(ctx: AnalysisContext, sentence: Sentence) -> bool:
    """A "**Label.**" run-in heading at the start of a paragraph (reports use them)."""
    return ctx.text[max(0, sentence.start - 2) : sentence.start] in ("**", "__")


def _fallback(ctx: AnalysisContext) -> tuple[str, list[Evidence]]:
    """No stand-alone prose: take content units in document order while they fit."""
    picked: list[Sentence] = []
    words = 0
    for s in ctx.sentences:
        if s.kind == "footnote":
            continue
        n = _words(s)
        if picked and words + n > MAX_WORDS:
            break
        picked.append(s)
        words += n
        if len(picked) >= MIN_SENTENCES:
            break
    return _render(ctx, picked)


def _render(ctx: AnalysisContext, sentences: list[Sentence]) -> tuple[str, list[Evidence]]:
    text = " ".join(s.clean for s in sentences)
    return text, [ctx.sentence_evidence(s) for s in sentences]


@component("summary", fills=("summary", "evidence"))
def summary_component(ctx: AnalysisContext, card: Mapping[str, Any]) -> dict[str, Any]:
    summary, evidence = summarize(ctx)
    return {"summary": summary, "evidence": evidence}
