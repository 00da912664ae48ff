"""The phenomena library: named changes in the world of work that signals are matched to
(matching itself is the analyzer's: `analyze/extract/phenomena.py`).

The packaged library (`data/phenomena.toml`) is replaced by the `phenomena.file` setting
and extended by `phenomena.extra` (an extra entry with a known id replaces that entry).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from workradar.errors import ConfigError
from workradar.models import Phenomenon

# Languages every packaged entry has prototypes in (docs/phenomena.md).
PROTOTYPE_LANGUAGES = ("en", "nl", "de", "fr", "es", "it", "pt")


class PhenomenaError(ConfigError):
    """A phenomena file is missing, unreadable or malformed."""


@dataclass
class PhenomenaLibrary:
    """The entries of one or more phenomena files, in order, with their version."""

    entries: list[Phenomenon]
    version: str = ""
    sources: tuple[str, ...] = ("default",)
    # Prototype vectors per embedder name, filled by the analyzer's matcher.
    vectors: dict[str, Any] = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, phenomenon_id: str) -> Phenomenon | None:
        return next((p for p in self.entries if p.id == phenomenon_id), None)


def _read(path: Path | None) -> tuple[str, str]:
    """(TOML text, source label) of a phenomena file, or of the packaged one."""
    if path is None:
        return resources.files("workradar").joinpath("data/phenomena.toml").read_text(
            encoding="utf-8"
        ), "default"
    try:
        return Path(path).read_text(encoding="utf-8"), str(path)
    except OSError as exc:
        raise PhenomenaError(f"cannot read phenomena file {path}: {exc.strerror or exc}") from exc


def _parse(raw: str, source: str) -> tuple[str, list[Phenomenon]]:
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise PhenomenaError(f"phenomena file {source} is not valid TOML: {exc}") from exc
    entries: list[Phenomenon] = []
    for number, item in enumerate(data.get("phenomena", []), start=1):
        try:
            entry = Phenomenon.model_validate(item)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            label = item.get("id", f"entry {number}") if isinstance(item, dict) else f"entry {number}"
            raise PhenomenaError(f"phenomena file {source}, {label}: {where}: {first['msg']}") from exc
        if not any(entry.prototypes.values()):
            raise PhenomenaError(f"phenomena file {source}, {entry.id}: needs at least one prototype")
        entries.append(entry)
    return str(data.get("version", "")), entries


def load_phenomena(path: Path | None = None, extra: Iterable[Path] = ()) -> PhenomenaLibrary:
    """The library at `path` (the packaged one when None), extended by the `extra` files."""
    raw, source = _read(path)
    version, entries = _parse(raw, source)
    ids = [entry.id for entry in entries]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise PhenomenaError(f"phenomena file {source}: duplicate ids {', '.join(duplicates)}")
    sources = [source]
    by_id = {entry.id: entry for entry in entries}
    for extra_path in extra:
        extra_raw, extra_source = _read(extra_path)
        extra_version, extra_entries = _parse(extra_raw, extra_source)
        for entry in extra_entries:
            by_id[entry.id] = entry  # a known id: the extension replaces the entry
        sources.append(extra_source)
        if extra_version:
            version = f"{version}+{extra_version}" if version else extra_version
    return PhenomenaLibrary(entries=list(by_id.values()), version=version, sources=tuple(sources))


def library_dicts(library: PhenomenaLibrary) -> list[dict[str, object]]:
    """The entries as plain data: every field, with `prototypes` a map language -> phrasings."""
    return [entry.model_dump(mode="json") for entry in library.entries]


def library_markdown(library: PhenomenaLibrary) -> str:
    """The library as a Markdown document grouped by first theme, one section per entry."""
    lines = [
        "# Phenomena library",
        "",
        f"Version {library.version or 'unversioned'} · {len(library)} entries · "
        f"source: {', '.join(library.sources)}",
        "",
    ]
    by_theme: dict[str, list[Phenomenon]] = {}
    for entry in library.entries:
        by_theme.setdefault(entry.themes[0] if entry.themes else "other", []).append(entry)
    for theme in sorted(by_theme):
        lines += [f"## {theme}", ""]
        for entry in by_theme[theme]:
            lines += [f"### {entry.name}", "", f"`{entry.id}` — {entry.description}", ""]
            if entry.change:
                lines.append(f"- **Change:** {entry.change}")
            if entry.ten_year:
                lines.append(f"- **10-year outlook:** {entry.ten_year}")
            if entry.driving_forces:
                lines.append(f"- **Driving forces:** {'; '.join(entry.driving_forces)}")
            if len(entry.themes) > 1:
                lines.append(f"- **Also:** {', '.join(entry.themes[1:])}")
            if entry.stakeholders:
                lines.append(f"- **Stakeholders:** {', '.join(entry.stakeholders)}")
            if entry.isco:
                lines.append(f"- **ISCO-08:** {', '.join(entry.isco)}")
            languages = ", ".join(sorted(language for language, p in entry.prototypes.items() if p))
            lines += [f"- **Prototypes:** {languages}", ""]
    return "\n".join(lines).rstrip() + "\n"
