"""The minimal analyzer: title, language and type from the document alone.

It fills nothing it cannot know; the full extractive analysis is the
`embedded` backend.
"""

from __future__ import annotations

import re

from workradar import __version__
from workradar.config import Settings
from workradar.languages import pack_cache, pooled_list
from workradar.models import AnalyzerInfo, Card, Document, DocumentType

_HINT_TYPES: tuple[DocumentType, ...] = ("policy", "paper", "report", "interview", "blog")


def _hints(*keys: str) -> str:
    return "|".join(pooled_list("classify", "type_hints", *keys))


@pack_cache
def _type_hints() -> tuple[tuple[DocumentType, re.Pattern[str]], ...]:
    """Textual hints of each type, tried in order (`[type_hints]` of `data/lang/<code>/classify.toml`)."""
    patterns: dict[DocumentType, re.Pattern[str]] = {
        kind: re.compile(rf"\b({_hints(kind)})\b", re.I) for kind in _HINT_TYPES if kind != "interview"
    }
    patterns["interview"] = re.compile(
        rf"(^|\n)\s*({_hints('interview_labels')})|\b(?:{_hints('interview')})\b", re.I
    )
    return tuple((kind, patterns[kind]) for kind in _HINT_TYPES)


def guess_type(document: Document) -> DocumentType:
    """A document type from explicit metadata, then from textual hints."""
    declared = str(document.meta.get("type", "")).lower()
    if declared in {"news", "blog", "report", "paper", "policy", "interview", "other"}:
        return declared  # type: ignore[return-value]
    head = document.text[:4000]
    for doc_type, pattern in _type_hints():
        if pattern.search(head):
            return doc_type
    if len(document.text) > 15000:
        return "report"
    if document.url:
        return "news"
    return "other"


class MinimalAnalyzer:
    name = "minimal"
    version = __version__

    @classmethod
    def from_settings(cls, settings: Settings) -> MinimalAnalyzer:
        return cls()

    def analyze(self, document: Document) -> Card:
        info = AnalyzerInfo(backend=self.name, version=self.version)
        return Card.for_document(document, info, type=guess_type(document))
