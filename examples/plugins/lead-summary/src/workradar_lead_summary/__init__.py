"""A card component that summarises a document by its lead sentences."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from workradar.analyze.context import AnalysisContext
from workradar.config import Settings


@dataclass(frozen=True)
class LeadSummary:
    max_chars: int = 400
    name: str = "lead_summary"
    reads: tuple[str, ...] = ()
    fills: tuple[str, ...] = ("summary", "evidence")

    def __call__(self, ctx: AnalysisContext, card: Mapping[str, Any]) -> dict[str, Any]:
        chosen = []
        length = 0
        for sentence in ctx.sentences:
            if sentence.kind != "text":
                continue  # headings, bullets and tables are not the lead
            if chosen and length + len(sentence.text) > self.max_chars:
                break
            chosen.append(sentence)
            length += len(sentence.text) + 1
        return {
            "summary": " ".join(s.text.strip() for s in chosen),
            "evidence": [ctx.sentence_evidence(s) for s in chosen],
        }


def make_component(settings: Settings) -> LeadSummary:
    return LeadSummary()
