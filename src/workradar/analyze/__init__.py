"""Analysis stage: Document -> Card.

A backend (`embedded`, `llm`, `hybrid`, `minimal`, or a plugin's) turns a
document into a card; the extractive backends run a pipeline of card
components, one per card section (`components`).
"""

from workradar.analyze.components import (
    Component,
    Pipeline,
    PipelineError,
    UnknownComponentError,
    available_components,
    component,
    factory,
    get_component,
)
from workradar.analyze.registry import (
    Analyzer,
    UnknownBackendError,
    available_backends,
    get_analyzer,
    register_analyzer,
)

__all__ = [
    "Analyzer",
    "Component",
    "Pipeline",
    "PipelineError",
    "UnknownBackendError",
    "UnknownComponentError",
    "available_backends",
    "available_components",
    "component",
    "factory",
    "get_analyzer",
    "get_component",
    "register_analyzer",
]
