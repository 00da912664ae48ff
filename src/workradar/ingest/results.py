"""Small value types shared by the ingest modules."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from workradar.errors import WorkradarError


class IngestError(WorkradarError):
    """A source that cannot be turned into a document; the message is one human line."""


@dataclass(frozen=True)
class IngestFailure:
    """One source (file, URL, feed entry, link) that produced no document, and why."""

    source: str
    error: str
    collection: str | None = None


@dataclass(frozen=True)
class Unchanged:
    """A local file the caller already holds unchanged (same size and
    modification time), so it was not read or extracted again."""

    source: str
    fingerprint: str


def file_fingerprint(size: int, mtime_ns: int) -> str:
    """What identifies a file's version without reading it."""
    return f"{size}-{mtime_ns}"


@dataclass
class ExtractedPage:
    """What an extractor found in one file or response, before it becomes a `Document`."""

    text: str
    title: str = ""
    author: str | None = None
    published: date | None = None
    url: str | None = None
    format: str = "txt"
    raw: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
