"""The composed `embedded` analyzer end to end: every awkward input gives a
valid, fully grounded card (empty sections where there is nothing), and real
documents get every section filled."""

from __future__ import annotations

import pytest

from tests.analyze.support import EDGE_CASES, HAS_SEEDS, long_report, seed
from workradar.analyze.backends.embedded import EmbeddedAnalyzer
from workradar.models import Card, Document


@pytest.fixture(scope="module")
def analyzer() -> EmbeddedAnalyzer:
    return EmbeddedAnalyzer()


def analyze(analyzer: EmbeddedAnalyzer, text: str, language: str | None = "en") -> tuple[Card, Document]:
    document = Document.from_text(text, source="test.txt", language=language, title="t")
    card = analyzer.analyze(document)
    # A valid card: it survives a JSON round trip through the schema, and every quote is the text.
    assert Card.from_json(card.to_json()) == card
    assert card.ungrounded(document.text) == []
    return card, document


@pytest.mark.parametrize("case", sorted(EDGE_CASES))
def test_awkward_inputs_give_valid_grounded_cards(analyzer: EmbeddedAnalyzer, case: str) -> None:
    text, language = EDGE_CASES[case]
    card, _ = analyze(analyzer, text, language)
    assert card.analyzer.backend == "embedded"
    if case in ("empty", "whitespace", "boilerplate_only"):
        # Nothing to say: no invented content anywhere.
        assert card.summary == "" and card.signals == [] and card.claims == [] and card.keywords == []
    if case == "table_only":
        assert {c.value for c in card.claims} >= {12.0, 9.0}


def test_three_hundred_pages_stay_grounded_and_bounded(analyzer: EmbeddedAnalyzer) -> None:
    card, _ = analyze(analyzer, long_report(300))
    assert 1 <= len(card.signals) <= 8
    assert len(card.summary.split()) <= 140
    assert 6 <= len(card.keywords) <= 10


@pytest.mark.skipif(not HAS_SEEDS, reason="../shared/seeds not present")
@pytest.mark.parametrize(
    ("name", "language"),
    [
        ("000_41bc1e5358bc7dce.txt", "en"),
        ("001_bc26fac032c6569d.txt", "nl"),
        ("003_ca7c5f17f17ba6a6.txt", "en"),
    ],
)
def test_seed_cards_fill_every_section(analyzer: EmbeddedAnalyzer, name: str, language: str) -> None:
    card, _ = analyze(analyzer, seed(name), language)
    for field in (
        "summary",
        "keywords",
        "themes",
        "signals",
        "concerns",
        "behaviors",
        "technologies",
        "claims",
        "occupations",
        "organizations",
        "stakeholders",
    ):
        assert getattr(card, field), f"{name}: {field} is empty"
    assert 1 <= len(card.themes) <= 3
    # The summary is 3-5 of the document's own sentences (its evidence), about 120 words at most.
    assert 3 <= len(card.evidence) <= 5 and len(card.summary.split()) <= 140
    names = [
        item.name.casefold()
        for kind in ("signals", "concerns", "behaviors", "technologies", "issues")
        for item in getattr(card, kind)
    ]
    assert len(names) == len(set(names)), "item names repeat across the card"
    serialised = card.to_json()
    for teaser in ("Nvidia", "Boulder", "Copilot Vision", "Join our daily newsletter"):
        assert teaser not in serialised
