"""The `hybrid` analyzer: abstractive fields from the model, entities from the
embedded analyzer's deterministic components.

The model writes what it is good at (title, summary, keywords, themes,
signals, concerns, behaviors, technologies, issues — its prompt and schema
ask for nothing else); claims, organisations, policies, occupations and
stakeholders come from the components listed in `[pipelines] hybrid` — the
same registered components the embedded backend runs — which are extractive,
grounded by construction, and cost no tokens.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from workradar.analyze.backends.llm.analyzer import CACHE_FILE, LLMAnalyzer
from workradar.analyze.backends.llm.schema import ABSTRACTIVE_FIELDS
from workradar.config import Settings
from workradar.models import Card, Document

if TYPE_CHECKING:
    from workradar.analyze.components import Pipeline


class HybridAnalyzer(LLMAnalyzer):
    name = "hybrid"
    fields = ABSTRACTIVE_FIELDS
    links_after_model = False  # signals are linked once the extractive components have run

    def __init__(
        self,
        *args: Any,
        components: Sequence[str] | None = None,
        app_settings: Settings | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.app_settings = app_settings or Settings()
        names = self.app_settings.pipelines.hybrid if components is None else components
        self.component_names = tuple(names)
        self._pipeline: Pipeline | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> HybridAnalyzer:
        return cls(
            settings.llm,
            cache_path=settings.home / CACHE_FILE,
            themes_file=settings.themes_file,
            phenomena=settings.phenomena,
            app_settings=settings,
        )

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            # Built on first use: the components load gazetteers and the
            # embedding model, which the pure `llm` backend never needs.
            from workradar.analyze.components import Pipeline

            self._pipeline = Pipeline.from_names(self.component_names, self.app_settings, given=self.fields)
        return self._pipeline

    def analyze(self, document: Document) -> Card:
        card = super().analyze(document)
        if not document.text.strip():
            return card
        from workradar.analyze.backends.embedded import check_grounded
        from workradar.analyze.context import AnalysisContext

        ctx = AnalysisContext.build(document, self.embedder)
        fields = self.pipeline.run(ctx)
        for name, value in fields.items():
            setattr(card, name, value)
        check_grounded(card, document.text, "the hybrid's extractive components")
        if self.phenomena is not None and card.signals:
            card.signals = self.link_phenomena(card)  # now that the card has occupations
        deterministic = sum(
            len(fields.get(k, [])) for k in ("claims", "organizations", "occupations", "policies")
        )
        card.analyzer.grounded = (card.analyzer.grounded or 0) + deterministic
        return card
