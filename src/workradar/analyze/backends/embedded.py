"""The `embedded` analyzer: fully offline, deterministic, extractive.

It runs the card components listed in `[pipelines] embedded` (summary,
keywords, themes, type, category, signals, items, claims, organisations,
policies, occupations, stakeholders — see `analyze.components`). Every text
field is built from the document's own sentences and phrases; every item
carries evidence quoted from the clean text, so grounding holds by
construction — and is checked once more here before the card leaves.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from workradar import __version__
from workradar.analyze.components import Pipeline
from workradar.analyze.context import AnalysisContext
from workradar.analyze.extract.classify import classify_type
from workradar.analyze.text.embedders import Embedder, default_embedder
from workradar.config import Settings
from workradar.errors import WorkradarError
from workradar.models import AnalyzerInfo, Card, Document


class UngroundedEvidenceError(WorkradarError, AssertionError):
    """A component produced a quote that is not the document's text at its offsets."""


def check_grounded(card: Card, text: str, origin: str) -> None:
    """Raise `UngroundedEvidenceError` when any quote on `card` is not `text` at its offsets."""
    ungrounded = card.ungrounded(text)
    if ungrounded:
        field, evidence = ungrounded[0]
        raise UngroundedEvidenceError(
            f"{len(ungrounded)} ungrounded quotes from {origin}, first in {field}: {evidence.quote[:60]!r}"
        )


class EmbeddedAnalyzer:
    name = "embedded"
    version = __version__

    def __init__(
        self,
        embedder: Embedder | None = None,
        settings: Settings | None = None,
        components: Sequence[str] | None = None,
    ) -> None:
        settings = settings or Settings()
        self.embedder = embedder or default_embedder()
        names = settings.pipelines.embedded if components is None else components
        self.pipeline = Pipeline.from_names(names, settings)

    @classmethod
    def from_settings(cls, settings: Settings) -> EmbeddedAnalyzer:
        return cls(settings=settings)

    def analyze(self, document: Document) -> Card:
        started = time.perf_counter()
        ctx = AnalysisContext.build(document, self.embedder)
        info = AnalyzerInfo(backend=self.name, version=self.version, model=self.embedder.name)
        if not ctx.sentences:
            # Nothing but boilerplate (or nothing at all): a valid, honest, empty card.
            info.seconds = round(time.perf_counter() - started, 4)
            return Card.for_document(document, info, type=classify_type(ctx))
        card = Card.for_document(document, info, **self.pipeline.run(ctx))
        check_grounded(card, document.text, "the embedded components")
        card.analyzer.grounded = len(card.all_evidence())
        card.analyzer.dropped = 0
        card.analyzer.seconds = round(time.perf_counter() - started, 4)
        return card
