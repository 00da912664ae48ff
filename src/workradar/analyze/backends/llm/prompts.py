"""Prompt templates: package files under `workradar/prompts/`, each with a version.

A template file starts with a small front matter block:

    ---
    name: card
    version: card-1
    ---
    body with $placeholders

Placeholders use `string.Template` syntax so that JSON braces in the body
need no escaping, and substitution is strict: a missing value is an error,
never an empty hole in a prompt. Values are inserted verbatim (a `$` inside
a document is not interpreted).

Field guidance lines of the form `- **field**: …` are kept only for the
fields a request asks for, so the hybrid backend's prompt does not describe
the fields it computes itself.

`version` is what cards report (`AnalyzerInfo.prompt_version`); `digest`
(a hash of the body) also goes into the cache key, so an edited template
never serves stale cached answers even if someone forgets to bump the version.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from string import Template

from workradar.errors import WorkradarError

PROMPT_DIR = "prompts"  # data folder inside the workradar package (see package-data)
_FRONT_MATTER = re.compile(r"\A---\n(?P<head>.*?)\n---\n(?P<body>.*)\Z", re.S)
_FIELD_LINE = re.compile(r"^- \*\*(?P<field>\w+)\*\*")


class PromptError(WorkradarError, ValueError):
    """A template file is missing, malformed or lacks a value."""


@dataclass(frozen=True)
class Prompt:
    name: str
    version: str
    body: str

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.body.encode("utf-8")).hexdigest()[:12]

    def render(self, fields: frozenset[str] | None = None, /, **values: object) -> str:
        """The body with `values` substituted; `- **field**` guidance lines
        kept only for `fields` (all when None)."""
        body = self.body
        if fields is not None:
            kept = []
            for line in body.splitlines(keepends=True):
                match = _FIELD_LINE.match(line)
                if match is None or match.group("field") in fields:
                    kept.append(line)
            body = "".join(kept)
        try:
            return Template(body).substitute({k: str(v) for k, v in values.items()}).strip() + "\n"
        except (KeyError, ValueError) as exc:
            raise PromptError(f"prompt {self.name!r}: missing or bad placeholder {exc}") from exc


@cache
def load_prompt(name: str) -> Prompt:
    """The template `workradar/prompts/<name>.md`."""
    resource = files("workradar").joinpath(PROMPT_DIR, f"{name}.md")
    try:
        raw = resource.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise PromptError(f"no prompt template {name!r} in workradar/{PROMPT_DIR}") from exc
    match = _FRONT_MATTER.match(raw)
    if match is None:
        raise PromptError(f"prompt {name!r} lacks its '---' front matter")
    head: dict[str, str] = {}
    for line in match.group("head").splitlines():
        key, sep, value = line.partition(":")
        if sep:
            head[key.strip()] = value.strip()
    version = head.get("version")
    if not version:
        raise PromptError(f"prompt {name!r} has no version in its front matter")
    return Prompt(name=head.get("name", name), version=version, body=match.group("body"))


def prompt_fingerprint(*names: str) -> str:
    """Versions and body digests of the named templates: one cache-key part."""
    return ";".join(f"{p.version}#{p.digest}" for p in (load_prompt(n) for n in names))
