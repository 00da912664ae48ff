"""The stages import only what comes before them (docs/architecture.md, "Dependency rules").

Every `import` and `from … import` in the package is read, including those
inside functions, so a lazy import that runs back up the pipeline fails too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import workradar

PACKAGE = Path(workradar.__file__).parent
BASE = {"models", "errors", "config", "languages", "cachedir", "phenomena"}
ALLOWED: dict[str, set[str]] = {
    "errors": set(),
    "models": set(),
    "cachedir": set(),
    "config": {"errors"},
    "languages": {"errors", "cachedir"},
    "phenomena": {"errors", "models"},
    "ingest": BASE,
    "analyze": BASE,
    "store": BASE,
    "synthesize": BASE | {"analyze", "store"},
    "publish": BASE | {"analyze", "store", "synthesize"},
    "evaluate": BASE | {"ingest", "analyze"},
    "scan": BASE | {"ingest", "analyze", "store"},
}
ENTRY_POINTS = {"__init__", "__main__", "cli"}  # the public API and the CLI may use every stage


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "workradar" and len(parts) > 1 else None


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_no_stage_imports_a_later_one() -> None:
    wrong: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        stage = rel.parts[0].removesuffix(".py")
        if stage in ENTRY_POINTS:
            continue
        assert stage in ALLOWED, f"{rel}: a new stage? add it to the rules here and in docs/architecture.md"
        for module in _imports(path):
            target = _stage(module)
            if target and target != stage and target not in ALLOWED[stage]:
                wrong.append(f"{rel} imports {module}")
    assert not wrong, "\n".join(wrong)


def test_the_rule_catches_a_backward_import(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from workradar.publish.site import build_site\n", encoding="utf-8")
    assert "workradar.publish.site" in _imports(module)
    assert "publish" not in ALLOWED["analyze"]
