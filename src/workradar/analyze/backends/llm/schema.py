"""Response models: what the model is asked to return, as pydantic models.

They mirror the card's items, with `quotes` (strings copied from the
document) where the card has `evidence` (offsets): a model cannot count
characters, so offsets are found afterwards by grounding (`grounding.py`).

The JSON schema sent to the server is derived from these models. They are
built per request shape (`build_response_model`): the set of card fields
asked for (the hybrid backend asks only for the abstractive ones), the theme
names of the configured taxonomy (an enum), and size limits. Every field is
required and extra keys are forbidden, as strict structured-output modes
require; `maxItems` (and optional `maxLength`, see `Limits`) bound the answer
(servers that compile the schema into a grammar enforce them while sampling).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from workradar.models import DOCUMENT_TYPES, EFFECTS, HORIZONS, STAKEHOLDERS, STANCES

SCHEMA_VERSION = "llm-card/1"
"""Bumped by hand when the meaning of a response field changes; the cache key
also carries a digest of the generated schema itself."""

ABSTRACTIVE_FIELDS: tuple[str, ...] = (
    "title", "summary", "type", "category", "keywords", "themes",
    "signals", "concerns", "behaviors", "technologies", "issues",
)  # fmt: skip
DETERMINISTIC_FIELDS: tuple[str, ...] = ("claims", "occupations", "organizations", "policies", "stakeholders")
ALL_FIELDS: tuple[str, ...] = ABSTRACTIVE_FIELDS + DETERMINISTIC_FIELDS
ITEM_FIELDS: tuple[str, ...] = ("concerns", "behaviors", "technologies", "issues")
DOCUMENT_FIELDS: tuple[str, ...] = ("title", "summary", "type", "category", "keywords", "themes")


@dataclass(frozen=True)
class Limits:
    """Size bounds written into the schema.

    String lengths are unbounded by default: llama.cpp compiles `maxLength: n`
    into n nested optional characters, and at a few hundred its grammar
    parser fails and llama-cpp-python's server dies (measured: 1500 for the
    summary crashed it; 120 works). `max_tokens` bounds the answer instead,
    and an answer cut off there is retried with the advice to write less.
    Small string limits are useful with small models (the tests set them).
    """

    max_items: int = 8
    max_quotes: int = 2
    max_keywords: int = 10
    name_chars: int | None = None
    text_chars: int | None = None
    summary_chars: int | None = None
    quote_chars: int | None = None


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _literal(values: tuple[str, ...]) -> Any:
    return Literal[values]


@lru_cache(maxsize=32)
def build_response_model(
    fields: tuple[str, ...], themes: tuple[str, ...], limits: Limits = Limits()
) -> type[BaseModel]:
    """The response model for a card request asking for `fields`."""
    unknown = set(fields) - set(ALL_FIELDS)
    if unknown:
        raise ValueError(f"unknown response fields: {sorted(unknown)}")
    lim = limits

    def text(n: int | None) -> Any:
        return Field(max_length=n) if n else Field()

    def quotes() -> Any:
        return Field(max_length=lim.max_quotes)

    def items(n: int | None = None) -> Any:
        return Field(max_length=n or lim.max_items)

    quote_str = text(lim.quote_chars)
    relevancy = Field(ge=0, le=5)
    # A quote list is a list of plain strings: nesting objects only costs tokens.
    quote_list: Any = list[Annotated[str, text(lim.quote_chars)]]

    item = create_model(
        "ResponseItem",
        __base__=_Strict,
        name=(str, text(lim.name_chars)),
        description=(str, text(lim.text_chars)),
        relevancy=(int, relevancy),
        quotes=(quote_list, quotes()),
    )
    signal = create_model(
        "ResponseSignal",
        __base__=_Strict,
        name=(str, text(lim.name_chars)),
        description=(str, text(lim.text_chars)),
        change=(str, text(lim.text_chars)),
        ten_year=(str, text(lim.text_chars)),
        driving_force=(str, text(lim.text_chars)),
        relevancy=(int, relevancy),
        horizon=(_literal(HORIZONS), ...),
        quotes=(quote_list, quotes()),
    )
    claim = create_model(
        "ResponseClaim",
        __base__=_Strict,
        text=(str, text(lim.text_chars)),
        value=(float | None, ...),
        unit=(str, text(40)),
        subject=(str, text(lim.name_chars)),
        period=(str, text(40)),
        source=(str, text(lim.name_chars)),
        stance=(_literal(STANCES), ...),
        quote=(str, quote_str),
    )
    occupation = create_model(
        "ResponseOccupation",
        __base__=_Strict,
        mention=(str, text(lim.name_chars)),
        isco=(str, Field(max_length=4, pattern=r"^[0-9]{0,4}$")),
        effect=(_literal(EFFECTS), ...),
        quote=(str, quote_str),
    )
    organization = create_model(
        "ResponseOrganization", __base__=_Strict, name=(str, text(lim.name_chars)), quote=(str, quote_str)
    )
    policy = create_model(
        "ResponsePolicy",
        __base__=_Strict,
        name=(str, text(lim.name_chars)),
        jurisdiction=(str, text(60)),
        quote=(str, quote_str),
    )
    theme_type: Any = _literal(themes) if themes else str
    spec: dict[str, Any] = {
        "title": (str, text(lim.name_chars and lim.name_chars * 2)),
        "summary": (str, text(lim.summary_chars)),
        "type": (_literal(DOCUMENT_TYPES), ...),
        "category": (str, text(60)),
        "keywords": (list[Annotated[str, text(lim.name_chars)]], items(lim.max_keywords)),
        "themes": (list[theme_type], Field(max_length=3)),
        "signals": (list[signal], items()),
        "claims": (list[claim], items()),
        "occupations": (list[occupation], items()),
        "organizations": (list[organization], items()),
        "policies": (list[policy], items()),
        "stakeholders": (list[_literal(STAKEHOLDERS)], Field(max_length=len(STAKEHOLDERS))),  # type: ignore[misc]
    }
    for name in ITEM_FIELDS:
        spec[name] = (list[item], items())
    chosen: dict[str, Any] = {}
    for name in ALL_FIELDS:
        if name not in fields:
            continue
        chosen[name] = spec[name]
        if name == "summary":
            chosen["summary_quotes"] = (quote_list, Field(max_length=3))
    return create_model("CardResponse", __base__=_Strict, **chosen)


@lru_cache(maxsize=8)
def build_reduce_model(themes: tuple[str, ...], limits: Limits = Limits()) -> type[BaseModel]:
    """The response model of the request merging a chunked document's parts."""
    theme_type: Any = _literal(themes) if themes else str
    return create_model(
        "DocumentResponse",
        __base__=_Strict,
        title=(str, Field(max_length=limits.name_chars * 2) if limits.name_chars else Field()),
        summary=(str, Field(max_length=limits.summary_chars) if limits.summary_chars else Field()),
        type=(_literal(DOCUMENT_TYPES), ...),
        category=(str, Field(max_length=60)),
        keywords=(
            list[Annotated[str, Field(max_length=limits.name_chars) if limits.name_chars else Field()]],
            Field(max_length=limits.max_keywords),
        ),
        themes=(list[theme_type], Field(max_length=3)),
    )


def response_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The JSON schema sent to the server for `model`, without pydantic's
    decorative `title` annotations (they cost prompt tokens and say nothing)."""
    stripped: dict[str, Any] = _strip_titles(model.model_json_schema())
    return stripped


def _strip_titles(node: Any, *, property_map: bool = False) -> Any:
    if isinstance(node, list):
        return [_strip_titles(v) for v in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if property_map:
            # Keys here are field names (a field may well be called "title").
            out[key] = _strip_titles(value)
        elif key == "title" and isinstance(value, str):
            continue
        else:
            out[key] = _strip_titles(value, property_map=key in ("properties", "$defs"))
    return out


def schema_digest(model: type[BaseModel]) -> str:
    """SCHEMA_VERSION plus a digest of the generated schema (a cache-key part)."""
    raw = json.dumps(response_schema(model), sort_keys=True, ensure_ascii=False)
    return f"{SCHEMA_VERSION}#{hashlib.sha256(raw.encode('utf-8')).hexdigest()[:12]}"
