"""`workradar scan` end to end: idempotence, duplicates, bad input, URLs,
interrupted runs — through Typer's runner and as a real subprocess."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.ingest.loopback import LoopbackServer, start_server
from workradar.cli import app

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "examples" / "corpus"
ARTICLE = (
    "Call-centre employers in the Netherlands cut 4,000 jobs in 2024 as chatbots took over routine questions. "
    "The union FNV says training budgets have not kept pace with the change."
)

runner = CliRunner()


def invoke(home: Path, *args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["--home", str(home), *args], input=input)


def db_rows(home: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(home / "workradar.db") as conn:
        return conn.execute(sql).fetchall()


@pytest.fixture(scope="module")
def server() -> Iterator[LoopbackServer]:
    state, httpd = start_server()
    yield state
    httpd.shutdown()
    httpd.server_close()


def write_articles(folder: Path, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"article-{i:04d}.txt").write_text(
            f"Report number {i} on automation\n\nIn sector {i}, {i + 3}% of employers said AI agents now handle "
            f"tasks of {i + 10} clerks. Workers' councils in region {i * 7} asked for consultation first.\n",
            encoding="utf-8",
        )


def test_rescan_of_unchanged_input_performs_zero_analyses(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    write_articles(folder, 5)
    first = invoke(tmp_path / "ws", "scan", str(folder), "--backend", "minimal")
    assert first.exit_code == 0, first.output
    assert "5 new" in first.output and "5 analyses performed" in first.output
    second = invoke(tmp_path / "ws", "scan", str(folder), "--backend", "minimal")
    assert second.exit_code == 0, second.output
    assert "5 unchanged" in second.output
    assert "0 analyses performed" in second.output and "nothing analysed" in second.output
    # A changed file is re-analysed in place: same row, new content.
    (folder / "article-0002.txt").write_text(
        "A rewritten article about 12 translators and AI.\n", encoding="utf-8"
    )
    third = invoke(tmp_path / "ws", "scan", str(folder), "--backend", "minimal")
    assert "1 updated" in third.output and "4 unchanged" in third.output
    assert db_rows(tmp_path / "ws", "select count(*) from documents") == [(5,)]


def test_example_corpus_detects_the_syndicated_near_duplicate(tmp_path: Path) -> None:
    result = invoke(tmp_path / "ws", "scan", str(CORPUS), "--backend", "minimal", "--collection", "examples")
    assert result.exit_code == 0, result.output
    rows = db_rows(tmp_path / "ws", "select source, duplicate_of from documents where status = 'duplicate'")
    assert len(rows) == 1
    source, original = rows[0]
    assert source.endswith("en-syndicated-entry-level-jobs-2025.html")
    original_source = db_rows(tmp_path / "ws", f"select source from documents where id = '{original}'")[0][0]
    assert original_source.endswith("en-news-entry-level-jobs-2025.md")
    collections = db_rows(tmp_path / "ws", "select distinct collection from documents")
    assert collections == [("examples",)]


def test_bad_inputs_are_recorded_and_the_run_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    write_articles(folder, 2)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "garbage.pdf").write_bytes(os.urandom(2048))
    (folder / "table.xlsx").write_bytes(b"PK\x03\x04 not really")
    (folder / "latin1.txt").write_bytes(
        "Werknemers krijgen 3 dagen scholing per jaar. Caf\xe9 \xe9t\xe9.\n".encode("latin-1")
    )
    result = invoke(tmp_path / "ws", "scan", str(folder), "--backend", "minimal")
    assert result.exit_code == 0, result.output
    assert "3 new" in result.output and "3 failed" in result.output
    assert "Traceback" not in result.output
    failures = dict(db_rows(tmp_path / "ws", "select source, error from failures"))
    assert len(failures) == 3
    for source, error in failures.items():
        assert error and "\n" not in error, (source, error)


def test_nothing_processable_exits_non_zero(tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "empty.md").write_text("", encoding="utf-8")
    result = invoke(tmp_path / "ws", "scan", str(folder), "--backend", "minimal")
    assert result.exit_code == 1
    missing = invoke(tmp_path / "ws2", "scan", str(tmp_path / "does-not-exist"), "--backend", "minimal")
    assert missing.exit_code == 1


def test_scan_urls_from_a_loopback_server_needs_allow_private(server: LoopbackServer, tmp_path: Path) -> None:
    url = server.page(
        "/cli/article.html",
        f"<html><head><title>Chatbots in call centres</title></head><body><article><h1>Chatbots in call centres</h1>"
        f"<p>{ARTICLE}</p><p>{ARTICLE.replace('4,000', '5,500')}</p></article></body></html>",
    )
    refused = invoke(tmp_path / "ws", "scan", url, "--backend", "minimal")
    assert refused.exit_code == 1
    assert "loopback" in refused.output
    allowed = invoke(tmp_path / "ws", "scan", url, "--backend", "minimal", "--allow-private")
    assert allowed.exit_code == 0, allowed.output
    assert "1 new" in allowed.output
    title = db_rows(tmp_path / "ws", "select title, url from documents")
    assert title[0][0] == "Chatbots in call centres"


def test_analyze_reads_stdin_and_prints_json_and_markdown(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["analyze", "-", "--backend", "minimal", "--title", "Call centres", "--published", "2025-03-01"],
        input=ARTICLE,
    )
    assert result.exit_code == 0, result.output
    card = json.loads(result.output)
    assert card["schema"] == "workradar.card/1"
    assert card["title"] == "Call centres" and card["published"] == "2025-03-01"
    assert card["language"] == "en"
    md = runner.invoke(app, ["analyze", "-", "--backend", "minimal", "--format", "md"], input=ARTICLE)
    assert md.exit_code == 0
    assert (
        md.output.startswith("# Call-centre employers in the Netherlands cut 4,000 jobs in 2024 as chatbots")
        and "## Signals" in md.output
    )
    bad = runner.invoke(app, ["analyze", "-", "--format", "xml"], input=ARTICLE)
    assert bad.exit_code == 2
    unknown = runner.invoke(app, ["analyze", "-", "--backend", "nope"], input=ARTICLE)
    assert unknown.exit_code == 2 and "unknown backend" in unknown.output


def test_status_and_export(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    write_articles(folder, 3)
    invoke(tmp_path / "ws", "scan", str(folder), "--backend", "minimal", "--collection", "batch-1")
    status = invoke(tmp_path / "ws", "status", "--json")
    assert status.exit_code == 0, status.output
    counts = json.loads(status.output)["counts"]
    assert counts["status"]["analyzed"] == 3
    assert counts["collection"] == {"batch-1": 3}
    assert counts["backend"] == {"minimal": 3}
    out = tmp_path / "cards.jsonl"
    exported = invoke(tmp_path / "ws", "export", "--format", "jsonl", "--out", str(out))
    assert exported.exit_code == 0, exported.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and all(json.loads(line)["collection"] == "batch-1" for line in lines)


def test_schema_command_prints_the_card_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["$id"] == "workradar.card/1"
    assert {"signals", "claims", "occupations", "evidence"} <= set(schema["properties"])


def test_killed_scan_resumes_without_duplicates(tmp_path: Path) -> None:
    """A real subprocess is killed with SIGKILL mid-scan; the re-run finishes the work."""
    folder = tmp_path / "many"
    write_articles(folder, 400)
    home = tmp_path / "ws"
    exe = shutil.which("workradar") or ""
    cmd = [exe] if exe else [sys.executable, "-m", "workradar"]
    proc = subprocess.Popen(
        [*cmd, "--home", str(home), "scan", str(folder), "--backend", "minimal"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        if (home / "workradar.db").exists():
            try:
                stored = db_rows(home, "select count(*) from cards")[0][0]
            except sqlite3.OperationalError:
                continue
            if stored >= 20:
                break
    if proc.poll() is not None:
        pytest.fail("scan finished before it could be interrupted; make the corpus larger")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 20 <= stored < 400
    rerun = subprocess.run(
        [*cmd, "--home", str(home), "scan", str(folder), "--backend", "minimal"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert rerun.returncode == 0, rerun.stderr
    assert db_rows(home, "select count(*), count(distinct source) from documents") == [(400, 400)]
    assert db_rows(home, "select count(*) from cards") == [(400,)]
    assert db_rows(home, "select count(*) from documents where status != 'analyzed'") == [(0,)]
    assert "unchanged" in rerun.stdout


class _FlakyAnalyzer:
    """A test backend that fails on documents mentioning 'region 7' (i == 1)."""

    name = "flaky"
    version = "test"

    def analyze(self, document):  # type: ignore[no-untyped-def]
        from workradar.analyze.backends.minimal import MinimalAnalyzer

        if "region 7 " in document.text:
            raise RuntimeError("model exploded\nsecond line never shown")
        card = MinimalAnalyzer().analyze(document)
        card.analyzer.backend = self.name
        return card


def test_parallel_workers_store_every_card_and_isolate_failures(tmp_path: Path) -> None:
    from workradar.analyze.registry import register_analyzer

    register_analyzer("flaky")(lambda settings: _FlakyAnalyzer())
    folder = tmp_path / "docs"
    write_articles(folder, 7)
    result = invoke(tmp_path / "ws", "scan", str(folder), "--backend", "flaky", "--workers", "3")
    assert result.exit_code == 0, result.output
    assert "6 new" in result.output and "1 failed" in result.output
    assert "model exploded" in result.output and "second line" not in result.output
    rows = db_rows(tmp_path / "ws", "select status, count(*) from documents group by status order by status")
    assert rows == [("analyzed", 6), ("failed", 1)]
    error = db_rows(tmp_path / "ws", "select error from documents where status = 'failed'")[0][0]
    assert error == "analysis failed: RuntimeError: model exploded"
    # The failed document is retried by the next scan; the others are unchanged.
    again = invoke(tmp_path / "ws", "scan", str(folder), "--backend", "flaky", "--workers", "3")
    assert "6 unchanged" in again.output and "1 failed" in again.output


def test_rescan_skips_reading_files_whose_size_and_mtime_are_unchanged(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    write_articles(folder, 3)
    assert invoke(tmp_path / "ws", "scan", str(folder), "--backend", "minimal").exit_code == 0
    target = folder / "article-0001.txt"
    before = target.stat()
    # Same size, same mtime, different bytes: only a scan that reads the file could notice.
    original = target.read_bytes()
    target.write_bytes(original.replace(b"automation", b"AUTOMATION"))
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    skipped = invoke(tmp_path / "ws", "scan", str(folder), "--backend", "minimal")
    assert "3 unchanged" in skipped.output and "0 analyses performed" in skipped.output
    # A new modification time makes the scan read it again and see the change.
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))
    reread = invoke(tmp_path / "ws", "scan", str(folder), "--backend", "minimal")
    assert "1 updated" in reread.output and "2 unchanged" in reread.output
    stored = db_rows(tmp_path / "ws", "select text from documents where source like '%article-0001.txt'")[0][
        0
    ]
    assert "AUTOMATION" in stored
