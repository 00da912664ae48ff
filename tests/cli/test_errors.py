"""One error path for the command line: every error is one `error:` line on
stderr and an exit code (2 for a bad option, argument or configuration, 1 for
a failure); no traceback; a command that only reads creates no workspace."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import get_args

import pytest
from typer.testing import CliRunner

from workradar.cli import (
    ExportFormat,
    ExportWhat,
    PageFormat,
    SearchKind,
    TableFormat,
    TrendKind,
    app,
)
from workradar.errors import (
    ConfigError,
    StoreError,
    UsageError,
    WorkradarError,
    WorkspaceNotFoundError,
)

REPO = Path(__file__).resolve().parents[2]
GOLD = REPO / "examples" / "gold" / "corpus" / "en-blog-translators-2024.toml"
ARTICLE = (
    "Call-centre employers in the Netherlands cut 4,000 jobs in 2024 as chatbots took over routine questions. "
    "The union FNV says training budgets have not kept pace with the change."
)

runner = CliRunner()


def run(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=input)


def assert_one_error_line(result, exit_code: int, *fragments: str) -> str:  # type: ignore[no-untyped-def]
    """The command failed with `exit_code` and said so in exactly one `error:` line on stderr."""
    assert result.exit_code == exit_code, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: "), lines[0]
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


def test_the_gold_file_used_here_exists() -> None:
    assert GOLD.is_file()


# -- bad options: exit 2, no traceback, nothing created ------------------------------


def test_scan_with_an_unknown_backend_is_one_line_and_creates_no_workspace(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    home = tmp_path / "ws"
    result = run("--home", str(home), "scan", str(source), "--backend", "foo")
    assert_one_error_line(result, 2, "unknown backend 'foo'", "minimal")
    assert result.stdout == ""
    assert not home.exists()


def test_eval_with_an_unknown_backend_is_one_line(tmp_path: Path) -> None:
    result = run("--home", str(tmp_path), "eval", str(GOLD), "--backend", "foo")
    assert_one_error_line(result, 2, "unknown backend 'foo'")


def test_analyze_with_an_unknown_backend_is_one_line() -> None:
    result = run("analyze", "-", "--backend", "foo", input=ARTICLE)
    assert_one_error_line(result, 2, "unknown backend 'foo'")


def test_analyze_with_a_bad_date_is_one_line() -> None:
    result = run("analyze", "-", "--backend", "minimal", "--published", "2025-13-01", input=ARTICLE)
    assert_one_error_line(result, 2, "--published must be YYYY-MM-DD")


@pytest.mark.parametrize(
    ("args", "option", "choice"),
    [
        (("search", "jobs", "--kind", "foo"), "--kind", "documents"),
        (("export", "--what", "people"), "--what", "occupations"),
        (("export", "--format", "xlsx"), "--format", "parquet"),
        (("trends", "--kind", "issues"), "--kind", "technologies"),
        (("trends", "--format", "xml"), "--format", "table"),
        (("occupations", "--format", "xml"), "--format", "table"),
        (("topic", "jobs", "--format", "table"), "--format", "json"),
        (("review", "--period", "2025", "--format", "table"), "--format", "json"),
        (("eval", str(GOLD), "--format", "csv"), "--format", "table"),
        (("analyze", "-", "--format", "xml"), "--format", "md"),
    ],
)
def test_a_value_outside_an_options_choices_exits_2_naming_the_choices(
    tmp_path: Path, args: tuple[str, ...], option: str, choice: str
) -> None:
    home = tmp_path / "ws"
    result = run("--home", str(home), *args, input="")
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "Invalid value" in result.stderr and option in result.stderr and choice in result.stderr
    assert not home.exists()


@pytest.mark.parametrize(
    ("command", "choices"),
    [
        ("search", ("all", "documents", "cards")),
        ("export", ("jsonl", "parquet", "claims", "trends")),
        ("trends", ("signals", "concerns", "technologies", "table")),
    ],
)
def test_help_lists_the_choices(command: str, choices: tuple[str, ...]) -> None:
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for choice in choices:
        assert choice in result.output, (choice, result.output)


def test_the_choices_match_what_the_commands_accept() -> None:
    from workradar.publish.export import EXPORT_FORMATS, WHATS
    from workradar.store.search import SearchKind as StoreSearchKind
    from workradar.synthesize.commands import FORMATS
    from workradar.synthesize.items import ITEM_KINDS

    assert [f.value for f in ExportFormat] == list(EXPORT_FORMATS)
    assert [w.value for w in ExportWhat] == list(WHATS)
    assert [k.value for k in SearchKind] == list(get_args(StoreSearchKind))
    assert [k.value for k in TrendKind] == [*ITEM_KINDS, "all"]
    assert {f.value for f in TableFormat} == set(FORMATS)
    assert {f.value for f in PageFormat} < set(FORMATS)


# -- read-only commands on a workspace that does not exist -------------------------------


READ_ONLY = [
    ("status",),
    ("search", "jobs"),
    ("export", "--out", "{tmp}/cards.jsonl"),
    ("synthesize",),
    ("trends",),
    ("trends", "--no-update"),
    ("occupations",),
    ("topic", "jobs"),
    ("review", "--period", "2025"),
    ("site", "build", "{tmp}/site"),
    ("site", "build", "{tmp}/site", "--no-update"),
]


@pytest.mark.parametrize("args", READ_ONLY, ids=lambda a: " ".join(a))
def test_a_reading_command_on_a_missing_home_is_an_error_and_creates_nothing(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    home = tmp_path / "nowhere"
    result = run("--home", str(home), *(a.format(tmp=tmp_path) for a in args))
    assert_one_error_line(result, 2, f"workspace {home} does not exist", "workradar scan")
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_reading_command_on_a_folder_without_a_database_creates_none(tmp_path: Path) -> None:
    result = run("--home", str(tmp_path), "status")
    assert_one_error_line(result, 2, f"no workspace in {tmp_path}", "workradar scan")
    assert list(tmp_path.iterdir()) == []


def test_a_reading_command_on_a_missing_database_file_creates_none(tmp_path: Path) -> None:
    database = tmp_path / "sub" / "radar.db"
    result = run("--db", str(database), "search", "jobs")
    assert_one_error_line(result, 2, f"database {database} does not exist")
    assert list(tmp_path.iterdir()) == []


def test_scan_creates_the_workspace_and_then_reading_works(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    home = tmp_path / "new" / "ws"
    scanned = run("--home", str(home), "scan", str(source), "--backend", "minimal")
    assert scanned.exit_code == 0, scanned.output
    assert (home / "workradar.db").is_file()
    status = run("--home", str(home), "status", "--json")
    assert status.exit_code == 0, status.output


def test_an_unknown_database_kind_is_a_usage_error(tmp_path: Path) -> None:
    result = run("--home", str(tmp_path), "--db", "mysql://u@127.0.0.1/x", "status")
    assert_one_error_line(result, 2, "cannot open database")


def test_the_password_of_a_database_url_is_not_shown(tmp_path: Path) -> None:
    result = run("--db", "postgresql+psycopg://user:s3cret@127.0.0.1:9/x", "status")
    line = assert_one_error_line(result, 1, "cannot open database")
    assert "s3cret" not in line


# -- failures: exit 1, one line ------------------------------------------------------------


def test_an_unreadable_gold_file_is_a_failure_in_one_line(tmp_path: Path) -> None:
    gold = tmp_path / "broken.toml"
    gold.write_text('source = "a.md"\n[[numbers]\ntext = \n', encoding="utf-8")
    result = run("--home", str(tmp_path), "eval", str(gold), "--backend", "minimal")
    assert_one_error_line(result, 1, str(gold), "invalid TOML")


def test_a_gold_folder_without_gold_files_is_a_failure_in_one_line(tmp_path: Path) -> None:
    result = run("--home", str(tmp_path), "eval", str(tmp_path), "--backend", "minimal")
    assert_one_error_line(result, 1, "no *.toml gold files")


def test_a_missing_gold_path_is_a_usage_error(tmp_path: Path) -> None:
    result = run("eval", str(tmp_path / "missing.toml"), "--backend", "minimal")
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "does not exist" in result.stderr


def test_a_damaged_database_file_is_a_failure_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "workradar.db").write_text("not a database\n", encoding="utf-8")
    result = run("--home", str(tmp_path), "status")
    assert_one_error_line(result, 1, "cannot open database", "not a database")


def test_scan_of_nothing_is_a_failure_in_one_line(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("--home", str(tmp_path / "ws"), "scan", str(empty), "--backend", "minimal")
    assert_one_error_line(result, 1, "no documents found")


def test_an_unwritable_export_target_is_a_failure_in_one_line(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    home = tmp_path / "ws"
    assert run("--home", str(home), "scan", str(source), "--backend", "minimal").exit_code == 0
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    result = run("--home", str(home), "export", "--out", str(blocker / "cards.jsonl"))
    assert_one_error_line(result, 1, "cannot write")


def test_a_broken_config_is_a_usage_error_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "workradar.toml").write_text('[fetch]\nretries = "many"\n', encoding="utf-8")
    result = run("--home", str(tmp_path), "status")
    assert_one_error_line(result, 2, "invalid configuration", "fetch.retries")


# -- the family ------------------------------------------------------------------------------


def test_exit_codes_and_one_line_messages() -> None:
    assert WorkradarError("x").exit_code == 1
    assert StoreError("x").exit_code == 1
    assert UsageError("x").exit_code == 2
    assert WorkspaceNotFoundError("x").exit_code == 2
    assert ConfigError("x").exit_code == 2 and isinstance(ConfigError("x"), ValueError)
    assert WorkradarError("first\n  second\n\n").format_message() == "first; second"
    assert WorkradarError().format_message() == "WorkradarError"


def test_existing_errors_joined_the_family_and_kept_their_bases(tmp_path: Path) -> None:
    from workradar.config import load_settings
    from workradar.evaluate import GoldError, ReferenceError
    from workradar.evaluate.report import EvalDocumentError
    from workradar.ingest import FetchError, IngestError
    from workradar.synthesize.commands import CommandError

    assert issubclass(GoldError, WorkradarError) and issubclass(GoldError, ValueError)
    assert issubclass(ReferenceError, WorkradarError) and issubclass(ReferenceError, ValueError)
    assert issubclass(EvalDocumentError, WorkradarError) and issubclass(EvalDocumentError, RuntimeError)
    assert issubclass(CommandError, UsageError) and issubclass(CommandError, ValueError)
    assert issubclass(FetchError, WorkradarError) and issubclass(IngestError, WorkradarError)
    (tmp_path / "workradar.toml").write_text("workers = \n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(home=tmp_path)


def test_the_cli_module_loads_no_pipeline_module() -> None:
    """`workradar --help` stays fast: the pipeline is imported by the commands that use it."""
    code = (
        "import sys, workradar.cli\n"
        "heavy = ('workradar.analyze', 'workradar.ingest', 'workradar.store', 'workradar.publish',"
        " 'workradar.synthesize', 'workradar.evaluate', 'sqlalchemy')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)))\n"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"
