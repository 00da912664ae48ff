"""The card schema: JSON round trip, JSON Schema, evidence rules."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from workradar.models import (
    CARD_SCHEMA,
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
    card_json_schema,
    unique_evidence,
)

TEXT = "Klarna said its AI assistant does the work of 700 agents. Unions fear job losses under the EU AI Act."


def ev(quote: str) -> Evidence:
    start = TEXT.index(quote)
    return Evidence.at(TEXT, start, start + len(quote))


def full_card() -> Card:
    doc = Document.from_text(TEXT, source="x.txt", language="en", title="Klarna")
    return Card.for_document(
        doc,
        AnalyzerInfo(backend="test", version="1"),
        type="news",
        summary=TEXT,
        evidence=[ev(TEXT[:57])],
        keywords=["AI assistant"],
        themes=["job displacement & layoffs"],
        signals=[
            Signal(
                name="AI assistants replacing agents", relevancy=4, horizon="now", evidence=[ev("700 agents")]
            )
        ],
        concerns=[Item(name="Job losses", evidence=[ev("job losses")])],
        claims=[
            Claim(text="700 agents", value=700, unit="count", stance="job_loss", evidence=[ev("700 agents")])
        ],
        occupations=[Occupation(mention="agents", isco="4222", effect="displaced", evidence=[ev("agents")])],
        organizations=[Organization(name="Klarna", evidence=[ev("Klarna")])],
        policies=[Policy(name="EU AI Act", jurisdiction="EU", evidence=[ev("EU AI Act")])],
        stakeholders=["workers", "unions"],
    )


def test_json_round_trip_is_exact() -> None:
    card = full_card()
    data = json.loads(card.to_json())
    assert data["schema"] == CARD_SCHEMA
    assert Card.from_json(card.to_json()) == card
    assert card.ungrounded(TEXT) == []
    assert len(card.all_evidence()) == 7


def test_json_schema_names_every_public_field() -> None:
    schema = card_json_schema()
    assert schema["$id"] == CARD_SCHEMA
    expected = {
        "schema",
        "id",
        "title",
        "url",
        "source",
        "collection",
        "published",
        "language",
        "type",
        "category",
        "summary",
        "keywords",
        "themes",
        "signals",
        "concerns",
        "behaviors",
        "technologies",
        "issues",
        "claims",
        "occupations",
        "organizations",
        "policies",
        "stakeholders",
        "analyzer",
        "evidence",
    }
    assert expected <= set(schema["properties"])
    assert set(schema["$defs"]["Signal"]["properties"]) >= {
        "name",
        "description",
        "change",
        "ten_year",
        "driving_force",
        "relevancy",
        "horizon",
        "evidence",
    }


def test_invalid_values_are_rejected() -> None:
    with pytest.raises(ValidationError):
        Signal(name="x", relevancy=6)
    with pytest.raises(ValidationError):
        Occupation(mention="x", isco="25a")
    with pytest.raises(ValidationError):
        Evidence(quote="x", start=5, end=2)
    with pytest.raises(ValidationError):
        Claim(text="x", stance="doom")  # type: ignore[arg-type]
    data = full_card().to_dict()
    data["surprise"] = 1
    with pytest.raises(ValidationError):
        Card.model_validate(data)


def test_ungrounded_evidence_is_reported_and_duplicates_collapse() -> None:
    card = full_card()
    card.concerns[0].evidence.append(Evidence(quote="job losses", start=0, end=10))
    assert [f for f, _ in card.ungrounded(TEXT)] == ["concerns"]
    assert unique_evidence([ev("agents"), ev("agents"), ev("Klarna")]) == [ev("agents"), ev("Klarna")]


def test_document_ids_follow_the_normalised_content() -> None:
    a = Document.from_text("Two  lines\nof text")
    b = Document.from_text("Two lines of text")
    assert a.content_hash == b.content_hash and a.id == b.id and len(a.id) == 16
