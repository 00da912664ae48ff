"""Card components: the registry, the pipeline's checks, config and an installed plugin."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from workradar.analyze import (
    Pipeline,
    PipelineError,
    UnknownComponentError,
    available_components,
    component,
    get_analyzer,
    get_component,
)
from workradar.analyze.components import BUILTIN_COMPONENTS, ComponentOutputError, FunctionComponent
from workradar.analyze.context import AnalysisContext
from workradar.analyze.text.embedders import default_embedder
from workradar.config import PipelineSettings, Settings
from workradar.errors import UsageError
from workradar.models import Document

ROOT = Path(__file__).resolve().parents[2]
PLUGIN = ROOT / "examples" / "plugins" / "lead-summary"

TEXT = (
    "Call centres in Leeds are replacing agents with AI chatbots. "
    "The union says 400 jobs are at risk by 2026. "
    "Managers argue that the remaining staff will handle harder cases. "
    "Training budgets rose by 12% last year, the company reported."
)


def _fn(name: str, fills: tuple[str, ...], reads: tuple[str, ...] = ()) -> FunctionComponent:
    return FunctionComponent(
        name=name, fills=fills, reads=reads, run=lambda ctx, card: {key: [] for key in fills}
    )


def test_every_builtin_component_is_available_and_fills_its_section() -> None:
    settings = Settings()
    assert set(BUILTIN_COMPONENTS) <= set(available_components())
    for name in BUILTIN_COMPONENTS:
        built = get_component(name, settings)
        assert built.name == name
        assert built.fills, name


def test_default_pipelines_are_valid_and_cover_the_card() -> None:
    pipelines = PipelineSettings()
    embedded = Pipeline.from_names(pipelines.embedded, Settings())
    filled = {f for c in embedded.components for f in c.fills}
    assert {
        "summary",
        "keywords",
        "themes",
        "signals",
        "claims",
        "occupations",
        "policies",
        "stakeholders",
    } <= filled
    hybrid = Pipeline.from_names(pipelines.hybrid, Settings())
    assert "policies" in {f for c in hybrid.components for f in c.fills}


def test_a_component_must_follow_what_it_reads() -> None:
    with pytest.raises(PipelineError, match="reads signals"):
        Pipeline([_fn("technologies", ("technologies",), reads=("signals",)), _fn("signals", ("signals",))])


def test_two_components_may_not_fill_one_field() -> None:
    with pytest.raises(PipelineError, match="already filled"):
        Pipeline([_fn("a", ("keywords",)), _fn("b", ("keywords",))])


def test_an_unknown_component_is_a_usage_error() -> None:
    with pytest.raises(UnknownComponentError, match="unknown component 'nope'") as caught:
        get_component("nope", Settings())
    assert isinstance(caught.value, UsageError)


def test_a_component_may_not_return_undeclared_fields() -> None:
    rogue = FunctionComponent(
        name="rogue", fills=("keywords",), reads=(), run=lambda ctx, card: {"summary": "x"}
    )
    ctx = AnalysisContext.build(Document.from_text(TEXT, language="en"), default_embedder())
    with pytest.raises(ComponentOutputError, match="summary"):
        Pipeline([rogue]).run(ctx)


def test_a_registered_component_replaces_a_builtin_from_config() -> None:
    @component("test_title_keywords", fills=("keywords",))
    def title_keywords(ctx: AnalysisContext, card: Mapping[str, Any]) -> dict[str, Any]:
        return {"keywords": [w.lower() for w in (ctx.document.title or "").split() if len(w) > 3]}

    names = ["test_title_keywords" if n == "keywords" else n for n in PipelineSettings().embedded]
    settings = Settings(pipelines=PipelineSettings(embedded=names))
    card = get_analyzer("embedded", settings).analyze(
        Document.from_text(TEXT, title="Chatbots replace call centre agents", language="en")
    )
    assert card.keywords == ["chatbots", "replace", "call", "centre", "agents"]
    assert card.claims, "the other components still ran"


@pytest.fixture(scope="module")
def installed_plugin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example plugin installed (really, with pip) into a fresh target folder."""
    target = tmp_path_factory.mktemp("site")
    build = tmp_path_factory.mktemp("build")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--no-index", "--target", str(target), str(PLUGIN)],
        capture_output=True, text=True, env={**os.environ, "TMPDIR": str(build)}, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        pytest.fail(f"pip could not install the example plugin: {result.stderr[-2000:]}")
    return target


def test_an_installed_plugin_component_runs_from_the_workspace_config(
    installed_plugin: Path, tmp_path: Path
) -> None:
    names = ["lead_summary" if n == "summary" else n for n in PipelineSettings().embedded]
    (tmp_path / "workradar.toml").write_text(
        "[pipelines]\nembedded = [" + ", ".join(f'"{n}"' for n in names) + "]\n", encoding="utf-8"
    )
    doc = tmp_path / "article.md"
    doc.write_text("# Chatbots in call centres\n\n" + TEXT + "\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(installed_plugin), "WORKRADAR_HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "workradar", "--home", str(tmp_path), "analyze", str(doc), "--format", "json"],
        capture_output=True, text=True, env=env, cwd=tmp_path, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    card = json.loads(result.stdout)
    # The lead: the first sentences up to about 400 characters, quoted as evidence.
    assert card["summary"] == TEXT
    assert [e["quote"] for e in card["evidence"]] == [s + "." for s in TEXT.removesuffix(".").split(". ")]
    assert card["claims"], "the built-in components still ran"

    # Without the config the built-in summary component runs again.
    (tmp_path / "workradar.toml").unlink()
    plain = subprocess.run(
        [sys.executable, "-m", "workradar", "--home", str(tmp_path), "analyze", str(doc), "--format", "json"],
        capture_output=True, text=True, env=env, cwd=tmp_path, check=False,
    )  # fmt: skip
    assert plain.returncode == 0, plain.stderr
    assert json.loads(plain.stdout)["analyzer"]["backend"] == "embedded"


def test_the_cli_lists_components_and_pipelines() -> None:
    from typer.testing import CliRunner

    from workradar.cli import app

    result = CliRunner().invoke(app, ["components"])
    assert result.exit_code == 0, result.output
    assert "stakeholders: stakeholders  (after organizations, occupations, policies)" in result.output
    assert "pipeline hybrid: organizations → occupations → claims → policies → stakeholders" in result.output
