"""Built-in analyzer backends, registered by name."""

from __future__ import annotations

from workradar.analyze.base import Analyzer, register_analyzer
from workradar.analyze.minimal import MinimalAnalyzer
from workradar.config import Settings


@register_analyzer("minimal")
def _minimal(settings: Settings) -> Analyzer:
    return MinimalAnalyzer()


@register_analyzer("embedded")
def _embedded(settings: Settings) -> Analyzer:
    # Imported here: building it loads the sentence-embedding model.
    from workradar.analyze.embedded import EmbeddedAnalyzer

    return EmbeddedAnalyzer(themes_file=settings.themes_file)


@register_analyzer("llm")
def _llm(settings: Settings) -> Analyzer:
    # Imported here: the openai client is only loaded when the backend is used.
    from workradar.analyze.llm import LLMAnalyzer

    return LLMAnalyzer.from_settings(settings)


@register_analyzer("hybrid")
def _hybrid(settings: Settings) -> Analyzer:
    from workradar.analyze.llm import HybridAnalyzer

    return HybridAnalyzer.from_settings(settings)
