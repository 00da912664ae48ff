"""The shared state one document's analysis works from.

Every extractor (summary, keywords, signals, claims, entities, …) takes an
`AnalysisContext`: the clean text, its language, the content sentences (with
boilerplate already removed) and their embeddings, computed once.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import numpy as np

from workradar.analyze.text.embedders import Embedder
from workradar.analyze.text.sentences import Sentence, split_sentences
from workradar.models import Document, Evidence

MAX_SAMPLED_SENTENCES = 400
"""Upper bound on sentences embedded by whole-document scorers (see `sample_indices`)."""
PROSE_KINDS: tuple[str, ...] = ("text", "bullet")


@dataclass
class AnalysisContext:
    document: Document
    embedder: Embedder
    language: str = "en"
    sentences: list[Sentence] = field(default_factory=list)
    _vectors: np.ndarray | None = field(default=None, repr=False)
    _starts: list[int] = field(default_factory=list, repr=False)

    @classmethod
    def build(cls, document: Document, embedder: Embedder) -> AnalysisContext:
        # Imported here: boilerplate filtering is its own component.
        from workradar.analyze.text.boilerplate import content_sentences

        language = document.language or "en"
        sentences = content_sentences(
            split_sentences(document.text, language), document.text, language, embedder=embedder
        )
        ctx = cls(document=document, embedder=embedder, language=language, sentences=sentences)
        ctx._starts = [s.start for s in sentences]
        return ctx

    @property
    def text(self) -> str:
        return self.document.text

    def vectors(self) -> np.ndarray:
        """Embeddings of `sentences` (their `clean` form), (n, dim), computed on first use."""
        if self._vectors is None:
            self._vectors = self.embedder.embed([s.clean for s in self.sentences])
        return self._vectors

    def sample_indices(
        self, limit: int = MAX_SAMPLED_SENTENCES, kinds: tuple[str, ...] = PROSE_KINDS
    ) -> list[int]:
        """Indices of up to `limit` content sentences of the given kinds, sampled
        evenly over the document (all of them when there are fewer). Whole-
        document scorers (summary, keywords, themes, category) use this so a
        300-page report costs a bounded number of embeddings."""
        idx = [i for i, s in enumerate(self.sentences) if s.kind in kinds]
        if len(idx) <= limit:
            return idx
        picks = np.linspace(0, len(idx) - 1, num=limit).round().astype(int)
        return [idx[i] for i in sorted(set(picks.tolist()))]

    def sample_vectors(self, indices: list[int]) -> np.ndarray:
        """Embeddings of the sentences at `indices`, without embedding the rest
        (uses `vectors()` when it has been computed already)."""
        if self._vectors is not None or len(indices) == len(self.sentences):
            return self.vectors()[indices] if indices else np.zeros((0, self.embedder.dim), np.float32)
        return self.embedder.embed([self.sentences[i].clean for i in indices])

    def centroid(self, indices: list[int] | None = None) -> np.ndarray:
        """Unit-length mean embedding of the sampled prose sentences (zeros if none)."""
        idx = self.sample_indices() if indices is None else indices
        if not idx:
            return np.zeros(self.embedder.dim, dtype=np.float32)
        mean = self.sample_vectors(idx).mean(axis=0)
        norm = float(np.linalg.norm(mean))
        unit: np.ndarray = (mean / norm if norm else mean).astype(np.float32)
        return unit

    def evidence(self, start: int, end: int) -> Evidence:
        return Evidence.at(self.text, start, end)

    def sentence_evidence(self, sentence: Sentence) -> Evidence:
        return Evidence.at(self.text, sentence.start, sentence.end)

    def sentence_index_at(self, offset: int) -> int | None:
        """Index of the content sentence containing character `offset`."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if 0 <= i < len(self.sentences) and self.sentences[i].start <= offset < self.sentences[i].end:
            return i
        return None
