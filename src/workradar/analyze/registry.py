"""The `Analyzer` interface and the backend registry.

An analyzer turns one `Document` into one `Card`. Built-in backends are
listed by name in `BUILTIN_BACKENDS` (module and factory, imported on first
use so that importing workradar loads no model); third-party backends
register with `@register_analyzer` or through the `workradar.analyzers`
entry-point group.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from workradar.errors import UsageError
from workradar.models import Card, Document

if TYPE_CHECKING:
    from workradar.config import Settings


@runtime_checkable
class Analyzer(Protocol):
    """Turns a document into a signal card. Implementations must be
    deterministic for a given (document, version) unless they say otherwise."""

    name: str
    version: str

    def analyze(self, document: Document) -> Card: ...


AnalyzerFactory = Callable[["Settings"], Analyzer]

ENTRY_POINT_GROUP = "workradar.analyzers"

# Built-in backend name -> "module:factory".
BUILTIN_BACKENDS: dict[str, str] = {
    "minimal": "workradar.analyze.backends.minimal:MinimalAnalyzer.from_settings",
    "embedded": "workradar.analyze.backends.embedded:EmbeddedAnalyzer.from_settings",
    "llm": "workradar.analyze.backends.llm:LLMAnalyzer.from_settings",
    "hybrid": "workradar.analyze.backends.hybrid:HybridAnalyzer.from_settings",
}

_REGISTRY: dict[str, AnalyzerFactory] = {}


class UnknownBackendError(UsageError, ValueError):
    """No backend is registered, installed or built in under the name asked for."""


def plugin(group: str, name: str) -> Any | None:
    """What an installed plugin exports as `name` in the entry-point `group`, or None."""
    return next((ep.load() for ep in entry_points(group=group, name=name)), None)


def plugin_names(group: str) -> set[str]:
    """The names installed plugins export in the entry-point `group`."""
    return {ep.name for ep in entry_points(group=group)}


def register_analyzer(name: str) -> Callable[[AnalyzerFactory], AnalyzerFactory]:
    """Decorator registering a factory `(settings) -> Analyzer` under `name`."""

    def decorate(make: AnalyzerFactory) -> AnalyzerFactory:
        _REGISTRY[name] = make
        return make

    return decorate


def _builtin(spec: str) -> AnalyzerFactory:
    module, _, attr = spec.partition(":")
    target: object = import_module(module)
    for part in attr.split("."):
        target = getattr(target, part)
    return target  # type: ignore[return-value]


def _resolve(name: str) -> AnalyzerFactory | None:
    if name in _REGISTRY:
        return _REGISTRY[name]
    loaded = plugin(ENTRY_POINT_GROUP, name)
    if loaded is not None:
        return _REGISTRY.setdefault(name, loaded)
    if name in BUILTIN_BACKENDS:
        return _REGISTRY.setdefault(name, _builtin(BUILTIN_BACKENDS[name]))
    return None


def available_backends() -> list[str]:
    return sorted(set(_REGISTRY) | set(BUILTIN_BACKENDS) | plugin_names(ENTRY_POINT_GROUP))


def get_analyzer(name: str, settings: Settings) -> Analyzer:
    """Build the analyzer registered as `name`."""
    make = _resolve(name)
    if make is None:
        raise UnknownBackendError(f"unknown backend {name!r}; available: {', '.join(available_backends())}")
    return make(settings)
