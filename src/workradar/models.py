"""Data types shared by every pipeline stage: the ingested `Document` and the
`workradar.card/1` signal card.

Field names are part of the public interface (exports, API, tests); see
docs/architecture.md. Every card item carries `evidence`: exact quotes with offsets into
the document's clean text, so `document.text[e.start:e.end] == e.quote`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

CARD_SCHEMA = "workradar.card/1"

DocumentType = Literal["news", "blog", "report", "paper", "policy", "interview", "other"]
Horizon = Literal["now", "near", "far"]
Stance = Literal["job_loss", "job_gain", "job_change", "adoption", "productivity", "wages", "skills", "other"]
Effect = Literal["displaced", "augmented", "created", "changed", "unclear"]
Stakeholder = Literal[
    "workers",
    "employers",
    "unions",
    "government",
    "education",
    "platforms",
    "civil_society",
    "ai_developers",
]
DocumentStatus = Literal["pending", "analyzed", "failed", "duplicate"]

DOCUMENT_TYPES: tuple[DocumentType, ...] = get_args(DocumentType)
STANCES: tuple[Stance, ...] = get_args(Stance)
EFFECTS: tuple[Effect, ...] = get_args(Effect)
STAKEHOLDERS: tuple[Stakeholder, ...] = get_args(Stakeholder)
HORIZONS: tuple[Horizon, ...] = get_args(Horizon)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


def content_hash(text: str) -> str:
    """SHA-256 of the whitespace-normalised text: the document identity used for
    exact de-duplication and as the analysis cache key."""
    normalised = " ".join(text.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


class Document(_Model):
    """One ingested source document, ready for analysis."""

    id: str = Field(description="Stable id: the first 16 hex digits of the content hash.")
    source: str = Field(description="Where it came from: a file path or the URL as given.")
    url: str | None = Field(default=None, description="Canonical URL, when the source is on the web.")
    title: str = ""
    author: str | None = None
    published: date | None = None
    language: str | None = Field(default=None, description="ISO 639-1 code, None when unknown.")
    collection: str | None = Field(
        default=None, description="The link page, feed or batch the document came from."
    )
    format: str = Field(default="txt", description="txt | md | html | pdf | docx | feed-entry")
    text: str = Field(default="", description="Clean main text; evidence offsets point into it.")
    raw: str | None = Field(default=None, description="Raw text/markup before extraction.")
    content_hash: str = ""
    fetched_at: datetime | None = None
    meta: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _fill_hash(self) -> Document:
        if not self.content_hash:
            self.content_hash = content_hash(self.text)
        return self

    @classmethod
    def from_text(cls, text: str, *, source: str = "-", **fields: Any) -> Document:
        digest = content_hash(text)
        return cls(id=digest[:16], source=source, text=text, content_hash=digest, **fields)


class Evidence(_Model):
    """An exact quote from the document's clean text: text[start:end] == quote."""

    quote: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Evidence:
        if self.end < self.start:
            raise ValueError(f"evidence end {self.end} < start {self.start}")
        return self

    @classmethod
    def at(cls, text: str, start: int, end: int) -> Evidence:
        """Evidence for text[start:end]; the only constructor analyzers should need."""
        return cls(quote=text[start:end], start=start, end=end)

    def grounded_in(self, text: str) -> bool:
        return text[self.start : self.end] == self.quote


def unique_evidence(evidence: Iterable[Evidence]) -> list[Evidence]:
    """Evidence without repeated spans, first occurrence first."""
    seen: set[tuple[int, int]] = set()
    out: list[Evidence] = []
    for e in evidence:
        if (e.start, e.end) not in seen:
            seen.add((e.start, e.end))
            out.append(e)
    return out


class Item(_Model):
    """A concern, behavior, technology or issue."""

    name: str
    description: str = ""
    relevancy: int = Field(default=0, ge=0, le=5)
    evidence: list[Evidence] = Field(default_factory=list)


LibraryField = Literal["change", "ten_year", "driving_force"]
LIBRARY_FIELDS: tuple[LibraryField, ...] = get_args(LibraryField)


class PhenomenonRef(_Model):
    """The library phenomenon a signal matches."""

    id: str
    name: str
    score: float = Field(default=0.0, ge=0, le=1, description="The matcher's probability that the signal is evidence of it.")


class Phenomenon(_Model):
    """An entry of the phenomena library: a named change in the world of work."""

    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    name: str
    description: str
    change_from: str = ""
    change_to: str = ""
    ten_year: str = ""
    driving_forces: list[str] = Field(default_factory=list)
    themes: list[str] = Field(default_factory=list)
    stakeholders: list[Stakeholder] = Field(default_factory=list)
    isco: list[str] = Field(default_factory=list)
    prototypes: dict[str, list[str]] = Field(description="Language code -> short phrasings used for matching.")

    @property
    def change(self) -> str:
        """The change as one phrase: "from → to" (or whichever side is given)."""
        if self.change_from and self.change_to:
            return f"{self.change_from} → {self.change_to}"
        return self.change_to or self.change_from

    @field_validator("isco")
    @classmethod
    def _isco_codes(cls, codes: list[str]) -> list[str]:
        for code in codes:
            check_isco(code)
        return codes


class Signal(_Model):
    """A statement of change."""

    name: str
    description: str = ""
    change: str = ""
    ten_year: str = Field(default="", description="The document's own 10-year outlook; empty if none.")
    driving_force: str = ""
    relevancy: int = Field(default=0, ge=0, le=5)
    horizon: Horizon = "near"
    evidence: list[Evidence] = Field(default_factory=list)
    phenomenon: PhenomenonRef | None = Field(default=None, description="The library phenomenon it matches.")
    library_fields: list[LibraryField] = Field(
        default_factory=list,
        description="Fields filled from the matched phenomenon because the document gives none.",
    )


class Claim(_Model):
    """A quantitative statement."""

    text: str
    value: float | None = None
    unit: str = ""
    subject: str = ""
    period: str = ""
    source: str = Field(default="", description="Organisation the text attributes the figure to.")
    stance: Stance = "other"
    evidence: list[Evidence] = Field(default_factory=list)


def check_isco(value: str) -> str:
    """An ISCO-08 code as given, or ValueError unless it is empty or 1-4 digits (cards and
    gold files both carry such codes and must reject the same ones)."""
    if value and (not value.isdigit() or len(value) > 4):
        raise ValueError(f"ISCO-08 code must be 1-4 digits, got {value!r}")
    return value


class Occupation(_Model):
    mention: str
    isco: str = Field(default="", description="ISCO-08 code at the finest level known (1-4 digits).")
    isco_title: str = ""
    effect: Effect = "unclear"
    evidence: list[Evidence] = Field(default_factory=list)

    @field_validator("isco")
    @classmethod
    def _isco_digits(cls, value: str) -> str:
        return check_isco(value)


class Organization(_Model):
    name: str
    aliases: list[str] = Field(
        default_factory=list, description="Acronyms and other names merged into this one."
    )
    evidence: list[Evidence] = Field(default_factory=list)


class Policy(_Model):
    name: str
    jurisdiction: str = ""
    evidence: list[Evidence] = Field(default_factory=list)


class AnalyzerInfo(_Model):
    backend: str
    version: str
    model: str | None = None
    prompt_version: str | None = None
    grounded: int | None = Field(default=None, description="Items whose evidence was verified.")
    dropped: int | None = Field(default=None, description="Items dropped for unverifiable evidence.")
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    seconds: float | None = None


class Card(_Model):
    """A signal card, schema `workradar.card/1`."""

    schema_: Literal["workradar.card/1"] = Field(default="workradar.card/1", alias="schema")
    id: str
    title: str = ""
    url: str | None = None
    source: str = ""
    collection: str | None = None
    published: date | None = None
    language: str | None = None
    type: DocumentType = "other"
    category: str = ""
    summary: str = ""
    keywords: list[str] = Field(default_factory=list)
    themes: list[str] = Field(default_factory=list)
    signals: list[Signal] = Field(default_factory=list)
    concerns: list[Item] = Field(default_factory=list)
    behaviors: list[Item] = Field(default_factory=list)
    technologies: list[Item] = Field(default_factory=list)
    issues: list[Item] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    occupations: list[Occupation] = Field(default_factory=list)
    organizations: list[Organization] = Field(default_factory=list)
    policies: list[Policy] = Field(default_factory=list)
    stakeholders: list[Stakeholder] = Field(default_factory=list)
    analyzer: AnalyzerInfo
    evidence: list[Evidence] = Field(
        default_factory=list, description="Evidence for the summary (its source sentences)."
    )

    @classmethod
    def for_document(cls, document: Document, analyzer: AnalyzerInfo, **fields: Any) -> Card:
        """A card carrying the document's identity and metadata."""
        base: dict[str, Any] = {
            "id": document.id,
            "title": document.title,
            "url": document.url,
            "source": document.source,
            "collection": document.collection,
            "published": document.published,
            "language": document.language,
        }
        base.update(fields)
        return cls(analyzer=analyzer, **base)

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_json(cls, data: str | bytes) -> Card:
        return cls.model_validate_json(data)

    def all_evidence(self) -> list[tuple[str, Evidence]]:
        """(field name, evidence) for every quote on the card."""
        found: list[tuple[str, Evidence]] = [("summary", e) for e in self.evidence]
        for field in (
            "signals",
            "concerns",
            "behaviors",
            "technologies",
            "issues",
            "claims",
            "occupations",
            "organizations",
            "policies",
        ):
            for item in getattr(self, field):
                found.extend((field, e) for e in item.evidence)
        return found

    def ungrounded(self, text: str) -> list[tuple[str, Evidence]]:
        """Evidence whose quote is not text[start:end]; empty for a grounded card."""
        return [(f, e) for f, e in self.all_evidence() if not e.grounded_in(text)]


def card_json_schema() -> dict[str, Any]:
    """JSON Schema of the card, as `workradar schema` prints it."""
    schema = Card.model_json_schema(by_alias=True)
    schema["$id"] = CARD_SCHEMA
    return schema


# -- trends --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TrendMember:
    """One card item's assignment to a trend; `trend_id` None = clustered into no trend."""

    card_id: str
    item_kind: str
    item_index: int
    trend_id: str | None
    text_key: str  # digest of the embedded item text (the key of its stored vector)
    similarity: float  # cosine to the trend's centroid when the item joined it

    @property
    def item_key(self) -> tuple[str, str, int]:
        """(card id, item kind, item index): the item's identity on its card."""
        return (self.card_id, self.item_kind, self.item_index)


@dataclass(frozen=True, slots=True)
class Trend:
    """Card items (signals, concerns or technologies) of many documents that say
    the same thing, with what synthesis derives from the member documents
    (definitions: docs/synthesis.md).

    One type from the store through synthesis and reviews to the site and the
    exports: `data` holds everything synthesis recorded (per-period counts,
    themes, consensus and emergence detail, member card ids, the central
    item); the properties read the parts that pages and exports show.
    """

    id: str
    kind: str
    label: str
    description: str
    size: int  # member items
    documents: int
    sources: int
    first_seen: date | None
    last_seen: date | None
    emergence: str
    velocity: float
    consensus: str
    period: str  # granularity of the per-period counts
    model: str  # embedding model of the centroid
    centroid: bytes  # float32 mean of the member vectors (not normalised)
    data: dict[str, Any]
    updated_at: datetime

    @property
    def title(self) -> str:
        """What pages call the trend: its label, else its id."""
        return self.label or self.id

    @property
    def cards(self) -> list[str]:
        """Ids of the member documents."""
        return [str(c) for c in self.data.get("cards", [])]

    @property
    def themes(self) -> list[str]:
        """Themes of the member documents, most frequent first."""
        themes = self.data.get("themes", {})
        return [str(t) for t in themes] if isinstance(themes, dict | list) else []

    @property
    def main_theme(self) -> str | None:
        """The theme most member documents carry (ties: alphabetical), if counted."""
        themes = self.data.get("themes")
        if isinstance(themes, dict) and themes:
            return str(min(themes, key=lambda t: (-int(themes[t]), str(t))))
        return None

    @property
    def periods(self) -> dict[str, int]:
        """Member documents per period (key: `2025Q3` and the like)."""
        periods: dict[str, int] = self.data.get("periods", {})
        return periods

    @property
    def agreement(self) -> float:
        """How far the voting sources agree (0 to 1; see docs/synthesis.md)."""
        agreement: float = self.data.get("consensus", {}).get("agreement", 0.0)
        return agreement

    def to_dict(self) -> dict[str, Any]:
        """The trend as JSON (`workradar trends --format json`): the columns,
        then `data` with emergence and consensus detail under their own keys."""
        data = self.data
        return {
            "id": self.id,
            "kind": self.kind,
            "label": self.label,
            "description": self.description,
            "size": self.size,
            "documents": self.documents,
            "sources": self.sources,
            "first_seen": self.first_seen.isoformat() if self.first_seen else None,
            "last_seen": self.last_seen.isoformat() if self.last_seen else None,
            "emergence": self.emergence,
            "velocity": self.velocity,
            "consensus": self.consensus,
            "period": self.period,
            **{k: v for k, v in data.items() if k not in ("params", "emergence", "consensus")},
            "emergence_detail": data.get("emergence", {}),
            "consensus_detail": data.get("consensus", {}),
        }
