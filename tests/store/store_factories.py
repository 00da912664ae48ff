"""Documents and cards for the store tests (real models, fully populated)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from workradar.models import (
    AnalyzerInfo,
    Card,
    Claim,
    Document,
    Evidence,
    Item,
    Occupation,
    Organization,
    Policy,
    Signal,
    content_hash,
)

EN_TEXT = (
    "AI-driven automation is reshaping customer service jobs. "
    "A 2024 survey found that 38% of call centres plan to cut entry-level roles by 2026, "
    "while the union warns about algorithmic management and surveillance."
)
NL_TEXT = (
    "Kunstmatige intelligentie verandert het werk van zorgmedewerkers. "
    "Volgens het CBS gebruikt 23 procent van de werknemers generatieve AI op het werk; "
    "de vakbond FNV wil afspraken over scholing en werkdruk."
)
DE_TEXT = (
    "Künstliche Intelligenz verändert die Arbeitsmärkte in Europa. "
    "Die Größe des Effekts auf Bürotätigkeiten ist umstritten; "
    "Gewerkschaften fordern Weiterbildung für Beschäftigte."
)


def make_document(text: str = EN_TEXT, **fields: Any) -> Document:
    defaults: dict[str, Any] = {"source": f"file:///corpus/{content_hash(text)[:8]}.txt", "title": ""}
    defaults.update(fields)
    source = defaults.pop("source")
    return Document.from_text(text, source=source, **defaults)


def full_document() -> Document:
    """Every Document field set, including awkward values."""
    return make_document(
        DE_TEXT,
        source="https://example.org/news/ki-arbeit?utm=1",
        url="https://example.org/news/ki-arbeit",
        title="KI und Arbeit: „Größe“ des Effekts — umstritten",
        author="Jörg Müller",
        published=date(2025, 3, 14),
        language="de",
        collection="newsletter-2025-03-14",
        format="html",
        raw="<html><body><p>Künstliche Intelligenz …</p>\n<script>x</script></body></html>",
        fetched_at=datetime(2025, 3, 14, 9, 30, 15, 123456, tzinfo=timezone(timedelta(hours=2))),
        meta={"http": {"status": 200, "etag": 'W/"abc"'}, "links": ["a", "b"], "score": 0.5, "none": None},
    )


def rich_card(doc: Document, *, backend: str = "embedded", **fields: Any) -> Card:
    """A card using every section, with grounded evidence."""
    text = doc.text

    def ev(phrase: str) -> list[Evidence]:
        start = text.index(phrase)
        return [Evidence.at(text, start, start + len(phrase))]

    first = text.split()[0]
    defaults: dict[str, Any] = {
        "type": "news",
        "category": "labour market",
        "summary": text.split(".")[0] + ".",
        "keywords": ["automation", "Weiterbildung", "zorgmedewerkers"],
        "themes": ["task change & augmentation", "skills, reskilling & education"],
        "signals": [
            Signal(
                name="Automation of routine service work",
                description="Service tasks move to AI systems",
                change="from human agents to hybrid teams",
                ten_year="most first-line contacts automated",
                driving_force="cost pressure",
                relevancy=4,
                horizon="now",
                evidence=ev(first),
            )
        ],
        "concerns": [Item(name="surveillance", description="monitoring of workers", relevancy=3)],
        "behaviors": [Item(name="upskilling", relevancy=2)],
        "technologies": [Item(name="generative AI", description="chatbots", relevancy=5, evidence=ev(first))],
        "issues": [Item(name="workload")],
        "claims": [
            Claim(
                text="38% of call centres plan cuts",
                value=38.0,
                unit="%",
                subject="call centres",
                period="2026",
                source="survey",
                stance="job_loss",
                evidence=ev(first),
            ),
            Claim(text="no number here", value=None, stance="other"),
        ],
        "occupations": [
            Occupation(
                mention="call centre agents",
                isco="4222",
                isco_title="Contact centre information clerks",
                effect="displaced",
            )
        ],
        "organizations": [Organization(name="Federatie Nederlandse Vakbeweging", aliases=["FNV"])],
        "policies": [Policy(name="EU AI Act", jurisdiction="EU")],
        "stakeholders": ["workers", "unions"],
        "evidence": ev(first),
    }
    defaults.update(fields)
    analyzer = AnalyzerInfo(
        backend=backend,
        version="0.1.0",
        model="test-model" if backend == "llm" else None,
        prompt_version="p1" if backend == "llm" else None,
        grounded=3,
        dropped=0,
        prompt_tokens=120 if backend == "llm" else None,
        completion_tokens=80 if backend == "llm" else None,
        seconds=0.25,
    )
    return Card.for_document(doc, analyzer, **defaults)


def now() -> datetime:
    return datetime.now(UTC)
