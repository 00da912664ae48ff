from __future__ import annotations

import json
from pathlib import Path

import pytest

from workradar.analyze.text.embedders import default_embedder
from workradar.evaluate.metrics import score_signals
from workradar.evaluate.reference import (
    ReferenceError,
    load_reference,
    parse_text_card,
    split_name_description,
)
from workradar.models import Document, Signal

from .support import SEEDS, empty_card

SEED_002 = SEEDS / "002_1d56da45f2bb5039.txt"

# A card in the text format, written for this test (space-separated cells, as published).
TEXT_CARD = """Futures

Robots in the Warehouse: Pickers Become Supervisors, (from page 20250301a.)

External link

Keywords

automation, warehouses, supervision

Themes

task change & augmentation; productivity & adoption

Other

technology, news

Summary

A logistics firm replaces manual picking with robots and retrains pickers.

Signals

name description change 10-year driving-force relevancy
Pickers Turn Supervisors Order pickers now oversee fleets of robots. From walking aisles to watching screens. Most picking work will be supervision. Cheaper mobile robots. 4
Rise of Remote Robot Operators A new role handles robots that get stuck. Exceptions move to remote staff. Operators will work for many sites at once. Better telepresence tools. 3

Concerns

name description
Deskilling of Pickers Workers lose the route knowledge they once had.

Behaviors

name description
Training on the Floor Staff learn robot supervision on the job.

Technologies

name description
AMR Fleets AMR fleets move shelves to stationary pickers.

Issues

name description
Pace Setting by Software Software decides how fast people work.
"""


def test_parses_own_text_card() -> None:
    card = parse_text_card(TEXT_CARD)
    assert card.label == "Futures"
    assert card.title == "Robots in the Warehouse: Pickers Become Supervisors"
    assert card.collection == "20250301a"
    assert card.keywords == ["automation", "warehouses", "supervision"]
    assert card.themes == ["task change & augmentation", "productivity & adoption"]
    assert card.other == ["technology, news"]
    assert card.summary.startswith("A logistics firm")
    first, second = card.signals
    assert (first.name, first.description) == (
        "Pickers Turn Supervisors",
        "Order pickers now oversee fleets of robots.",
    )
    assert (first.change, first.ten_year, first.driving_force, first.relevancy) == (
        "From walking aisles to watching screens.",
        "Most picking work will be supervision.",
        "Cheaper mobile robots.",
        4,
    )
    assert (second.name, second.relevancy) == ("Rise of Remote Robot Operators", 3)
    assert [(i.name, i.description) for i in card.concerns] == [
        ("Deskilling of Pickers", "Workers lose the route knowledge they once had.")
    ]
    # An acronym opening the description does not end the name early.
    assert card.technologies[0].name == "AMR Fleets"
    assert card.issues[0].name == "Pace Setting by Software"


@pytest.mark.parametrize(
    ("row", "name"),
    [
        ("Need for Portable Benefits Demand for benefits is rising.", "Need for Portable Benefits"),
        ("Reimagining Job Functions with AI AI is prompting change.", "Reimagining Job Functions with AI"),
        ("AI Impact on Labour Market AI is reshaping the market.", "AI Impact on Labour Market"),
        (
            "Job Displacement due to Automation As AI reshapes work, roles go.",
            "Job Displacement due to Automation",
        ),
        (
            "Distributed Autonomous Organizations (DAOs) New structures encode trust.",
            "Distributed Autonomous Organizations (DAOs)",
        ),
    ],
)
def test_name_description_split(row: str, name: str) -> None:
    assert split_name_description(row)[0] == name


def test_delimited_rows_are_split_exactly() -> None:
    tabbed = TEXT_CARD.replace(
        "Pickers Turn Supervisors Order pickers now oversee fleets of robots. From walking aisles to watching screens. "
        "Most picking work will be supervision. Cheaper mobile robots. 4",
        "Pickers Turn Supervisors\tOrder pickers oversee robots. Fleets grow.\tFrom aisles to screens.\tSupervision.\tCheap robots.\t4",
    )
    signal = parse_text_card(tabbed).signals[0]
    assert (signal.name, signal.description, signal.relevancy) == (
        "Pickers Turn Supervisors",
        "Order pickers oversee robots. Fleets grow.",
        4,
    )
    piped = "Summary\n\nx\n\nSignals\n\n| name | description | change | 10-year | driving-force | relevancy |\n|---|---|---|---|---|---|\n| A B | c d | e | f | g | 2 |\n"
    signal = parse_text_card(piped).signals[0]
    assert (signal.name, signal.description, signal.change, signal.relevancy) == ("A B", "c d", "e", 2)


def test_json_reference_and_errors(tmp_path: Path) -> None:
    path = tmp_path / "ref.json"
    path.write_text(
        json.dumps({"title": "T", "signals": [{"name": "N", "description": "D", "relevancy": 3}]})
    )
    card = load_reference(path)
    assert (card.title, card.signals[0].name, card.signals[0].text) == ("T", "N", "N. D")
    path.write_text("{not json")
    with pytest.raises(ReferenceError, match="invalid JSON"):
        load_reference(path)
    path = tmp_path / "ref.txt"
    path.write_text("just some prose\nwithout sections\n")
    with pytest.raises(ReferenceError, match="no Summary or Signals section"):
        load_reference(path)
    with pytest.raises(ReferenceError, match="cannot read"):
        load_reference(tmp_path / "absent.txt")


@pytest.mark.skipif(not SEED_002.is_file(), reason="needs ../shared/seeds beside the repository")
def test_parses_seed_002() -> None:
    card = load_reference(SEED_002)
    assert card.label == "Futures"
    assert card.title.startswith("Reimagining Work: The Shift from Job Bundles")
    assert card.collection == "20250824d"
    assert card.summary.startswith("Lawrence discusses")
    assert card.keywords == [] and card.themes == []
    assert [s.name for s in card.signals] == [
        "Decentralization of Employment",
        "Rise of Independent Workers",
        "Changing Nature of Entry-Level Roles",
        "Need for Portable Benefits",
        "Shift in Social Stability Framework",
    ]
    assert [s.relevancy for s in card.signals] == [4, 5, 4, 5, 4]
    first = card.signals[0]
    assert first.description.startswith("Traditional employment structures are fracturing")
    assert first.change.startswith("Shift from centralized job structures")
    assert first.ten_year.startswith("Work will become more networked")
    assert first.driving_force.startswith("The rise of AI and automation")
    assert (len(card.concerns), len(card.behaviors), len(card.technologies), len(card.issues)) == (
        10,
        8,
        6,
        7,
    )
    assert card.concerns[0].name == "Job Displacement due to Automation"
    assert card.behaviors[6].name == "Reimagining Job Functions with AI"
    assert card.issues[1].name == "AI Impact on Labour Market"


def test_signal_agreement_with_the_embedder(article: Document) -> None:
    reference = parse_text_card(TEXT_CARD)
    embedder = default_embedder()
    matching = empty_card(
        article,
        signals=[
            Signal(
                name="Remote operators for stuck robots",
                description="A new job: staff who remotely handle robots that get stuck.",
            ),
            Signal(
                name="Pickers become supervisors",
                description="Order pickers now supervise robot fleets instead of walking the aisles.",
            ),
            Signal(name="Bakeries sell more bread", description="Sourdough demand is up this spring."),
        ],
    )
    agreement = score_signals(reference, matching, embedder)
    assert agreement.matched == 2
    assert {(r, c) for r, c, _ in agreement.pairs} == {
        ("Pickers Turn Supervisors", "Pickers become supervisors"),
        ("Rise of Remote Robot Operators", "Remote operators for stuck robots"),
    }
    assert agreement.recall == 1.0 and agreement.precision == pytest.approx(2 / 3)
    assert agreement.f1 == pytest.approx(0.8)
    assert agreement.mean_best_similarity is not None and agreement.mean_best_similarity > agreement.threshold

    unrelated = empty_card(
        article, signals=[Signal(name="Bakeries sell more bread", description="Sourdough demand is up.")]
    )
    none = score_signals(reference, unrelated, embedder)
    assert (none.matched, none.recall, none.precision, none.f1) == (0, 0.0, 0.0, 0.0)

    empty = score_signals(reference, empty_card(article), embedder)
    assert (empty.matched, empty.reference, empty.precision, empty.mean_best_similarity) == (0, 2, None, 0.0)
