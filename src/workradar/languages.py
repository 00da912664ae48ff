"""Language packs: what workradar knows about a language, as data in one folder.

A pack is a folder named by the language's ISO 639-1 code holding TOML
parts: `words.toml` (stopwords, month names, function words), `cues.toml`,
`numbers.toml`, `occupations.toml`, `organizations.toml`, `policies.toml`, …
The packs shipped with workradar live in `workradar/data/lang/<code>/`.
Further pack folders come from `WORKRADAR_LANG_PATH` (folders separated by
the OS path separator) or `add_pack_path()`; each holds `<code>/` folders.
A part found there replaces the shipped part of the same name, so a user can
add a language, or correct one, without touching the package.

Every analyzer module reads language data through `pack_part()`, which
caches each part once per process.
"""

from __future__ import annotations

import os
import tomllib
from functools import cache, lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from workradar.errors import UsageError

LANG_PATH_ENV = "WORKRADAR_LANG_PATH"
FALLBACK = "en"


def _shipped_root() -> Traversable:
    return resources.files("workradar") / "data" / "lang"


def _shipped_codes() -> tuple[str, ...]:
    return tuple(sorted(p.name for p in _shipped_root().iterdir() if p.is_dir() and not p.name.startswith("_")))


LANGUAGES: tuple[str, ...] = _shipped_codes()
"""The languages whose packs ship with workradar."""

_extra_paths: list[Path] = []


class LanguagePackError(UsageError):
    """A language pack part that cannot be read."""


def add_pack_path(path: Path) -> None:
    """Look for language packs in `path` too (before the shipped ones)."""
    _extra_paths.insert(0, Path(path))
    _clear_caches()


def remove_pack_path(path: Path) -> None:
    """Undo `add_pack_path(path)`."""
    _extra_paths.remove(Path(path))
    _clear_caches()


def _clear_caches() -> None:
    _pack_roots.cache_clear()
    pack_part.cache_clear()


@lru_cache(maxsize=1)
def _pack_roots() -> tuple[Path, ...]:
    env = [Path(p) for p in os.environ.get(LANG_PATH_ENV, "").split(os.pathsep) if p]
    return (*_extra_paths, *env)


def languages() -> tuple[str, ...]:
    """Every language with a pack: shipped ones and those in the extra pack folders."""
    codes = set(LANGUAGES)
    for root in _pack_roots():
        if root.is_dir():
            codes.update(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("_"))
    return tuple(sorted(codes))


def has_pack(code: str | None) -> bool:
    return bool(code) and code in languages()


def _part_file(code: str, part: str) -> Traversable | None:
    for root in _pack_roots():
        candidate = root / code / f"{part}.toml"
        if candidate.is_file():
            return candidate
    shipped = _shipped_root() / code / f"{part}.toml"
    return shipped if shipped.is_file() else None


@cache
def pack_part(code: str, part: str) -> dict[str, Any]:
    """The TOML part `part` of language `code`'s pack; empty when the pack has none."""
    found = _part_file(code, part)
    if found is None:
        return {}
    try:
        return tomllib.loads(found.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise LanguagePackError(f"language pack {code}/{part}.toml cannot be read: {exc}") from exc


def pack_language(code: str | None) -> str:
    """`code` when it has a pack, else the fallback language."""
    return code if code and has_pack(code) else FALLBACK
