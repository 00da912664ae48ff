"""Card components: one per card section, registered by name, run as a pipeline.

A component reads the `AnalysisContext` (text, language, content sentences,
their embeddings) and the card fields earlier components filled (`reads`),
and returns the card fields it fills (`fills`). A backend is a list of
component names (`[pipelines]` in `workradar.toml`), so a section can be
replaced or added without touching the backend.

Components come from three places, looked up in this order: ones registered
in this process with `@component` / `@factory`; the `workradar.components`
entry-point group of installed plugins; the built-in table below. The table
names modules, not objects, so nothing is imported until a pipeline needs it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from workradar.analyze.registry import plugin, plugin_names
from workradar.errors import UsageError, WorkradarError

if TYPE_CHECKING:
    from workradar.analyze.context import AnalysisContext
    from workradar.config import Settings

ENTRY_POINT_GROUP = "workradar.components"

# Built-in component name -> module that registers it.
BUILTIN_COMPONENTS: dict[str, str] = {
    "summary": "workradar.analyze.extract.summary",
    "keywords": "workradar.analyze.extract.keywords",
    "themes": "workradar.analyze.extract.themes",
    "type": "workradar.analyze.extract.classify",
    "category": "workradar.analyze.extract.classify",
    "signals": "workradar.analyze.extract.signals",
    "technologies": "workradar.analyze.extract.technologies",
    "concerns": "workradar.analyze.extract.cued_items",
    "behaviors": "workradar.analyze.extract.cued_items",
    "issues": "workradar.analyze.extract.cued_items",
    "claims": "workradar.analyze.extract.claims",
    "organizations": "workradar.analyze.extract.organizations",
    "occupations": "workradar.analyze.extract.occupations",
    "policies": "workradar.analyze.extract.policies",
    "stakeholders": "workradar.analyze.extract.stakeholders",
    "phenomena": "workradar.analyze.extract.phenomena",
}


@runtime_checkable
class Component(Protocol):
    """Fills some card fields of one document."""

    @property
    def name(self) -> str: ...

    @property
    def reads(self) -> tuple[str, ...]:
        """Card fields that must be filled before this component runs."""
        ...

    @property
    def fills(self) -> tuple[str, ...]:
        """Card fields this component returns (and only those)."""
        ...

    def __call__(self, ctx: AnalysisContext, card: Mapping[str, Any]) -> dict[str, Any]: ...


ComponentFn = Callable[["AnalysisContext", Mapping[str, Any]], dict[str, Any]]
ComponentFactory = Callable[["Settings"], Component]


@dataclass(frozen=True)
class FunctionComponent:
    """A component made from a plain function (see `component`)."""

    name: str
    fills: tuple[str, ...]
    reads: tuple[str, ...]
    run: ComponentFn

    def __call__(self, ctx: AnalysisContext, card: Mapping[str, Any]) -> dict[str, Any]:
        return self.run(ctx, card)


class UnknownComponentError(UsageError):
    """A pipeline names a component nobody registered."""


class PipelineError(UsageError):
    """A pipeline whose components cannot run in the order given."""


class ComponentOutputError(WorkradarError, RuntimeError):
    """A component returned fields other than the ones it declared."""


_FACTORIES: dict[str, ComponentFactory] = {}


def factory(name: str) -> Callable[[ComponentFactory], ComponentFactory]:
    """Register `(settings) -> Component` under `name` (for components with configuration)."""

    def decorate(make: ComponentFactory) -> ComponentFactory:
        _FACTORIES[name] = make
        return make

    return decorate


def component(
    name: str, *, fills: Sequence[str], reads: Sequence[str] = ()
) -> Callable[[ComponentFn], ComponentFn]:
    """Register a stateless function `(ctx, card) -> {field: value}` as the component `name`."""

    def decorate(fn: ComponentFn) -> ComponentFn:
        made = FunctionComponent(name=name, fills=tuple(fills), reads=tuple(reads), run=fn)
        _FACTORIES[name] = lambda settings: made
        return fn

    return decorate


def _resolve(name: str) -> ComponentFactory | None:
    if name in _FACTORIES:
        return _FACTORIES[name]
    loaded = plugin(ENTRY_POINT_GROUP, name)
    if loaded is not None:
        return _FACTORIES.setdefault(name, loaded)
    module = BUILTIN_COMPONENTS.get(name)
    if module is not None:
        import_module(module)  # registers its components
    return _FACTORIES.get(name)


def available_components() -> list[str]:
    """Names of every component that a pipeline can list."""
    return sorted(set(_FACTORIES) | set(BUILTIN_COMPONENTS) | plugin_names(ENTRY_POINT_GROUP))


def get_component(name: str, settings: Settings) -> Component:
    """Build the component registered as `name`."""
    make = _resolve(name)
    if make is None:
        raise UnknownComponentError(
            f"unknown component {name!r}; available: {', '.join(available_components())}"
        )
    built = make(settings)
    if not isinstance(built, Component):
        raise UnknownComponentError(f"component {name!r} does not provide name, reads, fills and __call__")
    return built


class Pipeline:
    """Components run in order; each sees the fields of those before it."""

    def __init__(self, components: Sequence[Component], *, given: Sequence[str] = ()) -> None:
        filled = set(given)
        for comp in components:
            missing = [f for f in comp.reads if f not in filled]
            if missing:
                raise PipelineError(
                    f"component {comp.name!r} reads {', '.join(missing)}, which no component before it fills"
                )
            # A component may refine a field it reads (phenomena link the signals); any
            # other field filled twice is a configuration mistake.
            twice = [f for f in comp.fills if f in filled and f not in comp.reads]
            if twice:
                raise PipelineError(f"component {comp.name!r} fills {', '.join(twice)}, already filled")
            filled.update(comp.fills)
        self.components = tuple(components)

    @classmethod
    def from_names(cls, names: Sequence[str], settings: Settings, *, given: Sequence[str] = ()) -> Pipeline:
        return cls([get_component(n, settings) for n in names], given=given)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.components)

    def run(self, ctx: AnalysisContext, card: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Card fields from every component, on top of `card` (fields filled elsewhere)."""
        fields: dict[str, Any] = dict(card or {})
        for comp in self.components:
            out = comp(ctx, fields)
            extra = set(out) - set(comp.fills)
            if extra:
                raise ComponentOutputError(
                    f"component {comp.name!r} returned {', '.join(sorted(extra))}, which it does not declare"
                )
            fields.update(out)
        return fields
