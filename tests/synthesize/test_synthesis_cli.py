"""The synthesis commands through Typer's runner on a SQLite workspace holding
the planted corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.synthesize.planted import PlantedCorpus
from tests.synthesize.synth_support import fill
from workradar.cli import app
from workradar.phenomena import load_phenomena
from workradar.store import Store

runner = CliRunner()


@pytest.fixture
def home(tmp_path: Path, corpus: PlantedCorpus) -> Path:
    with Store(f"sqlite:///{tmp_path / 'workradar.db'}") as store:
        fill(store, corpus)
    return tmp_path


def invoke(home: Path, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["--home", str(home), *args])


def test_synthesize_then_trends_json_md_table(home: Path) -> None:
    first = invoke(home, "synthesize", "--json")
    assert first.exit_code == 0, first.output
    report = json.loads(first.output)
    assert report["kinds"]["signals"]["trends"] == 6 and report["kinds"]["signals"]["mode"] == "rebuild"
    again = json.loads(invoke(home, "synthesize", "--json").output)
    assert again["kinds"]["signals"]["embedded"] == 0 and again["kinds"]["signals"]["mode"] == "incremental"

    result = invoke(home, "trends", "--format", "json", "--no-update")
    assert result.exit_code == 0, result.output
    trends = json.loads(result.output)
    assert len(trends) == 6 and {t["emergence"] for t in trends} == {
        "insufficient evidence",
        "emerging",
        "established",
        "declining",
    }
    assert all(t["documents"] == len(t["cards"]) for t in trends)
    md = invoke(home, "trends", "--format", "md", "--period", "year", "--kind", "all")
    assert md.exit_code == 0 and md.output.startswith("# Trends") and "per year: 2024:" in md.output
    table = invoke(home, "trends", "--no-update", "--limit", "2")
    assert table.exit_code == 0 and "2 trends" in table.output


def test_other_commands(home: Path) -> None:
    occ = invoke(home, "occupations", "--format", "json")
    assert occ.exit_code == 0, occ.output
    assert {g["code"] for g in json.loads(occ.output)} >= {"2", "24", "4", "42", "8", "83"}
    topic = invoke(home, "topic", "call centre chatbots", "--no-update")
    assert topic.exit_code == 0 and topic.output.startswith("# Topic: call centre chatbots")
    review = invoke(home, "review", "--period", "2025Q2", "--no-update")
    assert review.exit_code == 0 and review.output.startswith("# Review 2025Q2")
    out = home / "review.json"
    saved = invoke(home, "review", "--period", "2025", "--format", "json", "--out", str(out))
    assert saved.exit_code == 0 and json.loads(out.read_text())["period"] == "2025"


@pytest.mark.parametrize(
    "args",
    [
        ("trends", "--period", "week"),
        ("trends", "--kind", "issues"),
        ("trends", "--format", "xml"),
        ("review", "--period", "last year"),
        ("topic", " "),
    ],
)
def test_bad_input_exits_2(home: Path, args: tuple[str, ...]) -> None:
    result = invoke(home, *args)
    assert result.exit_code == 2, result.output


def test_weak_signals_become_draft_library_entries(home: Path, corpus: PlantedCorpus) -> None:
    # No planted signal is linked to the library: every signal trend is a candidate weak signal.
    table = invoke(home, "weak-signals")
    assert table.exit_code == 0, table.output
    result = invoke(home, "weak-signals", "--no-update", "--format", "toml")
    assert result.exit_code == 0, result.output
    drafts = home / "drafts.toml"
    drafts.write_text(result.output, encoding="utf-8")
    library = load_phenomena(None, [drafts])
    added = [e for e in library.entries if load_phenomena().get(e.id) is None]
    assert len(added) == 6
    trucks = next(e for e in added if "truck" in e.description.lower() or "lorr" in e.description.lower())
    assert {"en", "nl"} <= set(trucks.prototypes) and trucks.isco == ["8332"]
    assert not trucks.ten_year and not trucks.change  # left for the analyst
    md = invoke(home, "weak-signals", "--no-update", "--format", "md")
    assert md.exit_code == 0 and md.output.startswith("# Candidate weak signals")
    data = json.loads(invoke(home, "weak-signals", "--no-update", "--format", "json").output)
    assert len(data) == 6 and all(len(w["documents"]) == w["trend"]["documents"] for w in data)


def test_changes_command(home: Path) -> None:
    md = invoke(home, "changes", "--since", "2025")
    assert md.exit_code == 0, md.output
    assert md.output.startswith("# What changed") and "## Rising" in md.output
    data = json.loads(
        invoke(
            home, "changes", "--since", "2025-01-01", "--until", "2025Q2", "-f", "json", "--no-update"
        ).output
    )
    assert data["since"] == "2025-01-01" and data["until"] == "2025-06-30" and data["documents"] > 0
    bad = invoke(home, "changes", "--since", "soon", "--no-update")
    assert bad.exit_code != 0 and "neither a date" in bad.output and "Traceback" not in bad.output
