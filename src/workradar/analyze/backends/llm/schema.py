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


def _text(n: int | None) -> Any:
    """A string field, at most `n` characters when `n` is set."""
    return Field(max_length=n) if n else Field()


def _quote_list(lim: Limits) -> Any:
    # A quote list is a list of plain strings: nesting objects only costs tokens.
    return list[Annotated[str, _text(lim.quote_chars)]]


def _relevancy() -> Any:
    return Field(ge=0, le=5)


def _item_model(lim: Limits) -> type[BaseModel]:
    """A concern, behavior, technology or issue."""
    return create_model(
        "ResponseItem",
        __base__=_Strict,
        name=(str, _text(lim.name_chars)),
        description=(str, _text(lim.text_chars)),
        relevancy=(int, _relevancy()),
        quotes=(_quote_list(lim), Field(max_length=lim.max_quotes)),
    )


def _signal_model(lim: Limits) -> type[BaseModel]:
    return create_model(
        "ResponseSignal",
        __base__=_Strict,
        name=(str, _text(lim.name_chars)),
        description=(str, _text(lim.text_chars)),
        change=(str, _text(lim.text_chars)),
        ten_year=(str, _text(lim.text_chars)),
        driving_force=(str, _text(lim.text_chars)),
        relevancy=(int, _relevancy()),
        horizon=(_literal(HORIZONS), ...),
        quotes=(_quote_list(lim), Field(max_length=lim.max_quotes)),
    )


def _claim_model(lim: Limits) -> type[BaseModel]:
    return create_model(
        "ResponseClaim",
        __base__=_Strict,
        text=(str, _text(lim.text_chars)),
        value=(float | None, ...),
        unit=(str, _text(40)),
        subject=(str, _text(lim.name_chars)),
        period=(str, _text(40)),
        source=(str, _text(lim.name_chars)),
        stance=(_literal(STANCES), ...),
        quote=(str, _text(lim.quote_chars)),
    )


def _occupation_model(lim: Limits) -> type[BaseModel]:
    return create_model(
        "ResponseOccupation",
        __base__=_Strict,
        mention=(str, _text(lim.name_chars)),
        isco=(str, Field(max_length=4, pattern=r"^[0-9]{0,4}$")),
        effect=(_literal(EFFECTS), ...),
        quote=(str, _text(lim.quote_chars)),
    )


def _organization_model(lim: Limits) -> type[BaseModel]:
    return create_model(
        "ResponseOrganization",
        __base__=_Strict,
        name=(str, _text(lim.name_chars)),
        quote=(str, _text(lim.quote_chars)),
    )


def _policy_model(lim: Limits) -> type[BaseModel]:
    return create_model(
        "ResponsePolicy",
        __base__=_Strict,
        name=(str, _text(lim.name_chars)),
        jurisdiction=(str, _text(60)),
        quote=(str, _text(lim.quote_chars)),
    )


def _document_specs(themes: tuple[str, ...], lim: Limits, max_keywords: int) -> dict[str, Any]:
    """(type, field) of the fields about the document as a whole."""
    theme_type: Any = _literal(themes) if themes else str
    return {
        "title": (str, _text(lim.name_chars and lim.name_chars * 2)),
        "summary": (str, _text(lim.summary_chars)),
        "type": (_literal(DOCUMENT_TYPES), ...),
        "category": (str, _text(60)),
        "keywords": (list[Annotated[str, _text(lim.name_chars)]], Field(max_length=max_keywords)),
        "themes": (list[theme_type], Field(max_length=3)),
    }


def _list_of(model: Any, n: int) -> Any:
    """(type, field) of a list of `model`, at most `n` long."""
    return (list[model], Field(max_length=n))


def _list_specs(lim: Limits) -> dict[str, Any]:
    """(type, field) of the card's item lists."""
    spec: dict[str, Any] = {
        "signals": _list_of(_signal_model(lim), lim.max_items),
        "claims": _list_of(_claim_model(lim), lim.max_items),
        "occupations": _list_of(_occupation_model(lim), lim.max_items),
        "organizations": _list_of(_organization_model(lim), lim.max_items),
        "policies": _list_of(_policy_model(lim), lim.max_items),
        "stakeholders": _list_of(_literal(STAKEHOLDERS), len(STAKEHOLDERS)),
    }
    item = _item_model(lim)
    for name in ITEM_FIELDS:
        spec[name] = _list_of(item, lim.max_items)
    return spec


@lru_cache(maxsize=32)
def build_response_model(
    fields: tuple[str, ...], themes: tuple[str, ...], limits: Limits = Limits()
) -> type[BaseModel]:
    """The response model for a card request asking for `fields`."""
    unknown = set(fields) - set(ALL_FIELDS)
    if unknown:
        raise ValueError(f"unknown response fields: {sorted(unknown)}")
    spec = _document_specs(themes, limits, limits.max_keywords or limits.max_items) | _list_specs(limits)
    chosen: dict[str, Any] = {}
    for name in ALL_FIELDS:
        if name not in fields:
            continue
        chosen[name] = spec[name]
        if name == "summary":
            chosen["summary_quotes"] = (_quote_list(limits), Field(max_length=3))
    return create_model("CardResponse", __base__=_Strict, **chosen)


@lru_cache(maxsize=8)
def build_reduce_model(themes: tuple[str, ...], limits: Limits = Limits()) -> type[BaseModel]:
    """The response model of the request merging a chunked document's parts."""
    return create_model(
        "DocumentResponse", __base__=_Strict, **_document_specs(themes, limits, limits.max_keywords)
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
