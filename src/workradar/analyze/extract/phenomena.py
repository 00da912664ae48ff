"""Link each signal to a phenomenon of the library (`workradar.phenomena`).

Two steps. Candidates: the signal (name and description) is embedded and compared with
every prototype phrasing of every entry; the `CANDIDATES` entries with the best
prototype similarity are kept. Ranking: a logistic regression scores each candidate
from features that say more than one similarity (`FEATURES`: best and top-3 prototype
similarity, similarity to the entry's centroid, rank and gap to the first candidate,
the signal's word stems the entry shares weighted by their rarity in the library,
whether the card's themes or ISCO groups agree with the entry's, the signal's length).
The best candidate is linked when its probability reaches the `phenomena.threshold`
setting; otherwise the signal matches nothing (a candidate weak signal).

The weights (`data/models/phenomena_ranker.json`) are trained by
`scripts/train_phenomena_ranker.py` on hand-labelled signals of the project's own
example corpora; docs/notes.md has the figures on real texts.

Where the document gives no change, 10-year outlook or driving force, the entry's may
fill the field (`phenomena.fill_empty`); the signal's `library_fields` names every field
so filled, and its evidence stays the document's own quote.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import numpy as np

from workradar.analyze.components import factory
from workradar.analyze.text.embedders import embed_fixed
from workradar.config import PhenomenaSettings, Settings
from workradar.errors import ConfigError
from workradar.models import LIBRARY_FIELDS, LibraryField, Phenomenon, PhenomenonRef, Signal
from workradar.phenomena import PhenomenaLibrary, load_phenomena

if TYPE_CHECKING:
    from workradar.analyze.context import AnalysisContext
    from workradar.analyze.text.embedders import Embedder

CANDIDATES = 6
MODEL = "phenomena_ranker.json"
FEATURES = (
    "best",
    "top3",
    "centroid",
    "rank",
    "gap",
    "shared_stems",
    "same_theme",
    "same_isco",
    "length",
)
_WORD = re.compile(r"[^\W\d_]{4,}")
STEM = 5  # a word's first letters: a stem in every language the library is written in


def stems(text: str) -> set[str]:
    """The word stems of `text` (first `STEM` letters of each word of four letters or more)."""
    return {word[:STEM] for word in _WORD.findall(text.casefold())}


@dataclass(frozen=True)
class _Prepared:
    """What matching needs of a library for one embedder, computed once."""

    prototypes: np.ndarray  # (P, d), entry by entry
    spans: tuple[tuple[int, int], ...]  # each entry's rows of `prototypes`
    centroids: np.ndarray  # (E, d)
    entry_stems: tuple[frozenset[str], ...]
    weight: Mapping[str, float]  # idf of a stem over the entries


def _prepare(library: PhenomenaLibrary, embedder: Embedder) -> _Prepared:
    key = f"prepared:{embedder.name}"
    if key not in library.vectors:
        phrases: list[str] = []
        spans: list[tuple[int, int]] = []
        for entry in library.entries:
            start = len(phrases)
            phrases += [p for language in sorted(entry.prototypes) for p in entry.prototypes[language]]
            spans.append((start, len(phrases)))
        vectors = embed_fixed(embedder, phrases) if phrases else np.zeros((0, embedder.dim), dtype=np.float32)
        centroids = np.zeros((len(library.entries), vectors.shape[1]), dtype=np.float32)
        for index, (start, end) in enumerate(spans):
            if end > start:
                centroids[index] = vectors[start:end].sum(axis=0)
        centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-9)
        entry_stems = tuple(
            frozenset(
                stems(entry.name)
                | stems(entry.description)
                | {s for phrases_ in entry.prototypes.values() for p in phrases_ for s in stems(p)}
            )
            for entry in library.entries
        )
        frequency = Counter(s for group in entry_stems for s in group)
        count = max(1, len(library.entries))
        weight = {s: math.log(count / (1 + n)) for s, n in frequency.items()}
        library.vectors[key] = _Prepared(vectors, tuple(spans), centroids, entry_stems, weight)
    prepared: _Prepared = library.vectors[key]
    return prepared


def _best_prototypes(prepared: _Prepared, vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(best, mean of best three) prototype similarity of each text to each entry: (n, E) each."""
    sims = vectors @ prepared.prototypes.T
    best = np.full((len(vectors), len(prepared.spans)), -1.0, dtype=np.float32)
    top3 = np.full((len(vectors), len(prepared.spans)), -1.0, dtype=np.float32)
    for entry, (start, end) in enumerate(prepared.spans):
        if end > start:
            columns = np.sort(sims[:, start:end], axis=1)[:, ::-1]
            best[:, entry] = columns[:, 0]
            top3[:, entry] = columns[:, :3].mean(axis=1)
    return best, top3


def candidate_features(
    library: PhenomenaLibrary,
    texts: Sequence[str],
    embedder: Embedder,
    themes: Sequence[str] = (),
    isco: Sequence[str] = (),
) -> list[list[tuple[int, np.ndarray]]]:
    """For each text, its `CANDIDATES` nearest entries (index, feature vector in `FEATURES`
    order), nearest first. `themes` and `isco` are the card's."""
    if not texts or not len(library):
        return [[] for _ in texts]
    prepared = _prepare(library, embedder)
    vectors = embedder.embed(list(texts))
    best, top3 = _best_prototypes(prepared, vectors)
    card_themes = set(themes)
    found: list[list[tuple[int, np.ndarray]]] = []
    for row, text in enumerate(texts):
        order = np.argsort(-best[row], kind="stable")[:CANDIDATES]
        own = stems(text)
        own_weight = sum(prepared.weight.get(s, math.log(max(2, len(library.entries)))) for s in own) or 1.0
        candidates: list[tuple[int, np.ndarray]] = []
        for rank, index in enumerate(int(i) for i in order):
            entry = library.entries[index]
            shared = sum(prepared.weight.get(s, 0.0) for s in own & prepared.entry_stems[index]) / own_weight
            same_isco = any(c.startswith(g) or g.startswith(c) for c in isco for g in entry.isco)
            features = np.array(
                [
                    best[row, index],
                    top3[row, index],
                    float(vectors[row] @ prepared.centroids[index]),
                    rank,
                    best[row, order[0]] - best[row, index],
                    shared,
                    float(bool(card_themes & set(entry.themes))),
                    float(same_isco),
                    min(len(own), 20) / 20,
                ],
                dtype=np.float64,
            )
            candidates.append((index, features))
        found.append(candidates)
    return found


class RankerError(ConfigError):
    """The ranker's weights are missing or do not fit the features."""


@dataclass(frozen=True)
class Ranker:
    """Logistic regression over standardised candidate features."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float

    def probability(self, features: np.ndarray) -> float:
        z = float(((features - self.mean) / self.scale) @ self.weights + self.bias)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@cache
def ranker() -> Ranker:
    """The packaged ranker (`data/models/phenomena_ranker.json`)."""
    raw = json.loads(
        resources.files("workradar").joinpath(f"data/models/{MODEL}").read_text(encoding="utf-8")
    )
    if tuple(raw["features"]) != FEATURES:
        raise RankerError(f"{MODEL} was trained on features {raw['features']}, not {list(FEATURES)}")
    return Ranker(
        mean=np.array(raw["mean"], dtype=np.float64),
        scale=np.array(raw["scale"], dtype=np.float64),
        weights=np.array(raw["weights"], dtype=np.float64),
        bias=float(raw["bias"]),
    )


def match_phenomena(
    library: PhenomenaLibrary,
    texts: Sequence[str],
    embedder: Embedder,
    threshold: float,
    themes: Sequence[str] = (),
    isco: Sequence[str] = (),
) -> list[tuple[Phenomenon, float] | None]:
    """For each text, the best-ranked entry with its probability, or None when no candidate
    reaches `threshold`."""
    model = ranker()
    found: list[tuple[Phenomenon, float] | None] = []
    for candidates in candidate_features(library, texts, embedder, themes, isco):
        scored = [(model.probability(features), index) for index, features in candidates]
        best = max(scored, default=None)
        found.append(
            (library.entries[best[1]], best[0]) if best is not None and best[0] >= threshold else None
        )
    return found


def signal_text(signal: Signal) -> str:
    """What a signal says, as matched against the library."""
    name = signal.name.strip()
    description = signal.description.strip()
    if not description or description.casefold().startswith(name.casefold()):
        return description or name
    return f"{name}. {description}"


def library_value(entry: Phenomenon, field: LibraryField) -> str:
    """The entry's text for a signal field."""
    if field == "change":
        return entry.change
    if field == "ten_year":
        return entry.ten_year
    return "; ".join(entry.driving_forces)


def link_signals(
    signals: Sequence[Signal],
    library: PhenomenaLibrary,
    embedder: Embedder,
    settings: PhenomenaSettings,
    *,
    themes: Sequence[str] = (),
    isco: Sequence[str] = (),
) -> list[Signal]:
    """`signals` with `phenomenon` set where one matches (and, with `fill_empty`, the
    fields the document leaves empty taken from it); others unchanged. `themes` and
    `isco` are the card's themes and occupation codes."""
    if not signals or not len(library):
        return list(signals)
    texts = [signal_text(s) for s in signals]
    matches = match_phenomena(library, texts, embedder, settings.threshold, themes, isco)
    linked: list[Signal] = []
    for signal, match in zip(signals, matches, strict=True):
        if match is None:
            linked.append(signal.model_copy(update={"phenomenon": None, "library_fields": []}))
            continue
        entry, score = match
        update: dict[str, Any] = {
            "phenomenon": PhenomenonRef(id=entry.id, name=entry.name, score=round(score, 3)),
            "library_fields": [],
        }
        if settings.fill_empty:
            filled: list[LibraryField] = []
            for field in LIBRARY_FIELDS:
                value = library_value(entry, field)
                if value and not getattr(signal, field).strip():
                    update[field] = value
                    filled.append(field)
            update["library_fields"] = filled
        linked.append(signal.model_copy(update=update))
    return linked


def _isco_codes(card: Mapping[str, Any]) -> list[str]:
    codes: list[str] = []
    for occupation in card.get("occupations", []):
        code = occupation.get("isco", "") if isinstance(occupation, Mapping) else occupation.isco
        if code:
            codes.append(code)
    return codes


@dataclass(frozen=True)
class PhenomenaComponent:
    """Links the card's signals to the phenomena library."""

    library: PhenomenaLibrary
    settings: PhenomenaSettings
    name: str = "phenomena"
    reads: tuple[str, ...] = ("signals",)
    fills: tuple[str, ...] = ("signals",)

    def __call__(self, ctx: AnalysisContext, card: Mapping[str, Any]) -> dict[str, Any]:
        signals = [s if isinstance(s, Signal) else Signal.model_validate(s) for s in card.get("signals", [])]
        themes = list(card.get("themes", []))
        linked = link_signals(
            signals, self.library, ctx.embedder, self.settings, themes=themes, isco=_isco_codes(card)
        )
        return {"signals": linked}


@factory("phenomena")
def phenomena_component(settings: Settings) -> PhenomenaComponent:
    config = settings.phenomena
    return PhenomenaComponent(load_phenomena(config.file, config.extra), config)
