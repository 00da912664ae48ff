"""Gold files: what a careful reader must find in one document (and what must
not appear on its card). One TOML file per document; see docs/eval.md.

Validation is strict (unknown keys are errors) because a typo in a gold file
would otherwise silently weaken the measurement.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from workradar.errors import WorkradarError
from workradar.models import Effect, Stance, check_isco


class GoldError(WorkradarError, ValueError):
    """An unreadable or invalid gold file; the message names the file and field."""


class _Gold(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class GoldNumber(_Gold):
    """A figure the card must report as a claim."""

    text: str = Field(min_length=1, description="The figure exactly as written in the document.")
    value: float = Field(description="Fully scaled value; percentages as percent numbers.")
    unit: str = Field(min_length=1, description='"%", "pp", ISO currency, "x", a duration, or "count".')
    stance: Stance | None = Field(
        default=None, description="What the figure is evidence of, as the text uses it (scored when given)."
    )
    note: str = Field(default="", description="Free text for human readers; not used in scoring.")


class GoldOrganization(_Gold):
    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)


class GoldPolicy(_Gold):
    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    jurisdiction: str = ""


class GoldOccupation(_Gold):
    mention: str = Field(min_length=1, description="The occupation as the document names it.")
    aliases: list[str] = Field(default_factory=list, description="Other ways the document names it.")
    isco: str = Field(default="", description="ISCO-08 code, 1-4 digits (2+ recommended).")
    effect: Effect | None = None

    @field_validator("isco")
    @classmethod
    def _isco_digits(cls, value: str) -> str:
        return check_isco(value)


class GoldDocument(_Gold):
    """The gold checks for one document."""

    source: str = Field(min_length=1, description="Document path, relative to the repo root or absolute.")
    language: str = Field(default="", description="ISO 639-1 code of the document.")
    title: str = ""
    forbidden: list[str] = Field(default_factory=list, description="Text that must not appear on the card.")
    reference_card: str | None = Field(
        default=None,
        description="A reference card (JSON or the inspiring text format), relative to the gold file.",
    )
    numbers: list[GoldNumber] = Field(default_factory=list)
    organizations: list[GoldOrganization] = Field(default_factory=list)
    policies: list[GoldPolicy] = Field(default_factory=list)
    occupations: list[GoldOccupation] = Field(default_factory=list)

    # Where the gold file itself lives; set by the loader, not part of the TOML.
    _path: Path | None = PrivateAttr(default=None)

    @property
    def path(self) -> Path | None:
        return self._path

    @field_validator("forbidden")
    @classmethod
    def _no_empty_forbidden(cls, values: list[str]) -> list[str]:
        for value in values:
            if not value.strip():
                raise ValueError("forbidden strings must not be empty")
        return values

    @property
    def name(self) -> str:
        return self.path.stem if self.path else Path(self.source).stem

    def resolve_source(self, root: Path | None = None) -> Path:
        """The document's path. Relative sources are tried against `root` (default:
        the working directory), then against each ancestor of the gold file, so a
        gold set works whether `workradar eval` runs from the repo root or not."""
        source = Path(self.source).expanduser()
        if source.is_absolute():
            return source
        bases: list[Path] = [root or Path.cwd()]
        if self.path is not None:
            bases.extend(self.path.resolve().parents)
        for base in bases:
            candidate = base / source
            if candidate.exists():
                return candidate
        where = f" (gold file {self.path})" if self.path else ""
        raise GoldError(
            f"source {self.source!r} not found relative to {bases[0]} or the gold file's folders{where}"
        )

    def resolve_reference(self) -> Path | None:
        if self.reference_card is None:
            return None
        ref = Path(self.reference_card).expanduser()
        if not ref.is_absolute() and self.path is not None:
            ref = self.path.parent / ref
        if not ref.is_file():
            raise GoldError(
                f"{self.path}: reference_card {self.reference_card!r} not found (looked at {ref})"
            )
        return ref


def _format_validation_error(path: Path, error: ValidationError) -> str:
    problems = []
    for item in error.errors():
        location = ".".join(str(part) for part in item["loc"]) or "(top level)"
        problems.append(f"{path}: {location}: {item['msg']}")
    return "; ".join(problems)


def load_gold_file(path: Path) -> GoldDocument:
    """Parse and validate one gold TOML file."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GoldError(f"{path}: cannot read gold file: {exc.strerror or exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise GoldError(f"{path}: invalid TOML: {exc}") from exc
    try:
        gold = GoldDocument.model_validate(raw)
    except ValidationError as exc:
        raise GoldError(_format_validation_error(path, exc)) from exc
    gold._path = path
    return gold


def load_gold(path: Path) -> list[GoldDocument]:
    """One gold file, or every `*.toml` under a directory (recursively, sorted)."""
    if path.is_dir():
        files = sorted(p for p in path.rglob("*.toml") if p.is_file())
        if not files:
            raise GoldError(f"{path}: no *.toml gold files in this directory")
        return [load_gold_file(p) for p in files]
    if not path.exists():
        raise GoldError(f"{path}: no such gold file or directory")
    return [load_gold_file(path)]
