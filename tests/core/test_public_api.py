"""The public API is what `workradar.__all__` lists: pinned, importable, and light to import."""

from __future__ import annotations

import subprocess
import sys

import workradar

PUBLIC = [
    "CARD_SCHEMA",
    "Analyzer",
    "AnalyzerInfo",
    "Card",
    "Claim",
    "Component",
    "Document",
    "Evidence",
    "Item",
    "Occupation",
    "Organization",
    "Pipeline",
    "Policy",
    "Settings",
    "Signal",
    "UsageError",
    "WorkradarError",
    "__version__",
    "available_backends",
    "available_components",
    "card_json_schema",
    "component",
    "factory",
    "get_analyzer",
    "load_settings",
    "register_analyzer",
]


def test_exported_names_are_pinned() -> None:
    assert workradar.__all__ == PUBLIC


def test_every_exported_name_resolves() -> None:
    for name in workradar.__all__:
        assert getattr(workradar, name) is not None, name
    assert workradar.get_analyzer is __import__("workradar.analyze", fromlist=["x"]).get_analyzer


def test_an_unknown_name_is_an_attribute_error() -> None:
    try:
        workradar.no_such_thing  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as exc:
        assert "no_such_thing" in str(exc)
    else:
        raise AssertionError("no AttributeError")


def test_importing_workradar_loads_no_analyzer_store_or_model() -> None:
    code = (
        "import sys, workradar; heavy = [m for m in ('workradar.analyze', 'workradar.store', 'sqlalchemy', "
        "'numpy', 'lingua', 'openai') if m in sys.modules]; print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == ""
