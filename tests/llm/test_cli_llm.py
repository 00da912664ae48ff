"""The llm backend through the command line: `analyze --backend llm
--output-language`, `scan --backend llm`, token totals in `status`, a re-scan
that makes no request. The server is the loopback test double."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.llm.double import DoubleServer, Reply, answer, signal, system_text
from workradar.cli import app

ARTICLE = (
    "Call-centre employers in the Netherlands cut 4,000 jobs in 2024 as chatbots took over routine questions. "
    "The union FNV says training budgets have not kept pace with the change."
)
runner = CliRunner()


@pytest.fixture
def llm_env(double: DoubleServer, monkeypatch: pytest.MonkeyPatch) -> DoubleServer:
    monkeypatch.setenv("OPENAI_BASE_URL", double.base_url)
    monkeypatch.setenv("WORKRADAR_MODEL", "double-model")
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    double.responder = lambda body: Reply(
        content=answer(summary="Chatbots replace call-centre work.",
                       signals=[signal("Chatbots in call centres", "chatbots took over routine questions")]),
        prompt_tokens=300, completion_tokens=40,
    )  # fmt: skip
    return double


def test_analyze_with_output_language(llm_env: DoubleServer, tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["--home", str(tmp_path), "analyze", "-", "--backend", "llm", "--output-language", "nl"],
        input=ARTICLE,
    )
    assert result.exit_code == 0, result.output
    card = json.loads(result.stdout)
    assert card["analyzer"]["backend"] == "llm" and card["analyzer"]["prompt_tokens"] == 300
    assert card["signals"][0]["evidence"][0]["quote"] == "chatbots took over routine questions"
    assert "Dutch" in system_text(llm_env.requests[0])


def test_analyze_failure_is_one_clear_line(llm_env: DoubleServer, tmp_path: Path) -> None:
    llm_env.responder = lambda body: Reply(content="no json here")
    result = runner.invoke(app, ["--home", str(tmp_path), "analyze", "-", "--backend", "llm"], input=ARTICLE)
    assert result.exit_code == 1
    assert "analysis failed: model answer unusable" in result.output


def test_analyze_without_configuration_names_the_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("OPENAI_BASE_URL", "WORKRADAR_MODEL", "WORKRADAR_LLM__BASE_URL", "WORKRADAR_LLM__MODEL"):
        monkeypatch.delenv(name, raising=False)
    result = runner.invoke(app, ["--home", str(tmp_path), "analyze", "-", "--backend", "llm"], input=ARTICLE)
    assert result.exit_code == 2 and "OPENAI_BASE_URL" in result.output


def test_scan_status_and_rescan(llm_env: DoubleServer, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "b.txt").write_text(ARTICLE.replace("4,000", "5,000").replace("2024", "2025"), encoding="utf-8")
    home = tmp_path / "ws"
    first = runner.invoke(
        app, ["--home", str(home), "scan", str(corpus), "--backend", "llm", "--output-language", "de"]
    )
    assert first.exit_code == 0, first.output
    assert len(llm_env.requests) == 2 and all("German" in system_text(r) for r in llm_env.requests)

    status = runner.invoke(app, ["--home", str(home), "status", "--json"])
    assert json.loads(status.stdout)["llm_usage"] == {
        "llm": {"cards": 2, "prompt_tokens": 600, "completion_tokens": 80}
    }
    table = runner.invoke(app, ["--home", str(home), "status"])
    assert "llm_usage" in table.stdout and "600" in table.stdout

    # the cards exist: nothing to analyse, and the response cache is on disk
    assert (home / ".cache" / "llm.sqlite").is_file()
    again = runner.invoke(
        app, ["--home", str(home), "scan", str(corpus), "--backend", "llm", "--output-language", "de"]
    )
    assert again.exit_code == 0 and len(llm_env.requests) == 2

    # a fresh database in the same workspace: every analysis again, every answer from the cache
    (home / "workradar.db").unlink()
    fresh = runner.invoke(
        app, ["--home", str(home), "scan", str(corpus), "--backend", "llm", "--output-language", "de"]
    )
    assert fresh.exit_code == 0 and "2 analyses performed" in fresh.stdout
    assert len(llm_env.requests) == 2
