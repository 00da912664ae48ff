"""What the cued extractors share (signals; concerns, behaviors and issues;
technologies for `relevancy`): per-sentence flags, ranking and naming the
candidates, and picking them by maximal marginal relevance without repeating
a name already on the card.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np

from workradar.analyze.context import AnalysisContext
from workradar.analyze.text.cues import CueHit, Lexicon, central_mask, group_mask, lead_mask, mmr_select
from workradar.analyze.text.phrases import name_key, name_stems, stems_overlap
from workradar.analyze.text.sentences import Sentence

T = TypeVar("T")

# Two names whose content-word stems overlap this much read as the same name.
SAME_NAME = 0.6


def relevancy(features: tuple[bool, ...]) -> int:
    """One point per feature that holds, clipped to 0-5 (each extractor's
    module docstring lists its features)."""
    return max(0, min(5, sum(1 for f in features if f)))


def kept_hits(
    ctx: AnalysisContext, hits: dict[int, list[CueHit]], keep: Callable[[Sentence, CueHit], bool]
) -> dict[int, list[CueHit]]:
    """The cue hits that `keep` keeps, per sentence; a sentence left with none is dropped."""
    out: dict[int, list[CueHit]] = {}
    for i, found in hits.items():
        sentence = ctx.sentences[i]
        kept = [hit for hit in found if keep(sentence, hit)]
        if kept:
            out[i] = kept
    return out


def cue_weight(hits: Iterable[CueHit]) -> float:
    """The strongest cue among a sentence's hits; 0 without any."""
    return max((h.cue.weight for h in hits), default=0.0)


@dataclass(frozen=True)
class SentenceFlags:
    """Per content sentence: mentions work, central, in the title/lead position."""

    work: np.ndarray
    central: np.ndarray
    lead: np.ndarray

    @classmethod
    def of(cls, ctx: AnalysisContext, lex: Lexicon) -> SentenceFlags:
        return cls(group_mask(ctx, lex, "work"), central_mask(ctx), lead_mask(ctx))


def best_first(scores: Mapping[int, float]) -> list[int]:
    """Sentence indices by falling score, ties in document order."""
    return sorted(scores, key=lambda i: (-scores[i], i))


def named_candidates(
    scores: Mapping[int, float], limit: int, name: Callable[[int], T | None]
) -> dict[int, T]:
    """The `limit` best-scored sentences that `name` can name, best first,
    each with its name."""
    named: dict[int, T] = {}
    for i in best_first(scores)[:limit]:
        found = name(i)
        if found is not None:
            named[i] = found
    return named


def pick(
    candidates: Sequence[int],
    scores: dict[int, float],
    vectors: np.ndarray,
    k: int,
    *,
    duplicate: float,
    accept: Callable[[int], bool],
) -> list[int]:
    """Up to `k` of `candidates` by maximal marginal relevance (near-duplicates
    and vetoed names left out), best first."""
    chosen = mmr_select(candidates, scores, vectors, k, duplicate=duplicate, accept=accept)
    chosen.sort(key=lambda i: (-scores[i], i))
    return chosen


class NameGuard:
    """The names on a card list. A new name is admitted only when it repeats
    none of them: not the same casefolded, and sharing less than `SAME_NAME`
    of its content-word stems with each."""

    def __init__(self, lex: Lexicon, taken: Iterable[str] = ()) -> None:
        self._lex = lex
        self._keys = {name_key(name) for name in taken}
        self._stems = [name_stems(key, lex) for key in self._keys]

    def __len__(self) -> int:
        return len(self._keys)

    def admit(self, name: str, *, allowed: bool = True) -> bool:
        """Put `name` on the list when `allowed` and new; say whether it was put."""
        key = name_key(name)
        stems = name_stems(name, self._lex)
        if key in self._keys or any(stems_overlap(stems, other) >= SAME_NAME for other in self._stems):
            return False
        if not allowed:
            return False
        self._keys.add(key)
        self._stems.append(stems)
        return True
