"""Reviewer files: loading, matching card items, junk rates, known-correct extras."""

from __future__ import annotations

from pathlib import Path

import pytest

from workradar.config import Settings, load_settings
from workradar.evaluate import GoldError, run_eval
from workradar.evaluate.review import load_review_file, load_reviews, review_card
from workradar.models import Card, Document, Item, Occupation, Organization, Signal

from . import test_report  # registers the eval-test-reader backend
from .support import empty_card

REVIEW = """
document = "article"
reviewer = "test"

[[items]]
section = "concerns"
name = "Job losses"
verdict = "ok"
why = "the text says jobs go"

[[items]]
section = "concerns"
name = "Risk Sits"
verdict = "junk"
why = "fragment"

[[items]]
section = "occupations"
name = "Respondents"
verdict = "wrong"
why = "only surveyed"

[[items]]
section = "organizations"
name = "Harbour City Port Authority"
verdict = "ok"

[[items]]
section = "signals"
name = "Claims intake automated"
verdict = "ok"

[[items]]
section = "ten_year"
name = "Claims intake automated"
text = "Most intake automated by 2030."
verdict = "ok"

[[items]]
section = "change"
name = "Claims intake automated"
text = "From call handlers to software."
verdict = "ok"

[[items]]
section = "driving_force"
name = "Claims intake automated"
text = "Cost pressure."
verdict = "wrong"
why = "no cause in the text"
"""


@pytest.fixture
def review_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "review"
    folder.mkdir()
    (folder / "article.toml").write_text(REVIEW, encoding="utf-8")
    return folder


def _card(article: Document, **fields: object) -> Card:
    return empty_card(article, **fields)


def test_verdicts_are_counted_per_section_and_unreviewed_items_are_visible(
    article: Document, review_dir: Path
) -> None:
    review = load_review_file(review_dir / "article.toml")
    card = _card(
        article,
        concerns=[Item(name="job losses"), Item(name="Risk Sits"), Item(name="Algorithmic pay")],
        occupations=[Occupation(mention="respondents")],
    )
    result = review_card(review, card)
    concerns = result.sections["concerns"]
    assert (concerns.ok, concerns.junk, concerns.wrong, concerns.unreviewed) == (1, 1, 0, 1)
    assert result.sections["occupations"].wrong == 1
    total = result.total()
    assert (total.bad.hit, total.bad.total) == (2, 3)
    assert any("Risk Sits" in note and "fragment" in note for note in total.notes)


def test_a_signal_field_verdict_holds_only_for_the_text_reviewed(article: Document, review_dir: Path) -> None:
    review = load_review_file(review_dir / "article.toml")
    signal = Signal(
        name="Claims intake automated",
        change="From call handlers to software.",
        ten_year="Most intake automated by 2030.",
        driving_force="Cost pressure.",
    )
    result = review_card(review, _card(article, signals=[signal]))
    assert result.sections["driving_force"].wrong == 1
    assert result.complete_signals == 0  # one of its fields was judged wrong

    honest = signal.model_copy(update={"driving_force": ""})
    assert review_card(review, _card(article, signals=[honest])).complete_signals == 0  # not complete

    changed = signal.model_copy(update={"ten_year": "Something else entirely."})
    result = review_card(review, _card(article, signals=[changed]))
    assert result.sections["ten_year"].unreviewed == 1 and result.sections["ten_year"].reviewed == 0


def test_complete_signal_needs_every_field_filled_and_ok(article: Document, tmp_path: Path) -> None:
    path = tmp_path / "article.toml"
    path.write_text(REVIEW.replace('verdict = "wrong"\nwhy = "no cause in the text"', 'verdict = "ok"'))
    review = load_review_file(path)
    signal = Signal(
        name="Claims intake automated",
        change="From call handlers to software.",
        ten_year="Most intake automated by 2030.",
        driving_force="Cost pressure.",
    )
    assert review_card(review, _card(article, signals=[signal])).complete_signals == 1


def test_bad_review_files_are_one_line_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('document = "x"\n[[items]]\nsection = "concerns"\nname = "A"\nverdict = "maybe"\n')
    with pytest.raises(GoldError, match=r"bad\.toml: items\.0\.verdict"):
        load_review_file(bad)
    bad.write_text('document = "x"\n[[items]]\nsection = "moods"\nname = "A"\nverdict = "ok"\n')
    with pytest.raises(GoldError, match="section"):
        load_review_file(bad)
    folder = tmp_path / "reviews"
    folder.mkdir()
    (folder / "a.toml").write_text('document = "x"\n')
    (folder / "b.toml").write_text('document = "x"\n')
    with pytest.raises(GoldError, match="second review"):
        load_reviews(folder)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(home=tmp_path)


def test_eval_reads_reviews_reports_junk_and_known_correct_extras(
    gold_dir: Path, review_dir: Path, settings: Settings
) -> None:
    assert test_report.ReaderAnalyzer.name == "eval-test-reader"
    plain = run_eval(gold_dir, backend="eval-test-reader", settings=settings)
    assert "junk_rate" not in {m.key for m in plain.metrics()}

    # The reader's card has two organisations, both gold; add a reviewed-ok and an unreviewed extra.
    original = test_report.ReaderAnalyzer.analyze

    def with_extras(self: test_report.ReaderAnalyzer, document: Document) -> Card:
        card = original(self, document)
        card.organizations += [
            Organization(name="Harbour City Port Authority"),
            Organization(name="Acme Blog"),
        ]
        card.concerns = [Item(name="Job losses"), Item(name="Risk Sits")]
        return card

    test_report.ReaderAnalyzer.analyze = with_extras  # type: ignore[method-assign]
    try:
        report = run_eval(gold_dir, backend="eval-test-reader", settings=settings, review=review_dir)
    finally:
        test_report.ReaderAnalyzer.analyze = original  # type: ignore[method-assign]
    metrics = {m.key: m for m in report.metrics()}
    assert (metrics["organization_precision"].hit, metrics["organization_precision"].total) == (3, 4)
    assert metrics["extra_organizations"].value == 1.0
    assert report.documents[0].organizations.known_ok == 1
    assert (metrics["junk_rate"].hit, metrics["junk_rate"].total) == (1, 3)  # two concerns, one organisation
    assert metrics["junk_rate"].passed is False
    assert (metrics["junk_concerns"].hit, metrics["junk_concerns"].total) == (1, 2)
    assert metrics["complete_signal_cards"].value == 0.0
    assert "Risk Sits" in report.to_markdown()
    assert report.to_dict()["documents"][0]["review"]["sections"]["concerns"]["junk"] == 1


def test_reviews_of_documents_outside_the_gold_set_are_refused(
    gold_dir: Path, review_dir: Path, settings: Settings
) -> None:
    (gold_dir / "second.toml").write_text((gold_dir / "article.toml").read_text())
    (review_dir / "stray.toml").write_text('document = "elsewhere"\n')
    with pytest.raises(GoldError, match="elsewhere"):
        run_eval(gold_dir, backend="eval-test-reader", settings=settings, review=review_dir)


def test_shipped_development_reviews_load() -> None:
    folder = Path(__file__).resolve().parents[2] / "eval" / "dev-review"
    reviews = load_reviews(folder)
    assert len(reviews) >= 10
    for stem, review in reviews.items():
        assert review.document == stem
        assert review.items and all(item.verdict == "ok" or item.why for item in review.items)
