"""`workradar site build` and `workradar export` through the real command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
from typer.testing import CliRunner

from tests.publish.publish_corpus import make_store
from workradar.cli import app


def _workspace(tmp_path: Path, trends: bool) -> Path:
    home = tmp_path / "ws"
    home.mkdir()
    make_store(home / "workradar.db", trends=trends).close()
    return home


def test_site_build_prints_where_the_site_is(tmp_path: Path) -> None:
    home = _workspace(tmp_path, trends=True)
    out = tmp_path / "out site"
    result = CliRunner().invoke(
        app, ["--home", str(home), "site", "build", str(out), "--title", "My <radar>", "--no-update"]
    )
    assert result.exit_code == 0, result.output
    assert "5 cards and 2 trends" in result.output
    assert str((out / "index.html").resolve()) in result.output.replace("\n", "")
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "My &lt;radar&gt;" in index


def test_site_build_updates_trends_first(tmp_path: Path) -> None:
    home = _workspace(tmp_path, trends=False)
    result = CliRunner().invoke(app, ["--home", str(home), "site", "build", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "site" / "index.html").is_file()
    assert (tmp_path / "site" / "trends" / "index.html").is_file()


def test_site_build_rejects_a_non_http_base_url(tmp_path: Path) -> None:
    home = _workspace(tmp_path, trends=False)
    result = CliRunner().invoke(
        app,
        [
            "--home",
            str(home),
            "site",
            "build",
            str(tmp_path / "s"),
            "--base-url",
            "javascript:x",
            "--no-update",
        ],
    )
    assert result.exit_code == 2
    assert not (tmp_path / "s").exists()


def test_export_what_and_format(tmp_path: Path) -> None:
    home = _workspace(tmp_path, trends=True)
    runner = CliRunner()
    result = runner.invoke(
        app,
        [
            "--home",
            str(home),
            "export",
            "--what",
            "claims",
            "--format",
            "parquet",
            "--out",
            str(tmp_path / "c.pq"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "exported 3 claims rows" in result.output
    assert pq.read_table(tmp_path / "c.pq").num_rows == 3
    result = runner.invoke(app, ["--home", str(home), "export", "--out", str(tmp_path / "cards.jsonl")])
    assert result.exit_code == 0 and "exported 5 cards" in result.output
    assert len((tmp_path / "cards.jsonl").read_text(encoding="utf-8").splitlines()) == 5
    result = runner.invoke(
        app, ["--home", str(home), "export", "--what", "trends", "-f", "json", "-o", str(tmp_path / "t.json")]
    )
    assert result.exit_code == 0
    assert len(json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))) == 2
    bad = runner.invoke(app, ["--home", str(home), "export", "--what", "people"])
    assert bad.exit_code == 2 and "Invalid value for '--what'" in bad.output
    bad = runner.invoke(app, ["--home", str(home), "export", "--format", "xlsx"])
    assert bad.exit_code == 2


def test_demo_script_builds_the_site() -> None:
    script = (Path(__file__).resolve().parents[2] / "scripts" / "demo.sh").read_text(encoding="utf-8")
    assert 'site build "$OUT/site"' in script
    assert shutil.which("bash")
