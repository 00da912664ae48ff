"""Shared helpers for the analyzer-component tests (not a test module)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workradar.analyze.context import AnalysisContext
from workradar.analyze.text.embedders import default_embedder
from workradar.models import Document

SEEDS = Path(__file__).resolve().parents[2] / "../shared/seeds"


def ctx_for(text: str, language: str | None = "en", **fields: Any) -> AnalysisContext:
    return AnalysisContext.build(Document.from_text(text, language=language, **fields), default_embedder())


def seed(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


HAS_SEEDS = SEEDS.is_dir()
SEED_LANGUAGES = {"000": "en", "001": "nl", "003": "en"}


def seed_ctx(prefix: str) -> AnalysisContext:
    """The analysis context of seed `prefix` (000, 001, 003); skips when the seeds are absent."""
    import pytest

    found = sorted(SEEDS.glob(f"{prefix}_*.txt")) if HAS_SEEDS else []
    if not found:
        pytest.skip(f"seed {prefix} not present")
    return ctx_for(found[0].read_text(encoding="utf-8"), SEED_LANGUAGES[prefix])


EDGE_CASES: dict[str, tuple[str, str | None]] = {
    "empty": ("", "en"),
    "whitespace": ("   \n\n ", "en"),
    "one_line": ("AI will change many jobs", "en"),
    "unsupported_language": (
        "Tekoäly muuttaa työtä. Monet tehtävät automatisoidaan pian. Työntekijät tarvitsevat uusia taitoja.",
        "fi",
    ),
    "unknown_language": ("AI changes work. Workers need new skills. Employers adopt tools quickly.", None),
    "mixed": (
        "AI is changing office work quickly. Veel banen veranderen door AI. "
        "Viele Beschäftigte brauchen neue Kompetenzen. Les syndicats demandent des règles.",
        "en",
    ),
    "table_only": ("| Sector | Jobs at risk |\n|---|---|\n| Retail | 12% |\n| Finance | 9% |\n", "en"),
    "headings_only": ("# AI and work\n\n## Outlook\n\n## Notes\n", "en"),
    "boilerplate_only": ("Subscribe now\n\nWe use cookies.\n\nShare this article\n", "en"),
}


def long_report(pages: int = 300) -> str:
    """A synthetic long report: `pages` pages of varied prose about AI and work."""
    topics = [
        "Automation replaces routine clerical tasks in {n} firms.",
        "Workers in sector {n} need reskilling to use generative AI.",
        "Unions in region {n} negotiate rules for algorithmic management.",
        "Productivity rose by {n} percent where assistants were adopted.",
        "Entry-level hiring fell in {n} of the surveyed companies.",
    ]
    paragraphs = []
    for page in range(pages):
        sentences = [topics[(page + j) % len(topics)].format(n=page * 7 + j) for j in range(10)]
        paragraphs.append(f"## Section {page + 1}\n\n" + " ".join(sentences))
    return "\n\n".join(paragraphs)
