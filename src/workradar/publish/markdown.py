"""A card as Markdown, in the inspiring system's layout: title line with the
collection, external link, Keywords, Themes, Other, Summary, the Signals
table, Concerns / Behaviors / Technologies / Issues tables — then workradar's
own sections (Claims, Occupations, Policies, Organisations, Evidence)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from workradar.models import Card


def _cell(value: object) -> str:
    # Table cells must stay on one line and must not break the table.
    text = " ".join(str(value).split())
    return text.replace("|", "\\|")


def _table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines.extend("| " + " | ".join(_cell(v) for v in row) + " |" for row in rows)
    return lines


def card_to_markdown(card: Card) -> str:
    out: list[str] = []
    title = card.title or "(untitled)"
    out.append(f"# {title}" + (f", (from page {card.collection}.)" if card.collection else ""))
    out.append("")
    if card.url:
        out += [f"[External link]({card.url})", ""]
    elif card.source:
        out += [f"Source: `{card.source}`", ""]
    out += ["## Keywords", "", ", ".join(card.keywords) or "—", ""]
    out += ["## Themes", "", ", ".join(card.themes) or "—", ""]
    other = [f"category: {card.category or '—'}", f"type: {card.type}"]
    if card.language:
        other.append(f"language: {card.language}")
    if card.published:
        other.append(f"published: {card.published.isoformat()}")
    if card.stakeholders:
        other.append("stakeholders: " + ", ".join(card.stakeholders))
    out += ["## Other", "", " · ".join(other), ""]
    out += ["## Summary", "", card.summary or "—", ""]

    out += ["## Signals", ""]
    if card.signals:
        out += _table(
            ["name", "description", "change", "10-year", "driving-force", "relevancy"],
            (
                [s.name, s.description, s.change, s.ten_year, s.driving_force, s.relevancy]
                for s in card.signals
            ),
        )
    else:
        out.append("—")
    out.append("")
    for heading, items in (
        ("Concerns", card.concerns),
        ("Behaviors", card.behaviors),
        ("Technologies", card.technologies),
        ("Issues", card.issues),
    ):
        out += [f"## {heading}", ""]
        out += _table(["name", "description"], ([i.name, i.description] for i in items)) if items else ["—"]
        out.append("")

    out += ["## Claims", ""]
    if card.claims:
        out += _table(
            ["claim", "value", "unit", "subject", "period", "source", "stance"],
            (
                [
                    c.text,
                    "" if c.value is None else f"{c.value:g}",
                    c.unit,
                    c.subject,
                    c.period,
                    c.source,
                    c.stance,
                ]
                for c in card.claims
            ),
        )
    else:
        out.append("—")
    out.append("")
    out += ["## Occupations", ""]
    if card.occupations:
        out += _table(
            ["mention", "ISCO-08", "title", "effect"],
            ([o.mention, o.isco, o.isco_title, o.effect] for o in card.occupations),
        )
    else:
        out.append("—")
    out.append("")
    out += ["## Policies", ""]
    out += (
        _table(["name", "jurisdiction"], ([p.name, p.jurisdiction] for p in card.policies))
        if card.policies
        else ["—"]
    )
    out.append("")
    out += ["## Organisations", ""]
    out += (
        [", ".join(o.name + (f" ({', '.join(o.aliases)})" if o.aliases else "") for o in card.organizations)]
        if card.organizations
        else ["—"]
    )
    out.append("")

    evidence = card.all_evidence()
    out += ["## Evidence", ""]
    if evidence:
        out += _table(
            ["field", "offsets", "quote"], ([f, f"{e.start}–{e.end}", e.quote] for f, e in evidence)
        )
    else:
        out.append("—")
    a = card.analyzer
    out += ["", f"_analyzer: {a.backend} {a.version}" + (f" · model {a.model}" if a.model else "") + "_", ""]
    return "\n".join(out)
