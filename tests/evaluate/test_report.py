from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.console import Console

from workradar.analyze import UnknownBackendError, register_analyzer
from workradar.config import Settings, load_settings
from workradar.evaluate import GoldError, run_eval
from workradar.models import AnalyzerInfo, Card, Claim, Document, Occupation, Organization, Policy

from .support import evidence_for

METRIC_KEYS = [
    "claim_recall",
    "claim_recall_loose",
    "stance_accuracy",
    "organization_recall",
    "policy_recall",
    "occupation_recall",
    "claim_precision",
    "organization_precision",
    "policy_precision",
    "occupation_precision",
    "extra_organizations",
    "extra_occupations",
    "isco_major",
    "isco_sub_major",
    "isco_unit",
    "effect_accuracy",
    "leakage",
    "cards_leaking",
    "grounding",
    "field_completeness",
    "signal_detail_completeness",
    "language_accuracy",
    "failed_documents",
]


class ReaderAnalyzer:
    """A test backend that reads the test article the way the gold expects,
    quoting the document it is given (so grounding is real)."""

    name = "eval-test-reader"
    version = "1"

    def analyze(self, document: Document) -> Card:
        text = document.text

        def q(phrase: str) -> list:
            return [evidence_for(text, phrase)]

        return Card.for_document(
            document,
            AnalyzerInfo(backend=self.name, version=self.version),
            summary="Northwind Mutual cuts claims jobs.",
            claims=[
                Claim(
                    text="1,250 jobs",
                    value=1250,
                    unit="jobs",
                    stance="job_loss",
                    evidence=q("1,250 claims-handling jobs"),
                ),
                Claim(text="18% of staff", value=18, unit="%", evidence=q("18% of its workforce")),
                Claim(text="9 days", value=9, unit="days", evidence=q("9 days")),
                Claim(text="2.5 days", value=2.5, unit="days", evidence=q("2.5 days")),
            ],
            organizations=[
                Organization(name="Northwind Mutual", evidence=q("Northwind Mutual")),
                Organization(name="International Labour Organization", aliases=["ILO"]),
            ],
            policies=[Policy(name="EU AI Act", jurisdiction="EU", evidence=q("EU AI Act"))],
            occupations=[
                Occupation(mention="paralegals", isco="3411", effect="changed", evidence=q("Paralegals")),
                Occupation(mention="insurance clerks", isco="4312", effect="changed"),
            ],
        )


class BrokenAnalyzer:
    name = "eval-test-broken"
    version = "1"

    def analyze(self, document: Document) -> Card:
        raise RuntimeError("model exploded")


@register_analyzer("eval-test-reader")
def _reader(settings: Settings) -> ReaderAnalyzer:
    return ReaderAnalyzer()


@register_analyzer("eval-test-broken")
def _broken(settings: Settings) -> BrokenAnalyzer:
    return BrokenAnalyzer()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(home=tmp_path)


def test_minimal_backend_finds_nothing_and_fails(gold_dir: Path, settings: Settings) -> None:
    report = run_eval(gold_dir, backend="minimal", settings=settings)
    assert report.backend == "minimal"
    assert [d.name for d in report.documents] == ["article"]
    metrics = {m.key: m for m in report.metrics()}
    assert list(metrics) == METRIC_KEYS
    for key in ("claim_recall", "organization_recall", "policy_recall", "occupation_recall"):
        assert metrics[key].value == 0.0 and metrics[key].passed is False, key
    assert (metrics["claim_recall"].hit, metrics["claim_recall"].total) == (0, 4)
    assert metrics["leakage"].value == 0 and metrics["leakage"].passed is True
    assert metrics["grounding"].value is None and metrics["grounding"].passed is None  # no evidence at all
    assert metrics["language_accuracy"].value == 1.0
    assert report.passed is False
    assert {m.key for m in report.failures()} == {
        "claim_recall",
        "organization_recall",
        "policy_recall",
        "occupation_recall",
    }

    data = json.loads(report.to_json())
    assert set(data) == {"gold", "backend", "passed", "metrics", "documents"}
    assert data["passed"] is False
    doc = data["documents"][0]
    assert doc["claims"]["strict"] == {"hit": 0, "total": 4, "value": 0.0}
    assert doc["organizations"]["missing"] == ["Northwind Mutual", "International Labour Organization"]
    assert doc["completeness"]["fields"]["hit"] == 0

    markdown = report.to_markdown()
    assert "Overall: **FAIL**" in markdown
    assert "| Claim recall (strict) | 0.000 (0/4) | ≥ 0.92 | FAIL |" in markdown
    assert "- **article** — numbers: 1,250 (count)" in markdown

    console = Console(record=True, width=200)
    console.print(report.to_rich())
    rendered = console.export_text()
    assert "Claim recall (strict)" in rendered and "FAIL" in rendered and "article" in rendered


def test_a_backend_that_reads_well_passes(gold_dir: Path, settings: Settings) -> None:
    report = run_eval(gold_dir, backend="eval-test-reader", settings=settings)
    metrics = {m.key: m for m in report.metrics()}
    assert metrics["claim_recall"].value == 1.0
    assert metrics["organization_recall"].value == 1.0
    assert metrics["policy_recall"].value == 1.0
    assert metrics["occupation_recall"].value == 1.0
    assert metrics["grounding"].value == 1.0
    assert metrics["isco_unit"].value == 1.0 and metrics["effect_accuracy"].value == 1.0
    assert report.passed is True and report.failures() == []
    assert "Overall: **PASS**" in report.to_markdown()


def test_leak_fails_the_run(gold_dir: Path, settings: Settings) -> None:
    gold = gold_dir / "article.toml"
    gold.write_text(
        gold.read_text().replace('forbidden = ["Subscribe to our newsletter"]', 'forbidden = ["Northwind"]')
    )
    report = run_eval(gold_dir, backend="eval-test-reader", settings=settings)
    assert report.documents[0].leaked == ["Northwind"]
    assert [m.key for m in report.failures()] == ["leakage", "cards_leaking"]


def test_unreadable_document_and_broken_analyzer_are_rows_not_crashes(
    gold_dir: Path, settings: Settings, tmp_path: Path
) -> None:
    (gold_dir / "missing.toml").write_text(
        'source = "nowhere/absent.txt"\n[[numbers]]\ntext = "5%"\nvalue = 5\nunit = "%"\n'
    )
    report = run_eval(gold_dir, backend="eval-test-reader", settings=settings, root=tmp_path)
    by_name = {d.name: d for d in report.documents}
    assert by_name["missing"].error is not None and "cannot read document" in by_name["missing"].error
    metrics = {m.key: m for m in report.metrics()}
    assert (metrics["claim_recall"].hit, metrics["claim_recall"].total) == (
        4,
        5,
    )  # the missing doc's figure counts
    assert metrics["failed_documents"].value == 1 and metrics["failed_documents"].passed is False
    assert "missing (failed)" in report.to_markdown()

    broken = run_eval(gold_dir / "article.toml", backend="eval-test-broken", settings=settings)
    assert broken.documents[0].error == "analysis failed: RuntimeError: model exploded"
    assert broken.passed is False


def test_reference_card_adds_signal_agreement(gold_dir: Path, settings: Settings) -> None:
    (gold_dir / "ref.txt").write_text(
        "Title of the article, (from page 20250101a.)\n\nSummary\n\nText.\n\nSignals\n\n"
        "name description change 10-year driving-force relevancy\n"
        "Claims Handling Automated Insurers automate incoming claim calls. From people to software. "
        "Intake fully automated. Cost pressure. 4\n"
    )
    gold = gold_dir / "article.toml"
    gold.write_text('reference_card = "ref.txt"\n' + gold.read_text())
    report = run_eval(gold_dir, backend="minimal", settings=settings)
    agreement = report.documents[0].signals
    assert agreement is not None and (agreement.reference, agreement.card, agreement.matched) == (1, 0, 0)
    metrics = {m.key: m for m in report.metrics()}
    assert metrics["signal_recall"].value == 0.0
    assert metrics["signal_precision"].value is None  # the card has no signals


def test_invalid_gold_and_unknown_backend_stop_the_run(gold_dir: Path, settings: Settings) -> None:
    gold = gold_dir / "article.toml"
    gold.write_text('reference_card = "absent.txt"\n' + gold.read_text())
    with pytest.raises(GoldError, match=r"reference_card 'absent\.txt' not found"):
        run_eval(gold_dir, backend="minimal", settings=settings)
    (gold_dir / "bad.toml").write_text("source = 1")
    with pytest.raises(GoldError, match=r"bad\.toml: source"):
        run_eval(gold_dir, backend="minimal", settings=settings)
    gold.write_text(gold.read_text().replace('reference_card = "absent.txt"\n', ""))
    (gold_dir / "bad.toml").unlink()
    with pytest.raises(UnknownBackendError):
        run_eval(gold_dir, backend="no-such-backend", settings=settings)
