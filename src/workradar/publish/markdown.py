"""A card as Markdown, in the inspiring system's layout: title line with the
collection, external link, Keywords, Themes, Other, Summary, the Signals
table, Concerns / Behaviors / Technologies / Issues tables — then workradar's
own sections (Claims, Occupations, Policies, Organisations, Evidence)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from workradar.models import Card

_T = TypeVar("_T")


def _cell(value: object) -> str:
    # Table cells must stay on one line and must not break the table.
    text = " ".join(str(value).split())
    return text.replace("|", "\\|")


def _table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines.extend("| " + " | ".join(_cell(v) for v in row) + " |" for row in rows)
    return lines


def _section(heading: str, body: list[str]) -> list[str]:
    """A `## heading` section; a dash when `body` is empty."""
    return [f"## {heading}", "", *(body or ["—"]), ""]


def _text(text: str) -> list[str]:
    return [text] if text else []


def _table_section(
    heading: str, header: Sequence[str], items: Sequence[_T], row: Callable[[_T], Sequence[object]]
) -> list[str]:
    """A section with one table row per item, or a dash when there are none."""
    return _section(heading, _table(header, (row(i) for i in items)) if items else [])


def card_to_markdown(card: Card) -> str:
    out = _title(card)
    out += _document_sections(card)
    out += _item_sections(card)
    out += _entity_sections(card)
    out += _table_section(
        "Evidence",
        ["field", "offsets", "quote"],
        card.all_evidence(),
        lambda fe: [fe[0], f"{fe[1].start}–{fe[1].end}", fe[1].quote],
    )
    a = card.analyzer
    out += [f"_analyzer: {a.backend} {a.version}" + (f" · model {a.model}" if a.model else "") + "_", ""]
    return "\n".join(out)


def _document_sections(card: Card) -> list[str]:
    """Keywords, Themes, Other and Summary."""
    out = _section("Keywords", _text(", ".join(card.keywords)))
    out += _section("Themes", _text(", ".join(card.themes)))
    out += _section("Other", [" · ".join(_other(card))])
    out += _section("Summary", _text(card.summary))
    return out


def _item_sections(card: Card) -> list[str]:
    """The Signals table, then the Concerns, Behaviors, Technologies and Issues tables."""
    out = _table_section(
        "Signals",
        ["name", "description", "change", "10-year", "driving-force", "relevancy"],
        card.signals,
        lambda s: [s.name, s.description, s.change, s.ten_year, s.driving_force, s.relevancy],
    )
    for heading, items in (
        ("Concerns", card.concerns),
        ("Behaviors", card.behaviors),
        ("Technologies", card.technologies),
        ("Issues", card.issues),
    ):
        out += _table_section(heading, ["name", "description"], items, lambda i: [i.name, i.description])
    return out


def _entity_sections(card: Card) -> list[str]:
    """Claims, Occupations, Policies and Organisations."""
    out = _table_section(
        "Claims",
        ["claim", "value", "unit", "subject", "period", "source", "stance"],
        card.claims,
        lambda c: [
            c.text,
            "" if c.value is None else f"{c.value:g}",
            c.unit,
            c.subject,
            c.period,
            c.source,
            c.stance,
        ],
    )
    out += _table_section(
        "Occupations",
        ["mention", "ISCO-08", "title", "effect"],
        card.occupations,
        lambda o: [o.mention, o.isco, o.isco_title, o.effect],
    )
    out += _table_section(
        "Policies", ["name", "jurisdiction"], card.policies, lambda p: [p.name, p.jurisdiction]
    )
    out += _section("Organisations", [_organisations(card)] if card.organizations else [])
    return out


def _title(card: Card) -> list[str]:
    """The title line (with the link page it came from) and the link to the original."""
    title = card.title or "(untitled)"
    out = [f"# {title}" + (f", (from page {card.collection}.)" if card.collection else ""), ""]
    if card.url:
        out += [f"[External link]({card.url})", ""]
    elif card.source:
        out += [f"Source: `{card.source}`", ""]
    return out


def _other(card: Card) -> list[str]:
    other = [f"category: {card.category or '—'}", f"type: {card.type}"]
    if card.language:
        other.append(f"language: {card.language}")
    if card.published:
        other.append(f"published: {card.published.isoformat()}")
    if card.stakeholders:
        other.append("stakeholders: " + ", ".join(card.stakeholders))
    return other


def _organisations(card: Card) -> str:
    return ", ".join(o.name + (f" ({', '.join(o.aliases)})" if o.aliases else "") for o in card.organizations)
