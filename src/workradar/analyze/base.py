"""The `Analyzer` interface and the backend registry.

An analyzer turns one `Document` into one `Card`. Backends register under a
name (`embedded`, `llm`, `hybrid`, …); third-party backends can register via
the `workradar.analyzers` entry-point group.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Protocol, runtime_checkable

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

_REGISTRY: dict[str, AnalyzerFactory] = {}
_ENTRY_POINT_GROUP = "workradar.analyzers"


class UnknownBackendError(ValueError):
    pass


def register_analyzer(name: str) -> Callable[[AnalyzerFactory], AnalyzerFactory]:
    """Decorator registering a factory `(settings) -> Analyzer` under `name`."""

    def decorate(factory: AnalyzerFactory) -> AnalyzerFactory:
        _REGISTRY[name] = factory
        return factory

    return decorate


def _load_builtin_backends() -> None:
    # Imported for their registration side effect; kept lazy so that importing
    # workradar does not load models.
    from workradar.analyze import backends  # noqa: F401


def _load_entry_points() -> None:
    for ep in entry_points(group=_ENTRY_POINT_GROUP):
        if ep.name not in _REGISTRY:
            _REGISTRY[ep.name] = ep.load()


def available_backends() -> list[str]:
    _load_builtin_backends()
    _load_entry_points()
    return sorted(_REGISTRY)


def get_analyzer(name: str, settings: Settings) -> Analyzer:
    """Build the analyzer registered as `name`."""
    names = available_backends()
    if name not in _REGISTRY:
        raise UnknownBackendError(f"unknown backend {name!r}; available: {', '.join(names)}")
    return _REGISTRY[name](settings)
