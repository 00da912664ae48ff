"""Link each signal to the nearest phenomenon of the library (`workradar.phenomena`).

A signal is embedded as its name and description and compared with every prototype
phrasing of every entry; the best entry wins when its similarity reaches the
`phenomena.threshold` setting and no entry of other themes is within `phenomena.margin`
of it. Where the document gives no change, 10-year outlook or driving force, the
entry's may fill the field (`phenomena.fill_empty`); the signal's `library_fields`
names every field so filled, and its evidence stays the document's own quote.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from workradar.analyze.components import factory
from workradar.analyze.text.embedders import embed_fixed
from workradar.config import PhenomenaSettings, Settings
from workradar.models import LIBRARY_FIELDS, LibraryField, Phenomenon, PhenomenonRef, Signal
from workradar.phenomena import PhenomenaLibrary, load_phenomena

if TYPE_CHECKING:
    from workradar.analyze.context import AnalysisContext
    from workradar.analyze.text.embedders import Embedder


def prototype_matrix(library: PhenomenaLibrary, embedder: Embedder) -> tuple[np.ndarray, np.ndarray]:
    """(prototype vectors (P, d), owning entry index per prototype (P,)), embedded once per
    embedder and kept on the library."""
    if embedder.name not in library.vectors:
        phrases: list[str] = []
        owners: list[int] = []
        for i, entry in enumerate(library.entries):
            for language in sorted(entry.prototypes):
                for phrase in entry.prototypes[language]:
                    phrases.append(phrase)
                    owners.append(i)
        vectors = embed_fixed(embedder, phrases) if phrases else np.zeros((0, embedder.dim), dtype=np.float32)
        library.vectors[embedder.name] = (vectors, np.array(owners, dtype=np.int64))
    found: tuple[np.ndarray, np.ndarray] = library.vectors[embedder.name]
    return found


def phenomenon_scores(library: PhenomenaLibrary, vectors: np.ndarray, embedder: Embedder) -> np.ndarray:
    """(n texts, n entries): each text's similarity to each entry's best prototype, for
    unit-length text `vectors` made by `embedder`."""
    protos, owners = prototype_matrix(library, embedder)
    result = np.full((len(vectors), len(library.entries)), -1.0, dtype=np.float32)
    if not len(vectors) or not len(owners):
        return result
    sims = vectors @ protos.T
    np.maximum.at(result.T, owners, sims.T)  # best prototype per entry
    return result


def nearest_phenomena(
    library: PhenomenaLibrary, texts: Sequence[str], embedder: Embedder, threshold: float, margin: float = 0.0
) -> list[tuple[Phenomenon, float] | None]:
    """For each text, the entry it is nearest to with its similarity, or None when the best
    similarity is under `threshold` or within `margin` of an entry of other themes (two
    unrelated entries equally near: no match is better than a guess)."""
    if not texts or not len(library):
        return [None] * len(texts)
    scores = phenomenon_scores(library, embedder.embed(list(texts)), embedder)
    found: list[tuple[Phenomenon, float] | None] = []
    for row in scores:
        order = np.argsort(-row)
        entry = library.entries[int(order[0])]
        similarity = float(row[order[0]])
        rival = next(
            (float(row[i]) for i in order[1:] if not set(library.entries[int(i)].themes) & set(entry.themes)),
            None,
        )
        if similarity < threshold or (rival is not None and similarity - rival < margin):
            found.append(None)
        else:
            found.append((entry, similarity))
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
    signals: Sequence[Signal], library: PhenomenaLibrary, embedder: Embedder, settings: PhenomenaSettings
) -> list[Signal]:
    """`signals` with `phenomenon` set where one matches (and, with `fill_empty`, the
    fields the document leaves empty taken from it); others unchanged."""
    if not signals or not len(library):
        return list(signals)
    texts = [signal_text(s) for s in signals]
    matches = nearest_phenomena(library, texts, embedder, settings.threshold, settings.margin)
    linked: list[Signal] = []
    for signal, match in zip(signals, matches, strict=True):
        if match is None:
            linked.append(signal.model_copy(update={"phenomenon": None, "library_fields": []}))
            continue
        entry, similarity = match
        update: dict[str, Any] = {
            "phenomenon": PhenomenonRef(id=entry.id, name=entry.name, similarity=round(similarity, 3)),
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
        return {"signals": link_signals(signals, self.library, ctx.embedder, self.settings)}


@factory("phenomena")
def phenomena_component(settings: Settings) -> PhenomenaComponent:
    config = settings.phenomena
    return PhenomenaComponent(load_phenomena(config.file, config.extra), config)
