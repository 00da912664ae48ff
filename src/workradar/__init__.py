"""workradar: horizon scanning of AI's impact on work.

The public API: the card and document types, settings, the error family,
and the analyzer entry points (backends and card components). Every name but
the errors is imported on first use, so `import workradar` (and with it
`workradar --help`) loads neither pydantic nor any pipeline module.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

from workradar.errors import UsageError, WorkradarError

if TYPE_CHECKING:
    from workradar.analyze import (
        Analyzer,
        Component,
        Pipeline,
        available_backends,
        available_components,
        component,
        factory,
        get_analyzer,
        register_analyzer,
    )
    from workradar.config import Settings, load_settings
    from workradar.models import (
        CARD_SCHEMA,
        AnalyzerInfo,
        Card,
        Claim,
        Document,
        Evidence,
        Item,
        Occupation,
        Organization,
        Policy,
        Signal,
        card_json_schema,
    )

# Public name -> module it lives in, imported when first asked for.
_LAZY = {
    **dict.fromkeys(
        (
            "CARD_SCHEMA",
            "AnalyzerInfo",
            "Card",
            "Claim",
            "Document",
            "Evidence",
            "Item",
            "Occupation",
            "Organization",
            "Policy",
            "Signal",
            "card_json_schema",
        ),
        "workradar.models",
    ),
    "Analyzer": "workradar.analyze",
    "Component": "workradar.analyze",
    "Pipeline": "workradar.analyze",
    "available_backends": "workradar.analyze",
    "available_components": "workradar.analyze",
    "component": "workradar.analyze",
    "factory": "workradar.analyze",
    "get_analyzer": "workradar.analyze",
    "register_analyzer": "workradar.analyze",
    "Settings": "workradar.config",
    "load_settings": "workradar.config",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'workradar' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
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
