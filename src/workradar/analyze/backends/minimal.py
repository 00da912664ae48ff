"""The minimal analyzer: title, language and type from the document alone.

It fills nothing it cannot know; the full extractive analysis is the
`embedded` backend.
"""

from __future__ import annotations

import re

from workradar import __version__
from workradar.config import Settings
from workradar.models import AnalyzerInfo, Card, Document, DocumentType

_TYPE_HINTS: list[tuple[DocumentType, re.Pattern[str]]] = [
    (
        "policy",
        re.compile(
            r"\b(regulation|directive|wetsvoorstel|verordnung|richtlijn|policy brief|white paper)\b", re.I
        ),
    ),
    ("paper", re.compile(r"\b(abstract|arxiv|doi:|et al\.|working paper)\b", re.I)),
    (
        "report",
        re.compile(r"\b(executive summary|table of contents|recommendations|rapport|bericht)\b", re.I),
    ),
    ("interview", re.compile(r"(^|\n)\s*(Q:|Interviewer:|Vraag:|Frage:)|\binterview\b", re.I)),
    ("blog", re.compile(r"\b(I think|in my view|m\.i\.|ik denk|ich denke|blog)\b", re.I)),
]


def guess_type(document: Document) -> DocumentType:
    """A document type from explicit metadata, then from textual hints."""
    declared = str(document.meta.get("type", "")).lower()
    if declared in {"news", "blog", "report", "paper", "policy", "interview", "other"}:
        return declared  # type: ignore[return-value]
    head = document.text[:4000]
    for doc_type, pattern in _TYPE_HINTS:
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
