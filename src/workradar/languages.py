"""Language packs: what workradar knows about a language, as data in one folder.

A pack is a folder named by the language's ISO 639-1 code holding TOML
parts: `words.toml` (stopwords, interface words, abbreviations, traits),
`numbers.toml`, `cues.toml`, `boilerplate.toml`, `claims.toml`,
`occupations.toml` and `occupation_rules.toml`, `organizations.toml`,
`policies.toml`, … (docs/languages.md lists every part and its keys).
The packs shipped with workradar live in `workradar/data/lang/<code>/`;
`data/lang/_common/` holds the language-neutral lists (symbols, product names).
Further pack folders come from `WORKRADAR_LANG_PATH` (folders separated by
the OS path separator) or `add_pack_path()`; each holds `<code>/` folders.
A part found there replaces the shipped part of the same name, so a user can
add a language, or correct one, without touching the package.

Every analyzer module reads language data through `pack_part()` (or the
typed helpers below), which caches each part once per process. Tables a
module builds from pack data are cached with `pack_cache`, per language, so
a language costs nothing until a document in it arrives, and adding a pack
folder empties every such cache.

Some word lists are *pooled*: read from every pack (the neutral one first)
and used for every document whatever its language (`pooled_words`,
`pooled_table`), because texts mix languages ("5 Prozent" in an English
quote, "CEO" in Dutch).
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import re
import tomllib
from collections.abc import Callable
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar, cast

from workradar.cachedir import user_cache_dir
from workradar.errors import UsageError

_log = logging.getLogger(__name__)

LANG_PATH_ENV = "WORKRADAR_LANG_PATH"
FALLBACK = "en"
COMMON = "_common"
"""The pack folder of language-neutral lists, pooled with the languages."""

# A pack folder name: an ISO 639 code, optionally with a region or script ("pt-br").
_CODE = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?")


def _shipped_root() -> Traversable:
    return resources.files("workradar") / "data" / "lang"


def _shipped_codes() -> tuple[str, ...]:
    return tuple(
        sorted(p.name for p in _shipped_root().iterdir() if p.is_dir() and not p.name.startswith("_"))
    )


LANGUAGES: tuple[str, ...] = _shipped_codes()
"""The languages whose packs ship with workradar."""

_extra_paths: list[Path] = []
_dependent_caches: list[Callable[[], None]] = []

F = TypeVar("F", bound=Callable[..., Any])


class LanguagePackError(UsageError):
    """A language pack part that cannot be read, or a key of the wrong type."""


def pack_cache(func: F) -> F:
    """`functools.cache` for a function of pack data (a table built per language):
    emptied whenever the pack folders change."""
    cached = functools.cache(func)
    _dependent_caches.append(cached.cache_clear)
    return cast(F, cached)


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
    for clear in _dependent_caches:
        clear()


@functools.lru_cache(maxsize=1)
def _pack_roots() -> tuple[Path, ...]:
    env = [Path(p) for p in os.environ.get(LANG_PATH_ENV, "").split(os.pathsep) if p]
    return (*_extra_paths, *env)


@pack_cache
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


@functools.cache
def pack_part(code: str, part: str) -> dict[str, Any]:
    """The TOML part `part` of language `code`'s pack (or of the neutral pack `COMMON`);
    empty when the pack has none or `code` is no language code."""
    if code != COMMON and not _CODE.fullmatch(code):
        return {}
    found = _part_file(code, part)
    if found is None:
        return {}
    try:
        return _parse(found.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise LanguagePackError(f"language pack {code}/{part}.toml cannot be read: {exc}") from exc


def _parse(text: str) -> dict[str, Any]:
    """`text` parsed as TOML, through a JSON copy in the user cache keyed by the
    text's hash: parsing every pack's TOML costs a quarter of a second at each
    start, reading JSON a hundredth of that."""
    cached = user_cache_dir() / "lang" / f"{hashlib.sha256(text.encode()).hexdigest()}.json"
    try:
        data: dict[str, Any] = json.loads(cached.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = tomllib.loads(text)  # no usable copy yet: parse, and keep one for the next start
        _store_json(cached, data)
    return data


def _store_json(path: Path, data: dict[str, Any]) -> None:
    try:
        encoded = json.dumps(data, ensure_ascii=False)
    except (TypeError, ValueError) as exc:  # TOML dates have no JSON form
        _log.debug("language pack part kept as TOML only: %s", exc)
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(encoded, encoding="utf-8")
        temporary.replace(path)
    except OSError as exc:  # a read-only cache only costs time
        _log.debug("language pack cache not written at %s: %s", path, exc)


def pack_language(code: str | None) -> str:
    """`code` when it has a pack, else the fallback language."""
    return code if code and has_pack(code) else FALLBACK


# --------------------------------------------------------------------------- typed access


def _lookup(code: str, part: str, keys: tuple[str, ...]) -> Any:
    value: Any = pack_part(code, part)
    for depth, key in enumerate(keys):
        if not isinstance(value, dict):
            raise _type_error(code, part, keys[:depth], "a table", value)
        if key not in value:
            return None
        value = value[key]
    return value


def _type_error(code: str, part: str, keys: tuple[str, ...], expected: str, value: Any) -> LanguagePackError:
    where = ".".join(keys) or "(top level)"
    return LanguagePackError(
        f"language pack {code}/{part}.toml: {where} must be {expected}, not {type(value).__name__} {value!r:.60}"
    )


def pack_words(code: str, part: str, *keys: str) -> tuple[str, ...]:
    """A word list of a pack, in order: a string of words separated by white space,
    or an array of strings (for entries that contain a space). Empty when absent."""
    value = _lookup(code, part, keys)
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(value.split())
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    raise _type_error(code, part, keys, "a string of words or an array of strings", value)


def pack_table(code: str, part: str, *keys: str) -> dict[str, Any]:
    """A table of a pack (empty when absent)."""
    value = _lookup(code, part, keys)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _type_error(code, part, keys, "a table", value)
    return value


def pack_number_table(code: str, part: str, *keys: str) -> dict[str, float]:
    """A table of numbers (word -> value) of a pack."""
    table = pack_table(code, part, *keys)
    for key, value in table.items():
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _type_error(code, part, (*keys, key), "a number", value)
    return {key: float(value) for key, value in table.items()}


def pack_text(code: str, part: str, *keys: str) -> str:
    """A string of a pack ('' when absent)."""
    value = _lookup(code, part, keys)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _type_error(code, part, keys, "a string", value)
    return value


def pack_flag(code: str, part: str, *keys: str) -> bool:
    """A true/false setting of a pack (false when absent)."""
    value = _lookup(code, part, keys)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise _type_error(code, part, keys, "true or false", value)
    return value


def pack_number(code: str, part: str, *keys: str, default: float) -> float:
    """A number setting of a pack (`default` when absent)."""
    value = _lookup(code, part, keys)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _type_error(code, part, keys, "a number", value)
    return float(value)


def pooled_codes() -> tuple[str, ...]:
    """The packs a pooled list is read from: the neutral one, then the languages."""
    return (COMMON, *languages())


@pack_cache
def pooled_list(part: str, *keys: str) -> tuple[str, ...]:
    """A word list joined over every pack in `pooled_codes` order, each entry once: for
    lists whose order matters (the alternatives of a regular expression)."""
    seen: dict[str, None] = {}
    for code in pooled_codes():
        for word in pack_words(code, part, *keys):
            seen.setdefault(word, None)
    return tuple(seen)


def pooled_alternation(part: str, *keys: str) -> str:
    """A pooled list of regular-expression fragments as the body of an alternation."""
    return "|".join(pooled_list(part, *keys))


def pooled_escaped(part: str, *keys: str) -> str:
    """A pooled word list, escaped, as the body of a regular-expression alternation."""
    return "|".join(re.escape(word) for word in pooled_list(part, *keys))


@pack_cache
def pooled_words(part: str, *keys: str) -> frozenset[str]:
    """A word list joined over every pack: for lists that apply to any document."""
    return frozenset(word for code in pooled_codes() for word in pack_words(code, part, *keys))


@pack_cache
def pooled_table(part: str, *keys: str) -> dict[str, Any]:
    """A table joined over every pack (the first pack in `pooled_codes` order that has
    a key gives its value)."""
    pooled: dict[str, Any] = {}
    for code in pooled_codes():
        for key, value in pack_table(code, part, *keys).items():
            pooled.setdefault(key, value)
    return pooled


@pack_cache
def pooled_number_table(part: str, *keys: str) -> dict[str, float]:
    """`pooled_table` of a table of numbers."""
    pooled: dict[str, float] = {}
    for code in pooled_codes():
        for key, value in pack_number_table(code, part, *keys).items():
            pooled.setdefault(key, value)
    return pooled
