"""Settings: workradar.toml in the workspace, environment overrides, CLI overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from workradar.config import load_settings


def write_config(home: Path, text: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "workradar.toml").write_text(text, encoding="utf-8")


def test_defaults_without_a_config_file(tmp_path: Path) -> None:
    settings = load_settings(home=tmp_path)
    assert settings.backend == "embedded"
    assert settings.fetch.max_bytes == 20 * 1024 * 1024
    assert settings.fetch.allow_private is False
    assert settings.database_url == f"sqlite:///{(tmp_path / 'workradar.db').resolve()}"


def test_toml_then_environment_then_arguments(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_config(
        tmp_path,
        'backend = "minimal"\nworkers = 3\n[fetch]\nmax_bytes = 1000\nretries = 5\n[llm]\nmodel = "from-toml"\n',
    )
    settings = load_settings(home=tmp_path)
    assert (settings.backend, settings.workers, settings.fetch.max_bytes, settings.fetch.retries) == (
        "minimal",
        3,
        1000,
        5,
    )
    monkeypatch.setenv("WORKRADAR_FETCH__MAX_BYTES", "2000")
    monkeypatch.setenv("WORKRADAR_BACKEND", "llm")
    settings = load_settings(home=tmp_path)
    assert settings.fetch.max_bytes == 2000 and settings.backend == "llm"
    assert settings.fetch.retries == 5  # untouched keys keep the file's value
    settings = load_settings(home=tmp_path, backend="hybrid", db="postgresql+psycopg://u@127.0.0.1/x")
    assert settings.backend == "hybrid"
    assert settings.database_url == "postgresql+psycopg://u@127.0.0.1/x"


def test_openai_variables_fill_what_the_config_leaves_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("WORKRADAR_MODEL", "tiny")
    settings = load_settings(home=tmp_path)
    assert (settings.llm.base_url, settings.llm.api_key, settings.llm.model) == (
        "http://127.0.0.1:9/v1",
        "sk-test",
        "tiny",
    )
    write_config(tmp_path, '[llm]\nmodel = "configured"\n')
    assert load_settings(home=tmp_path).llm.model == "configured"


def test_home_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_config(tmp_path / "ws", 'backend = "minimal"\n')
    monkeypatch.setenv("WORKRADAR_HOME", str(tmp_path / "ws"))
    assert load_settings().backend == "minimal"


def test_invalid_config_values_are_rejected_with_the_key(tmp_path: Path) -> None:
    write_config(tmp_path, '[fetch]\nmax_bytes = "lots"\n')
    with pytest.raises(ValueError, match="max_bytes"):
        load_settings(home=tmp_path)


def test_cli_reports_a_broken_config_in_one_line(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from workradar.cli import app

    write_config(tmp_path, '[fetch]\nmax_bytes = "lots"\n')
    result = CliRunner().invoke(app, ["--home", str(tmp_path), "status"])
    assert result.exit_code == 2
    assert "invalid configuration" in result.output and "max_bytes" in result.output
    assert "Traceback" not in result.output
    write_config(tmp_path, "backend = \n")
    result = CliRunner().invoke(app, ["--home", str(tmp_path), "status"])
    assert result.exit_code == 2 and "invalid configuration" in result.output
