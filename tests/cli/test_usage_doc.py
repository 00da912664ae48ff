"""docs/usage.md shows real commands: every command it shows runs and exits 0 on a
workspace built like `make demo` builds it, and the outputs that depend only on the
example corpus and the analyzer are still the ones the document shows.

The commands and the workspace come from scripts/make_usage_doc.py, which writes the
document; when an output legitimately changes, run that script again.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "usage.md"
TEMPLATE = REPO / "docs" / "usage.md.in"


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_usage_doc", REPO / "scripts" / "make_usage_doc.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve their annotations through sys.modules
    spec.loader.exec_module(module)
    return module


script = _load_script()
COMMANDS = script.commands()


def _id(index: int) -> str:
    words = re.sub(r"^workradar (--home demo )?", "", COMMANDS[index].line)
    return f"{index:02d}-" + "-".join(re.findall(r"[\w-]+", words)[:3])


def _documented() -> list[tuple[str, str]]:
    return script.parse_document(DOC.read_text(encoding="utf-8"))


def test_document_shows_exactly_the_scripts_commands() -> None:
    shown = [command for command, _ in _documented()]
    assert shown == [c.line for c in COMMANDS], "docs/usage.md is stale: run scripts/make_usage_doc.py"


def test_template_has_one_placeholder_per_block() -> None:
    used = script.PLACEHOLDER.findall(TEMPLATE.read_text(encoding="utf-8"))
    assert sorted(used) == sorted(script.BLOCKS)


def test_no_machine_path_in_the_document() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert str(REPO) not in text
    assert "/tmp/" not in text


def test_cut_names_the_sections_it_leaves_out() -> None:
    text = "# T\n\n## A\n\none\n\n## B\n\ntwo\n\n## C\n"
    command = script.Command("x", cut_before="## B", note=script.SECTIONS)
    assert script.cut(text, command) == "# T\n\n## A\n\none\n… (B, C follow)"
    assert script.cut(text, script.Command("x", head=3)) == "# T\n\n## A\n… (cut)"
    assert script.cut(text, script.Command("x", cut_before="## Z")) == text.rstrip("\n")


def test_normalise_removes_the_workspace_folder(tmp_path: Path) -> None:
    line = (
        f"workspace database: sqlite:///{tmp_path}/demo/workradar.db   \nopen {tmp_path}/demo/site/index.html"
    )
    assert script.normalise(line, tmp_path) == (
        "workspace database: sqlite:///demo/workradar.db\nopen demo/site/index.html"
    )


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> list[Any]:
    """Every command of the document, run in order in a fresh demo workspace."""
    return list(script.run_all(tmp_path_factory.mktemp("usage")))


@pytest.mark.slow
@pytest.mark.parametrize("index", range(len(COMMANDS)), ids=[_id(i) for i in range(len(COMMANDS))])
def test_command_exits_0(results: list[Any], index: int) -> None:
    result = results[index]
    assert result.command == COMMANDS[index]
    assert result.returncode == 0, f"`{COMMANDS[index].line}` failed:\n{result.output}"


STABLE = [i for i, c in enumerate(COMMANDS) if c.stable]


@pytest.mark.slow
@pytest.mark.parametrize("index", STABLE, ids=[_id(i) for i in STABLE])
def test_stable_output_matches_the_document(results: list[Any], index: int) -> None:
    documented = _documented()
    command, output = documented[index]
    assert command == COMMANDS[index].line
    assert results[index].output == output, (
        f"the output of `{command}` differs from docs/usage.md: run scripts/make_usage_doc.py"
    )
