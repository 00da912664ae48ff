"""A card as Markdown, in the inspiring system's layout: title line with the
collection, external link, Keywords, Themes, Other, Summary, the Signals
table, Concerns / Behaviors / Technologies / Issues tables — then workradar's
own sections (Claims, Occupations, Policies, Organisations, Evidence).

Headings and field names come from the card language's label table
(`publish/labels.py`), or from `language` when a caller asks for another;
names, descriptions and quotes stay as written. An empty foresight field of a
signal (change, 10-year, driving force) reads "not stated in the text" in
that language rather than staying blank; one filled from the phenomena library
carries the library mark, and the signal's phenomenon has its own column."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from workradar.models import Card
from workradar.publish.labels import Labels, card_labels

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


def card_to_markdown(card: Card, language: str | None = None) -> str:
    """The card as Markdown, labelled in `language` (default: the card's language)."""
    labels = card_labels(language or card.language)
    out = _title(card, labels)
    out += _document_sections(card, labels)
    out += _item_sections(card, labels)
    out += _entity_sections(card, labels)
    out += _table_section(
        labels.evidence,
        [labels.field, labels.offsets, labels.quote],
        card.all_evidence(),
        lambda fe: [fe[0], f"{fe[1].start}–{fe[1].end}", fe[1].quote],
    )
    a = card.analyzer
    out += [
        f"_{labels.analyzer}: {a.backend} {a.version}" + (f" · model {a.model}" if a.model else "") + "_",
        "",
    ]
    return "\n".join(out)


def _document_sections(card: Card, labels: Labels) -> list[str]:
    """Keywords, Themes, Other and Summary."""
    out = _section(labels.keywords, _text(", ".join(card.keywords)))
    out += _section(labels.themes, _text(", ".join(card.themes)))
    out += _section(labels.other, [" · ".join(_other(card, labels))])
    out += _section(labels.summary, _text(card.summary))
    return out


def _item_sections(card: Card, labels: Labels) -> list[str]:
    """The Signals table, then the Concerns, Behaviors, Technologies and Issues tables."""
    out = _table_section(
        labels.signals,
        [
            labels.name,
            labels.description,
            labels.change,
            labels.ten_year,
            labels.driving_force,
            labels.relevancy,
            labels.phenomenon,
        ],
        card.signals,
        lambda s: [
            s.name,
            s.description,
            labels.signal_field(s, "change"),
            labels.signal_field(s, "ten_year"),
            labels.signal_field(s, "driving_force"),
            s.relevancy,
            labels.phenomenon_of(s),
        ],
    )
    for heading, items in (
        (labels.concerns, card.concerns),
        (labels.behaviors, card.behaviors),
        (labels.technologies, card.technologies),
        (labels.issues, card.issues),
    ):
        out += _table_section(
            heading, [labels.name, labels.description], items, lambda i: [i.name, i.description]
        )
    return out


def _entity_sections(card: Card, labels: Labels) -> list[str]:
    """Claims, Occupations, Policies and Organisations."""
    out = _table_section(
        labels.claims,
        [
            labels.claim,
            labels.value,
            labels.unit,
            labels.subject,
            labels.period,
            labels.source_col,
            labels.stance,
        ],
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
        labels.occupations,
        [labels.mention, labels.isco, labels.title, labels.effect],
        card.occupations,
        lambda o: [o.mention, o.isco, o.isco_title, o.effect],
    )
    out += _table_section(
        labels.policies, [labels.name, labels.jurisdiction], card.policies, lambda p: [p.name, p.jurisdiction]
    )
    out += _section(labels.organisations, [_organisations(card)] if card.organizations else [])
    return out


def _title(card: Card, labels: Labels) -> list[str]:
    """The title line (with the link page it came from) and the link to the original."""
    title = card.title or labels.untitled
    out = [f"# {title}" + (f", ({labels.from_page} {card.collection}.)" if card.collection else ""), ""]
    if card.url:
        out += [f"[{labels.external_link}]({card.url})", ""]
    elif card.source:
        out += [f"{labels.source}: `{card.source}`", ""]
    return out


def _other(card: Card, labels: Labels) -> list[str]:
    other = [f"{labels.category}: {card.category or '—'}", f"{labels.type}: {card.type}"]
    if card.language:
        other.append(f"{labels.language}: {card.language}")
    if card.published:
        other.append(f"{labels.published}: {card.published.isoformat()}")
    if card.stakeholders:
        other.append(f"{labels.stakeholders}: " + ", ".join(card.stakeholders))
    return other


def _organisations(card: Card) -> str:
    return ", ".join(o.name + (f" ({', '.join(o.aliases)})" if o.aliases else "") for o in card.organizations)
