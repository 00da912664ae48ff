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
    # Until the full extractive analyzer lands, `embedded` fills only what it
    # can know (title, language, type) — it never invents content.
    return MinimalAnalyzer()
