"""The Markdown card's labels follow the card's language; empty foresight fields read as empty."""

from __future__ import annotations

import pytest

from workradar.languages import pack_table
from workradar.models import AnalyzerInfo, Card, Evidence, Item, Signal
from workradar.publish.labels import card_labels
from workradar.publish.markdown import card_to_markdown

LANGUAGES = ("en", "fr", "es", "pt", "it", "de", "nl", "ro", "pl", "sv")


def _card(language: str | None) -> Card:
    quote = "Les plateformes réduisent les tarifs des traducteurs."
    return Card(
        id="c1",
        title="Une fiche",
        language=language,
        source="x.txt",
        signals=[
            Signal(
                name="Tarifs en baisse", description=quote, evidence=[Evidence(quote=quote, start=0, end=10)]
            )
        ],
        concerns=[Item(name="Baisse des revenus", description=quote)],
        analyzer=AnalyzerInfo(backend="embedded", version="1"),
    )


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_language_has_the_full_label_table(code: str) -> None:
    english = set(pack_table("en", "labels", "labels"))
    table = pack_table(code, "labels", "labels")
    assert set(table) == english
    assert all(isinstance(v, str) and v.strip() for v in table.values())


def test_headings_follow_the_card_language_and_quotes_stay() -> None:
    text = card_to_markdown(_card("fr"))
    assert "## Préoccupations" in text and "## Signaux" in text and "## Concerns" not in text
    assert "| nom | description |" in text
    assert "Les plateformes réduisent les tarifs des traducteurs." in text


def test_output_language_overrides_the_card_language() -> None:
    text = card_to_markdown(_card("fr"), language="de")
    assert "## Befürchtungen" in text and "## Préoccupations" not in text


@pytest.mark.parametrize(
    ("code", "expected"), [("fr", "non précisé dans le texte"), ("nl", "niet vermeld in de tekst")]
)
def test_empty_foresight_fields_are_marked_not_stated(code: str, expected: str) -> None:
    row = next(
        line for line in card_to_markdown(_card(code)).splitlines() if line.startswith("| Tarifs en baisse")
    )
    cells = [c.strip() for c in row.strip("|").split("|")]
    # change, 10-year and driving force are empty on the card: each says so, none borrows the description.
    assert cells[2:5] == [expected] * 3


def test_unknown_or_missing_language_falls_back_to_english() -> None:
    assert card_labels(None)["concerns"] == "Concerns"
    assert card_labels("xx")["concerns"] == "Concerns"
    assert card_labels("pt-BR")["concerns"] == "Preocupações"
    assert "## Concerns" in card_to_markdown(_card(None))
