"""The shared state one document's analysis works from.

Every extractor (summary, keywords, signals, claims, entities, …) takes an
`AnalysisContext`: the clean text, its language, the content sentences (with
boilerplate already removed) and their embeddings, computed once.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import numpy as np

from workradar.analyze.embed import Embedder
from workradar.analyze.sentences import Sentence, split_sentences
from workradar.models import Document, Evidence


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
        from workradar.analyze.boilerplate import content_sentences

        language = document.language or "en"
        sentences = content_sentences(split_sentences(document.text, language), document.text, language)
        ctx = cls(document=document, embedder=embedder, language=language, sentences=sentences)
        ctx._starts = [s.start for s in sentences]
        return ctx

    @property
    def text(self) -> str:
        return self.document.text

    def vectors(self) -> np.ndarray:
        """Embeddings of `sentences`, (n, dim), computed on first use."""
        if self._vectors is None:
            self._vectors = self.embedder.embed([s.text for s in self.sentences])
        return self._vectors

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
